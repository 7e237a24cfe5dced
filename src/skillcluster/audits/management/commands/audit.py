"""`skillcluster audit category-overrides CLUSTER_ID [FILE]`: load a cluster's own skill categories from a
YAML file, or print the current ones (no FILE), in the same format."""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_scopes import scopes_disabled

from skillcluster.audits.services.category_overrides import category_overrides_load, category_overrides_text
from skillcluster.tenancy.models import Cluster


class Command(BaseCommand):
    help = "Skills-audit administration for a cluster: its own skill categories."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        overrides = sub.add_parser("category-overrides", help="load (FILE) or print a cluster's skill categories")
        overrides.add_argument("cluster_id", type=int)
        overrides.add_argument("file", type=Path, nargs="?", help="YAML: skills: {<ESCO URI>: [categories]}")

    def handle(self, *args: Any, cluster_id: int, file: Path | None, **options: Any) -> None:
        # An operator's command: it crosses tenants on purpose, visibly.
        with scopes_disabled():
            cluster = Cluster.all_objects.filter(pk=cluster_id).first()
            if cluster is None:
                raise CommandError(f"No cluster with id {cluster_id}")
            if file is None:
                self.stdout.write(category_overrides_text(cluster=cluster), ending="")
                return
            try:
                count = category_overrides_load(cluster=cluster, text=file.read_text(encoding="utf-8"))
            except ValidationError as error:
                raise CommandError("\n".join(error.messages)) from None
        self.stdout.write(f"{cluster.name}: {count} skills have the cluster's own categories.")
