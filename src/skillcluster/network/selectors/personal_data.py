"""The learning network's part of a person's data (everything about them: offers, mentorships on both sides,
circles, placements, their whole log) and of a firm's records (its people's offers, mentorships, placements
and circle memberships; the log stays personal)."""

from django.db.models import Q

from skillcluster.network.models import CircleMember, LogEntry, MentorOffer, Mentorship, Placement
from skillcluster.tenancy.models import Firm, Person


def person_export(person: Person) -> dict[str, object]:
    offers = MentorOffer.all_objects.filter(person=person).select_related("firm", "skill").order_by("pk")
    entries = LogEntry.all_objects.filter(person=person).prefetch_related("skills").select_related("firm")
    return {
        "offers_to_mentor": [_offer(o) for o in offers],
        "mentorships": [_mentorship(m) for m in _mentorships(Q(mentee=person) | Q(mentor=person))],
        "circles": [c.circle.theme for c in CircleMember.objects.filter(person=person).select_related("circle")],
        "placements": [_placement(p) for p in _placements(Q(guest=person) | Q(host=person))],
        "learning_log": [_entry(e) for e in entries.order_by("pk")],
    }


def firm_export(firm: Firm) -> dict[str, object]:
    offers = MentorOffer.all_objects.filter(firm=firm).select_related("person", "firm", "skill").order_by("pk")
    members = CircleMember.objects.filter(firm=firm).select_related("circle", "person").order_by("pk")
    return {
        "offers_to_mentor": [{"person": o.person.email, **_offer(o)} for o in offers],
        "mentorships": [_mentorship(m) for m in _mentorships(Q(mentee_firm=firm) | Q(mentor_firm=firm))],
        "circle_members": [{"circle": m.circle.theme, "person": m.person.email} for m in members],
        "placements": [_placement(p) for p in _placements(Q(guest_firm=firm) | Q(host_firm=firm))],
    }


def _mentorships(where: Q) -> list[Mentorship]:
    return list(Mentorship.all_objects.filter(where).select_related(
        "mentor", "mentee", "mentor_firm", "mentee_firm", "skill").order_by("pk"))  # fmt: skip


def _placements(where: Q) -> list[Placement]:
    return list(Placement.all_objects.filter(where).select_related("host", "guest", "host_firm", "guest_firm")
                .prefetch_related("skills").order_by("pk"))  # fmt: skip


def _offer(offer: MentorOffer) -> dict[str, object]:
    return {"firm": str(offer.firm), "skill_uri": offer.skill.uri, "skill": offer.skill.preferred_label,
            "capacity": offer.capacity, "languages": offer.languages, "availability": offer.availability,
            "offered_at": offer.created_at.isoformat(),
            "agreed_at": offer.agreed_at.isoformat() if offer.agreed_at else None,
            "withdrawn_at": offer.withdrawn_at.isoformat() if offer.withdrawn_at else None}  # fmt: skip


def _mentorship(m: Mentorship) -> dict[str, object]:
    return {"mentor": m.mentor.email, "mentor_firm": str(m.mentor_firm), "mentee": m.mentee.email,
            "mentee_firm": str(m.mentee_firm), "skill_uri": m.skill.uri, "skill": m.skill.preferred_label,
            "start_level": m.start_level, "target_level": m.target_level, "status": m.status,
            "proposed_at": m.proposed_at.isoformat(),
            "started_at": m.started_at.isoformat() if m.started_at else None,
            "ended_at": m.ended_at.isoformat() if m.ended_at else None}  # fmt: skip


def _placement(p: Placement) -> dict[str, object]:
    return {"kind": p.kind, "host_firm": str(p.host_firm), "host": p.host.email, "guest": p.guest.email,
            "guest_firm": str(p.guest_firm), "starts_on": p.starts_on.isoformat(), "days": p.days,
            "skills": [s.uri for s in p.skills.all()]}  # fmt: skip


def _entry(e: LogEntry) -> dict[str, object]:
    return {"firm": str(e.firm), "kind": e.kind, "component": e.component, "date": e.happened_on.isoformat(),
            "minutes": e.minutes, "skills": [s.uri for s in e.skills.all()], "practised": e.practised,
            "reflection": e.reflection, "confirmer": e.confirmer_name, "confirmer_email": e.confirmer_email,
            "mentorship": e.mentorship_id, "circle": e.circle_id, "placement": e.placement_id}  # fmt: skip
