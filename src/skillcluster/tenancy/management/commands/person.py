"""`skillcluster person export|deactivate|erase EMAIL`: people's data rights, for the operator handling a
request (a person can download their data and close their account themselves, on their profile page)."""

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from skillcluster.tenancy.models import Person
from skillcluster.tenancy.services import people


class Command(BaseCommand):
    help = "Export, deactivate or erase a person's data (GDPR requests)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["export", "deactivate", "erase"])
        parser.add_argument("email")
        parser.add_argument("--by", help="e-mail of the person carrying out the request (kept in the audit log)")
        parser.add_argument("--yes", action="store_true", help="erase without asking (erasure cannot be undone)")

    def handle(self, *args: Any, **options: Any) -> None:
        person = _person(options["email"])
        by = _person(options["by"]) if options["by"] else None
        if options["action"] == "export":
            self.stdout.write(json.dumps(people.person_export(person), indent=2, ensure_ascii=False))
            return
        if options["action"] == "deactivate":
            people.person_deactivate(person=person, by=by or person)
            self.stdout.write(f"{options['email']} can no longer log in.")
            return
        if not options["yes"] and input(f"Erase {options['email']} for good? Type 'erase': ").strip() != "erase":
            raise CommandError("Nothing was erased.")
        try:
            people.person_erase(person=person, by=by)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Erased: person #{person.pk}; figures and issued credentials stay valid.")


def _person(email: str) -> Person:
    person = Person.objects.filter(email__iexact=email.strip()).first()
    if person is None:
        raise CommandError(f"No person with the e-mail address {email}")
    return person
