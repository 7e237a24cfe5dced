"""When a cluster figure of the skills audit may move (pure module).

A cluster figure is a sum over firms' contributions (lines, met lines, weighted gaps, people...). Were it
computed live, reading it before and after one firm's ratings change would give that firm's change by
difference. So each figure is shown from the contributions it was last shown with, and moves only when at
least ``k`` firms' contributions have changed since: any two readings then differ by the changes of ``k`` or
more firms together, never by one firm's. A figure that was hidden (below the anonymity floor) showed
nothing to subtract from, so it follows the data until it shows.
"""

from collections.abc import Callable, Mapping, Sequence

Contributions = Mapping[str, Sequence[int]]  # firm id (as text, JSON's key type) -> its figures


def to_show(
    shown: Contributions | None, current: Contributions, *, k: int, visible: Callable[[Contributions], bool]
) -> tuple[Contributions, bool]:
    """The contributions to show now, and whether they replace those shown before; ``visible`` says whether
    contributions clear the floor (their figure is shown, not only counted)."""
    if shown is None or not visible(shown):
        return current, dict(current) != dict(shown or {})
    changed = [firm for firm in {*shown, *current} if list(shown.get(firm, ())) != list(current.get(firm, ()))]
    if len(changed) >= k:
        return current, True
    return shown, False
