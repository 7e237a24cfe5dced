"""The bounded contexts, in dependency order. Settings, URLs and the API discover their parts from here,
so a context plugs in by existing: it adds `urls.py` and/or `api.py` (with `router`) in its own folder."""

import importlib
from types import ModuleType

CONTEXTS = ("tenancy", "taxonomy", "diagnostics", "accreditation", "audits")


def context_modules(name: str) -> list[ModuleType]:
    """`skillcluster.<context>.<name>` for every context that has one."""
    found = []
    for context in CONTEXTS:
        try:
            found.append(importlib.import_module(f"skillcluster.{context}.{name}"))
        except ModuleNotFoundError as error:
            if error.name != f"skillcluster.{context}.{name}":
                raise
    return found
