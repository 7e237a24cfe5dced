"""Credentials enter and leave the skill record: the audit's reactions to accreditation's domain events.

* `CredentialIssued`: one rating per claimed ESCO skill, source "credential", resting on the credential's id
  (`Rating.reference`) and counting until the credential expires (at most `levels.VALIDITY`). A skill that is
  not in the loaded ESCO cannot be rated (ratings point at taxonomy rows) and is skipped; the credential
  itself still names it.
* `CredentialRevoked`: those ratings are withdrawn (they stay in the history, marked) and the current levels
  fall back to what still counts.

Both run inside the accreditation service's transaction (`skillcluster.events`), subscribed in
`AuditsConfig.ready()`.
"""

from django.utils.translation import gettext_noop

from skillcluster.accreditation.domain.events import CredentialIssued, CredentialRevoked
from skillcluster.audits.domain import levels
from skillcluster.audits.domain.levels import Source
from skillcluster.audits.models import Rating
from skillcluster.audits.services.ratings import do_ratings_add, ratings_withdraw
from skillcluster.taxonomy.models import Skill


def on_credential_issued(event: CredentialIssued) -> None:
    skills = Skill.objects.filter(uri__in=event.skill_uris).order_by("uri")
    ratings = [
        Rating(
            firm_id=event.firm_id,
            person_id=event.holder_id,
            skill=skill,
            level=event.level,
            source=Source.CREDENTIAL.value,
            rated_by_id=event.issued_by_id,
            note=f"Credential {event.credential_id}: {event.title}",
            created_at=event.issued_at,
            valid_until=levels.valid_until(Source.CREDENTIAL, event.issued_at, expires=event.valid_until),
            reference=event.credential_id,
        )
        for skill in skills
    ]
    if ratings:
        do_ratings_add(ratings=ratings)


def on_credential_revoked(event: CredentialRevoked) -> None:
    # Stored in English (the reason is data); the profile page shows it through the catalogue.
    ratings_withdraw(reference=event.credential_id, reason=gettext_noop("credential revoked"), at=event.revoked_at)
