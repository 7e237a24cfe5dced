"""`skillcluster restore FILE`: put back what `skillcluster backup FILE` saved (stop the web processes first)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from skillcluster.tenancy.management.commands.backup import restore


class Command(BaseCommand):
    help = "Restore the database and uploaded files from a backup archive (replaces what is there now)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--yes", action="store_true", help="replace the current data without asking")

    def handle(self, *args: Any, **options: Any) -> None:
        archive = Path(options["file"])
        if not archive.exists():
            raise CommandError(f"No backup file at {archive}")
        if not options["yes"] and input("Replace the current database and files? Type 'restore': ") != "restore":
            raise CommandError("Nothing was restored.")
        engine = restore(archive)
        self.stdout.write(f"Restored the {engine} database and uploaded files from {archive}")
