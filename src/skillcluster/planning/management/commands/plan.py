"""`skillcluster plan remind`: queue the reminders of plan actions due within a week (daily, from cron or a
systemd timer; the worker, `skillcluster db_worker`, sends them)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from skillcluster.planning.tasks import send_reminders


class Command(BaseCommand):
    help = "Learning plans: queue the reminders of actions due within a week."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["remind"])

    def handle(self, *args: Any, **options: Any) -> None:
        send_reminders.enqueue()
        self.stdout.write("Queued the reminders of plan actions due within a week.")
