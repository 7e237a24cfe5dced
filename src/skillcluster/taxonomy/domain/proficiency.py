"""The platform's proficiency scale (DESIGN.md "Data"), the one home of it (pure: no Django).

Five levels: 0 none, 1 aware, 2 can do with guidance, 3 independent, 4 expert who can teach others. Level 4
marks possible mentors. Ratings, role requirements, claims and credentials all speak this scale.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from skillcluster.words import gettext_lazy, gettext_noop


class Level(enum.IntEnum):
    NONE = 0
    AWARE = 1
    GUIDED = 2
    INDEPENDENT = 3
    EXPERT = 4


MIN_LEVEL = Level.NONE
MAX_LEVEL = Level.EXPERT
MENTOR_LEVEL = Level.EXPERT

# The values stay English: a signed credential names its rubric levels with them (accreditation/vc/ob3.py). Marked
# for the catalogue, so a page shows one in the reader's language with `gettext(LEVEL_LABELS[level])`.
LEVEL_LABELS: Mapping[int, str] = {
    Level.NONE: gettext_noop("none"),
    Level.AWARE: gettext_noop("aware"),
    Level.GUIDED: gettext_noop("can do with guidance"),
    Level.INDEPENDENT: gettext_noop("independent"),
    Level.EXPERT: gettext_noop("expert who can teach others"),
}


def is_valid_level(level: object) -> bool:
    """True for an ``int`` (not ``bool``) on the 0-4 scale."""
    return isinstance(level, int) and not isinstance(level, bool) and MIN_LEVEL <= level <= MAX_LEVEL


def level_label(level: int) -> str:
    """The scale's label for ``level``; ``ValueError`` outside 0-4."""
    if not is_valid_level(level):
        raise ValueError(f"level must be a whole number {MIN_LEVEL}-{MAX_LEVEL}, got {level!r}")
    return LEVEL_LABELS[level]


# The choices as people read them, for the catalogue: `level_choices` reads each in the active language when it is
# shown (forms build their choices at import). Word for word the level and LEVEL_LABELS with the two separators the
# forms use (from 0); another separator shows English.
CHOICE_WORDS = (
    gettext_noop("0 none"),
    gettext_noop("1 aware"),
    gettext_noop("2 can do with guidance"),
    gettext_noop("3 independent"),
    gettext_noop("4 expert who can teach others"),
    gettext_noop("0 — none"),
    gettext_noop("1 — aware"),
    gettext_noop("2 — can do with guidance"),
    gettext_noop("3 — independent"),
    gettext_noop("4 — expert who can teach others"),
)


def level_choices(*, start: int = MIN_LEVEL, separator: str = " ") -> list[tuple[int, str]]:
    """``(level, "3 independent")`` pairs for forms, from ``start`` up; each label lazy, read in the language
    active when it is shown (a plain ``str`` once ``str()`` is applied)."""
    words = {level: f"{level}{separator}{label}" for level, label in LEVEL_LABELS.items() if level >= start}
    return [(level, gettext_lazy(text)) for level, text in words.items()]
