"""Official code lists shipped with the package: NACE Rev. 2 activities and NUTS regions.

See data/SOURCES.md for provenance. Lookups are pure and cached once per process.
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Code:
    code: str
    level: int
    title: str


@cache
def nace_codes() -> dict[str, Code]:
    with (DATA_DIR / "nace_rev2.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: Code(row["code"], int(row["level"]), row["title"]) for row in csv.DictReader(handle)}


@cache
def nuts_codes() -> dict[str, Code]:
    with (DATA_DIR / "nuts_2021.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: Code(row["code"], int(row["level"]), row["name"]) for row in csv.DictReader(handle)}


def normalise_nace(raw: str) -> str:
    """'c 15.20' → 'C15.20' is not a code; we accept '15.20', '1520' and '15.2' forms of classes and groups."""
    value = raw.strip().upper().replace(" ", "")
    if value.isdigit() and len(value) in (3, 4):
        value = f"{value[:2]}.{value[2:]}"
    return value


def nace_error(raw: str) -> str | None:
    """None when `raw` names a NACE Rev. 2 section, division, group or class; else what was expected."""
    if normalise_nace(raw) in nace_codes():
        return None
    return f"'{raw}' is not a NACE Rev. 2 code; expected e.g. '15.20' (class), '15.2' (group), '15' (division)"


def nuts_error(raw: str) -> str | None:
    if raw.strip().upper() in nuts_codes():
        return None
    return f"'{raw}' is not a NUTS 2021 code; expected e.g. 'ITI35' (level 3), 'ITI3' (level 2) or 'IT' (country)"


def nace_title(code: str) -> str:
    entry = nace_codes().get(normalise_nace(code))
    return entry.title if entry else ""


def nuts_name(code: str) -> str:
    entry = nuts_codes().get(code.strip().upper())
    return entry.title if entry else ""
