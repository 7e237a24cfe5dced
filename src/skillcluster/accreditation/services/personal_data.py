"""Accreditation's part of a person's data: the export (right of access) and the erasure.

Erasure blanks the person's claims (title, story, evidence, files) and drops our stored copy of their issued
credentials; the credentials' status-list entries stay, so the copy the holder keeps still verifies, and the
issuer can still revoke it. Statements and assessments the person wrote about others stay, signed by
"Erased person".
"""

from skillcluster.accreditation.models import Claim, Evidence, IssuedCredential, Statement
from skillcluster.tenancy.models import Person

ERASED_CLAIM = "Erased claim"


def export(person: Person) -> dict[str, object]:
    claims = Claim.all_objects.filter(claimant=person).prefetch_related("skills", "evidence", "statements")
    credentials = IssuedCredential.all_objects.filter(holder=person)
    written = Statement.objects.filter(author=person).select_related("claim")
    return {
        "claims": [
            {
                "title": c.title, "level": c.level, "how_learned": c.how_learned, "story": c.story,
                "status": c.status, "response": c.response, "created": c.created_at.isoformat(),
                "skills": [{"esco_uri": s.esco_uri, "label": s.label} for s in c.skills.all()],
                "evidence": [{"description": e.description, "link": e.link, "file": e.file_name}
                             for e in c.evidence.all()],
                "statements": [{"relation": s.relation, "text": s.text} for s in c.statements.all()],
            }
            for c in claims
        ],
        "credentials": [
            {"id": str(c.uuid), "issued_at": c.issued_at.isoformat(),
             "revoked_at": c.revoked_at.isoformat() if c.revoked_at else None, "document": c.document}
            for c in credentials
        ],
        "statements_i_wrote": [
            {"relation": s.relation, "text": s.text, "written": s.created_at.isoformat()} for s in written
        ],
    }  # fmt: skip


def erase(person: Person) -> None:
    claims = Claim.all_objects.filter(claimant=person)
    for evidence in Evidence.objects.filter(claim__in=claims).exclude(file=""):
        evidence.file.delete(save=False)
    Evidence.objects.filter(claim__in=claims).update(description="(erased)", link="", file="", file_name="")
    claims.update(title=ERASED_CLAIM, story="", response="")
    IssuedCredential.all_objects.filter(holder=person).update(document={})
