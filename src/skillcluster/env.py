"""Typed, fail-loud readers for settings taken from the environment.

Each helper rejects junk with a message that names the variable and what was expected,
so a misconfigured deployment stops at start-up instead of misbehaving later.
"""

import os
from collections.abc import Mapping


class ConfigError(ValueError):
    """An environment variable holds a value the platform cannot use."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool, environ: Mapping[str, str] = os.environ) -> bool:
    raw = environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name}={raw!r}: expected one of 1/0, true/false, yes/no, on/off")


def env_int(name: str, default: int, environ: Mapping[str, str] = os.environ) -> int:
    raw = environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw.strip())
    except ValueError:
        raise ConfigError(f"{name}={raw!r}: expected a whole number") from None


def env_str(name: str, default: str | None = None, environ: Mapping[str, str] = os.environ) -> str:
    raw = environ.get(name, default)
    if raw is None or not raw.strip():
        raise ConfigError(f"{name} is required and must not be empty")
    return raw.strip()


def env_optional(name: str, environ: Mapping[str, str] = os.environ) -> str:
    """An optional setting: the stripped value, or "" when unset or blank."""
    return environ.get(name, "").strip()


def env_list(name: str, default: list[str], environ: Mapping[str, str] = os.environ) -> list[str]:
    raw = environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]
