"""`{{ skill|esco_label }}`: a skill's or occupation's name in the reader's language, with a small "EN" tag
where ESCO has no label in that language yet (never a blank)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from skillcluster.taxonomy.selectors.labels import label_for

register = template.Library()


@register.filter
def esco_label(concept: object, english: str = "") -> SafeString:
    """A Skill or Occupation (anything with `uri` and `preferred_label`); or a URI with its English label as the
    argument: `{{ row.uri|esco_label:row.label }}`."""
    if isinstance(concept, str):
        uri, text = concept, english
    else:
        uri, text = str(getattr(concept, "uri", "")), english or str(getattr(concept, "preferred_label", ""))
    label = label_for(uri, text)
    if not label.is_fallback:
        return format_html("{}", label.text)
    return format_html(
        '<span lang="en">{}</span> <abbr class="lang-tag" title="{}">EN</abbr>',
        label.text,
        gettext("ESCO has no name in your language for this yet: shown in English"),
    )
