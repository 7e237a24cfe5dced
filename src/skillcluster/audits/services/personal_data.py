"""The skills audit's part of a person's data: the export (right of access) and the erasure."""

from skillcluster.audits.models import Rating, RatingProposal, Role
from skillcluster.tenancy.models import Firm, Person


def export(person: Person) -> dict[str, object]:
    about = Rating.all_objects.filter(person=person).select_related("firm", "skill", "rated_by").order_by("created_at")
    given = (
        Rating.all_objects.filter(rated_by=person)
        .exclude(person=person)
        .select_related("firm", "skill")
        .order_by("created_at")
    )
    return {
        "ratings_of_my_skills": [
            {
                "firm": str(r.firm), "skill": r.skill.preferred_label, "skill_uri": r.skill.uri, "level": r.level,
                "source": r.source, "rated_at": r.created_at.isoformat(),
                "rated_by": r.rated_by.full_name if r.rated_by else None, "note": r.note,
                "evidence_url": r.evidence_url,
            }
            for r in about
        ],
        # Ratings the person gave colleagues: what they did, without naming the colleague (whose data it is).
        "ratings_i_gave": [
            {"firm": str(r.firm), "skill": r.skill.preferred_label, "level": r.level, "source": r.source,
             "rated_at": r.created_at.isoformat()}
            for r in given
        ],
        "levels_proposed_after_training": [
            {"firm": str(p.firm), "skill": p.skill.preferred_label, "level": p.level, "course": p.note,
             "status": p.status, "proposed_at": p.created_at.isoformat()}
            for p in RatingProposal.all_objects.filter(person=person).select_related("firm", "skill")
        ],
    }  # fmt: skip


def erase(person: Person) -> None:
    Rating.all_objects.filter(person=person).erase_free_text()


def firm_export(firm: Firm) -> dict[str, object]:
    """The firm's skills audit: its roles with what they ask, who holds which, and every rating made in it."""
    roles = Role.all_objects.filter(firm=firm).prefetch_related(
        "requirements__skill", "assignments__membership__person"
    )
    ratings = Rating.all_objects.filter(firm=firm).select_related("person", "skill", "rated_by").order_by("created_at")
    return {
        "roles": [
            {"title": role.title, "occupation_uri": role.occupation.uri if role.occupation else None,
             "requires": [{"skill_uri": q.skill.uri, "skill": q.skill.preferred_label, "level": q.level,
                           "importance": q.importance} for q in role.requirements.all()],
             "held_by": [a.membership.person.email for a in role.assignments.all()]}
            for role in roles.select_related("occupation")
        ],
        "ratings": [
            {"person": r.person.email, "skill_uri": r.skill.uri, "level": r.level, "source": r.source,
             "rated_at": r.created_at.isoformat(), "rated_by": r.rated_by.email if r.rated_by else None,
             "note": r.note, "evidence_url": r.evidence_url}
            for r in ratings
        ],
    }  # fmt: skip
