"""The demo seed's shared state, and how contexts plug their own data into it.

`skillcluster seed` runs, in floor order (`contexts.py`), the `seed(ctx)` function of every
context that has a `seed.py`. Each step must be idempotent: running the
command twice reuses what exists.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType

from skillcluster.contexts import context_modules

DEMO_PASSWORD = "skillcluster-demo"  # noqa: S105 -- public on purpose: printed by `make demo`


@dataclass
class SeedContext:
    seed: int
    firm_count: int
    current_year: int
    out: Callable[[str], None]
    logins: list[tuple[str, str]] = field(default_factory=list)  # (what the login shows, e-mail)
    shared: dict[str, object] = field(default_factory=dict)  # objects one step hands to the next

    def rng(self, step: str) -> random.Random:
        """A generator per step, so adding a step never changes another step's data."""
        return random.Random(f"{self.seed}:{step}")


def seed_steps() -> list[tuple[str, ModuleType]]:
    """Every context's `seed` module, in floor order (a step may use what lower floors seeded)."""
    return [(module.__name__.split(".")[1], module) for module in context_modules("seed")]
