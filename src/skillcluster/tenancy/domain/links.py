"""Links people store (evidence, an organisation's website) and links read from documents we did not write.

Only http and https links naming a site are stored: a ``javascript:`` or ``data:`` link would run script in
the browser of the assessor or manager who clicks it, and a scheme-less one (``www.example.org``) is not a
link a credential may carry. Every service that stores a link passes it through :func:`check_link`, whatever
the entry path (page, API, import); templates render only links :func:`is_safe_link` accepts (pure module).
"""

from urllib.parse import urlsplit

from skillcluster.words import gettext

ALLOWED_SCHEMES = frozenset({"http", "https"})
MAX_LENGTH = 2000
EXPECTED = "a link that starts with https:// or http:// and names a site, e.g. https://example.org/portfolio"


class LinkError(ValueError):
    """The text is not a link we store; the message says what was expected."""


def check_link(text: str) -> str:
    """The link, trimmed ("" stays ""); :class:`LinkError` for anything but an http(s) link with a host."""
    link = text.strip()
    if link and not is_safe_link(link):
        shown = link if len(link) <= 60 else link[:57] + "…"
        raise LinkError(
            gettext(
                "“%(link)s” is not a link that starts with https:// or http:// and names a site, "
                "e.g. https://example.org/portfolio"
            )
            % {"link": shown}
        )
    return link


def is_safe_link(text: object) -> bool:
    if not isinstance(text, str) or not text or len(text) > MAX_LENGTH:
        return False
    if any(ord(ch) < 0x21 or ch in "<>\"'`\\" for ch in text):  # whitespace, controls, quotes: not in a URL
        return False
    try:
        parts = urlsplit(text)
        hostname = parts.hostname
    except ValueError:  # an invalid port or IPv6 literal
        return False
    return parts.scheme.lower() in ALLOWED_SCHEMES and bool(hostname)
