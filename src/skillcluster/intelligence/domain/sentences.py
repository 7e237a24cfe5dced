"""A job ad split into sentences, each with its span in the ad's text (pure). Bullets and line breaks end a
sentence as a full stop does; fragments without a letter, or of a word or two, are left out (headings, "m/f")."""

import re
from dataclasses import dataclass

_BREAK = re.compile(r"(?<=[.!?;:])\s+|\s*\n+\s*|\s+[•·▪–-]\s+|^\s*[•·▪*-]\s+", re.MULTILINE)
_LETTER = re.compile(r"[^\W\d_]")
MIN_WORDS = 2
MAX_SENTENCES = 40  # an ad's first forty sentences: enough for any real ad, bounded for a pasted book


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


def split(text: str) -> list[Sentence]:
    found, start = [], 0
    for match in [*_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[start:end]
        stripped = piece.strip(" \t•·▪*-")
        if stripped and _LETTER.search(stripped) and len(stripped.split()) >= MIN_WORDS:
            offset = start + piece.index(stripped)
            found.append(Sentence(stripped, offset, offset + len(stripped)))
            if len(found) == MAX_SENTENCES:
                break
        start = match.end() if match else len(text)
    return found
