import pytest

from skillcluster.env import ConfigError, env_bool, env_int, env_str


def test_env_bool_rejects_junk_naming_the_variable():
    with pytest.raises(ConfigError, match=r"DEBUG='maybe': expected one of"):
        env_bool("DEBUG", False, {"DEBUG": "maybe"})


def test_env_int_rejects_junk():
    with pytest.raises(ConfigError, match="expected a whole number"):
        env_int("N", 1, {"N": "ten"})


def test_env_str_required():
    with pytest.raises(ConfigError, match="SECRET_KEY is required"):
        env_str("SECRET_KEY", None, {})
    assert env_str("X", None, {"X": " v "}) == "v"
    assert env_bool("D", True, {}) is True
