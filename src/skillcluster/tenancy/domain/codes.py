"""Official code lists shipped with the package: NACE Rev. 2 activities and NUTS regions.

See data/SOURCES.md for provenance. Lookups are pure and cached once per process. NACE titles also come in
Italian, German, French and Spanish (data/nace_rev2_titles.csv); NUTS names are official in one language only.
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from skillcluster.words import gettext
from skillcluster.words import language as active_language

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
NACE_TITLE_LANGUAGES = ("it", "de", "fr", "es")  # besides English, which nace_rev2.csv holds


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
    message = gettext(
        "'%(code)s' is not a NACE Rev. 2 code; expected e.g. '15.20' (class), '15.2' (group), '15' (division)"
    )
    return message % {"code": raw}


def nuts_error(raw: str) -> str | None:
    if raw.strip().upper() in nuts_codes():
        return None
    message = gettext(
        "'%(code)s' is not a NUTS 2021 code; expected e.g. 'ITI35' (level 3), 'ITI3' (level 2) or 'IT' (country)"
    )
    return message % {"code": raw}


@cache
def nace_translations() -> dict[str, dict[str, str]]:
    """Code → {language: title} for NACE_TITLE_LANGUAGES, read once from nace_rev2_titles.csv."""
    with (DATA_DIR / "nace_rev2_titles.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: {lang: row[lang] for lang in NACE_TITLE_LANGUAGES} for row in csv.DictReader(handle)}


def nace_title(code: str, language: str | None = None) -> str:
    """The title of a NACE code in `language` (a Django language code: "it", "de-ch"), by default the active
    one, so every page shows titles in its own language; English for a language without titles; "" for an
    unknown code."""
    entry = nace_codes().get(normalise_nace(code))
    if entry is None:
        return ""
    base = (language or active_language()).replace("_", "-").split("-")[0].lower()
    return nace_translations().get(entry.code, {}).get(base) or entry.title


def nuts_name(code: str) -> str:
    entry = nuts_codes().get(code.strip().upper())
    return entry.title if entry else ""
