"""EU SME size classes (Commission Recommendation 2003/361/EC, Annex, Article 2).

A firm belongs to a class when its staff headcount is under the ceiling AND either its
annual turnover OR its balance-sheet total is within that class's ceiling. Where no
financial figure is known, headcount alone decides (the usual practice in surveys).
Amounts are in euros.
"""

from dataclasses import dataclass
from enum import StrEnum

from skillcluster.words import gettext_lazy


class SizeClass(StrEnum):
    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"

    @property
    def label(self) -> str:
        """The class's name as the size badge shows it, in the language active when it is read (lazy: model
        choices are built from it at import)."""
        return _LABELS[self]


_LABELS: dict[SizeClass, str] = {
    SizeClass.MICRO: gettext_lazy("Micro"),
    SizeClass.SMALL: gettext_lazy("Small"),
    SizeClass.MEDIUM: gettext_lazy("Medium"),
    SizeClass.LARGE: gettext_lazy("Large"),
}


@dataclass(frozen=True)
class Ceiling:
    size_class: SizeClass
    headcount_below: int
    turnover_max_eur: int
    balance_sheet_max_eur: int


CEILINGS = (
    Ceiling(SizeClass.MICRO, 10, 2_000_000, 2_000_000),
    Ceiling(SizeClass.SMALL, 50, 10_000_000, 10_000_000),
    Ceiling(SizeClass.MEDIUM, 250, 50_000_000, 43_000_000),
)

STARTUP_YEARS = 5


def size_class(headcount: int, turnover_eur: int | None = None, balance_sheet_eur: int | None = None) -> SizeClass:
    """The smallest class whose ceilings the firm stays within; LARGE otherwise."""
    if headcount < 0:
        raise ValueError("headcount must be zero or more")
    for ceiling in CEILINGS:
        if headcount >= ceiling.headcount_below:
            continue
        if _within_financial_ceiling(ceiling, turnover_eur, balance_sheet_eur):
            return ceiling.size_class
    return SizeClass.LARGE


def _within_financial_ceiling(ceiling: Ceiling, turnover_eur: int | None, balance_sheet_eur: int | None) -> bool:
    if turnover_eur is None and balance_sheet_eur is None:
        return True
    turnover_ok = turnover_eur is not None and turnover_eur <= ceiling.turnover_max_eur
    balance_ok = balance_sheet_eur is not None and balance_sheet_eur <= ceiling.balance_sheet_max_eur
    return turnover_ok or balance_ok


def is_startup(founding_year: int | None, current_year: int) -> bool:
    """A start-up is a firm in its first five years (founded less than five years ago)."""
    return founding_year is not None and current_year - founding_year < STARTUP_YEARS
