"""Words for people, in their language: how the pure layers mark text for translation.

The pure layers (domain, vc, linking) import no Django, yet they word reasons, recommendations and headings
people read. They mark that text with these functions, the one door to Django's gettext: the import
contracts let this module, and only it, through. Outside a configured Django (a benchmark, a script) the
text stays English.
"""

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


gettext_lazy = lazy(gettext, str)
