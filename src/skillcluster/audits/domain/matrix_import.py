"""Parse a skills matrix from CSV or XLSX bytes into an import plan (pure: no Django, applies nothing).

Layout: row 1 is the header; column A is ``person`` (the e-mail); every other column is one skill, named by
its ESCO URI (``http://data.europa.eu/esco/skill/…``) or by free text that the taxonomy's linker resolves.
An exported matrix names its columns by label in row 1 and adds a second header row, ``skill_uri`` in column
A and each column's URI: where that row has a URI it names the column, else row 1's name does (a column a
person adds by hand needs only a name).
Cells hold a level 0-4 or stay empty (not rated). Fully empty rows and columns are skipped (they hold
nothing, so nothing is dropped).

Contract: ``parse_matrix`` returns an ``ImportPlan`` only when every row and column is valid; otherwise it
raises ``ImportRefused`` with every problem found (row, column, found, expected), so the service applies all
or nothing. Links below the confidence threshold are not errors: they go to ``to_confirm``, for a person to
confirm before the service applies the plan. Row numbers are the spreadsheet's (header = 1); row 0 and an
empty column mean the file as a whole.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import NoReturn, TypeAlias

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from skillcluster.taxonomy.domain.proficiency import MAX_LEVEL, MIN_LEVEL
from skillcluster.words import gettext, lazy_text

MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # an XLSX is a zip: cap what it expands to, too
MAX_ROWS = 2_000  # people, header excluded
MAX_COLUMNS = 300  # person column included
MAX_SCANNED_ROWS = 10 * MAX_ROWS  # empty (formatted-only) rows included
LINK_CONFIDENCE = 0.8
PERSON_HEADER = "person"
URI_HEADER = "skill_uri"
ESCO_SKILL_PREFIX = "http://data.europa.eu/esco/skill/"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted XLSX and legacy .xls files start so
ZIP_MAGIC = b"PK\x03\x04"


def level_expected() -> str:
    """What a level cell must hold, in the active language."""
    return gettext("a whole number from %(low)s to %(high)s, or empty") % {"low": MIN_LEVEL, "high": MAX_LEVEL}


LEVEL_EXPECTED = lazy_text(level_expected)  # worded when read; a Problem holds the plain str

Resolver: TypeAlias = Callable[[str], "tuple[str, float] | None"]
Table: TypeAlias = list[tuple[int, list[object]]]  # (spreadsheet row number, values), empty rows left out


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    found: str
    expected: str


@dataclass(frozen=True)
class MatrixCell:
    row: int
    column: str
    person: str  # e-mail, lower-cased
    skill_uri: str
    level: int


@dataclass(frozen=True)
class LinkToConfirm:
    column: str
    name: str
    skill_uri: str
    score: float


@dataclass(frozen=True)
class ImportPlan:
    cells: tuple[MatrixCell, ...]
    to_confirm: tuple[LinkToConfirm, ...]


class ImportRefused(Exception):  # noqa: N818 — the name states the outcome the caller handles
    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(f"import refused: {len(self.problems)} problem(s)")


@dataclass(frozen=True)
class _Column:
    index: int
    letter: str
    skill_uri: str | None  # None when the header has a problem


def parse_matrix(
    data: bytes,
    *,
    firm_emails: Collection[str],
    resolve: Resolver,
    threshold: float = LINK_CONFIDENCE,
    is_known_uri: Callable[[str], bool] | None = None,
) -> ImportPlan:
    """Validate the whole file; ``ImportPlan`` when clean, else ``ImportRefused`` listing every problem.

    ``resolve(name)`` links a free-text skill name: ``(uri, score)`` or ``None`` (unlinkable); a score below
    ``threshold`` asks for confirmation. ``is_known_uri``, when given, vets skill URIs written in the header.
    """
    table = read_table(data)
    problems: list[Problem] = []
    header = _Header(resolve, threshold, is_known_uri, problems)
    columns = header.read(table)
    people = table[2:] if _has_uri_row(table) else table[1:]
    cells = _read_rows(people, columns, {e.strip().casefold() for e in firm_emails}, problems)
    if problems:
        raise ImportRefused(sorted(problems, key=lambda p: (p.row, len(p.column), p.column)))
    return ImportPlan(cells=tuple(cells), to_confirm=tuple(header.to_confirm))


def read_table(data: bytes) -> Table:
    """Non-empty rows of the first sheet (CSV or XLSX, told apart by content), after the file-level checks."""
    if len(data) > MAX_BYTES:
        _refuse_file(
            gettext("%(size)s bytes") % {"size": f"{len(data):,}"},
            gettext("a file of at most %(size)s bytes") % {"size": f"{MAX_BYTES:,}"},
        )
    if data.startswith(OLE2_MAGIC):
        _refuse_file(
            gettext("an OLE2 compound file"),
            gettext("an XLSX workbook: this one is password-protected or not an XLSX"),
        )
    table = _read_xlsx(data) if data.startswith(ZIP_MAGIC) else _read_csv(data)
    if not table:
        _refuse_file(
            gettext("an empty file"),
            gettext("a header row: %(person)s, then one column per skill") % {"person": PERSON_HEADER},
        )
    return table


def _refuse_file(found: str, expected: str) -> NoReturn:
    raise ImportRefused([Problem(0, "", found, expected)])


def _read_csv(data: bytes) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        _refuse_file(
            gettext("text that is not UTF-8"), gettext('a CSV saved as UTF-8 ("CSV UTF-8" in spreadsheet programs)')
        )
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)  # European spreadsheets write ";"; a tie keeps ","
    try:
        return _capped(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        _refuse_file(gettext("unreadable CSV (%(error)s)") % {"error": exc}, gettext("a CSV file"))


def _read_xlsx(data: bytes) -> Table:
    _check_unpacked_size(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        _refuse_file(gettext("a file that cannot be opened as XLSX"), gettext("an XLSX workbook that is not corrupt"))
    try:
        return _capped(workbook.worksheets[0].iter_rows(max_col=MAX_COLUMNS + 1, values_only=True))
    except ImportRefused:
        raise
    except Exception:
        _refuse_file(gettext("a worksheet that cannot be read"), gettext("an XLSX workbook that is not corrupt"))
    finally:
        workbook.close()


def _check_unpacked_size(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        _refuse_file(gettext("a damaged zip archive"), gettext("an XLSX workbook that is not corrupt"))
    if unpacked > MAX_UNPACKED_BYTES:
        _refuse_file(
            gettext("%(size)s bytes once unpacked") % {"size": f"{unpacked:,}"},
            gettext("at most %(size)s bytes once unpacked") % {"size": f"{MAX_UNPACKED_BYTES:,}"},
        )


def _capped(rows: Iterable[Sequence[object]]) -> Table:
    """Non-empty rows up to the caps; stops reading once a cap is passed, so a huge file is never read whole."""
    table: Table = []
    for number, raw in enumerate(rows, start=1):
        row = _trim(raw)
        if len(row) > MAX_COLUMNS:
            _refuse_file(
                gettext("more than %(count)s columns") % {"count": MAX_COLUMNS},
                gettext("at most %(count)s columns, person included") % {"count": MAX_COLUMNS},
            )
        if row:
            table.append((number, row))
        if len(table) > MAX_ROWS + 1 or number > MAX_SCANNED_ROWS:
            _refuse_file(
                gettext("more than %(count)s rows") % {"count": f"{MAX_ROWS:,}"},
                gettext("at most %(count)s rows after the header") % {"count": f"{MAX_ROWS:,}"},
            )
    return table


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _trim(raw: Sequence[object]) -> list[object]:
    row = list(raw)
    while row and not _text(row[-1]):
        row.pop()
    return row


def _cell(row: list[object], index: int) -> object:
    return row[index] if index < len(row) else None


class _Header:
    """Reads the header row into skill columns, collecting problems and links to confirm."""

    def __init__(
        self,
        resolve: Resolver,
        threshold: float,
        is_known_uri: Callable[[str], bool] | None,
        problems: list[Problem],
    ) -> None:
        self.resolve, self.threshold, self.is_known_uri = resolve, threshold, is_known_uri
        self.problems = problems
        self.to_confirm: list[LinkToConfirm] = []
        self.seen: dict[str, str] = {}  # header text or URI → column letter of its first use

    def read(self, table: Table) -> list[_Column]:
        number, header = table[0]
        if _text(_cell(header, 0)).casefold() != PERSON_HEADER:
            expected = gettext('"%(header)s" (the e-mail column)') % {"header": PERSON_HEADER}
            self._problem(number, "A", _text(_cell(header, 0)), expected)
        uris = table[1][1] if _has_uri_row(table) else []
        width = max(len(row) for _, row in table)
        used = [i for i in range(1, width) if any(_text(_cell(row, i)) for _, row in table)]
        return [
            _Column(
                i, get_column_letter(i + 1), self._skill(number, i, _text(_cell(uris, i)) or _text(_cell(header, i)))
            )
            for i in used
        ]

    def _problem(self, row: int, column: str, found: str, expected: str) -> None:
        self.problems.append(Problem(row, column, found, expected))

    def _skill(self, row: int, index: int, name: str) -> str | None:
        letter = get_column_letter(index + 1)
        if not name:
            self._problem(row, letter, "", gettext("a skill: its ESCO URI or its name"))
            return None
        uri = self._link(row, letter, name)
        if uri is None:
            return None
        for key in (name.casefold(), uri):
            if key in self.seen:
                expected = gettext("each skill once (already in column %(column)s)") % {"column": self.seen[key]}
                self._problem(row, letter, name, expected)
                return None
        self.seen.update({name.casefold(): letter, uri: letter})
        return uri

    def _link(self, row: int, letter: str, name: str) -> str | None:
        if re.match(r"https?://", name):
            return self._uri(row, letter, name)
        found = self.resolve(name)
        if found is None:
            self._problem(row, letter, name, gettext("a skill name the taxonomy can link, or the skill's ESCO URI"))
            return None
        uri, score = found
        if score < self.threshold:
            self.to_confirm.append(LinkToConfirm(letter, name, uri, score))
        return uri

    def _uri(self, row: int, letter: str, name: str) -> str | None:
        uri = "http://" + name.split("://", 1)[1]  # ESCO identifiers are http URIs
        known = self.is_known_uri is None or self.is_known_uri(uri)
        if not uri.startswith(ESCO_SKILL_PREFIX) or len(uri) == len(ESCO_SKILL_PREFIX) or not known:
            expected = gettext("an ESCO skill URI (%(prefix)s…) or a skill name") % {"prefix": ESCO_SKILL_PREFIX}
            self._problem(row, letter, name, expected)
            return None
        return uri


def _has_uri_row(table: Table) -> bool:
    return len(table) > 1 and _text(_cell(table[1][1], 0)).casefold() == URI_HEADER


def _read_rows(table: Table, columns: list[_Column], emails: set[str], problems: list[Problem]) -> list[MatrixCell]:
    cells: list[MatrixCell] = []
    first_row: dict[str, int] = {}
    for number, row in table:
        person = _person(number, _text(_cell(row, 0)).casefold(), emails, first_row, problems)
        for column in columns:
            level = _level(number, column.letter, _cell(row, column.index), problems)
            if level is not None and person is not None and column.skill_uri is not None:
                cells.append(MatrixCell(number, column.letter, person, column.skill_uri, level))
    return cells


def _person(
    number: int, email: str, emails: set[str], first_row: dict[str, int], problems: list[Problem]
) -> str | None:
    if not email:
        problems.append(Problem(number, "A", "", gettext("the person's e-mail")))
        return None
    if email not in emails:
        problems.append(Problem(number, "A", email, gettext("the e-mail of a person in the firm")))
        return None
    if email in first_row:
        expected = gettext("each person once (already in row %(row)s)") % {"row": first_row[email]}
        problems.append(Problem(number, "A", email, expected))
        return None
    first_row[email] = number
    return email


def _level(number: int, letter: str, value: object, problems: list[Problem]) -> int | None:
    """The level in a cell, ``None`` when empty or invalid (an invalid one is recorded as a problem)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    level = _as_int(value)
    if level is None or not MIN_LEVEL <= level <= MAX_LEVEL:
        problems.append(Problem(number, letter, _text(value), level_expected()))
        return None
    return level


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None  # spreadsheets store 3 as 3.0
    text = _text(value)
    return int(text) if re.fullmatch(r"[+-]?\d{1,6}", text) else None
