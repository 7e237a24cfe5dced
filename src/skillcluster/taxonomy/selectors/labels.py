"""A skill's or occupation's name in the reader's language; English, marked as such, where ESCO has none.

The labels of one language (some 17,000) are read once per process and kept for a few minutes, so a page
listing fifty skills costs no query; a reload of the labels (`skillcluster esco labels`) shows within that time
in every process, at once in the one that loaded them.
"""

import time
from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import get_language

from skillcluster.taxonomy.models import ConceptLabel

KEEP_SECONDS = 300
_loaded: dict[str, tuple[float, dict[str, str]]] = {}


@dataclass(frozen=True)
class Label:
    text: str
    language: str  # the language `text` is in
    wanted: str  # the reader's language

    @property
    def is_fallback(self) -> bool:
        """English shown because ESCO has no label in the reader's language."""
        return self.language != self.wanted

    def __str__(self) -> str:
        return self.text


def labels_in(language: str) -> dict[str, str]:
    """Every loaded preferred label of one language, by ESCO URI."""
    held = _loaded.get(language)
    if held is None or time.monotonic() - held[0] > KEEP_SECONDS:
        rows = ConceptLabel.objects.filter(language=language).values_list("uri", "preferred_label")
        held = (time.monotonic(), dict(rows.iterator(chunk_size=5000)))
        _loaded[language] = held
    return held[1]


def forget_labels() -> None:
    """After loading labels: the next page reads them afresh."""
    _loaded.clear()


def label_for(uri: str, english: str, language: str | None = None) -> Label:
    """The concept's name in `language` (the active one by default), else its English name."""
    wanted = (language or get_language() or "en")[:2]
    if wanted == "en":
        return Label(english, "en", "en")
    text = labels_in(wanted).get(uri)
    return Label(text, wanted, wanted) if text else Label(english, "en", wanted)


class Concept(Protocol):
    @property
    def uri(self) -> str: ...
    @property
    def preferred_label(self) -> str: ...


def label_text(concept: Concept) -> str:
    """A Skill's or Occupation's name as plain text in the active language, else English: for sentences worded
    in Python (messages, reasons); a template shows the "EN" tag with `esco_label` instead."""
    return label_for(concept.uri, concept.preferred_label).text
