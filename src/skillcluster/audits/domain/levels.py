"""Rating sources and the current-level rule (pure: no Django). The scale itself is
`taxonomy.domain.proficiency`.

Current-level rule, applied to the ratings of one person for one skill (ratings are append-only; none is
ever overwritten, so the history stays and this rule picks the one that counts):

1. Source rank: assessor = credential > manager > self. Self and manager are never averaged.
2. Within the best rank present, the latest rating (``at``) wins. Assessor and credential share a rank, so
   between the two the latest of either wins.
3. Exact ties on rank and ``at`` go to the rating that comes later in the input (append order).
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeAlias

PersonId: TypeAlias = int | str
RoleId: TypeAlias = int | str


class Source(enum.StrEnum):
    SELF = "self"
    MANAGER = "manager"
    ASSESSOR = "assessor"
    CREDENTIAL = "credential"


# Higher wins. Assessor and credential deliberately share a rank: the latest of the two counts.
SOURCE_RANK: Mapping[Source, int] = {
    Source.SELF: 0,
    Source.MANAGER: 1,
    Source.ASSESSOR: 2,
    Source.CREDENTIAL: 2,
}


@dataclass(frozen=True)
class Rating:
    """One rating of one person's skill by one source at one time."""

    person_id: PersonId
    skill_uri: str
    level: int
    source: Source
    at: datetime


def current_rating(ratings: Sequence[Rating]) -> Rating | None:
    """The rating that counts among those of one person for one skill (see module docstring).

    ``None`` for no ratings; ``ValueError`` when the ratings mix people or skills.
    """
    if not ratings:
        return None
    if len({(r.person_id, r.skill_uri) for r in ratings}) > 1:
        raise ValueError("current_rating takes the ratings of one person for one skill")
    return max_rated(ratings)


def max_rated(ratings: Sequence[Rating]) -> Rating:
    """The winner of the current-level rule among non-empty ``ratings`` (not checked to share person and skill)."""
    best = max(range(len(ratings)), key=lambda i: (SOURCE_RANK[ratings[i].source], ratings[i].at, i))
    return ratings[best]


def current_level(ratings: Sequence[Rating]) -> int | None:
    """The current level of one person for one skill, or ``None`` when never rated."""
    rating = current_rating(ratings)
    return None if rating is None else rating.level


def current_levels(ratings: Iterable[Rating]) -> dict[tuple[PersonId, str], int]:
    """Current level per ``(person_id, skill_uri)`` over any mix of ratings."""
    grouped: dict[tuple[PersonId, str], list[Rating]] = defaultdict(list)
    for rating in ratings:
        grouped[(rating.person_id, rating.skill_uri)].append(rating)
    return {key: max_rated(group).level for key, group in grouped.items()}


def latest_by_source(ratings: Iterable[Rating], source: Source) -> dict[tuple[PersonId, str], int]:
    """Latest level per ``(person_id, skill_uri)`` from one source only (for side-by-side views)."""
    chosen: dict[tuple[PersonId, str], Rating] = {}
    for rating in ratings:
        key = (rating.person_id, rating.skill_uri)
        if rating.source == source and (key not in chosen or rating.at >= chosen[key].at):
            chosen[key] = rating
    return {key: rating.level for key, rating in chosen.items()}
