"""Which language a text is in, by its commonest short words (pure): enough to tell an English text from an
Italian, German, French or Spanish one, which the linker (trained on English ESCO) does not read."""

import re
from collections import Counter

STOPWORDS = {
    "en": {"the", "and", "of", "to", "with", "for", "in", "you", "our", "we", "a", "is", "are", "will", "your"},
    "it": {"il", "la", "e", "di", "per", "con", "che", "un", "una", "del", "della", "nel", "sono", "ricerca", "si"},
    "de": {"der", "die", "und", "das", "mit", "für", "ein", "eine", "wir", "sie", "ist", "von", "zu", "den", "im"},
    "fr": {"le", "la", "et", "les", "des", "pour", "avec", "une", "un", "vous", "nous", "est", "du", "dans", "au"},
    "es": {"el", "la", "y", "de", "los", "las", "para", "con", "una", "un", "que", "en", "del", "por", "se"},
}
NAMES = {"en": "English", "it": "Italian", "de": "German", "fr": "French", "es": "Spanish"}
_WORD = re.compile(r"[^\W\d_]+")


def guess(text: str) -> str | None:
    """The language code whose short words the text uses most, or None when it has too few words to tell."""
    words = Counter(w.lower() for w in _WORD.findall(text[:4000]))
    scores = {code: sum(words[w] for w in stop) for code, stop in STOPWORDS.items()}
    best = max(scores, key=lambda code: (scores[code], code == "en"))
    return best if scores[best] >= 3 else None
