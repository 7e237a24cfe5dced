"""Learning-network endpoints: a person's learning log (read, add, turn into a claim), their mentorships (read,
answer), and the cluster's knowledge flows; through the same selectors and services as the pages."""

import datetime as dt
from typing import TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404
from ninja import Router, Schema, Status
from pydantic import Field

from skillcluster.network.domain.permissions import NetworkPerm
from skillcluster.network.models import Circle, LogEntry, Mentorship, Placement
from skillcluster.network.selectors import log as selectors
from skillcluster.network.selectors.flows import cross_firm_credentials, flow_map
from skillcluster.network.services import log as services
from skillcluster.network.services import mentorships
from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.selectors import cluster_get_for_user, firm_get_for_user

router = Router(tags=["learning network"])
M = TypeVar("M", bound=Model)


class EntryOut(Schema):
    id: int
    kind: str
    component: str
    happened_on: dt.date
    minutes: int
    skill_uris: list[str]
    practised: str
    reflection: str
    mentorship_id: int | None
    circle_id: int | None
    placement_id: int | None
    confirmer: str
    claim_id: int | None


class EntryIn(Schema):
    kind: str = Field(max_length=20)
    component: str = Field(max_length=30)
    happened_on: dt.date
    minutes: int = Field(ge=0, le=10_000)
    practised: str = Field(max_length=2000)
    reflection: str = Field(default="", max_length=10_000)
    skill_uris: list[str] = Field(default_factory=list, max_length=10)
    mentorship_id: int | None = Field(default=None, ge=1, le=2**63 - 1)
    circle_id: int | None = Field(default=None, ge=1, le=2**63 - 1)
    placement_id: int | None = Field(default=None, ge=1, le=2**63 - 1)
    confirmer_name: str = Field(default="", max_length=500)
    confirmer_email: str = Field(default="", max_length=500)
    confirmer_relation: str = Field(default="", max_length=20)


class ClaimIn(Schema):
    skill_uri: str = Field(max_length=300)
    entry_ids: list[int] = Field(min_length=1, max_length=50)
    level: int = Field(ge=1, le=4)
    title: str = Field(default="", max_length=200)


class ClaimOut(Schema):
    claim_id: int
    evidence: int
    statement_requests: int


class MentorshipOut(Schema):
    id: int
    role: str  # "mentee" or "mentor": the caller's side
    mentor: str
    mentor_firm: str
    mentee: str
    mentee_firm: str
    skill_uri: str
    start_level: int
    target_level: int
    status: str
    sessions: int


class AnswerIn(Schema):
    accept: bool


class FlowsOut(Schema):
    firms: int
    linked_firms: int
    density: float
    reach: float
    history: list[dict[str, object]]
    pairs: list[dict[str, object]]
    credentials_cross_firm: dict[str, int]


def _entry_out(entry: LogEntry) -> dict[str, object]:
    return {"id": entry.pk, "kind": entry.kind, "component": entry.component, "happened_on": entry.happened_on,
            "minutes": entry.minutes, "skill_uris": [s.uri for s in entry.skills.all()], "practised": entry.practised,
            "reflection": entry.reflection, "mentorship_id": entry.mentorship_id, "circle_id": entry.circle_id,
            "placement_id": entry.placement_id, "confirmer": entry.confirmer_name,
            "claim_id": entry.evidence.claim_id if entry.evidence else None}  # fmt: skip


def _mentorship_out(m: Mentorship, person_id: int) -> dict[str, object]:
    return {"id": m.pk, "role": "mentee" if m.mentee_id == person_id else "mentor", "mentor": m.mentor.full_name,
            "mentor_firm": str(m.mentor_firm), "mentee": m.mentee.full_name, "mentee_firm": str(m.mentee_firm),
            "skill_uri": m.skill.uri, "start_level": m.start_level, "target_level": m.target_level,
            "status": m.status, "sessions": getattr(m, "sessions", 0)}  # fmt: skip


@router.get("/firms/{firm_id}/learning-log", response=list[EntryOut])
def log_list(request: PersonRequest, firm_id: int) -> object:
    firm, _ = firm_get_for_user(request.user, firm_id, perm=NetworkPerm.LOG)
    return [_entry_out(e) for e in selectors.person_log(firm, request.user).select_related("evidence")]


@router.post("/firms/{firm_id}/learning-log", response={201: EntryOut})
def log_add(request: PersonRequest, firm_id: int, payload: EntryIn) -> object:
    firm, access = firm_get_for_user(request.user, firm_id, perm=NetworkPerm.LOG)
    skills = list(Skill.objects.filter(uri__in=payload.skill_uris))
    if len(skills) != len(set(payload.skill_uris)):
        unknown = sorted(set(payload.skill_uris) - {s.uri for s in skills})
        raise Http404(f"No such ESCO skill: {unknown[0]}")
    entry = services.check_entry_add(
        access=access, firm=firm, person=request.user, kind=payload.kind, component=payload.component,
        happened_on=payload.happened_on, minutes=payload.minutes, practised=payload.practised,
        reflection=payload.reflection, skills=skills,
        mentorship=_own(Mentorship.all_objects.filter(mentee=request.user), payload.mentorship_id, "mentorship"),
        circle=_own(Circle.all_objects.filter(members__person=request.user), payload.circle_id, "circle"),
        placement=_own(Placement.all_objects.filter(guest=request.user), payload.placement_id, "placement"),
        confirmer_name=payload.confirmer_name, confirmer_email=payload.confirmer_email,
        confirmer_relation=payload.confirmer_relation,
    )  # fmt: skip
    return Status(201, _entry_out(entry))


def _own(rows: QuerySet[M], pk: int | None, what: str) -> M | None:
    """The caller's own mentorship, circle or placement of that id, None for none; 404 for anyone else's."""
    if pk is None:
        return None
    found = rows.filter(pk=pk).first()
    if found is None:
        raise Http404(f"No such {what}")
    return found


@router.post("/firms/{firm_id}/learning-log/claims", response={201: ClaimOut})
def log_claim(request: PersonRequest, firm_id: int, payload: ClaimIn) -> object:
    firm, access = firm_get_for_user(request.user, firm_id, perm=NetworkPerm.LOG)
    skill = Skill.objects.filter(uri=payload.skill_uri).first()
    entries = list(selectors.person_log(firm, request.user).filter(pk__in=payload.entry_ids))
    if skill is None or len(entries) != len(set(payload.entry_ids)):
        raise Http404("No such skill, or an entry that is not in your log")
    claim = services.check_claim_from_log(access=access, firm=firm, person=request.user, entries=entries,
                                          skill=skill, level=payload.level, title=payload.title)  # fmt: skip
    return Status(201, {"claim_id": claim.pk, "evidence": claim.evidence.count(),
                        "statement_requests": claim.statement_requests.count()})  # fmt: skip


@router.get("/mentorships", response=list[MentorshipOut])
def mentorship_list(request: PersonRequest) -> object:
    return [_mentorship_out(m, request.user.pk) for m in selectors.mentorships_of(request.user)]


@router.post("/mentorships/{mentorship_id}/answer", response=MentorshipOut)
def mentorship_answer(request: PersonRequest, mentorship_id: int, payload: AnswerIn) -> object:
    found = selectors.mentorship_get(request.user, mentorship_id)
    done = mentorships.check_answer(mentorship=found, person=request.user, accept=payload.accept)
    return _mentorship_out(done, request.user.pk)


@router.get("/clusters/{cluster_id}/knowledge-flows", response=FlowsOut)
def knowledge_flows(request: PersonRequest, cluster_id: int) -> object:
    cluster, _ = cluster_get_for_user(request.user, cluster_id, perm=NetworkPerm.FLOWS)
    found = flow_map(cluster)
    share = cross_firm_credentials(cluster)
    return {
        "firms": found.firms, "linked_firms": len(found.nodes), "density": found.density, "reach": found.reach,
        "history": [{"quarter": p.label, "density": p.density, "reach": p.reach, "exchanges": p.flows}
                    for p in found.history],
        "pairs": [{"firms": [p.firms[0].legal_name, p.firms[1].legal_name], "kinds": p.kinds, "exchanges": p.band}
                  for p in found.pairs],
        "credentials_cross_firm": {"part": share.part, "n": share.n},
    }  # fmt: skip
