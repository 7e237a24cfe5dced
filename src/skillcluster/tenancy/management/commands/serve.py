"""`skillcluster serve`: the production web server (gunicorn) in front of the product, static files included.

Collects the static files (hashed, compressed: WhiteNoise serves them from the web process), applies any
pending migration, then replaces itself with gunicorn, so the process manager (systemd, a container) talks to
gunicorn directly. Settings come from the environment as always; see docs/DEPLOY.md.
"""

import os
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


def default_workers() -> int:
    return int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))


class Command(BaseCommand):
    help = "Serve the product with gunicorn (production): collect static files, migrate, start the workers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"), help="host:port")
        parser.add_argument("--workers", type=int, default=default_workers(), help="processes (WEB_CONCURRENCY)")
        parser.add_argument("--no-migrate", action="store_true", help="leave migrations to a separate step")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("collectstatic", interactive=False, verbosity=0)
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        command = [
            sys.executable, "-m", "gunicorn", "skillcluster.wsgi:application",
            "--bind", options["bind"],
            "--workers", str(options["workers"]),
            "--access-logfile", "-",
            "--forwarded-allow-ips", os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
            "--timeout", os.environ.get("WEB_TIMEOUT", "60"),
            "--max-requests", "2000", "--max-requests-jitter", "200",  # recycle workers: bounded memory
        ]  # fmt: skip
        self.stdout.write(f"Serving on http://{options['bind']} with {options['workers']} workers (gunicorn)")
        self.stdout.flush()
        os.execv(sys.executable, command)  # noqa: S606 — our own interpreter, our own arguments
