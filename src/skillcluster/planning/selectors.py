"""Reads of a firm's learning plan: its items and figures (balance planned and done beside the diagnostic's
perceived balance, notes, completion), the suggestions other parts of the product make for it, and whether the
firm is in crisis mode (the diagnostic's crisis-manager type) with its one next step."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext_lazy

from skillcluster.audits.selectors.reports import gap_report
from skillcluster.diagnostics.domain.scoring import CRISIS_MANAGER, profile
from skillcluster.diagnostics.models import DiagnosticRound
from skillcluster.diagnostics.selectors.firm_report import FirmReport, firm_report, overall, round_firm_data
from skillcluster.intelligence.domain.demand import Share
from skillcluster.intelligence.selectors.briefings import latest_published
from skillcluster.network.models import Mentorship, MentorshipStatus
from skillcluster.planning.domain import export
from skillcluster.planning.domain import plan as rules
from skillcluster.planning.domain.effects import Effect, difference_in_differences
from skillcluster.planning.domain.sources import ACTIVITIES
from skillcluster.planning.models import KIND_CHOICES, CheckIn, ItemStatus, Plan, PlanItem
from skillcluster.pooling.models import RequestStatus, SeatRequest
from skillcluster.taxonomy.models import Skill
from skillcluster.taxonomy.selectors.labels import label_for, label_text
from skillcluster.tenancy.domain.disclosure import MIN_FIRMS, publishable
from skillcluster.tenancy.models import Cluster, Firm


def items(plan: Plan) -> QuerySet[PlanItem]:
    return plan.items.prefetch_related("people", "skills")


def as_rule_items(found: QuerySet[PlanItem]) -> list[rules.Item]:
    return [rules.Item(i.component, i.kind, float(i.hours), i.status) for i in found]


def latest_report(firm: Firm, unavailable: frozenset[str]) -> FirmReport | None:
    """The firm's report in its latest round with a submitted owner form; ``unavailable``: the activities the
    cluster offers the firm nothing of now (their actions are passed over, as on the report page)."""
    rounds = DiagnosticRound.all_objects.filter(round_firms__firm=firm).order_by("-opens_on", "-pk")
    for diagnostic_round in rounds[:4]:
        report = firm_report(diagnostic_round, firm.pk, unavailable=unavailable)
        if report is not None:
            return report
    return None


SOURCE_LABELS = {  # where a suggestion comes from, as the plan page names it
    "diagnostic": pgettext_lazy("source of a suggestion", "diagnostic"),
    "gap": pgettext_lazy("source of a suggestion", "gap"),
    "cohort": pgettext_lazy("source of a suggestion", "cohort"),
    "mentoring": pgettext_lazy("source of a suggestion", "mentoring"),
    "briefing": pgettext_lazy("source of a suggestion", "briefing"),
}


@dataclass(frozen=True)
class Suggestion:
    title: str
    component: str
    kind: str
    hours: float
    source: str  # diagnostic, gap, cohort, mentoring, briefing
    source_ref: str
    why: str
    skills: list[Skill] = field(default_factory=list)

    @property
    def component_label(self) -> str:
        return rules.COMPONENT_NAMES[self.component].capitalize()

    @property
    def source_label(self) -> str:
        """Where the suggestion comes from, in words."""
        return str(SOURCE_LABELS.get(self.source, self.source))


def suggestions(firm: Firm, plan: Plan, report: FirmReport | None) -> list[Suggestion]:
    """What the diagnostic, the gap report, the booked cohorts, the mentorships and the briefing suggest, less
    what the plan holds already."""
    taken = set(plan.items.values_list("source", "source_ref"))
    found: list[Suggestion] = []
    for action in report.recommendations if report else ():
        component, kind, hours = ACTIVITIES.get(action.activity, ("knowledge_acquisition", "other", 4))
        found.append(Suggestion(action.title, component, kind, hours, "diagnostic", action.code, action.reason))
    needs = gap_report(firm).needs[:3]
    skills = Skill.objects.in_bulk([n.skill_uri for n in needs], field_name="uri")
    for need in needs:
        title = ngettext("Train %(n)s person in “%(skill)s”", "Train %(n)s people in “%(skill)s”", len(need.people)) % {
            "n": len(need.people),
            "skill": label_for(need.skill_uri, need.label).text,
        }
        why = gettext("The gap report's priority %(priority)s: %(people)s") % {
            "priority": need.priority,
            "people": ", ".join(need.people[:4]),
        }
        found.append(Suggestion(title, "knowledge_acquisition", "course", 8.0 * len(need.people), "gap",
                                need.skill_uri[-80:], why,
                                [skills[need.skill_uri]] if need.skill_uri in skills else []))  # fmt: skip
    seats = SeatRequest.all_objects.filter(
        firm=firm, status=RequestStatus.BOOKED, session__starts_at__gte=timezone.now()
    )
    for seat in seats.select_related("service", "session", "person"):
        where = seat.session.label if seat.session else seat.service.title
        found.append(Suggestion(f"{seat.service.title}: {seat.person.full_name}", "knowledge_acquisition", "course",
                                12.0, "cohort", f"seat:{seat.pk}",
                                gettext("Booked in “%(where)s”") % {"where": where}))  # fmt: skip
    mentorships = Mentorship.all_objects.filter(mentee_firm=firm, status=MentorshipStatus.ACTIVE)
    for m in mentorships.select_related("mentee", "mentor", "skill"):
        title = gettext("Mentoring of %(mentee)s in “%(skill)s”") % {
            "mentee": m.mentee.full_name,
            "skill": label_text(m.skill),
        }
        why = gettext("Agreed with %(mentor)s, to level %(level)s") % {"mentor": m.mentor.full_name,
                                                                       "level": m.target_level}  # fmt: skip
        found.append(Suggestion(title, "competence_development", "mentoring", 12.0, "mentoring", f"mentorship:{m.pk}",
                                why, [m.skill]))  # fmt: skip
    briefing = latest_published(firm.cluster_id)
    if briefing is not None:
        found.append(Suggestion(gettext("Read and discuss “%(title)s”") % {"title": briefing.title},
                                "information_gathering", "briefing", 2.0, "briefing", f"briefing:{briefing.pk}",
                                gettext("The cluster's latest briefing")))  # fmt: skip
    return [s for s in found if (s.source, s.source_ref) not in taken]


@dataclass(frozen=True)
class PlanView:
    plan: Plan
    items: list[PlanItem]
    balance: rules.Balance
    perceived: dict[str, float | None]
    notes: list[str]
    completion: rules.Completion

    @property
    def rows(self) -> list[tuple[str, float, float, int, float | None]]:
        """(component name, hours planned, hours done, planned share %, perceived score) for the table."""
        return [(rules.COMPONENT_NAMES[c].capitalize(), self.balance.planned[c], self.balance.done[c],
                 self.balance.share(c), self.perceived.get(c)) for c in rules.COMPONENTS]  # fmt: skip


def plan_view(plan: Plan, report: FirmReport | None) -> PlanView:
    found = list(items(plan))
    plain = as_rule_items(plan.items.all())
    scores = report.scores if report else {}
    perceived: dict[str, float | None] = {}
    for component in rules.COMPONENTS:
        value = scores.get(component)
        perceived[component] = None if value is None else float(round(value))
    return PlanView(plan, found, rules.balance(plain), perceived, rules.notes(plain, perceived),
                    rules.completion(plain))  # fmt: skip


def in_crisis(report: FirmReport | None) -> bool:
    return report is not None and report.learning_type == CRISIS_MANAGER


def next_step(report: FirmReport | None, firm: Firm) -> str | None:
    """The first doable action not yet reported done in a check-in."""
    done = set(CheckIn.all_objects.filter(firm=firm, answer="done").values_list("step", flat=True))
    for action in report.recommendations if report else ():
        if action.doable_this_month and action.title not in done:
            return action.title
    for action in report.recommendations if report else ():
        if action.title not in done:
            return action.title
    return None


def check_ins(firm: Firm) -> QuerySet[CheckIn]:
    return CheckIn.all_objects.filter(firm=firm)


@dataclass(frozen=True)
class EffectRow:
    kind: str  # the kind's label
    effect: Effect | None  # None: suppressed (fewer than MIN_FIRMS on a side, or it would single firms out)


@dataclass(frozen=True)
class ClusterPlans:
    plans: int  # current plans with hours planned
    shares: list[tuple[str, int]] | None  # component → mean planned share (None below MIN_FIRMS plans)
    completion: int | None  # mean percent of planned hours done
    rounds: tuple[DiagnosticRound, DiagnosticRound] | None
    measured: int  # firms scored in both rounds
    effects: list[EffectRow]
    left_crisis: Share | None  # of the firms in crisis mode in the first round, those no longer in it


def cluster_plans(cluster: Cluster, *, today: dt.date | None = None) -> ClusterPlans:
    today = today or timezone.localdate()
    current = Plan.all_objects.filter(firm__cluster=cluster, starts_on__lte=today, ends_on__gte=today)
    plans = [as_rule_items(p.items.all()) for p in current.prefetch_related("items")]
    planned = [b for b in map(rules.balance, plans) if b.planned_total]
    shares = None
    completion = None
    if len(planned) >= MIN_FIRMS:
        shares = [(rules.COMPONENT_NAMES[c].capitalize(), round(sum(b.share(c) for b in planned) / len(planned)))
                  for c in rules.COMPONENTS]  # fmt: skip
        percents = [rules.completion(plan_items).percent for plan_items in plans]
        completion = round(sum(percents) / len(percents))
    rounds = list(DiagnosticRound.all_objects.filter(cluster=cluster, closed_at__isnull=False).order_by("-opens_on"))
    if len(rounds) < 2:
        return ClusterPlans(len(planned), shares, completion, None, 0, [], None)
    later, earlier = rounds[0], rounds[1]
    before, after = round_firm_data(earlier), round_firm_data(later)
    changes: dict[int, float] = {}
    crisis_then: set[int] = set()
    for firm_id in set(before) & set(after):
        first, second = overall(before[firm_id].scores), overall(after[firm_id].scores)
        if first is not None and second is not None:
            changes[firm_id] = second - first
            if profile(before[firm_id].scores).learning_type == CRISIS_MANAGER:
                crisis_then.add(firm_id)
    done = PlanItem.objects.filter(plan__firm_id__in=list(changes), status=ItemStatus.DONE,
                                   done_on__gte=earlier.opens_on, done_on__lt=later.opens_on)  # fmt: skip
    treated: dict[str, set[int]] = defaultdict(set)
    for firm_id, kind in done.values_list("plan__firm_id", "kind"):
        treated[kind].add(firm_id)
    everyone = frozenset(changes)
    groups = {f"{k}:{side}": frozenset(ids if side == "t" else everyone - ids)
              for k, ids in treated.items() for side in ("t", "c")}  # fmt: skip
    allowed = publishable(groups, k=MIN_FIRMS, earlier=[everyone])
    labels = dict(KIND_CHOICES)
    effects = []
    for kind, ids in sorted(treated.items(), key=lambda item: -len(item[1])):
        shown = f"{kind}:t" in allowed and f"{kind}:c" in allowed
        effect = difference_in_differences([changes[f] for f in ids], [changes[f] for f in everyone - ids])
        effects.append(EffectRow(str(labels.get(kind, kind)), effect if shown else None))
    left = None
    if len(crisis_then) >= MIN_FIRMS:
        out = sum(1 for f in crisis_then if profile(after[f].scores).learning_type != CRISIS_MANAGER)
        left = Share(out, len(crisis_then))
    return ClusterPlans(len(planned), shares, completion, (earlier, later), len(changes), effects, left)


def export_rows(plan: Plan) -> list[export.Row]:
    labels = dict(KIND_CHOICES)
    return [
        export.Row(
            f"plan-item-{i.pk}@skillcluster",
            i.due_on,
            i.title,
            rules.COMPONENT_NAMES[i.component].capitalize(),
            str(labels.get(i.kind, i.kind)),
            float(i.hours),
            i.cost_cents,
            i.funding_cents,
            tuple(p.full_name for p in i.people.all()),
            i.get_status_display(),
            i.done_on,
        )
        for i in items(plan)
    ]


def done_between(firm: Firm, since: dt.date, until: dt.date) -> QuerySet[PlanItem]:
    """The plan actions the firm completed in [since, until): what the diagnostic report sets beside the change."""
    return PlanItem.objects.filter(plan__firm=firm, status=ItemStatus.DONE, done_on__gte=since, done_on__lt=until)
