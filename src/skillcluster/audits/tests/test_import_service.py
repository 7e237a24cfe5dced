"""Matrix import through the service: each bad input refuses the whole file and writes nothing."""

import io

import pytest
from openpyxl import Workbook

from skillcluster.audits.domain import matrix_import
from skillcluster.audits.domain.matrix_import import ImportRefused, Problem
from skillcluster.audits.models import Rating, SkillLevel
from skillcluster.audits.services import imports
from skillcluster.audits.tests.conftest import ESCO
from skillcluster.tenancy.selectors import firm_access


def _apply(world, data: bytes, who="owner", confirmed=()):
    rater = getattr(world, who)
    access = firm_access(rater, world.firm)
    return imports.matrix_import_apply(firm=world.firm, access=access, rater=rater, data=data, confirmed=confirmed)


def _refused(world, data: bytes, **kwargs) -> tuple[Problem, ...]:
    with pytest.raises(ImportRefused) as refused:
        _apply(world, data, **kwargs)
    assert Rating.objects.count() == 0
    assert SkillLevel.objects.count() == 0
    return refused.value.problems


def test_clean_import_writes_every_cell(world, esco):
    data = f"person,{ESCO}stitch,{ESCO}sell\nemployee@example.org,3,1\nowner@example.org,4,\n".encode()
    assert _apply(world, data) == 3
    got = sorted(Rating.objects.values_list("person__email", "skill__uri", "level", "source"))
    assert got == [
        ("employee@example.org", ESCO + "sell", 1, "manager"),
        ("employee@example.org", ESCO + "stitch", 3, "manager"),
        ("owner@example.org", ESCO + "stitch", 4, "self"),  # the importer's own row is a self rating
    ]


def test_auditor_imports_as_assessor(world, esco):
    assert _apply(world, f"person,{ESCO}cut\nemployee@example.org,2\n".encode(), who="auditor") == 1
    assert Rating.objects.get().source == "assessor"


def test_employee_may_not_import(world, esco):
    problems = _refused(world, f"person,{ESCO}cut\nemployee@example.org,2\n".encode(), who="employee")
    assert problems == (Problem(0, "", "your role", "the firm's owner or manager, or a skills auditor"),)


CASES = {
    "unknown column": (
        f"person,{ESCO}cut,qqqzzz xxyy\nemployee@example.org,2,1\n",
        [Problem(1, "C", "qqqzzz xxyy", "a skill name the taxonomy can link, or the skill's ESCO URI")],
    ),
    "unknown uri": (
        f"person,{ESCO}nope\nemployee@example.org,2\n",
        [Problem(1, "B", f"{ESCO}nope", f"an ESCO skill URI ({ESCO}…) or a skill name")],
    ),
    "level outside 0-4": (
        f"person,{ESCO}cut\nemployee@example.org,5\n",
        [Problem(2, "B", "5", matrix_import.LEVEL_EXPECTED)],
    ),
    "person not in firm": (
        f"person,{ESCO}cut\noutsider@example.org,2\n",
        [Problem(2, "A", "outsider@example.org", "the e-mail of a person in the firm")],
    ),
    "duplicate row": (
        f"person,{ESCO}cut\nemployee@example.org,2\nEmployee@example.org,3\n",
        [Problem(3, "A", "employee@example.org", "each person once (already in row 2)")],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_refused_with_row_report(world, esco, case):
    text, expected = CASES[case]
    assert list(_refused(world, text.encode())) == expected


def test_corrupt_xlsx_refused(world, esco):
    problems = _refused(world, b"PK\x03\x04" + b"\x00" * 200)
    assert problems == (Problem(0, "", "a damaged zip archive", "an XLSX workbook that is not corrupt"),)


def test_password_protected_xlsx_refused(world, esco):
    problems = _refused(world, matrix_import.OLE2_MAGIC + b"\x00" * 512)
    assert problems[0].found == "an OLE2 compound file"


def test_huge_file_refused(world, esco):
    problems = _refused(world, b"person\n" + b"x" * matrix_import.MAX_BYTES)
    assert problems[0].expected == f"a file of at most {matrix_import.MAX_BYTES:,} bytes"


def test_xlsx_import(world, esco):
    book = Workbook()
    book.active.append(["person", ESCO + "cut", ESCO + "team"])
    book.active.append(["employee@example.org", 2, 3])
    buffer = io.BytesIO()
    book.save(buffer)
    assert _apply(world, buffer.getvalue()) == 2


def test_uncertain_link_needs_confirmation(world, esco):
    data = b"person,teams work\nemployee@example.org,3\n"
    plan = imports.matrix_import_check(firm=world.firm, access=firm_access(world.owner, world.firm), data=data)
    assert [(link.column, link.name, link.skill_uri) for link in plan.to_confirm] == [
        ("B", "teams work", ESCO + "team")
    ]
    problems = _refused(world, data)
    assert [(p.row, p.column, p.found) for p in problems] == [(1, "B", "teams work")]
    assert _apply(world, data, confirmed=["B"]) == 1
    assert Rating.objects.get().skill.uri == ESCO + "team"
