"""How much a course would cover of a person's need: the weight of a seat request (pure).

For each skill the service teaches, up to its ``target`` level (1-4):

* a skill the person's roles require at level q with importance i counts ``max(0, min(q, target) - held)``
  × i: a course covers the gap only up to what it teaches, and nothing beyond what the role asks;
* a skill no role of theirs requires counts ``max(0, target - held)`` × 1 ("useful"): the firm or the person
  asked for it, which is a need too, but the weakest.

The weight is the sum; 0 means the person already holds what the course teaches. Held levels are the
audit's current levels (0 when never rated), so a confirmed rating after the course lowers the weight by
exactly the levels it confirmed × their importance.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

SkillKey = TypeVar("SkillKey", int, str)  # a skill's id or URI: it only needs to match


@dataclass(frozen=True)
class SkillNeed:
    skill: int | str
    gap: int  # levels the course would cover
    importance: int  # 1 useful, 2 important, 3 critical
    role_asks: bool = True  # False: no role of the person's asks for it (counted as "useful")

    @property
    def weight(self) -> int:
        return self.gap * self.importance


def covered_needs(
    taught: Iterable[SkillKey],
    target: int,
    required: Mapping[SkillKey, tuple[int, int]],
    held: Mapping[SkillKey, int],
) -> list[SkillNeed]:
    """Per taught skill (in the order given): the gap the course covers and its importance.
    ``required`` is the person's merged requirements (skill → (level, importance)), ``held`` their levels."""
    found = []
    for skill in taught:
        level, importance = required.get(skill, (target, 1))
        gap = max(0, min(level, target) - held.get(skill, 0))
        found.append(SkillNeed(skill, gap, importance, skill in required))
    return found


def request_weight(needs: Iterable[SkillNeed]) -> int:
    return sum(need.weight for need in needs)


def role_gap(needs: Iterable[SkillNeed]) -> int:
    """The part of the weight a role of the person asks for: a gap the audit shows, not only a wish."""
    return sum(need.weight for need in needs if need.role_asks)
