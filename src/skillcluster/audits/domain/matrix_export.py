"""Write a firm's skills matrix and gap report to CSV and XLSX bytes (pure: no Django).

* The matrix keeps the import layout (``person`` then one column per skill, cells 0-4 or empty), so an
  exported matrix imports again unchanged: row 1 names each skill by its label, for the person editing it,
  and a second header row (``skill_uri``) keeps its ESCO URI, for the import (hidden in the XLSX, which also
  has a ``skills`` sheet listing both).
* The gap report has one row per person * required skill (``gaps.GapLine``) and, in the XLSX, a
  ``categories`` sheet with ``gaps.gaps_by_category``. Shares are rounded to 4 decimals; undefined ones
  (nothing required) stay empty.
* CSV is UTF-8 with a byte-order mark (spreadsheet programs need it to read UTF-8). Text that a spreadsheet
  would run as a formula (leading ``= + - @``, tab, CR) is prefixed with ``'`` in CSV and stored as plain text
  in XLSX: names and e-mails are user input.
* XLSX sheets that show ESCO labels carry the ESCO attribution line (DESIGN.md "Data").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeAlias

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from skillcluster.audits.domain.gaps import (
    GapLine,
    GapSummary,
    SkillCategories,
    categories_of,
    gaps_by_category,
)
from skillcluster.audits.domain.matrix_import import PERSON_HEADER, URI_HEADER
from skillcluster.taxonomy.domain.categories import Category
from skillcluster.words import gettext, gettext_noop

ESCO_ATTRIBUTION = gettext_noop(  # in English here; the sheets carry it in the active language
    "This service uses the ESCO classification of the European Commission (ESCO v1.1.1, CC BY 4.0)."
)
GAP_HEADER = [
    "person", "skill_uri", "skill", "categories", "required", "current", "importance", "gap", "weighted_gap", "met",
]  # fmt: skip
CATEGORY_HEADER = [
    "category", "lines", "met", "coverage", "gap", "weighted_gap", "max_weighted_gap", "gap_share",
]  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Value: TypeAlias = str | int | float | None
Rows: TypeAlias = list[list[Value]]


@dataclass(frozen=True)
class SkillColumn:
    uri: str
    label: str


@dataclass(frozen=True)
class MatrixExport:
    """People in row order, skills in column order, current level per ``(person, skill_uri)``."""

    people: tuple[str, ...]
    skills: tuple[SkillColumn, ...]
    levels: Mapping[tuple[str, str], int]


def matrix_rows(matrix: MatrixExport) -> Rows:
    labels: list[Value] = [PERSON_HEADER, *(skill.label or skill.uri for skill in matrix.skills)]
    uris: list[Value] = [URI_HEADER, *(skill.uri for skill in matrix.skills)]
    body: Rows = [
        [person, *(matrix.levels.get((person, skill.uri)) for skill in matrix.skills)] for person in matrix.people
    ]
    return [labels, uris, *body]


def gap_rows(lines: Sequence[GapLine], labels: Mapping[str, str], categories: SkillCategories) -> Rows:
    return [list(GAP_HEADER), *(_gap_row(line, labels, categories) for line in lines)]


def _gap_row(line: GapLine, labels: Mapping[str, str], categories: SkillCategories) -> list[Value]:
    found = categories_of(line.skill_uri, categories)
    names = "; ".join(category.value for category in Category if category in found)
    return [
        str(line.person_id), line.skill_uri, labels.get(line.skill_uri, ""), names, line.required,
        line.current, line.importance, line.gap, line.weighted_gap, "yes" if line.met else "no",
    ]  # fmt: skip


def category_rows(lines: Sequence[GapLine], categories: SkillCategories) -> Rows:
    summaries = gaps_by_category(lines, categories)
    return [list(CATEGORY_HEADER), *(_category_row(category, summaries[category]) for category in Category)]


def _category_row(category: Category, summary: GapSummary) -> list[Value]:
    return [
        category.value, summary.lines, summary.met, _share(summary.coverage), summary.gap,
        summary.weighted_gap, summary.max_weighted_gap, _share(summary.gap_share),
    ]  # fmt: skip


def _share(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def matrix_csv(matrix: MatrixExport) -> bytes:
    return rows_csv(matrix_rows(matrix))


def gap_report_csv(lines: Sequence[GapLine], labels: Mapping[str, str], categories: SkillCategories) -> bytes:
    return rows_csv(gap_rows(lines, labels, categories))


def rows_csv(rows: Rows) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([[_csv_value(value) for value in row] for row in rows])
    return buffer.getvalue().encode("utf-8-sig")


def _csv_value(value: Value) -> Value:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def matrix_xlsx(matrix: MatrixExport) -> bytes:
    workbook = Workbook()
    sheet = _first_sheet(workbook, "matrix")
    _fill(sheet, matrix_rows(matrix), freeze="B3")
    sheet.row_dimensions[2].hidden = True  # the URIs: for the import, not for the person editing levels
    skills: Rows = [["skill_uri", "skill"]]
    skills += [[skill.uri, skill.label] for skill in matrix.skills]
    _fill(workbook.create_sheet("skills"), [*skills, [], [gettext(ESCO_ATTRIBUTION)]], freeze="A2")
    return _save(workbook)


def gap_report_xlsx(lines: Sequence[GapLine], labels: Mapping[str, str], categories: SkillCategories) -> bytes:
    workbook = Workbook()
    _fill(_first_sheet(workbook, "gaps"), [*gap_rows(lines, labels, categories), [], [gettext(ESCO_ATTRIBUTION)]], "A2")
    _fill(workbook.create_sheet("categories"), category_rows(lines, categories), freeze="A2")
    return _save(workbook)


def _first_sheet(workbook: Workbook, title: str) -> Worksheet:
    sheet = workbook.active
    if not isinstance(sheet, Worksheet):  # a new workbook always opens on one worksheet
        raise TypeError("a new workbook has no active worksheet")
    sheet.title = title
    return sheet


def _fill(sheet: Worksheet, rows: Rows, freeze: str) -> None:
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # openpyxl would store it as a formula
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = freeze


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
