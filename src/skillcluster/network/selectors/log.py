"""Reads of the learning log and of mentorships, each narrowed to who may see them
(`domain/permissions.py`): a person's own log; a mentorship's log for its mentor and mentee; a circle's log for
its members; a firm's balance (hours per learning component) for its owner, from enough people only."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from skillcluster.audits.models import RoleRequirement, SkillLevel
from skillcluster.diagnostics.domain.instrument import TRIAD
from skillcluster.diagnostics.models import DiagnosticRound
from skillcluster.diagnostics.selectors.firm_report import own_firm_data
from skillcluster.network.domain import log
from skillcluster.network.models import (
    Circle,
    Component,
    LogEntry,
    Mentorship,
    MentorshipStatus,
    Placement,
)
from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.domain.disclosure import MIN_FIRMS, MIN_PEOPLE, MIN_STAFF
from skillcluster.tenancy.models import Firm, Person


def _entries() -> QuerySet[LogEntry]:
    return LogEntry.all_objects.select_related(
        "mentorship__mentor", "mentorship__mentor_firm", "circle", "placement__host", "placement__host_firm"
    ).prefetch_related("skills")


def person_log(firm: Firm, person: Person) -> QuerySet[LogEntry]:
    return _entries().filter(firm=firm, person=person)


def mentorship_get(person: Person, mentorship_id: int) -> Mentorship:
    """A mentorship its mentee or mentor opens; anyone else gets a 404, as if it did not exist."""
    found = (
        Mentorship.all_objects.filter(Q(mentee=person) | Q(mentor=person), pk=mentorship_id)
        .select_related("mentor", "mentee", "mentor_firm", "mentee_firm", "skill", "offer", "proposed_by")
        .first()
    )
    if found is None:
        raise Http404("No such mentorship")
    return found


def mentorship_log(mentorship: Mentorship) -> QuerySet[LogEntry]:
    return _entries().filter(mentorship=mentorship, person_id=mentorship.mentee_id)


def mentorships_of(person: Person) -> list[Mentorship]:
    """Where ``person`` is mentee or mentor, live first, with the number of sessions logged."""
    found = (
        Mentorship.all_objects.filter(Q(mentee=person) | Q(mentor=person))
        .select_related("mentor", "mentee", "mentor_firm", "mentee_firm", "skill")
        .annotate(sessions=Count("log"), minutes=Sum("log__minutes"))
    )
    order = [MentorshipStatus.PROPOSED, MentorshipStatus.ACTIVE, MentorshipStatus.ENDED, MentorshipStatus.DECLINED]
    return sorted(found, key=lambda m: (order.index(MentorshipStatus(m.status)), -m.proposed_at.timestamp()))


def circles_of(person: Person) -> QuerySet[Circle]:
    return Circle.all_objects.filter(members__person=person, closed_at__isnull=True).prefetch_related("skills")


def placements_of(person: Person) -> QuerySet[Placement]:
    return Placement.all_objects.filter(guest=person).select_related("host_firm", "host").prefetch_related("skills")


def circle_get(person: Person, circle_id: int) -> Circle:
    found = Circle.all_objects.filter(members__person=person, pk=circle_id).first()
    if found is None:
        raise Http404("No such circle")
    return found


def circle_log(circle: Circle) -> QuerySet[LogEntry]:
    return _entries().filter(circle=circle).select_related("person", "firm")


def loggable_skills(firm: Firm, person: Person) -> QuerySet[Skill]:
    """Skills a person's entries may name: their roles' requirements, their rated skills, and those of their
    mentorships, circles and placements, by label."""
    ids = set(RoleRequirement.all_objects.filter(role__firm=firm, role__assignments__membership__person=person)
              .values_list("skill_id", flat=True))  # fmt: skip
    ids |= set(SkillLevel.all_objects.filter(firm=firm, person=person).values_list("skill_id", flat=True))
    ids |= set(Mentorship.all_objects.filter(mentee=person).values_list("skill_id", flat=True))
    ids |= set(Circle.all_objects.filter(members__person=person).values_list("skills", flat=True))
    ids |= set(Placement.all_objects.filter(guest=person).values_list("skills", flat=True))
    return Skill.objects.filter(pk__in=ids - {None}).order_by("preferred_label")


@dataclass(frozen=True)
class Claimable:
    skill: Skill
    entries: list[LogEntry]

    @property
    def duration(self) -> str:
        return log.hours(sum(e.minutes for e in self.entries))

    @property
    def level(self) -> int:
        """The level to claim, to begin with: the goal of the mentorship the entries belong to, else 2."""
        return max((e.mentorship.target_level for e in self.entries if e.mentorship is not None), default=2)


def claimable(entries: QuerySet[LogEntry]) -> list[Claimable]:
    """Per skill, the entries not yet evidence in a claim: what "turn into a claim" offers, most entries first."""
    by_skill: dict[int, Claimable] = {}
    for entry in entries:
        if entry.evidence_id is None:
            for skill in entry.skills.all():
                by_skill.setdefault(skill.pk, Claimable(skill, [])).entries.append(entry)
    return sorted(by_skill.values(), key=lambda c: (-len(c.entries), c.skill.preferred_label))


@dataclass(frozen=True)
class Balance:
    minutes: dict[str, int]  # component → minutes
    people: int
    shown: bool  # it rests on enough people (and firms) not to show one person's log, or one firm's
    firms: int = 1

    @property
    def bars(self) -> list[tuple[str, int, int]]:
        """(label, hours, share of the widest in percent) per component, for the chart."""
        widest = max(self.minutes.values(), default=0) or 1
        return [(str(Component(c).label), round(m / 60), round(100 * m / widest)) for c, m in self.minutes.items()]


def balance(entries: QuerySet[LogEntry], *, floor: int = 1) -> Balance:
    rows = entries.values_list("component").annotate(total=Sum("minutes")).order_by()
    people = entries.values("person_id").distinct().count()
    minutes = log.balance(((c, int(t)) for c, t in rows), Component.values)
    return Balance(minutes, people, people >= floor)


def firm_balance(firm: Firm) -> Balance:
    return balance(LogEntry.all_objects.filter(firm=firm), floor=MIN_STAFF)


@dataclass(frozen=True)
class Perceived:
    """The firm's own learning profile in its latest diagnostic round: a score out of 100 per component."""

    round_title: str
    scores: dict[str, int | None]  # component label → score

    @property
    def summary(self) -> str:
        """The scores in a line: "Information-gathering 62 · Knowledge acquisition — · …"."""
        return " · ".join(f"{label} {'—' if score is None else score}" for label, score in self.scores.items())


def perceived(firm: Firm) -> Perceived | None:
    rounds = DiagnosticRound.all_objects.filter(cluster_id=firm.cluster_id).order_by("-opens_on", "-pk")
    for diagnostic_round in rounds[:5]:
        own = own_firm_data(diagnostic_round, firm.pk)
        if own is not None and own.owner is not None:
            scores = own.scores
            return Perceived(diagnostic_round.title, {
                str(Component(code).label): None if scores.get(code) is None else round(scores[code] or 0)
                for code in TRIAD
            })  # fmt: skip
    return None


def cluster_balance(cluster_id: int) -> Balance:
    """The cluster's logged hours per component, shown only from MIN_FIRMS firms and MIN_PEOPLE people."""
    entries = LogEntry.all_objects.filter(cluster_id=cluster_id)
    found = balance(entries, floor=MIN_PEOPLE)
    firms = entries.values("firm_id").distinct().count()
    return Balance(found.minutes, found.people, found.shown and firms >= MIN_FIRMS, firms)
