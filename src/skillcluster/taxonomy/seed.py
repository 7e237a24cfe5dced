"""Demo seed step for the taxonomy: load ESCO when the database has none (idempotent; about 10 s)."""

from skillcluster.seeding import SeedContext
from skillcluster.taxonomy.selectors import concepts
from skillcluster.taxonomy.services import esco_load


def seed(ctx: SeedContext) -> None:
    if concepts.esco_is_loaded():
        ctx.out("ESCO is already loaded.")
        return
    report = esco_load()
    ctx.out(report.lines()[0])
    ctx.out("Run `skillcluster esco warm` once to build the free-text linker's cache (minutes the first time).")
