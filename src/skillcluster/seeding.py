"""The demo seed's shared state, and how contexts plug their own data into it.

`skillcluster seed` runs, in INSTALLED_APPS order, the `seed(ctx)` function of every
skillcluster context that has a `seed.py`. Each step must be idempotent: running the
command twice reuses what exists.
"""

import importlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType

from django.apps import apps

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
    steps = []
    for config in apps.get_app_configs():
        if not config.name.startswith("skillcluster."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.seed")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.seed":
                raise
            continue
        steps.append((config.label, module))
    return steps
