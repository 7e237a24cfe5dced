"""The bounded contexts and the layers of the house, in one place. Settings (INSTALLED_APPS), URLs, the API,
the demo seed and the import-linter contracts (`tools/import_contracts.py`) are all derived from here, so a
context plugs in by existing, and cannot import against the design without the contracts failing.

FLOORS: the contexts, lowest floor first. A context may import the contexts on lower floors, never those
on its own floor (they are independent of each other) or above. Contexts on higher floors react to lower
ones through domain events (`skillcluster.events`), not by being imported.

LAYERS: the layers inside every context, top first; a context has those it needs. A module may import the
layers below its own, never those above. The last layer is pure: plain Python, no Django.

KERNEL: project modules below every context (settings helpers, domain events, the seed frame, form helpers).
"""

import importlib
from types import ModuleType

FLOORS: tuple[tuple[str, ...], ...] = (
    ("tenancy", "taxonomy"),
    ("diagnostics", "accreditation"),
    ("audits",),
    ("intelligence",),
    ("pooling", "network"),
    ("planning",),
)
CONTEXTS: tuple[str, ...] = tuple(context for floor in FLOORS for context in floor)

LAYERS: tuple[tuple[str, ...], ...] = (
    ("urls", "api", "apps", "seed", "management", "templatetags", "middleware", "context_processors"),
    ("views",),
    # the web layer's helpers (memo: page parts kept between requests); background tasks (queued by views)
    ("forms", "navigation", "http", "memo", "tasks"),
    ("services",),  # writes
    ("selectors",),  # reads, scoped to the caller
    ("models",),
    ("domain", "vc", "linking"),  # pure
)
UPPER_LAYERS: tuple[str, ...] = tuple(name for layer in LAYERS[:3] for name in layer)  # entry points and web
PURE_LAYERS: tuple[str, ...] = LAYERS[-1]
KERNEL: tuple[str, ...] = (
    "batch", "contexts", "env", "events", "logs", "mail", "seeding", "solvers", "web", "words",
)  # fmt: skip


def context_modules(name: str) -> list[ModuleType]:
    """`skillcluster.<context>.<name>` for every context that has one, in floor order."""
    found = []
    for context in CONTEXTS:
        try:
            found.append(importlib.import_module(f"skillcluster.{context}.{name}"))
        except ModuleNotFoundError as error:
            if error.name != f"skillcluster.{context}.{name}":
                raise
    return found
