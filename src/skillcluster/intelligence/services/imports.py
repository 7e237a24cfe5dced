"""Reading a file of job ads into the cluster: the file is checked whole (refused with the reason when it
cannot be read), its usable rows are stored together with the report of the others, duplicates (of one another
or of ads already stored) point to the ad kept; linking skills follows in the background (`extraction.py`)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from skillcluster.intelligence.domain import ads as ad_rules
from skillcluster.intelligence.domain import dedup
from skillcluster.intelligence.domain.permissions import IntelligencePerm
from skillcluster.intelligence.models import Ad, AdImport, ImportStatus
from skillcluster.tenancy.domain.permissions import Access
from skillcluster.tenancy.models import Cluster, Person

MAX_FILE_BYTES = 8 * 1024 * 1024


def check_ads_import(
    *, access: Access, cluster: Cluster, name: str, data: bytes, actor: Person | None, today: dt.date | None = None
) -> AdImport:
    """Store the file's usable ads and its report; the caller queues `extraction.extract` for it."""
    if not access.has(IntelligencePerm.MANAGE):
        raise ValidationError(gettext("Only the cluster manager imports sources."))
    if len(data) > MAX_FILE_BYTES:
        message = gettext("The file has %(size)s bytes; at most %(most)s.")
        raise ValidationError({"file": message % {"size": f"{len(data):,}", "most": f"{MAX_FILE_BYTES:,}"}})
    try:
        rows, problems = ad_rules.read(data, today=today or timezone.localdate())
    except ad_rules.FileError as error:
        raise ValidationError({"file": str(error)}) from None
    if not rows:
        values = {"n": len(problems), "line": problems[0].line if problems else 0,
                  "message": problems[0].message if problems else ""}  # fmt: skip
        if problems:
            message = ngettext("No usable ad in the file (%(n)s rows with problems). The first: line %(line)s, "
                               "%(message)s.", "No usable ad in the file (%(n)s rows with problems). The first: "
                               "line %(line)s, %(message)s.", len(problems))  # fmt: skip
        else:
            message = gettext("No usable ad in the file (0 rows with problems).")
        raise ValidationError({"file": message % values})
    return ads_store(cluster=cluster, name=name, rows=rows, problems=problems, actor=actor)


def ads_store(
    *, cluster: Cluster, name: str, rows: list[ad_rules.AdRow], problems: list[ad_rules.Problem],
    actor: Person | None,
) -> AdImport:  # fmt: skip
    known = list(
        Ad.all_objects.filter(cluster=cluster, duplicate_of__isnull=True).values_list("pk", "fingerprint", "signature")
    )
    found = dedup.duplicates([(r.title, r.text) for r in rows], known=[(k, f, bytes(s)) for k, f, s in known])
    stored = Ad.all_objects.in_bulk([kept.key for kept in found.values() if kept.stored])
    with transaction.atomic():
        source = AdImport.all_objects.create(
            cluster=cluster, name=name[:200], rows=len(rows) + len(problems), added=len(rows) - len(found),
            duplicates=len(found), problems=[p.stored() for p in problems],
            created_by=actor,
        )  # fmt: skip
        made: dict[int, Ad] = {}
        for index, row in enumerate(rows):
            original = found.get(index)
            made[index] = Ad.all_objects.create(
                cluster=cluster, source=source, line=row.line, title=row.title, text=row.text,
                employer=row.employer, place=row.place, region=row.region or cluster.nuts_region,
                published_on=row.published_on, url=row.url, fingerprint=dedup.fingerprint(row.title, row.text),
                signature=dedup.signature_bytes(dedup.signature(row.title, row.text)),
                duplicate_of=None if original is None else stored[original.key] if original.stored
                else made[original.key],
            )  # fmt: skip
    return source


def import_fail(*, source: AdImport, error: str) -> None:
    AdImport.all_objects.filter(pk=source.pk).update(status=ImportStatus.FAILED, error=error[:300],
                                                    finished_at=timezone.now())  # fmt: skip
