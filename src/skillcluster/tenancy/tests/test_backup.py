"""A backup restores what it saved: the database and the uploaded files (a round trip through the commands)."""

import os
import secrets
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def test_backup_and_restore_round_trip(tmp_path):
    var = tmp_path / "var"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "skillcluster.settings", "DEBUG": "1",
           "SKILLCLUSTER_VAR_DIR": str(var), "SECRET_KEY": secrets.token_urlsafe(40),
           "TAXONOMY_LINKER_MODEL": "lexical"}  # fmt: skip
    env.pop("DATABASE_URL", None)

    def run(*args: str) -> str:
        done = subprocess.run(  # noqa: S603 — our own interpreter and command
            [sys.executable, "-m", "skillcluster.cli", *args], env=env, check=False, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr[-1500:]
        return done.stdout

    names = "from skillcluster.tenancy.models import Firm; print(sorted(Firm.all_objects.values_list('legal_name')))"
    run("migrate", "--no-input")
    run("seed", "--firms", "6", "--seed", "1")
    evidence = var / "media" / "evidence" / "logbook.pdf"
    evidence.parent.mkdir(parents=True)
    evidence.write_bytes(b"%PDF-1.4 logbook")
    firms = run("shell", "-c", names).strip()

    archive = tmp_path / "backups" / "nightly.tar.gz"
    assert "Backed up the sqlite database" in run("backup", str(archive))
    change = (
        "from skillcluster.tenancy.models import Firm, Invitation; Invitation.all_objects.all().delete(); "
        "Firm.all_objects.filter(pk=1).update(legal_name='Gone')"
    )
    run("shell", "-c", change)
    evidence.unlink()
    assert run("shell", "-c", names).strip() != firms

    assert "Restored the sqlite database" in run("restore", str(archive), "--yes")
    assert run("shell", "-c", names).strip() == firms
    assert evidence.read_bytes() == b"%PDF-1.4 logbook"
