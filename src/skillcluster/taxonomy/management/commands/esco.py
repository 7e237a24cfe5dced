"""`skillcluster esco load | stats | categories --stats | warm | link "text" [--occupations] [--top N]`."""

import json
from pathlib import Path
from typing import Any, Never

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from skillcluster.taxonomy.domain import esco_data
from skillcluster.taxonomy.domain.categories import MAPPING_FILE, load_mapping
from skillcluster.taxonomy.linking.dense import Progress
from skillcluster.taxonomy.selectors import concepts, lookup
from skillcluster.taxonomy.services import esco_load, labels_load


class Command(BaseCommand):
    help = "Load ESCO into the database, show what is loaded, or link free text to ESCO skills or occupations."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="load (or reload) the shipped ESCO files; idempotent")
        load.add_argument("--data-dir", type=Path, default=esco_data.DATA_DIR, help="folder with the ESCO .csv.gz")
        load.add_argument("--no-progress", action="store_true", help="no progress bar")
        load.add_argument("--mapping", type=Path, default=MAPPING_FILE, help="category mapping (YAML) to apply")
        sub.add_parser("stats", help="what is loaded: counts per table and per category")
        sub.add_parser("labels", help="load the shipped labels in German, Spanish, French and Italian; idempotent")
        categories = sub.add_parser("categories", help="how the category mapping sorts ESCO")
        categories.add_argument(
            "--stats",
            action="store_true",
            required=True,
            help="one JSON line per category: skills, essential link share",
        )
        sub.add_parser("warm", help="build the search index and the linkers' on-disk cache (minutes the first time)")
        link = sub.add_parser("link", help="rank ESCO skills (or occupations) for a text")
        link.add_argument("text")
        link.add_argument("--occupations", action="store_true", help="rank occupations instead of skills")
        link.add_argument("--top", type=int, default=10, help="how many results (1-100)")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        getattr(self, f"_{action}")(**options)

    def _load(self, *, data_dir: Path, no_progress: bool, mapping: Path, **_: Any) -> None:
        report = esco_load(data_dir=data_dir, mapping=load_mapping(mapping), progress=not no_progress)
        for line in report.lines():
            self.stdout.write(line)

    def _labels(self, **_: Any) -> None:
        for language, (loaded, unknown) in labels_load().items():
            self.stdout.write(f"{language}: {loaded:,} concepts labelled ({unknown:,} URIs unknown here, left out)")

    def _stats(self, **_: Any) -> None:
        stats = concepts.esco_stats()
        if stats["load"] is None:
            self.stdout.write("ESCO is not loaded: run `skillcluster esco load`.")
        for name, value in stats.items():
            if name != "load":
                self.stdout.write(f"{name:<28} {value}")
        self.stdout.write(f"{'last load':<28} {stats['load']}")

    def _categories(self, **_: Any) -> None:
        for row in concepts.category_stats():
            self.stdout.write(json.dumps(row))

    def _warm(self, **_: Any) -> None:
        self.stdout.write("Building the search index and the linkers (about 2 minutes the first time) ...")
        for name, seconds, detail in lookup.indexes_warm(progress_for=_progress_bar):
            self.stdout.write(f"{name:<20} ready in {seconds:6.1f} s  {detail}")

    def _link(self, *, text: str, occupations: bool, top: int, **_: Any) -> None:
        if not 1 <= top <= 100:
            self.stderr.write("--top: expected a whole number from 1 to 100")
            raise SystemExit(2)
        ranking = lookup.link_text(text, kind="occupation" if occupations else "skill", top_k=top, wait=True)
        for note in ranking.notes:
            self.stdout.write(f"note: {note}")
        if not ranking.items:
            self.stdout.write(f"No match: {ranking.reason}")
        for rank, item in enumerate(ranking.items, start=1):
            via = f"  (via “{item.matched_label}”)" if item.matched_label != item.label else ""
            self.stdout.write(f"{rank:>3}. {item.score:6.3f}  {item.label}{via}  {item.uri}")


def _progress_bar(kind: str) -> Progress:
    """A tqdm bar that appears once the first labels are embedded (never when the cache is warm)."""
    bars: list[tqdm[Never]] = []  # empty until the first labels are embedded (tqdm(total=…) iterates nothing)

    def update(done: int, total: int) -> None:
        if not bars:
            bars.append(tqdm(total=total, desc=f"embedding ESCO {kind} labels", unit=" labels"))
        bars[0].update(done - bars[0].n)
        if done == total:
            bars[0].close()

    return update
