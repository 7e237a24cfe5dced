"""Demo seed step for the taxonomy: load ESCO when the database has none (idempotent; about 10 s), and its
labels in German, Spanish, French and Italian (a few seconds)."""

from skillcluster.seeding import SeedContext
from skillcluster.taxonomy.models import ConceptLabel
from skillcluster.taxonomy.selectors import concepts
from skillcluster.taxonomy.services import esco_load, labels_load


def seed(ctx: SeedContext) -> None:
    if concepts.esco_is_loaded():
        ctx.out("ESCO is already loaded.")
    else:
        ctx.out(esco_load().lines()[0])
        ctx.out("Run `skillcluster esco warm` once to build the free-text linker's cache (minutes the first time).")
    if not ConceptLabel.objects.exists() and concepts.esco_is_loaded():
        loaded = labels_load()
        ctx.out("ESCO labels in other languages: " + ", ".join(f"{lang} {n:,}" for lang, (n, _) in loaded.items()))
