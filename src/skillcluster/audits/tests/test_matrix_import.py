import io
import zipfile

import pytest
from openpyxl import Workbook

from skillcluster.audits.domain.matrix_import import (
    LEVEL_EXPECTED,
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_ROWS,
    ImportPlan,
    ImportRefused,
    LinkToConfirm,
    MatrixCell,
    Problem,
    parse_matrix,
)

ESCO = "http://data.europa.eu/esco/skill/"
BREAD, SOCIAL, SELL = ESCO + "bread", ESCO + "social-media", ESCO + "sell"
FIRM = {"ana@bakery.eu", "Ben@Bakery.eu", "cleo@bakery.eu"}
LINKS = {"bread making": (BREAD, 0.95), "social media marketing": (SOCIAL, 0.6), "selling": (SELL, 0.8)}


def resolve(name: str) -> tuple[str, float] | None:
    return LINKS.get(name.casefold())


def parse(data: bytes, **kwargs: object) -> ImportPlan:
    return parse_matrix(data, firm_emails=FIRM, resolve=resolve, **kwargs)  # type: ignore[arg-type]


def problems_of(data: bytes, **kwargs: object) -> list[Problem]:
    with pytest.raises(ImportRefused) as refused:
        parse(data, **kwargs)
    return list(refused.value.problems)


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


GOOD_ROWS: list[list[object]] = [
    ["person", ESCO + "sell", "Bread making", "social media marketing"],
    ["ana@bakery.eu", 3, 4, None],
    ["BEN@bakery.eu", 0, None, 1],
]
GOOD_PLAN = ImportPlan(
    cells=(
        MatrixCell(2, "B", "ana@bakery.eu", SELL, 3),
        MatrixCell(2, "C", "ana@bakery.eu", BREAD, 4),
        MatrixCell(3, "B", "ben@bakery.eu", SELL, 0),
        MatrixCell(3, "D", "ben@bakery.eu", SOCIAL, 1),
    ),
    to_confirm=(LinkToConfirm("D", "social media marketing", SOCIAL, 0.6),),
)


def test_csv_plan() -> None:
    data = csv_bytes(
        f"person,{ESCO}sell,Bread making,social media marketing", "ana@bakery.eu,3,4,", " BEN@bakery.eu ,0,, 1"
    )
    assert parse(data) == GOOD_PLAN


def test_xlsx_plan() -> None:
    assert parse(xlsx_bytes(GOOD_ROWS)) == GOOD_PLAN


def test_xlsx_whole_floats_are_levels() -> None:
    plan = parse(xlsx_bytes([["person", "selling"], ["cleo@bakery.eu", 2.0]]))
    assert plan == ImportPlan((MatrixCell(2, "B", "cleo@bakery.eu", SELL, 2),), ())  # 0.8 is not below 0.8


def test_semicolon_csv_with_bom_and_https_uri() -> None:
    data = "\ufeffperson;https://data.europa.eu/esco/skill/bread\r\ncleo@bakery.eu;2\r\n".encode()
    assert parse(data) == ImportPlan((MatrixCell(2, "B", "cleo@bakery.eu", BREAD, 2),), ())


def test_empty_rows_and_columns_are_skipped_but_rows_keep_their_numbers() -> None:
    data = csv_bytes("person,,selling,", ",,,", "cleo@bakery.eu,,4,")
    assert parse(data) == ImportPlan((MatrixCell(3, "C", "cleo@bakery.eu", SELL, 4),), ())


def test_a_raised_threshold_asks_for_more_confirmations() -> None:
    plan = parse(csv_bytes("person,selling", "cleo@bakery.eu,1"), threshold=0.9)
    assert plan.to_confirm == (LinkToConfirm("B", "selling", SELL, 0.8),)


def test_unknown_and_empty_headers() -> None:
    data = csv_bytes("email,,http://example.com/skill/x,juggling", "ana@bakery.eu,1,2,3")
    assert problems_of(data) == [
        Problem(1, "A", "email", '"person" (the e-mail column)'),
        Problem(1, "B", "", "a skill: its ESCO URI or its name"),
        Problem(1, "C", "http://example.com/skill/x", f"an ESCO skill URI ({ESCO}…) or a skill name"),
        Problem(1, "D", "juggling", "a skill name the taxonomy can link, or the skill's ESCO URI"),
    ]


def test_occupation_uri_and_unknown_skill_uri_are_refused() -> None:
    occupation = "http://data.europa.eu/esco/occupation/baker"
    data = csv_bytes(f"person,{occupation},{ESCO},{BREAD}", "ana@bakery.eu,1,2,3")
    expected = f"an ESCO skill URI ({ESCO}…) or a skill name"
    assert problems_of(data, is_known_uri=lambda uri: uri != BREAD) == [
        Problem(1, "B", occupation, expected),
        Problem(1, "C", ESCO, expected),
        Problem(1, "D", BREAD, expected),
    ]


@pytest.mark.parametrize("bad", ["5", "-1", "2.5", "three", "3.0", "1e3"])
def test_csv_level_outside_scale_or_not_whole(bad: str) -> None:
    assert problems_of(csv_bytes("person,selling", f"ana@bakery.eu,{bad}")) == [Problem(2, "B", bad, LEVEL_EXPECTED)]


@pytest.mark.parametrize(("bad", "found"), [(2.5, "2.5"), (7, "7"), (True, "True"), ("x", "x")])
def test_xlsx_level_outside_scale_or_not_whole(bad: object, found: str) -> None:
    data = xlsx_bytes([["person", "selling"], ["ana@bakery.eu", bad]])
    assert problems_of(data) == [Problem(2, "B", found, LEVEL_EXPECTED)]


def test_duplicate_person_rows() -> None:
    data = csv_bytes("person,selling", "ana@bakery.eu,1", "cleo@bakery.eu,2", "ANA@bakery.eu,3")
    assert problems_of(data) == [Problem(4, "A", "ana@bakery.eu", "each person once (already in row 2)")]


def test_duplicate_skill_columns_by_name_or_by_uri() -> None:
    data = csv_bytes(f"person,selling,Selling,{SELL}", "ana@bakery.eu,1,2,3")
    assert problems_of(data) == [
        Problem(1, "C", "Selling", "each skill once (already in column B)"),
        Problem(1, "D", SELL, "each skill once (already in column B)"),
    ]


def test_person_not_in_firm_and_missing_person() -> None:
    data = csv_bytes("person,selling", "mallory@elsewhere.eu,1", ",2")
    assert problems_of(data) == [
        Problem(2, "A", "mallory@elsewhere.eu", "the e-mail of a person in the firm"),
        Problem(3, "A", "", "the person's e-mail"),
    ]


def test_every_problem_is_reported_at_once_in_sheet_order() -> None:
    data = csv_bytes("person,juggling,selling", "eve@x.eu,1,9", "ana@bakery.eu,1,2")
    assert problems_of(data) == [
        Problem(1, "B", "juggling", "a skill name the taxonomy can link, or the skill's ESCO URI"),
        Problem(2, "A", "eve@x.eu", "the e-mail of a person in the firm"),
        Problem(2, "C", "9", LEVEL_EXPECTED),
    ]


def test_low_confidence_link_is_not_an_error() -> None:
    plan = parse(csv_bytes("person,social media marketing", "ana@bakery.eu,2"))
    assert plan.to_confirm == (LinkToConfirm("B", "social media marketing", SOCIAL, 0.6),)


def file_problem(data: bytes) -> Problem:
    problems = problems_of(data)
    assert len(problems) == 1
    return problems[0]


def test_password_protected_xlsx() -> None:
    ole2 = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)
    assert file_problem(ole2) == Problem(
        0, "", "an OLE2 compound file", "an XLSX workbook: this one is password-protected or not an XLSX"
    )


def test_corrupt_xlsx() -> None:
    good = xlsx_bytes(GOOD_ROWS)
    damaged = Problem(0, "", "a damaged zip archive", "an XLSX workbook that is not corrupt")
    assert file_problem(good[: len(good) // 2]) == damaged
    assert file_problem(b"PK\x03\x04" + bytes(100)) == damaged


def test_zip_that_is_not_a_workbook() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    assert file_problem(buffer.getvalue()) == Problem(
        0, "", "a file that cannot be opened as XLSX", "an XLSX workbook that is not corrupt"
    )


def test_zip_bomb_is_refused_before_parsing() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", bytes(60 * 1024 * 1024))
    assert file_problem(buffer.getvalue()) == Problem(
        0, "", "62,914,560 bytes once unpacked", "at most 52,428,800 bytes once unpacked"
    )


def test_file_too_large() -> None:
    data = b"person,selling\n" + b"ana@bakery.eu,1\n" * (MAX_BYTES // 16 + 1)
    assert file_problem(data) == Problem(0, "", f"{len(data):,} bytes", "a file of at most 5,242,880 bytes")


def test_too_many_rows_csv_and_xlsx() -> None:
    header: list[object] = ["person", "selling"]
    rows = [header] + [["ana@bakery.eu", 1]] * (MAX_ROWS + 1)
    expected = Problem(0, "", "more than 2,000 rows", "at most 2,000 rows after the header")
    assert file_problem(csv_bytes(*(f"{a},{b}" for a, b in rows))) == expected
    assert file_problem(xlsx_bytes(rows)) == expected


def test_exactly_max_rows_is_accepted() -> None:
    emails = [f"p{i}@bakery.eu" for i in range(MAX_ROWS)]
    data = csv_bytes("person,selling", *(f"{e},2" for e in emails))
    plan = parse_matrix(data, firm_emails=emails, resolve=resolve)
    assert len(plan.cells) == MAX_ROWS


def test_too_many_columns() -> None:
    header = ["person"] + [f"{ESCO}s{i}" for i in range(MAX_COLUMNS)]
    expected = Problem(0, "", "more than 300 columns", "at most 300 columns, person included")
    assert file_problem(csv_bytes(",".join(header), "ana@bakery.eu")) == expected
    assert file_problem(xlsx_bytes([list(header)])) == expected


def test_empty_and_non_utf8_files() -> None:
    assert file_problem(b"") == Problem(0, "", "an empty file", "a header row: person, then one column per skill")
    assert file_problem(b"\n,,\n") == Problem(0, "", "an empty file", "a header row: person, then one column per skill")
    assert file_problem("person,sélling\n".encode("cp1252")) == Problem(
        0, "", "text that is not UTF-8", 'a CSV saved as UTF-8 ("CSV UTF-8" in spreadsheet programs)'
    )


def test_refusal_message_counts_problems() -> None:
    with pytest.raises(ImportRefused, match=r"import refused: 2 problem\(s\)"):
        parse(csv_bytes("person,selling", "x@y.eu,1", "z@y.eu,1"))
