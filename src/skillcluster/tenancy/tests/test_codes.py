import pytest

from skillcluster.tenancy.domain import codes


def test_nace_list_is_complete():
    levels = [entry.level for entry in codes.nace_codes().values()]
    assert [levels.count(level) for level in (1, 2, 3, 4)] == [21, 88, 272, 615]


@pytest.mark.parametrize("raw", ["15.20", "1520", " 15.20 ", "15.2", "15", "C"])
def test_nace_accepts_real_codes_in_common_forms(raw):
    assert codes.nace_error(raw) is None


@pytest.mark.parametrize("raw", ["15.99", "99.99", "shoes", ""])
def test_nace_refuses_unknown_codes_and_says_what_was_expected(raw):
    assert codes.nace_error(raw) == (
        f"'{raw}' is not a NACE Rev. 2 code; expected e.g. '15.20' (class), '15.2' (group), '15' (division)"
    )


def test_nuts_knows_fermo_and_refuses_junk():
    assert codes.nuts_name("iti35") == "Fermo"
    assert codes.nuts_error("ITI35") is None
    assert codes.nuts_error("XX999") == (
        "'XX999' is not a NUTS 2021 code; expected e.g. 'ITI35' (level 3), 'ITI3' (level 2) or 'IT' (country)"
    )
