"""Words the diagnostic's pages build from values, in the reader's language."""

from collections.abc import Sequence

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# A firm's size class as the firms of that size, for sentences such as "ahead of 60% of micro firms".
SIZE_FIRMS: dict[str, Promise] = {
    "micro": _("micro firms"),
    "small": _("small firms"),
    "medium": _("medium firms"),
    "large": _("large firms"),
}


def size_firms(size_class: str) -> str:
    return str(SIZE_FIRMS[size_class])


def versions_text(versions: Sequence[str]) -> str:
    """The instrument versions of several rounds, e.g. "1 and 2"."""
    conjunction = gettext("and")
    return f" {conjunction} ".join(versions)
