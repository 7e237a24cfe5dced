"""Rating sources and the current-level rule (pure: no Django). The scale itself is
`taxonomy.domain.proficiency`.

Current-level rule, applied to the ratings of one person for one skill (ratings are append-only; none is
ever overwritten, so the history stays and this rule picks the one that counts):

0. Only ratings that still count take part: not withdrawn (the ratings of a revoked credential are) and
   not past their validity window. Old evidence must not outrank newer evidence forever, so each source's
   ratings count for a limited time (`VALIDITY`, like certifications that lapse), a credential's at most
   until the credential itself expires. Ratings that no longer count stay in the history, marked.
1. Source rank: assessor = credential > manager > self. Self and manager are never averaged.
2. Within the best rank present, the latest rating (``at``) wins. Assessor and credential share a rank, so
   between the two the latest of either wins.
3. Exact ties on rank and ``at`` go to the rating that comes later in the input (append order).

When no rating counts, the person has no current level for the skill (as if never rated).
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
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


# How long a rating of each source counts toward the current level, from the moment it was given.
VALIDITY: Mapping[Source, timedelta] = {
    Source.SELF: timedelta(days=2 * 365),
    Source.MANAGER: timedelta(days=2 * 365),
    Source.ASSESSOR: timedelta(days=3 * 365),
    Source.CREDENTIAL: timedelta(days=3 * 365),
}


def valid_until(source: Source, at: datetime, *, expires: datetime | None = None) -> datetime:
    """End of a rating's validity: its source's window from ``at``, or ``expires`` when that comes first
    (a credential's own expiry)."""
    end = at + VALIDITY[source]
    return end if expires is None else min(end, expires)


@dataclass(frozen=True)
class Rating:
    """One rating of one person's skill by one source at one time."""

    person_id: PersonId
    skill_uri: str
    level: int
    source: Source
    at: datetime
    valid_until: datetime | None = None  # None: no end (ratings built by hand in tests and tools)
    withdrawn: bool = False  # e.g. the credential behind it was revoked

    def counts_at(self, now: datetime | None) -> bool:
        """Whether the rating takes part in the rule at ``now`` (``None``: validity windows not applied)."""
        return not self.withdrawn and (now is None or self.valid_until is None or now < self.valid_until)


def current_rating(ratings: Sequence[Rating], *, now: datetime | None = None) -> Rating | None:
    """The rating that counts among those of one person for one skill at ``now`` (see module docstring).

    ``None`` when none counts; ``ValueError`` when the ratings mix people or skills.
    """
    if len({(r.person_id, r.skill_uri) for r in ratings}) > 1:
        raise ValueError("current_rating takes the ratings of one person for one skill")
    counting = [r for r in ratings if r.counts_at(now)]
    return max_rated(counting) if counting else None


def max_rated(ratings: Sequence[Rating]) -> Rating:
    """The winner of the current-level rule among non-empty ``ratings`` (not checked to share person and skill)."""
    best = max(range(len(ratings)), key=lambda i: (SOURCE_RANK[ratings[i].source], ratings[i].at, i))
    return ratings[best]


def current_level(ratings: Sequence[Rating], *, now: datetime | None = None) -> int | None:
    """The current level of one person for one skill, or ``None`` when no rating counts."""
    rating = current_rating(ratings, now=now)
    return None if rating is None else rating.level


def current_levels(ratings: Iterable[Rating], *, now: datetime | None = None) -> dict[tuple[PersonId, str], int]:
    """Current level per ``(person_id, skill_uri)`` over any mix of ratings; keys where none counts are left out."""
    grouped: dict[tuple[PersonId, str], list[Rating]] = defaultdict(list)
    for rating in ratings:
        if rating.counts_at(now):
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
