"""The anonymity floor, and disclosure control that survives subtraction (pure: no Django).

How many firms and people must stand behind a figure before anyone outside the firm may see it, applied on
the server in selectors, never in templates. A floor per figure is not enough: published figures are sums
over groups of firms (a mean and its n give the sum), and sums can be subtracted. "All firms" minus "micro"
minus "small" is "medium"; this month's figure minus last month's is whoever answered in between. So:

* `determined_sets` finds every set of fewer than k firms whose sum can be computed from the sums over a
  family of published groups (linear algebra over the atoms the groups cut the firms into);
* `publishable` suppresses groups (smallest first, complementary suppression as statistical offices do)
  until no such set remains, taking the groups already published earlier as given;
* `batches` releases new answers only in batches of at least k, so two readings of a live figure never
  differ by fewer than k respondents;
* `generalise` coarsens quasi-identifiers of an export until every combination holds at least k firms.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from itertools import combinations
from typing import TypeVar

import numpy as np

MIN_FIRMS = 5  # a cluster figure needs at least this many firms behind it
MIN_PEOPLE = 5  # ... and at least this many people, where it is about people
MIN_STAFF = 3  # staff answers of one firm are shown (as a mean) only from this many

T = TypeVar("T", bound=Hashable)


def shown(*, firms: int, people: int | None = None) -> bool:
    """True when a figure resting on ``firms`` firms (and ``people`` people, when counted) may be published."""
    return firms >= MIN_FIRMS and (people is None or people >= MIN_PEOPLE)


def staff_shown(staff: int) -> bool:
    return staff >= MIN_STAFF


def _atoms(family: Sequence[frozenset[T]], universe: frozenset[T]) -> list[frozenset[T]]:
    """The members grouped by which published sets they are in (members of an atom are indistinguishable)."""
    signature: dict[T, tuple[bool, ...]] = {m: tuple(m in s for s in family) for m in universe}
    atoms: dict[tuple[bool, ...], set[T]] = {}
    for member, sig in signature.items():
        atoms.setdefault(sig, set()).add(member)
    return [frozenset(a) for _, a in sorted(atoms.items(), key=lambda item: item[0], reverse=True)]


def _null_space(rows: np.ndarray, width: int) -> np.ndarray:
    """An orthonormal basis of {x : rows @ x = 0}, one basis vector per column (width x r)."""
    if rows.size == 0:
        return np.eye(width)
    _, singular, vt = np.linalg.svd(rows)
    rank = int((singular > 1e-9 * max(rows.shape)).sum())
    return np.asarray(vt[rank:].T)


def determined_sets(family: Iterable[frozenset[T]], *, below: int) -> list[frozenset[T]]:
    """Every set of 1 to ``below - 1`` members whose sum is a linear combination of the sums over ``family``.

    Members in the same atom can only be told apart together, so a determined set is a union of atoms. A
    union's indicator lies in the row space of the family exactly when it is orthogonal to the null space,
    i.e. when the atoms' null-space coordinates add up to zero. Only atoms smaller than ``below`` can take
    part, and at most ``below - 1`` of them, which keeps the search small.
    """
    sets = [s for s in family if s]
    universe = frozenset().union(*sets) if sets else frozenset()
    atoms = _atoms(sets, universe)
    rows = np.array([[1.0 if atom <= s else 0.0 for atom in atoms] for s in sets]).reshape(len(sets), len(atoms))
    null = _null_space(rows, len(atoms))
    small = [i for i, atom in enumerate(atoms) if len(atom) < below]
    found = []
    for size in range(1, below):
        for chosen in combinations(small, size):
            members = frozenset().union(*(atoms[i] for i in chosen))
            if len(members) < below and np.allclose(null[list(chosen)].sum(axis=0), 0.0, atol=1e-9):
                found.append(members)
    return found


def publishable(
    candidates: Mapping[str, frozenset[T]],
    *,
    k: int,
    earlier: Sequence[frozenset[T]] = (),
    keep: str | None = None,
) -> set[str]:
    """The names of the candidate groups that may be published now.

    Each has at least ``k`` members, and together with the ``earlier`` published groups they determine no set
    of fewer than ``k`` members (beyond what ``earlier`` alone already determined). A group is suppressed at a
    time, the smallest first among those taking part in a leak, sparing ``keep`` (the total) while another
    can go.
    """
    chosen = {name for name, members in candidates.items() if len(members) >= k}
    before = set(determined_sets(earlier, below=k))
    while True:
        names = sorted(chosen)
        family = [*earlier, *(candidates[name] for name in names)]
        leaks = [s for s in determined_sets(family, below=k) if s not in before]
        if not leaks:
            return chosen
        weights = _combination(family, leaks[0])[len(earlier) :]
        involved = [name for name, weight in zip(names, weights, strict=True) if abs(weight) > 1e-9] or names
        spare = [name for name in involved if name != keep] or involved
        chosen.discard(min(spare, key=lambda name: (len(candidates[name]), name)))


def _combination(family: Sequence[frozenset[T]], target: frozenset[T]) -> np.ndarray:
    """Weights w with sum(w_i * indicator(family_i)) = indicator(target) (least squares, exact here)."""
    universe = sorted(frozenset().union(*family, target), key=repr)
    matrix = np.array([[1.0 if m in s else 0.0 for m in universe] for s in family])
    vector = np.array([1.0 if m in target else 0.0 for m in universe])
    weights, *_ = np.linalg.lstsq(matrix.T, vector, rcond=None)
    return np.asarray(weights)


def matched_members(
    before: frozenset[T],
    after: frozenset[T],
    *,
    k: int,
    before_family: Sequence[frozenset[T]] = (),
    after_family: Sequence[frozenset[T]] = (),
) -> frozenset[T] | None:
    """The members whose mean change between two rounds may be shown beside each round's published sums
    (``*_family``), or ``None``.

    The change over a set M, with each round's total, gives the sum over the round's members outside M. So
    each outside set must be empty, or hold at least ``k`` members and, added to its round's family as if
    published, determine no new set of fewer than ``k``. Where a few members are outside (one firm joined),
    members of M are left out, the lowest first, until that holds; M itself keeps at least ``k``.
    """
    both = sorted(before & after, key=hash)  # ids hash to themselves: the lowest id goes first
    rounds = ((before, list(before_family)), (after, list(after_family)))
    known = [set(determined_sets(family, below=k)) for _, family in rounds]
    for drop in range(len(both) - k + 1):
        chosen = frozenset(both[drop:])
        outside = [members - chosen for members, _ in rounds]
        if all(
            not rest or (len(rest) >= k and set(determined_sets([*family, rest], below=k)) <= seen)
            for rest, (_, family), seen in zip(outside, rounds, known, strict=True)
        ):
            return chosen
    return None


def batches(pending: int, *, k: int) -> bool:
    """Whether ``pending`` new answers may be released now: only together, and only k or more at once."""
    return pending >= k


def generalise(
    rows: Sequence[tuple[T, Sequence[str]]], steps: Sequence[Callable[[Sequence[str]], Sequence[str]]], *, k: int
) -> list[Sequence[str]]:
    """Quasi-identifiers per row, coarsened step by step until every combination holds at least ``k``
    distinct firms. ``rows``: (firm, its quasi-identifiers); ``steps``: each coarsens one row's identifiers
    (the last should make them all equal). Returns the identifiers of every row, in row order."""
    current: list[Sequence[str]] = [list(qis) for _, qis in rows]
    for step in [lambda q: q, *steps]:
        current = [list(step(q)) for q in current]
        firms: dict[tuple[str, ...], set[T]] = {}
        for (firm, _), qis in zip(rows, current, strict=True):
            firms.setdefault(tuple(qis), set()).add(firm)
        if all(len(found) >= k for found in firms.values()):
            return current
    raise ValueError("the last generalisation step must leave a single combination")
