"""What an assessor checks at each proficiency level, and how a panel's votes decide (pure module).

Levels follow DESIGN.md: 1 aware, 2 can do with guidance, 3 independent, 4 expert who can teach others.
"""

from collections import Counter
from collections.abc import Sequence

from skillcluster.words import gettext_noop

# The criteria stay English here: assessments record the ones ticked in these words, and the signed credential
# states them. Marked for the catalogue, a page shows one in the reader's language with `gettext(criterion)`.
RUBRIC: dict[int, tuple[str, ...]] = {
    1: (
        gettext_noop("Can explain what the skill is for and when it is used"),
        gettext_noop("The evidence shows contact with the skill at work"),
    ),
    2: (
        gettext_noop("The evidence shows the task done with guidance from a colleague or mentor"),
        gettext_noop("A statement confirms the work was done"),
    ),
    3: (
        gettext_noop("The evidence shows the task done independently, more than once"),
        gettext_noop("A colleague or mentor confirms the quality of the work"),
        gettext_noop("Can explain choices made and how problems were solved"),
    ),
    4: (
        gettext_noop("The evidence shows the task done independently in varied or difficult situations"),
        gettext_noop("Has taught or guided others (a statement or record confirms it)"),
        gettext_noop("Is recognised by peers as a reference for the skill"),
    ),
}

APPROVE = "approve"
REJECT = "reject"
MORE_EVIDENCE = "more_evidence"


def criteria_for(level: int) -> tuple[str, ...]:
    return RUBRIC[level]


def criteria_up_to(level: int) -> tuple[tuple[int, str], ...]:
    """The criteria an assessor may tick on a claim at ``level``: those of that level and of every lower
    one, since they may award a lower level than claimed."""
    return tuple((n, criterion) for n in range(1, level + 1) for criterion in RUBRIC[n])


def missing_for_approval(level: int, ticked: Sequence[str]) -> list[str]:
    """The criteria of ``level`` not ticked: approval at a level needs every one of them."""
    return [criterion for criterion in RUBRIC[level] if criterion not in ticked]


def awarded_level(approving_levels: Sequence[int]) -> int:
    """A panel awards the lowest level its approving members award: no member vouches for more."""
    if not approving_levels:
        raise ValueError("approving_levels: expected at least one approval")
    return min(approving_levels)


def panel_outcome(decisions: Sequence[str], panel_size: int) -> str | None:
    """The panel's decision once a strict majority agrees, else None while votes are missing.

    When every member has voted and no decision has a majority (a split panel of two), the
    claimant is asked for more evidence: a split is not a yes.
    """
    if not 1 <= panel_size <= 3:
        raise ValueError("panel_size: expected 1..3")
    counts = Counter(decisions)
    for decision, votes in counts.most_common():
        if votes * 2 > panel_size:
            return decision
    if len(decisions) >= panel_size:
        return MORE_EVIDENCE
    return None
