import io

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from skillcluster.audits.domain.gaps import GapLine
from skillcluster.audits.domain.matrix_export import (
    ESCO_ATTRIBUTION,
    MatrixExport,
    SkillColumn,
    category_rows,
    gap_report_csv,
    gap_report_xlsx,
    gap_rows,
    matrix_csv,
    matrix_rows,
    matrix_xlsx,
)
from skillcluster.audits.domain.matrix_import import ImportPlan, MatrixCell, parse_matrix
from skillcluster.taxonomy.domain.categories import Category

ESCO = "http://data.europa.eu/esco/skill/"
SELL, BREAD = ESCO + "sell", ESCO + "bread"
MATRIX = MatrixExport(
    people=("ana@bakery.eu", "ben@bakery.eu"),
    skills=(SkillColumn(SELL, "sell products"), SkillColumn(BREAD, "bake bread")),
    levels={("ana@bakery.eu", SELL): 3, ("ben@bakery.eu", SELL): 0, ("ben@bakery.eu", BREAD): 4},
)
LINES = [GapLine("ana@bakery.eu", BREAD, 3, 3, None), GapLine("ana@bakery.eu", SELL, 2, 1, 3)]
LABELS = {SELL: "sell products", BREAD: "bake bread"}
CATEGORIES = {SELL: [Category.MARKETING, Category.TRANSVERSAL], BREAD: [Category.PRODUCTION]}


def sheet_values(data: bytes, title: str) -> list[tuple[object, ...]]:
    sheet = load_workbook(io.BytesIO(data))[title]
    assert isinstance(sheet, Worksheet)
    return list(sheet.iter_rows(values_only=True))


def no_link(_name: str) -> tuple[str, float] | None:
    return None


def test_matrix_rows_keep_the_import_layout() -> None:
    assert matrix_rows(MATRIX) == [
        ["person", "sell products", "bake bread"],
        ["skill_uri", SELL, BREAD],
        ["ana@bakery.eu", 3, None],
        ["ben@bakery.eu", 0, 4],
    ]


def test_matrix_csv_bytes() -> None:
    expected = (
        f"\ufeffperson,sell products,bake bread\r\nskill_uri,{SELL},{BREAD}\r\n"
        "ana@bakery.eu,3,\r\nben@bakery.eu,0,4\r\n"
    )
    assert matrix_csv(MATRIX) == expected.encode()


def test_matrix_xlsx_sheets() -> None:
    data = matrix_xlsx(MATRIX)
    assert sheet_values(data, "matrix") == [
        ("person", "sell products", "bake bread"),
        ("skill_uri", SELL, BREAD),
        ("ana@bakery.eu", 3, None),
        ("ben@bakery.eu", 0, 4),
    ]
    assert sheet_values(data, "skills") == [
        ("skill_uri", "skill"),
        (SELL, "sell products"),
        (BREAD, "bake bread"),
        (None, None),
        (ESCO_ATTRIBUTION, None),
    ]


def test_exported_matrix_imports_again_unchanged() -> None:
    expected = ImportPlan(
        cells=(
            MatrixCell(3, "B", "ana@bakery.eu", SELL, 3),
            MatrixCell(4, "B", "ben@bakery.eu", SELL, 0),
            MatrixCell(4, "C", "ben@bakery.eu", BREAD, 4),
        ),
        to_confirm=(),
    )
    for data in (matrix_csv(MATRIX), matrix_xlsx(MATRIX)):
        assert parse_matrix(data, firm_emails=MATRIX.people, resolve=no_link) == expected


def test_labels_name_the_columns_and_the_hidden_uri_row_links_them() -> None:
    data = matrix_xlsx(MATRIX)
    sheet = load_workbook(io.BytesIO(data))["matrix"]
    assert isinstance(sheet, Worksheet)
    assert sheet.row_dimensions[2].hidden
    # A column added by hand, named in words only, is linked by its name; the others keep their URIs.
    added = matrix_csv(MATRIX).decode("utf-8-sig").splitlines()
    added = [added[0] + ",knead dough", added[1] + ",", added[2] + ",2", added[3] + ","]
    plan = parse_matrix(
        "\r\n".join(added).encode(), firm_emails=MATRIX.people, resolve=lambda name: (ESCO + "knead", 0.95)
    )
    assert {(c.person, c.skill_uri, c.level) for c in plan.cells} >= {("ana@bakery.eu", ESCO + "knead", 2)}
    assert len(plan.cells) == 4


def test_gap_rows() -> None:
    assert gap_rows(LINES, LABELS, CATEGORIES) == [
        [
            "person",
            "skill_uri",
            "skill",
            "categories",
            "required",
            "current",
            "importance",
            "gap",
            "weighted_gap",
            "met",
        ],
        ["ana@bakery.eu", BREAD, "bake bread", "production", 3, None, 3, 3, 9, "no"],
        ["ana@bakery.eu", SELL, "sell products", "marketing; transversal", 2, 3, 1, 0, 0, "yes"],
    ]


def test_gap_report_csv_bytes() -> None:
    expected = (
        "\ufeffperson,skill_uri,skill,categories,required,current,importance,gap,weighted_gap,met\r\n"
        f"ana@bakery.eu,{BREAD},bake bread,production,3,,3,3,9,no\r\n"
        f"ana@bakery.eu,{SELL},sell products,marketing; transversal,2,3,1,0,0,yes\r\n"
    )
    assert gap_report_csv(LINES, LABELS, CATEGORIES) == expected.encode()


def test_category_rows_round_shares_and_leave_undefined_empty() -> None:
    lines = [*LINES, GapLine("ben", BREAD, 3, 1, 1)]
    rows = category_rows(lines, CATEGORIES)
    assert rows[0] == ["category", "lines", "met", "coverage", "gap", "weighted_gap", "max_weighted_gap", "gap_share"]
    # production: ana gap 3 (*3), ben gap 2 (*1); max 9 + 3 = 12; gap share 11/12
    assert rows[1] == ["production", 2, 0, 0.0, 5, 11, 12, 0.9167]
    assert rows[2] == ["marketing", 1, 1, 1.0, 0, 0, 2, 0.0]
    assert rows[3] == ["management", 0, 0, None, 0, 0, 0, None]
    assert [row[0] for row in rows[1:]] == [category.value for category in Category]


def test_gap_report_xlsx_sheets() -> None:
    data = gap_report_xlsx(LINES, LABELS, CATEGORIES)
    gaps = sheet_values(data, "gaps")
    assert gaps[1] == ("ana@bakery.eu", BREAD, "bake bread", "production", 3, None, 3, 3, 9, "no")
    assert gaps[-1][0] == ESCO_ATTRIBUTION
    assert len(gaps) == 5
    categories = sheet_values(data, "categories")
    assert categories[1] == ("production", 1, 0, 0.0, 3, 9, 9, 1.0)
    assert categories[4] == ("transversal", 1, 1, 1.0, 0, 0, 2, 0.0)


def test_formula_like_text_is_neutralised() -> None:
    matrix = MatrixExport(people=('=HYPERLINK("x")', "-1@bakery.eu"), skills=(), levels={})
    assert matrix_csv(matrix) == '\ufeffperson\r\nskill_uri\r\n"\'=HYPERLINK(""x"")"\r\n\'-1@bakery.eu\r\n'.encode()
    sheet = load_workbook(io.BytesIO(matrix_xlsx(matrix)))["matrix"]
    assert isinstance(sheet, Worksheet)
    assert (sheet["A3"].value, sheet["A3"].data_type) == ('=HYPERLINK("x")', "s")
