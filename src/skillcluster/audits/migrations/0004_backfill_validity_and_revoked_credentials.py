"""Backfill what 0003 added: each rating's validity window, the credential a rating rests on, and the
withdrawal of ratings whose credential was already revoked. Current levels resting on a withdrawn rating are
marked due (expires_at = now), so the next refresh (`levels_refresh_expired`, run before cluster figures
and by `skillcluster audit refresh-levels`) recomputes them with the rule; firm reports compute from the
ratings and are right at once. Written without app code, as migrations must be."""

import datetime as dt
import re

from django.db import migrations
from django.utils import timezone

WINDOW_DAYS = {"self": 730, "manager": 730, "assessor": 1095, "credential": 1095}  # levels.VALIDITY then
URN = re.compile(r"urn:uuid:[0-9a-f-]{36}")


def forwards(apps, schema_editor):
    Rating = apps.get_model("audits", "Rating")
    Withdrawal = apps.get_model("audits", "RatingWithdrawal")
    SkillLevel = apps.get_model("audits", "SkillLevel")
    Credential = apps.get_model("accreditation", "IssuedCredential")
    now = timezone.now()
    expiry = {f"urn:uuid:{c.uuid}": (c.valid_until, c.revoked_at) for c in Credential.objects.all()}
    changed = []
    for rating in Rating.objects.filter(valid_until__isnull=True).iterator(chunk_size=2000):
        rating.valid_until = rating.created_at + dt.timedelta(days=WINDOW_DAYS[rating.source])
        found = URN.search(rating.note) if rating.source == "credential" else None
        if found:
            rating.reference = found.group(0)
            expires = expiry.get(rating.reference, (None, None))[0]
            rating.valid_until = min(rating.valid_until, expires) if expires else rating.valid_until
        changed.append(rating)
    Rating.objects.bulk_update(changed, ["valid_until", "reference"], batch_size=2000)
    revoked = [ref for ref, (_, revoked_at) in expiry.items() if revoked_at is not None]
    withdrawn = list(Rating.objects.filter(reference__in=revoked))
    Withdrawal.objects.bulk_create(Withdrawal(rating=r, at=now, reason="credential revoked") for r in withdrawn)
    for level in SkillLevel.objects.select_related("rating").iterator(chunk_size=2000):
        due = level.rating_id in {r.pk for r in withdrawn}
        SkillLevel.objects.filter(pk=level.pk).update(expires_at=now if due else level.rating.valid_until)


def backwards(apps, schema_editor):
    apps.get_model("audits", "RatingWithdrawal").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("audits", "0003_rating_validity_and_withdrawal"),
        ("accreditation", "0001_claims_assessments_keys_credentials"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
