"""`skillcluster credential list|show|verify` and the demo seed step."""

import json
import random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from skillcluster.accreditation import seed as accreditation_seed
from skillcluster.accreditation.models import Claim, IssuedCredential
from skillcluster.accreditation.services import credentials
from skillcluster.seeding import SeedContext


def test_list_prints_one_json_line_per_credential(world, credential, capsys):
    call_command("credential", "list")
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line) for line in lines] == [
        {"id": str(credential.uuid), "holder": "employee@example.org", "status": "valid"}
    ]


def test_show_prints_the_document(credential, capsys):
    call_command("credential", "show", str(credential.uuid))
    assert json.loads(capsys.readouterr().out) == credential.document


def test_show_unknown_id(db):
    with pytest.raises(CommandError, match="No issued credential"):
        call_command("credential", "show", "00000000-0000-0000-0000-000000000000")


def test_verify_valid_file(credential, tmp_path, capsys):
    path = tmp_path / "c.json"
    path.write_text(json.dumps(credential.document))
    call_command("credential", "verify", str(path))
    assert json.loads(capsys.readouterr().out)["status"] == "valid"


def test_verify_revoked_file_exits_non_zero(world, credential, tmp_path):
    credentials.credential_revoke(credential=credential, revoked_by=world.cluster_manager, reason="x")
    path = tmp_path / "c.json"
    path.write_text(json.dumps(credential.document))
    with pytest.raises(CommandError, match="revoked") as error:
        call_command("credential", "verify", str(path))
    assert error.value.returncode == 1


def test_verify_malformed_file_exits_non_zero(db, tmp_path):
    path = tmp_path / "c.json"
    path.write_text("not json")
    with pytest.raises(CommandError, match="malformed: This is not valid JSON"):
        call_command("credential", "verify", str(path))


def _seed(world):
    ctx = SeedContext(seed=1, firm_count=3, current_year=2026, out=lambda _: None)
    ctx.shared["cluster"] = world.cluster
    accreditation_seed.seed(ctx)


def test_seed_makes_every_stage_and_is_idempotent(world):
    from skillcluster.tenancy.domain.roles import FirmRole
    from skillcluster.tenancy.tests.factories import FirmFactory, MembershipFactory

    for _index in range(6):
        MembershipFactory(firm=FirmFactory(cluster=world.cluster), role=FirmRole.EMPLOYEE)
    random.seed(0)
    _seed(world)
    _seed(world)
    statuses = sorted(Claim.objects.values_list("status", flat=True))
    assert statuses == sorted(
        ["draft", "credentialed", "submitted", "more_evidence", "approved", "credentialed", "revoked"]
    )
    states = sorted(c.state() for c in IssuedCredential.objects.all())
    assert states == ["revoked", "valid", "valid"]


def test_rotate_key_keeps_old_credential_valid(world, credential, tmp_path, capsys):
    from skillcluster.accreditation.models import IssuerKey

    call_command("credential", "rotate-key", str(world.cluster.support_organisation.pk))
    line = json.loads(capsys.readouterr().out)
    active = IssuerKey.objects.get(retired_at__isnull=True)
    assert (line["verification_method"], IssuerKey.objects.count()) == (active.verification_method, 2)
    path = tmp_path / "c.json"
    path.write_text(json.dumps(credential.document))
    call_command("credential", "verify", str(path))
    assert json.loads(capsys.readouterr().out)["status"] == "valid"
