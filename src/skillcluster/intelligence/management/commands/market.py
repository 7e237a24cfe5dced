"""`skillcluster market fetch-feeds`: queue a fetch of every feed source (run it from cron or a systemd timer,
hourly; the worker, `skillcluster db_worker`, does the fetching)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django_scopes import scopes_disabled

from skillcluster.intelligence.models import FeedSource
from skillcluster.intelligence.tasks import fetch_feed


class Command(BaseCommand):
    help = "Market intelligence: queue the fetching of every feed source."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["fetch-feeds"])

    def handle(self, *args: Any, **options: Any) -> None:
        with scopes_disabled():  # an operator's command: every cluster's feeds, visibly
            ids = list(FeedSource.all_objects.values_list("pk", flat=True))
        for pk in ids:
            fetch_feed.enqueue(pk)
        self.stdout.write(f"Queued {len(ids)} feed fetch{'es' if len(ids) != 1 else ''}.")
