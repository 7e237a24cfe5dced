"""The knowledge-flow map's reads: flows between firms from mentorships (agreed or ended), placements and
circles; the cluster-level bus factor; the share of credentials resting on evidence from another firm."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import pgettext

from skillcluster.accreditation.models import IssuedCredential, Statement
from skillcluster.audits.models import RoleRequirement, SkillLevel
from skillcluster.intelligence.domain.demand import Share
from skillcluster.network.domain import flows
from skillcluster.network.domain.mentors import MENTOR_LEVEL
from skillcluster.network.models import (
    Circle,
    CircleMember,
    LogEntry,
    Mentorship,
    MentorshipStatus,
    Placement,
    PlacementKind,
)
from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.domain.disclosure import MIN_PEOPLE
from skillcluster.tenancy.models import Cluster, Firm, Membership


def cluster_flows(cluster: Cluster) -> list[flows.Flow]:
    found = [
        flows.Flow(mentor_firm, mentee_firm, "mentoring", started.date())
        for mentor_firm, mentee_firm, started in Mentorship.all_objects.filter(
            cluster=cluster, status__in=[MentorshipStatus.ACTIVE, MentorshipStatus.ENDED]
        ).values_list("mentor_firm_id", "mentee_firm_id", "started_at")
        if started is not None
    ]
    for kind, host, guest, starts in Placement.all_objects.filter(cluster=cluster).values_list(
        "kind", "host_firm_id", "guest_firm_id", "starts_on"
    ):
        teaches, learns = (host, guest) if kind == PlacementKind.SHADOWING else (guest, host)
        found.append(flows.Flow(teaches, learns, kind, starts))
    members: dict[int, set[int]] = {}
    created = dict(Circle.all_objects.filter(cluster=cluster).values_list("pk", "created_at"))
    for circle_id, firm_id in CircleMember.objects.filter(circle__cluster=cluster).values_list("circle_id", "firm_id"):
        members.setdefault(circle_id, set()).add(firm_id)
    for circle_id, firms in members.items():
        found += flows.circle_flows(firms, "circle", created[circle_id].date())
    return found


def cross_firm_credentials(cluster: Cluster) -> Share:
    """Credentials in force whose claim rests on evidence from another firm: a logged mentoring session,
    placement or circle meeting, or a statement from outside the holder's firm (another firm or outside the
    platform)."""
    credentials = IssuedCredential.all_objects.filter(cluster=cluster, revoked_at__isnull=True)
    logged = LogEntry.all_objects.filter(evidence__claim=OuterRef("claim")).filter(
        Q(mentorship__isnull=False) | Q(placement__isnull=False) | Q(circle__isnull=False)
    )
    same_firm = Membership.all_objects.filter(person=OuterRef("author"), firm=OuterRef("claim__firm"))
    outside = Statement.objects.filter(claim=OuterRef("claim")).filter(
        Q(author__isnull=True) | ~Exists(same_firm)
    )  # fmt: skip
    part = credentials.filter(Q(Exists(logged)) | Q(Exists(outside))).count()
    return Share(part, credentials.count())


def scarce_skills(cluster: Cluster) -> list[tuple[Skill, flows.Scarce]]:
    holders = dict(
        SkillLevel.all_objects.filter(firm__cluster=cluster, level__gte=MENTOR_LEVEL)
        .values_list("skill_id").annotate(n=Count("person", distinct=True)).order_by()
    )  # fmt: skip
    needed = dict(
        RoleRequirement.all_objects.filter(role__firm__cluster=cluster, level__gte=MENTOR_LEVEL)
        .values_list("skill_id").annotate(n=Count("role__assignments__membership__person", distinct=True)).order_by()
    )  # fmt: skip
    found = flows.scarce_skills(holders, {k: v for k, v in needed.items() if v}, level=MENTOR_LEVEL)
    skills = Skill.objects.in_bulk([s.skill for s in found])
    return [(skills[s.skill], s) for s in found if s.skill in skills]


def kind_words(kinds: list[str]) -> list[str]:
    """The kinds of exchange (`Flow.kind`) as people read them, in their language."""
    words = {
        "mentoring": pgettext("kind of exchange", "mentoring"),
        "shadowing": pgettext("kind of exchange", "shadowing"),
        "placement": pgettext("kind of exchange", "placement"),
        "circle": pgettext("kind of exchange", "circle"),
    }
    return [words.get(kind, kind) for kind in kinds]


MAP_WIDTH, MAP_HEIGHT, MAP_MARGIN = 760, 500, 165  # the labels sit in the margin left and right


@dataclass(frozen=True)
class Link:
    source: flows.Node
    target: flows.Node
    teaches: Firm
    learns: Firm
    count: int
    band: str  # the count as published (`flows.band`)
    kinds: list[str]

    @property
    def kind_words(self) -> list[str]:
        return kind_words(self.kinds)


@dataclass(frozen=True)
class Pair:
    """Two firms linked either way, for the table: what links them and how many exchanges, as published."""

    firms: tuple[Firm, Firm]
    kinds: list[str]
    band: str

    @property
    def kind_words(self) -> list[str]:
        return kind_words(self.kinds)


@dataclass(frozen=True)
class Map:
    firms: int
    nodes: list[tuple[flows.Node, Firm]]
    links: list[Link]
    density: float
    reach: float
    history: list[flows.Point]

    @property
    def pairs(self) -> list[Pair]:
        found: dict[frozenset[int], tuple[list[Link], set[str]]] = {}
        for link in self.links:
            links, kinds = found.setdefault(frozenset({link.teaches.pk, link.learns.pk}), ([], set()))
            links.append(link)
            kinds.update(link.kinds)
        rows = [
            Pair(tuple(sorted((links[0].teaches, links[0].learns), key=lambda f: f.legal_name)),  # type: ignore[arg-type]
                 sorted(kinds), flows.band(sum(link.count for link in links), MIN_PEOPLE))
            for links, kinds in found.values()
        ]  # fmt: skip
        return sorted(rows, key=lambda p: (p.firms[0].legal_name, p.firms[1].legal_name))


def flow_map(cluster: Cluster, *, today: dt.date | None = None) -> Map:
    firms = {f.pk: f for f in Firm.objects.filter(cluster=cluster).order_by("legal_name")}
    found = cluster_flows(cluster)
    nodes = flows.layout(list(firms), found, width=MAP_WIDTH, height=MAP_HEIGHT, margin=MAP_MARGIN)
    at = {n.firm: n for n in nodes}
    kinds: dict[tuple[object, object], set[str]] = {}
    for f in found:
        kinds.setdefault((f.teaches, f.learns), set()).add(f.kind)
    links = [
        Link(at[a], at[b], firms[a], firms[b], n, flows.band(n, MIN_PEOPLE), sorted(kinds[(a, b)]))  # type: ignore[index]
        for (a, b), n in flows.edges(found).items()
        if a in at and b in at
    ]
    links.sort(key=lambda link: (link.teaches.legal_name, link.learns.legal_name))
    return Map(len(firms), [(n, firms[n.firm]) for n in nodes], links,  # type: ignore[index]
               flows.density(len(firms), found), flows.reach(len(firms), found),
               flows.over_time(len(firms), found, until=today or timezone.localdate()))  # fmt: skip
