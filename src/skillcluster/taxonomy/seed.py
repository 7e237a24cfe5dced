"""Demo seed step for the taxonomy: load ESCO when the database has none (idempotent; about 10 s)."""

from skillcluster.taxonomy import selectors
from skillcluster.taxonomy.loader import esco_load
from skillcluster.tenancy.seeding import SeedContext


def seed(ctx: SeedContext) -> None:
    if selectors.esco_is_loaded():
        ctx.out("ESCO is already loaded.")
        return
    report = esco_load()
    ctx.out(report.lines()[0])
    ctx.out("Run `skillcluster esco warm` once to build the free-text linker's cache (minutes the first time).")
