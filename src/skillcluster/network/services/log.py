"""Writes of the learning log: adding an entry (checked against what it belongs to) and turning entries into
an accreditation claim, with the entries as evidence and statement requests to the people who took part."""

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from skillcluster.accreditation.models import Claim, HowLearned, StatementRelation
from skillcluster.accreditation.services import claims as claim_services
from skillcluster.accreditation.services.statements import statement_request_create
from skillcluster.network.domain import log
from skillcluster.network.domain.permissions import NetworkPerm
from skillcluster.network.models import (
    Circle,
    Component,
    EntryKind,
    LogEntry,
    Mentorship,
    MentorshipStatus,
    Placement,
)
from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.domain.permissions import Access
from skillcluster.tenancy.models import Firm, Person

EXTERNAL_RELATIONS = (StatementRelation.EXPERT, StatementRelation.CUSTOMER, StatementRelation.SUPERVISOR,
                      StatementRelation.COLLEAGUE)  # fmt: skip
MAX_CLAIM_ENTRIES = 20


def check_entry_add(
    *, access: Access, firm: Firm, person: Person, kind: str, component: str, happened_on: dt.date,
    minutes: int | None, practised: str, reflection: str = "", skills: Sequence[Skill] = (),
    mentorship: Mentorship | None = None, circle: Circle | None = None, placement: Placement | None = None,
    confirmer_name: str = "", confirmer_email: str = "", confirmer_relation: str = "", today: dt.date | None = None,
) -> LogEntry:  # fmt: skip
    """A log entry of ``person``'s in ``firm``; each field is checked and nothing is saved on any error."""
    if not access.has(NetworkPerm.LOG):
        raise ValidationError(gettext("Only people working in the firm keep a learning log there."))
    skills = list(dict.fromkeys(skills or _default_skills(mentorship, circle, placement)))
    errors = log.entry_errors(happened_on=happened_on, today=today or timezone.localdate(), minutes=minutes,
                              practised=practised, reflection=reflection, skills=len(skills))  # fmt: skip
    if kind not in EntryKind.values:
        errors["kind"] = gettext("Choose one of: %(choices)s.") % {"choices": ", ".join(EntryKind.values)}
    if component not in Component.values:
        errors["component"] = gettext("Choose one of: %(choices)s.") % {"choices": ", ".join(Component.values)}
    errors |= _belongs(kind, person, mentorship, circle, placement)
    confirmer_name, confirmer_email = confirmer_name.strip(), confirmer_email.strip()
    if confirmer_name or confirmer_email:
        try:
            validate_email(confirmer_email)
        except ValidationError:
            errors["confirmer_email"] = gettext(
                "'%(email)s' is not an e-mail address; the confirmer gets a link there."
            ) % {"email": confirmer_email}
        if not confirmer_name or len(confirmer_name) > 120:
            errors["confirmer_name"] = gettext("Give the confirmer's name (at most 120 characters).")
        if confirmer_relation not in EXTERNAL_RELATIONS:
            errors["confirmer_relation"] = gettext("Choose one of: %(choices)s.") % {
                "choices": ", ".join(EXTERNAL_RELATIONS)}  # fmt: skip
    if errors or minutes is None:  # entry_errors names a missing duration
        raise ValidationError(errors)
    with transaction.atomic():
        entry = LogEntry.all_objects.create(
            cluster_id=firm.cluster_id, person=person, firm=firm, kind=kind, component=component,
            happened_on=happened_on, minutes=minutes, practised=practised.strip(), reflection=reflection.strip(),
            mentorship=mentorship, circle=circle, placement=placement, confirmer_name=confirmer_name,
            confirmer_email=confirmer_email, confirmer_relation=confirmer_relation if confirmer_name else "",
        )  # fmt: skip
        entry.skills.set(skills)
    return entry


def _default_skills(mentorship: Mentorship | None, circle: Circle | None, placement: Placement | None) -> list[Skill]:
    if mentorship is not None:
        return [mentorship.skill]
    if circle is not None:
        return list(circle.skills.all()[: log.MAX_SKILLS])
    if placement is not None:
        return list(placement.skills.all()[: log.MAX_SKILLS])
    return []


def _belongs(
    kind: str, person: Person, mentorship: Mentorship | None, circle: Circle | None, placement: Placement | None
) -> dict[str, str]:
    """An entry of a mentorship, circle or placement names one the person takes part in."""
    if kind == EntryKind.MENTORING:
        if mentorship is None or mentorship.mentee_id != person.pk:
            return {"mentorship": gettext("A mentoring session belongs to one of your mentorships as a mentee.")}
        if mentorship.status != MentorshipStatus.ACTIVE:
            return {"mentorship": gettext("This mentorship is %(status)s: sessions are logged while it is agreed.")
                                  % {"status": mentorship.get_status_display().lower()}}  # fmt: skip
    elif kind == EntryKind.CIRCLE:
        if circle is None or not circle.members.filter(person=person).exists():
            return {"circle": gettext("A circle meeting belongs to a circle you are a member of.")}
        if circle.closed_at is not None:
            return {"circle": gettext("This circle is closed.")}
    elif kind in (EntryKind.SHADOWING, EntryKind.PLACEMENT):
        if placement is None or placement.guest_id != person.pk or placement.kind != kind:
            return {"placement": gettext("A day of %(kind)s belongs to one you were the guest of.")
                                 % {"kind": EntryKind(kind).label.lower()}}  # fmt: skip
    elif any(x is not None for x in (mentorship, circle, placement)):
        return {"kind": gettext("On-the-job learning belongs to no mentorship, circle or placement.")}
    return {}


def entry_delete(*, entry: LogEntry) -> None:
    if entry.evidence_id is not None:
        raise ValidationError(gettext("This entry is evidence in a claim; it stays as it is."))
    entry.delete()


def check_claim_from_log(
    *,
    access: Access,
    firm: Firm,
    person: Person,
    entries: Sequence[LogEntry],
    skill: Skill,
    level: int,
    title: str = "",
) -> Claim:
    """A draft claim of ``skill`` at ``level`` with each entry as a piece of evidence, the story drawn from the
    log, and a statement request to each person who took part (the mentor, the host) or confirmer the entries
    name; all or nothing."""
    if not access.has(NetworkPerm.LOG):
        raise ValidationError(gettext("Only people working in the firm turn their log into a claim."))
    if not entries:
        raise ValidationError({"entries": gettext("Choose at least one entry of your log.")})
    if len(entries) > MAX_CLAIM_ENTRIES:
        raise ValidationError({"entries": gettext("At most %(most)d entries in one claim; got %(got)d.") % {
            "most": MAX_CLAIM_ENTRIES, "got": len(entries)}})  # fmt: skip
    for entry in entries:
        if entry.person_id != person.pk or entry.firm_id != firm.pk:
            raise ValidationError({"entries": gettext("Choose entries of your own log in this firm.")})
        if entry.evidence_id is not None:
            raise ValidationError({"entries": gettext("The entry of %(date)s is evidence in a claim already.") % {
                "date": f"{entry.happened_on:%d/%m/%Y}"}})  # fmt: skip
        if skill not in entry.skills.all():
            raise ValidationError({"entries": gettext("The entry of %(date)s does not name “%(skill)s”.") % {
                "date": f"{entry.happened_on:%d/%m/%Y}", "skill": skill}})  # fmt: skip
    items = {entry.pk: log.Entry(entry.get_kind_display(), entry.happened_on, entry.minutes, entry.practised,
                                 entry.reflection, _with_whom(entry)) for entry in entries}  # fmt: skip
    kinds = {entry.kind for entry in entries}
    how = (HowLearned.MENTOR if EntryKind.MENTORING in kinds else HowLearned.EXPERT_PLACEMENT
           if kinds & {EntryKind.PLACEMENT, EntryKind.SHADOWING} else HowLearned.PEER_SESSION
           if EntryKind.CIRCLE in kinds else HowLearned.ON_THE_JOB)  # fmt: skip
    with transaction.atomic():
        # Lock the entries; one may have become evidence meanwhile (a list: PostgreSQL locks nothing under COUNT).
        free = LogEntry.all_objects.select_for_update().filter(pk__in=[e.pk for e in entries], evidence__isnull=True)
        if len(list(free.values_list("pk", flat=True))) != len(entries):
            raise ValidationError({"entries": gettext("One of these entries became evidence in a claim meanwhile.")})
        claim = claim_services.claim_create(claimant=person, firm=firm, title=title.strip() or str(skill),
                                            level=level, how_learned=how, story=log.story(items.values()))  # fmt: skip
        claim_services.claim_skill_add(claim=claim, esco_uri=skill.uri, label=skill.preferred_label)
        for entry in sorted(entries, key=lambda e: (e.happened_on, e.pk)):
            evidence = claim_services.evidence_add(claim=claim, description=log.evidence_text(items[entry.pk]))
            entry.evidence = evidence
            entry.save(update_fields=["evidence"])
        for (confirmer, name, email, relation), about in confirmers(entries, items).items():
            statement_request_create(claim=claim, person=confirmer, name=name, email=email, relation=relation,
                                     about="\n\n".join(about))  # fmt: skip
    return claim


Confirmer = tuple[Person | None, str, str, str]  # (person of the cluster, or None with name and e-mail; relation)


def confirmers(entries: Sequence[LogEntry], items: dict[int, log.Entry]) -> dict[Confirmer, list[str]]:
    """Who can confirm which entries: each is asked only about the entries they took part in."""
    found: dict[Confirmer, list[str]] = defaultdict(list)
    for entry in sorted(entries, key=lambda e: (e.happened_on, e.pk)):
        text = log.evidence_text(items[entry.pk])
        if entry.mentorship is not None:
            found[(entry.mentorship.mentor, "", "", StatementRelation.MENTOR)].append(text)
        elif entry.placement is not None:
            found[(entry.placement.host, "", "", StatementRelation.HOST)].append(text)
        if entry.confirmer_name:
            key = (None, entry.confirmer_name, entry.confirmer_email.lower(), entry.confirmer_relation)
            found[key].append(text)
    return dict(found)


def _with_whom(entry: LogEntry) -> str:
    if entry.mentorship is not None:
        return gettext("with %(name)s (%(firm)s)") % {
            "name": entry.mentorship.mentor.full_name, "firm": entry.mentorship.mentor_firm}  # fmt: skip
    if entry.placement is not None:
        return gettext("at %(firm)s, hosted by %(name)s") % {
            "firm": entry.placement.host_firm, "name": entry.placement.host.full_name}  # fmt: skip
    if entry.circle is not None:
        return gettext("in the circle “%(theme)s”") % {"theme": entry.circle.theme}
    if entry.confirmer_name:
        return gettext("seen by %(name)s") % {"name": entry.confirmer_name}
    return ""
