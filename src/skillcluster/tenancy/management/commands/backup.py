"""`skillcluster backup FILE` and `skillcluster restore FILE`: the database and the uploaded files, together.

One .tar.gz holds a consistent copy of the database (SQLite's online backup, or `pg_dump` in PostgreSQL's
custom format) and everything under MEDIA_ROOT (evidence files). Restore replaces both. A backup restores
into the same engine it came from; `CREDENTIAL_KEY_SECRET` is not in it (keep it apart, with the secrets):
without it the issuers' signing keys in the backup cannot be used.
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone

MANIFEST = "skillcluster-backup.json"


class Command(BaseCommand):
    help = "Back up the database and uploaded files into one .tar.gz."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the archive to write, e.g. backups/skillcluster-2026-11-27.tar.gz")

    def handle(self, *args: Any, **options: Any) -> None:
        target = Path(options["file"])
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as folder:
            dump = Path(folder) / "database"
            engine = _dump_database(dump)
            manifest = {"created": timezone.now().isoformat(), "engine": engine, "format": 1}
            partial = target.with_suffix(".partial")
            with tarfile.open(partial, "w:gz") as archive:
                data = json.dumps(manifest).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
                archive.add(dump, arcname="database")
                media = Path(settings.MEDIA_ROOT)
                if media.exists():
                    archive.add(media, arcname="media")
            partial.replace(target)  # a backup file is complete or absent, never half-written
        self.stdout.write(f"Backed up the {engine} database and uploaded files to {target}")


def _dump_database(dump: Path) -> str:
    vendor = connection.vendor
    if vendor == "sqlite":
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        copy = sqlite3.connect(dump)
        with copy:
            source.backup(copy)  # consistent even while the web processes write
        copy.close()
        source.close()
        return "sqlite"
    if vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(dump), _pg_url()])
        return "postgresql"
    raise CommandError(f"No backup for the {vendor} database engine")


def _pg_url() -> str:
    db = settings.DATABASES["default"]
    user, password = db.get("USER", ""), db.get("PASSWORD", "")
    credentials = f"{user}:{password}@" if user else ""
    return f"postgresql://{credentials}{db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}/{db['NAME']}"


def _run(command: list[str]) -> None:
    executable = shutil.which(command[0])
    if executable is None:
        raise CommandError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client)")
    finished = subprocess.run([executable, *command[1:]], capture_output=True, text=True, check=False)  # noqa: S603
    if finished.returncode != 0:
        raise CommandError(f"{command[0]} failed: {finished.stderr.strip()[-500:]}")


def restore(archive_path: Path) -> str:
    """Replace the database and the uploaded files with the archive's; returns the engine restored."""
    with tempfile.TemporaryDirectory() as folder, tarfile.open(archive_path, "r:gz") as archive:
        archive.extractall(folder, filter="data")
        manifest = json.loads((Path(folder) / MANIFEST).read_text())
        engine = manifest["engine"]
        if engine != connection.vendor:
            raise CommandError(f"This backup is of a {engine} database; this installation uses {connection.vendor}")
        dump = Path(folder) / "database"
        connection.close()
        if engine == "sqlite":
            target = sqlite3.connect(settings.DATABASES["default"]["NAME"])
            source = sqlite3.connect(dump)
            with target:
                source.backup(target)
            source.close()
            target.close()
        else:
            _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--dbname", _pg_url(), str(dump)])
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            shutil.rmtree(media)
        if (Path(folder) / "media").exists():
            shutil.copytree(Path(folder) / "media", media)
        else:
            media.mkdir(parents=True, exist_ok=True)
        os.sync()
    return str(engine)
