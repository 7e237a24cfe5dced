"""`{{ skill|esco_label }}`: a skill's or occupation's name in the reader's language, with a small "EN" tag
where ESCO has no label in that language yet (never a blank).

The others: `esco_text`, the same name as plain text (attributes, page titles, `truncatechars`); `esco_tag`, the
tag alone, to follow a name cut short; `esco_english`, ESCO's English name as a small aside where the reader sees
another language (the name other systems know), nothing otherwise. Each takes a Skill or Occupation (anything
with `uri` and `preferred_label`), or a URI with its English label as the argument:
`{{ row.uri|esco_label:row.label }}`. None or an empty value gives an empty string.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from skillcluster.taxonomy.selectors.labels import Label, label_for

register = template.Library()


def _label(concept: object, english: str) -> tuple[Label, str] | None:
    """The label to show and the English one; None when there is no concept to name."""
    if isinstance(concept, str):
        uri, text = concept, str(english)
    elif concept is None:
        return None
    else:
        uri, text = str(getattr(concept, "uri", "")), str(english or getattr(concept, "preferred_label", ""))
    if not uri and not text:
        return None
    return label_for(uri, text), text


def _tag() -> SafeString:
    return format_html(
        ' <abbr class="lang-tag" title="{}">EN</abbr>',
        gettext("ESCO has no name in your language for this yet: shown in English"),
    )


@register.filter
def esco_label(concept: object, english: str = "") -> SafeString:
    found = _label(concept, english)
    if found is None:
        return SafeString("")
    label = found[0]
    if not label.is_fallback:
        return format_html("{}", label.text)
    return format_html('<span lang="en">{}</span>{}', label.text, _tag())


@register.filter
def esco_tag(concept: object, english: str = "") -> SafeString:
    """Only the " EN" tag (leading space) where the name falls back to English, else "": for a name cut short,
    `<span lang="en">{{ uri|esco_text:label|truncatechars:42 }}</span>{{ uri|esco_tag:label }}`."""
    found = _label(concept, english)
    return _tag() if found is not None and found[0].is_fallback else SafeString("")


@register.filter
def esco_text(concept: object, english: str = "") -> str:
    """Plain text (autoescaped like any string): no tag, so it fits an attribute or a `<title>`."""
    found = _label(concept, english)
    return "" if found is None else found[0].text


@register.filter
def esco_english(concept: object, english: str = "") -> SafeString:
    """` EN <English name>` (leading space) beside a name shown in the reader's language; "" where the name shown
    is the English one already."""
    found = _label(concept, english)
    if found is None or found[0].language == "en" or not found[1]:
        return SafeString("")
    return format_html(
        ' <span class="small muted"><abbr class="lang-tag" title="{}">EN</abbr> <span lang="en">{}</span></span>',
        gettext("ESCO's name in English"),
        found[1],
    )
