"""`skillcluster credential list|show ID|verify FILE|rotate-key ORG`: issued credentials from the command line.

`verify` checks signature, contexts, status and validity period against this platform's keys and
status lists, prints one JSON line and exits 1 when the credential is not valid.
"""

import json
import uuid
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_scopes import scopes_disabled

from skillcluster.accreditation.models import IssuedCredential
from skillcluster.accreditation.selectors.credential_check import verify_text
from skillcluster.accreditation.services import keys
from skillcluster.tenancy.models import SupportOrganisation


class Command(BaseCommand):
    help = "List, show and verify issued credentials."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="one JSON line per issued credential: id, holder, status")
        show = sub.add_parser("show", help="print an issued credential as JSON")
        show.add_argument("id", help="the credential's UUID")
        verify = sub.add_parser("verify", help="verify a credential file; exit 1 when it is not valid")
        verify.add_argument("file", type=Path)
        rotate = sub.add_parser(
            "rotate-key", help="give a support organisation a new signing key (old ones stay valid)"
        )
        rotate.add_argument("organisation", type=int, help="the support organisation's id")

    def handle(self, *args: Any, **options: Any) -> None:
        with scopes_disabled():  # an operator's command: every cluster's credentials, visibly
            getattr(self, "_" + options["action"].replace("-", "_"))(options)

    def _list(self, options: dict[str, Any]) -> None:
        rows = IssuedCredential.all_objects.select_related("holder").order_by("issued_at", "pk")
        for credential in rows:
            line = {"id": str(credential.uuid), "holder": credential.holder.email, "status": credential.state()}
            self.stdout.write(json.dumps(line))

    def _show(self, options: dict[str, Any]) -> None:
        try:
            key = uuid.UUID(options["id"].removeprefix("urn:uuid:"))
        except ValueError:
            raise CommandError(f"{options['id']!r} is not a credential UUID") from None
        credential = IssuedCredential.all_objects.filter(uuid=key).first()
        if credential is None:
            raise CommandError(f"No issued credential {key}")
        self.stdout.write(json.dumps(credential.document, indent=2))

    def _verify(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        try:
            text = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from None
        report = verify_text(text)
        line = {"file": str(path), "status": report.status, "reason": report.result.reason}
        self.stdout.write(json.dumps(line))
        if not report.result.is_valid:
            raise CommandError(f"{path}: {report.status}: {report.result.reason}", returncode=1)

    def _rotate_key(self, options: dict[str, Any]) -> None:
        organisation = SupportOrganisation.objects.filter(pk=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"No support organisation {options['organisation']}")
        key = keys.issuer_key_create(organisation=organisation)
        self.stdout.write(json.dumps({"organisation": organisation.pk, "verification_method": key.verification_method}))
