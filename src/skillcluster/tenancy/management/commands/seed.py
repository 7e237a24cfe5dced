"""`skillcluster seed --firms N --seed S`: a realistic demo cluster, the same for the same seed."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from skillcluster.seeding import DEMO_PASSWORD, SeedContext, seed_steps


class Command(BaseCommand):
    help = "Create (or reuse) the demo cluster with firms, people and each context's demo data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--firms", type=int, default=40, help="number of firms in the demo district (5–2000)")
        parser.add_argument("--seed", type=int, default=1, help="random seed; the same seed gives the same data")

    def handle(self, *args: Any, firms: int, seed: int, **options: Any) -> None:
        if not 5 <= firms <= 2000:
            self.stderr.write("--firms: expected a whole number from 5 to 2000")
            raise SystemExit(2)
        ctx = SeedContext(seed=seed, firm_count=firms, current_year=timezone.localdate().year, out=self.stdout.write)
        # Seeding writes across every tenant on purpose: scoping is switched off here, visibly.
        with scopes_disabled():
            for label, module in seed_steps():
                with transaction.atomic():
                    module.seed(ctx)
                self.stdout.write(f"  seeded {label}")
        self.stdout.write(self.style.SUCCESS(f"\nDemo logins (password: {DEMO_PASSWORD})"))
        for label, email in ctx.logins:
            self.stdout.write(f"  {label:<32} {email}")
