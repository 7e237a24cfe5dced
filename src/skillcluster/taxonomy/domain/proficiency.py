"""The platform's proficiency scale (DESIGN.md "Data"), the one home of it (pure: no Django).

Five levels: 0 none, 1 aware, 2 can do with guidance, 3 independent, 4 expert who can teach others. Level 4
marks possible mentors. Ratings, role requirements, claims and credentials all speak this scale.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping


class Level(enum.IntEnum):
    NONE = 0
    AWARE = 1
    GUIDED = 2
    INDEPENDENT = 3
    EXPERT = 4


MIN_LEVEL = Level.NONE
MAX_LEVEL = Level.EXPERT
MENTOR_LEVEL = Level.EXPERT

LEVEL_LABELS: Mapping[int, str] = {
    Level.NONE: "none",
    Level.AWARE: "aware",
    Level.GUIDED: "can do with guidance",
    Level.INDEPENDENT: "independent",
    Level.EXPERT: "expert who can teach others",
}


def is_valid_level(level: object) -> bool:
    """True for an ``int`` (not ``bool``) on the 0-4 scale."""
    return isinstance(level, int) and not isinstance(level, bool) and MIN_LEVEL <= level <= MAX_LEVEL


def level_label(level: int) -> str:
    """The scale's label for ``level``; ``ValueError`` outside 0-4."""
    if not is_valid_level(level):
        raise ValueError(f"level must be a whole number {MIN_LEVEL}-{MAX_LEVEL}, got {level!r}")
    return LEVEL_LABELS[level]


def level_choices(*, start: int = MIN_LEVEL, separator: str = " ") -> list[tuple[int, str]]:
    """``(level, "3 independent")`` pairs for forms, from ``start`` up."""
    return [(level, f"{level}{separator}{label}") for level, label in LEVEL_LABELS.items() if level >= start]
