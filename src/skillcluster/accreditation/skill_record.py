"""An issued credential enters the holder's skill record: one audits Rating per ESCO skill, source "credential".

Uses the audits context's `do_ratings_add` (append-only ratings that also move current levels).
A claimed skill that is not in the loaded ESCO taxonomy cannot be rated (ratings point at
taxonomy.Skill rows) and is skipped; the credential itself still names it.
"""

from skillcluster.accreditation.models import Claim, IssuedCredential
from skillcluster.audits.domain.levels import Source
from skillcluster.audits.models import Rating
from skillcluster.audits.services.ratings import do_ratings_add
from skillcluster.taxonomy.models import Skill


def ratings_from_credential(*, credential: IssuedCredential, claim: Claim) -> list[Rating]:
    uris = list(claim.skills.values_list("esco_uri", flat=True))
    skills = Skill.objects.filter(uri__in=uris).order_by("uri")
    url = f"urn:uuid:{credential.uuid}"
    ratings = [
        Rating(
            firm_id=claim.firm_id,
            person_id=claim.claimant_id,
            skill=skill,
            level=claim.level,
            source=Source.CREDENTIAL.value,
            rated_by=credential.issued_by,
            note=f"Credential {url}: {claim.title}",
        )
        for skill in skills
    ]
    return do_ratings_add(ratings=ratings) if ratings else []
