"""Words for people, in their language: how the pure layers mark text for translation.

The pure layers (domain, vc, linking) import no Django, yet they word reasons, recommendations and headings
people read. They mark that text with these functions, the one door to Django's gettext: the import
contracts let this module, and only it, through. Outside a configured Django (a benchmark, a script) the
text stays English.
"""

from collections.abc import Callable, Iterator, Mapping
from typing import TypeVar

from django.conf import settings
from django.utils import translation
from django.utils.functional import lazy


def gettext(message: str) -> str:
    return translation.gettext(message) if settings.configured else message


def ngettext(singular: str, plural: str, number: int) -> str:
    if settings.configured:
        return translation.ngettext(singular, plural, number)
    return singular if number == 1 else plural


def pgettext(context: str, message: str) -> str:
    return translation.pgettext(context, message) if settings.configured else message


def gettext_noop(message: str) -> str:
    """Marks a word for the catalogues where it is defined; `Translated` or `gettext` translates it when read."""
    return message


gettext_lazy = lazy(gettext, str)


def lazy_text(words: Callable[[], str]) -> str:
    """Text worded each time it is read, in the language active then: for an entry of a table built at import
    (form choices) that joins translated words with other text ("3 independent")."""
    return lazy(words, str)()


def language() -> str:
    """The active language's code (Django's, e.g. "it"); "en" outside a configured Django or when none is."""
    return (translation.get_language() or "en") if settings.configured else "en"


K = TypeVar("K")


class Translated(Mapping[K, str]):
    """Names kept in English (marked with gettext_noop) and read in the active language: a module-level table
    that every lookup translates at the time of use, as plain `str` (safe in JSON and API schemas)."""

    def __init__(self, words: Mapping[K, str]) -> None:
        self._words = dict(words)

    def __getitem__(self, key: K) -> str:
        return gettext(self._words[key])

    def __iter__(self) -> Iterator[K]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)
