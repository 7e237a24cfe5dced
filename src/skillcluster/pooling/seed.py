"""Demo seed step for pooled services: a catalogue a footwear district would buy together (e-commerce,
trade-fair sales, export marketing, quality control, CAD for soles, leadership for owners, English for
export), each naming real ESCO skills; budgets for some firms; owners asking seats for the people each
course would help most (their need from the audit); and the cohorts formed and confirmed, so the firm pages
show booked seats, waiting seats with their reasons, and costs after co-funding. Runs after the audit;
idempotent (a cluster with services is kept).
"""

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone

from skillcluster.audits.models import RatingProposal
from skillcluster.audits.services.proposals import check_proposal_decide
from skillcluster.pooling.domain.needs import request_weight, role_gap
from skillcluster.pooling.models import (
    Meeting,
    ProviderKind,
    RequestStatus,
    SeatRequest,
    Service,
    ServiceKind,
    Session,
    SessionStatus,
)
from skillcluster.pooling.selectors.problem import service_needs
from skillcluster.pooling.services import bookings, cohorts
from skillcluster.pooling.services.attendance import attendance_record, fit_rate
from skillcluster.pooling.services.catalogue import ServiceIn, SessionIn, service_create, session_add
from skillcluster.seeding import SeedContext
from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.domain.roles import ClusterRoleKind, FirmRole
from skillcluster.tenancy.models import Cluster, ClusterRole, Firm, Membership, Person
from skillcluster.tenancy.selectors import firm_access

SKILL = "http://data.europa.eu/esco/skill/"
LOCAL = ZoneInfo("Europe/Rome")
# title, kind, provider (kind, name), ESCO skills, level taught, sessions: (label, weeks ahead, meetings,
# min, max, price in euros, language)
CATALOGUE = [
    ("E-commerce and online sales for shoe makers", ServiceKind.COURSE,
     (ProviderKind.TRAINING_BODY, "Marche Digital Academy"),
     ["b1272de4-1f5f-408b-8b26-061f2550fc72", "68698869-c13c-4563-adc7-118b7644f45d",
      "f2d57f41-43b4-4f5b-8100-3df5c21eda50"], 2,
     [("Spring, Fermo", 3, 4, 6, 12, 3600, "it"), ("Spring evenings, Civitanova", 5, 4, 5, 10, 3000, "it")]),
    ("Trade-fair sales: preparing MICAM", ServiceKind.WORKSHOP, (ProviderKind.SUPPORT_ORGANISATION, ""),
     ["53cc0cc2-a9ce-4803-ae55-3cc0d7a5fc2c", "de7b8c6c-9ed4-4776-924c-4265dd1d9cde",
      "77a11321-754a-41de-b9e4-80d747f528db"], 3,
     [("Before MICAM, Fermo", 4, 2, 6, 14, 2400, "it")]),
    ("Export marketing for small firms", ServiceKind.COURSE, (ProviderKind.TRAINING_BODY, "ICE Export Academy"),
     ["0efad746-55ba-4586-b481-ebfb1f7a8488", "264f48f3-7d00-4ecc-9ba7-d472b5b4f1d7"], 2,
     [("Spring, Porto Sant'Elpidio", 6, 3, 6, 12, 4200, "it")]),
    ("Quality control of soles and uppers", ServiceKind.WORKSHOP, (ProviderKind.MEMBER_EXPERT, ""),
     ["e54a3ed7-465f-432b-8940-2aeabeaa449e", "36dc0b74-84ee-4be2-a91c-0a91b4576a21"], 3,
     [("Workshop, Montegranaro", 3, 2, 5, 10, 1500, "it"), ("Workshop, Fermo", 7, 2, 5, 10, 1500, "it")]),
    ("CAD for pattern making and soles", ServiceKind.COURSE, (ProviderKind.TRAINING_BODY, "Politecnico Calzaturiero"),
     ["061f1c12-9811-46f7-ab3e-1d28367d6c73", "de278695-33e1-400a-8962-95f0ba5ce2e0"], 3,
     [("Spring, Capodarco", 4, 5, 5, 8, 4800, "it")]),
    ("Team leadership for owners", ServiceKind.COURSE, (ProviderKind.TRAINING_BODY, "Marche Business School"),
     ["7ff2c668-0e86-418a-a962-4958262ee337", "03b9b491-fc9b-4868-914a-bf7cd47b5041",
      "d5145a9a-602e-40bf-b3e1-f04cf9c3ef86"], 3,
     [("Owners' circle, Fermo", 5, 3, 6, 12, 3000, "it")]),
    ("English for export", ServiceKind.COURSE, (ProviderKind.TRAINING_BODY, "Fermo Language Centre"),
     ["0ee9e985-0ee5-4a73-8a12-78b53b261bb2", "3993c87c-7719-4186-811b-8ddfb40e76be"], 2,
     [("Evenings, Fermo", 3, 6, 6, 12, 2700, "en")]),
]  # fmt: skip


def seed(ctx: SeedContext) -> None:
    cluster = ctx.shared.get("cluster")
    if not isinstance(cluster, Cluster):
        return
    if Service.all_objects.filter(cluster=cluster).exists():
        ctx.out("Pooled services: reusing the existing catalogue.")
        return
    manager = ClusterRole.all_objects.filter(cluster=cluster, role=ClusterRoleKind.MANAGER).first()
    if manager is None or not Skill.objects.exists():
        ctx.out("Pooled services: no cluster manager or no ESCO loaded; no catalogue seeded.")
        return
    rng = ctx.rng("pooling")
    services = _catalogue(cluster, manager.person, rng)
    asked = _requests(cluster, services, rng)
    if not asked:
        ctx.out(f"Pooled services: {len(services)} services; nobody's gaps matched them, so no cohorts formed.")
        return
    held = _held_session(cluster, services, manager.person, rng)
    plan = cohorts.cohort_form(cluster=cluster, actor=manager.person)
    cohorts.cohort_confirm(plan=plan, actor=manager.person)
    ctx.out(f"Pooled services: {len(services)} services, {asked} seats asked, {len(plan.seats)} booked by the "
            f"cohort plan ({plan.solver_status}, {plan.solve_ms} ms); {held} attended a past workshop.")  # fmt: skip


def _catalogue(cluster: Cluster, manager: object, rng: random.Random) -> list[Service]:
    monday = timezone.localdate() + timedelta(days=7 - timezone.localdate().weekday())
    expert = Firm.all_objects.filter(cluster=cluster).order_by("pk").first()
    found = []
    for title, kind, (provider_kind, provider), uris, level, sessions in CATALOGUE:
        skills = list(Skill.objects.filter(uri__in=[SKILL + u for u in uris]))
        if not skills:
            continue
        name = provider or (cluster.support_organisation.name if provider_kind == "support_org" else "")
        if provider_kind == ProviderKind.MEMBER_EXPERT and expert is not None:
            name = f"Quality lead of {expert.legal_name}"
        service = service_create(cluster=cluster, actor=manager, data=ServiceIn(  # type: ignore[arg-type]
            title, name, skills, target_level=level, kind=kind, provider_kind=provider_kind,
            provider_firm=expert if provider_kind == ProviderKind.MEMBER_EXPERT else None,
        ))  # fmt: skip
        for label, weeks, count, low, high, price, language in sessions:
            start = datetime.combine(monday + timedelta(weeks=weeks, days=rng.randrange(4)), datetime.min.time())
            first = start.replace(hour=rng.choice([9, 14, 18]), tzinfo=LOCAL)
            meetings = [(first + timedelta(weeks=w), first + timedelta(weeks=w, hours=3)) for w in range(count)]
            when, place = label.rsplit(", ", 1)
            session_add(service=service, actor=manager, data=SessionIn(  # type: ignore[arg-type]
                when, meetings, low, high, price * 100, language, place,
            ))  # fmt: skip
        found.append(service)
    return found


def _requests(cluster: Cluster, services: list[Service], rng: random.Random) -> int:
    """Owners of about two firms in three ask seats for the people each course helps most; half set budgets."""
    asked = 0
    persona = Membership.all_objects.filter(person__email="owner@skillcluster.demo").values_list("firm_id", flat=True)
    for firm in Firm.all_objects.filter(cluster=cluster, left_at__isnull=True).order_by("pk"):
        owner = Membership.all_objects.filter(firm=firm, role=FirmRole.OWNER).select_related("person").first()
        skip = rng.random() < 0.3 and firm.pk not in persona  # the demo owner's firm always takes part
        if owner is None or skip:
            continue
        if rng.random() < 0.5:
            budget = rng.choice([800, 1500, 3000]) * 100
            bookings.terms_set(firm=firm, actor=owner.person, budget_cents=budget, seat_cap=rng.choice([None, 4, 6]),
                               de_minimis_room_cents=None)  # fmt: skip
        access = firm_access(owner.person, firm)
        people = [m.person for m in Membership.all_objects.filter(firm=firm).select_related("person")]
        for service in rng.sample(services, k=min(len(services), rng.randint(1, 3))):
            needs = service_needs(firm, people, [service])
            # People whose roles ask for it first; then, as owners do, someone whose role does not ask for it yet
            # (roles in the district ask for production skills; marketing and languages are the firm's wish).
            ranked = sorted((p for p in people if request_weight(needs[(p.pk, service.pk)]) > 0),
                            key=lambda p: (-role_gap(needs[(p.pk, service.pk)]), rng.random()))  # fmt: skip
            for person in ranked[: rng.randint(1, 3)]:
                try:
                    bookings.check_seat_ask(access=access, firm=firm, person=person, service=service,
                                            actor=owner.person)  # fmt: skip
                    asked += 1
                except ValidationError:
                    continue
    return asked


def _held_session(cluster: Cluster, services: list[Service], manager: Person, rng: random.Random) -> int:
    """A workshop held last month, so the loop shows: attendance recorded, the levels it teaches proposed in
    the attendees' audits, most confirmed by their owners (the demo owner's still waiting), fit answers given."""
    service = next((s for s in services if s.kind == ServiceKind.WORKSHOP and s.provider_firm_id), None)
    if service is None:
        return 0
    start = (timezone.now() - timedelta(weeks=6)).astimezone(LOCAL).replace(hour=14, minute=0, second=0, microsecond=0)
    session = Session.all_objects.create(
        service=service, label="Autumn", language="it", location="Fermo", seats_min=5, seats_max=10,
        price_cents=150000, status=SessionStatus.CONFIRMED, starts_at=start,
    )  # fmt: skip
    Meeting.all_objects.bulk_create(
        Meeting(session=session, starts_at=start + timedelta(weeks=w), ends_at=start + timedelta(weeks=w, hours=3))
        for w in range(2)
    )
    persona = Membership.all_objects.filter(person__email="owner@skillcluster.demo").values_list("firm_id", flat=True)
    taken = set(SeatRequest.all_objects.filter(service=service).values_list("person_id", flat=True))
    staff = [m for m in Membership.all_objects.filter(firm__cluster=cluster, role=FirmRole.EMPLOYEE)
             .select_related("person", "firm").order_by("pk") if m.person_id not in taken]  # fmt: skip
    mine, others = [m for m in staff if m.firm_id in persona], [m for m in staff if m.firm_id not in persona]
    chosen = mine[:2] + rng.sample(others, k=min(6, len(others)))
    seats = [SeatRequest.all_objects.create(firm=m.firm, person=m.person, service=service, session=session,
                                            status=RequestStatus.BOOKED, requested_by=manager, booked_at=start)
             for m in chosen]  # fmt: skip
    present = [seat.pk for seat in seats[:-1]]  # one did not come
    attendance_record(session=session, actor=manager, present=present)
    for seat in seats[:-1]:
        fit_rate(seat=seat, person=seat.person, fit=rng.choice([3, 4, 4, 5, 5]))
        if seat.firm_id in persona:
            continue  # the demo owner finds it on their to-do list
        owner = Membership.all_objects.filter(firm=seat.firm, role=FirmRole.OWNER).select_related("person").first()
        if owner is None:
            continue
        access = firm_access(owner.person, seat.firm)
        for proposal in RatingProposal.all_objects.filter(reference=f"pooling:seat:{seat.pk}"):
            check_proposal_decide(access=access, decider=owner.person, proposal=proposal, confirm=True)
    return len(present)
