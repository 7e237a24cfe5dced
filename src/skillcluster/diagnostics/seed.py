"""Demo seed step for the diagnostic: a closed round last year and a current one, with synthetic answers.

Answers come from `synthetic.py` (latent factors), so the scales reach realistic reliability and the
seed's findings show. The demo owner's firm has answered the current round (with three staff), so its
report shows; the demo employee has a pending staff invitation. Idempotent: skipped when rounds exist.
"""

import datetime as dt
import random

from django.utils import timezone

from skillcluster.diagnostics import services
from skillcluster.diagnostics.domain.instrument import load_instrument
from skillcluster.diagnostics.domain.synthetic import SIZE_CLASSES, synthetic_firm
from skillcluster.diagnostics.models import DiagnosticRound, FormKind, Response, ResponseStatus, StaffInvite
from skillcluster.seeding import SeedContext
from skillcluster.tenancy.domain.roles import ClusterRoleKind, FirmRole
from skillcluster.tenancy.models import Cluster, ClusterRole, Firm, Membership, Person

OWNER_EMAIL = "owner@skillcluster.demo"
EMPLOYEE_EMAIL = "employee@skillcluster.demo"


def seed(ctx: SeedContext) -> None:
    cluster = ctx.shared.get("cluster")
    if not isinstance(cluster, Cluster):
        return
    if DiagnosticRound.all_objects.filter(cluster=cluster).exists():
        ctx.out("Reusing the diagnostic rounds.")
        return
    manager = ClusterRole.all_objects.filter(cluster=cluster, role=ClusterRoleKind.MANAGER).first()
    if manager is None:
        return
    firms = list(Firm.all_objects.filter(cluster=cluster).order_by("id"))
    today = timezone.localdate()
    rng = ctx.rng("diagnostics")
    first, last = (
        _round(cluster, firms, manager.person, _season(opens), opens, opens + dt.timedelta(days=44), "1")
        for opens in (today - dt.timedelta(days=630), today - dt.timedelta(days=260))
    )
    opens = today - dt.timedelta(days=20)
    # the past rounds ran on version 1 of the instrument, the current one on version 2: trends compare the
    # statements both versions share
    current = _round(cluster, firms, manager.person, _season(opens), opens, today + dt.timedelta(days=25), "2")
    n_first = _answer(first, firms, rng, seed=ctx.seed, share=0.9)
    services.round_close(diagnostic_round=first, now=_closing(first))
    n_last = _answer(last, firms, rng, seed=ctx.seed, share=0.85, later=1)
    services.round_close(diagnostic_round=last, now=_closing(last))
    n_current = _answer(current, firms, rng, seed=ctx.seed, share=0.8, later=2)
    _invite_demo_employee(current)
    ctx.out(
        f"Diagnostic: {first.title} ({n_first} responses) and {last.title} ({n_last}), closed; "
        f"{current.title} ({n_current}), open."
    )


def _closing(diagnostic_round: DiagnosticRound) -> dt.datetime:
    """A past round closed the day after its deadline, as a cluster manager would have closed it."""
    return timezone.make_aware(dt.datetime.combine(diagnostic_round.deadline + dt.timedelta(days=1), dt.time(9)))


def _season(day: dt.date) -> str:
    return f"{'Spring' if day.month < 7 else 'Autumn'} {day.year}"


def _round(
    cluster: Cluster, firms: list[Firm], by: Person, title: str, opens: dt.date, deadline: dt.date, version: str
) -> DiagnosticRound:
    return services.round_open(
        cluster=cluster,
        title=title,
        firms=firms,
        deadline=deadline,
        opens_on=opens,
        created_by=by,
        instrument_version=version,
        announce=False,  # the demo mails nobody
    )


# A year of pooled services later: the cluster moved a little; the demo owner's firm, which acted on its
# report's actions (weekly learning reviews, development plans), moved more. SD units per scale.
CLUSTER_GROWTH = {"information_gathering": 0.15, "competence_development": 0.1, "proactive_learning": 0.1}
PERSONA_GROWTH = {"participative_learning": 0.8, "competence_development": 0.6, "proactive_learning": 0.4}


def _answer(
    diagnostic_round: DiagnosticRound,
    firms: list[Firm],
    rng: random.Random,
    *,
    seed: int,
    share: float,
    later: int | None = None,
) -> int:
    """Answers for a share of the firms. A firm keeps its latent profile across rounds (same firm seed);
    `later` marks a later round, with growth and fresh answer noise."""
    instrument = load_instrument(diagnostic_round.instrument_version)
    responses: list[Response] = []
    when = timezone.make_aware(dt.datetime.combine(diagnostic_round.opens_on + dt.timedelta(days=7), dt.time(10)))
    for index, firm in enumerate(firms):
        members = list(Membership.all_objects.filter(firm=firm).select_related("person").order_by("id"))
        owners = [m.person for m in members if m.role == FirmRole.OWNER]
        is_persona = any(p.email == OWNER_EMAIL for p in owners)
        if not owners or (not is_persona and rng.random() > share):
            continue
        staff = [m.person for m in members if m.role != FirmRole.OWNER and m.person.email != EMPLOYEE_EMAIL]
        n_staff = min(len(staff), 3) if is_persona or rng.random() < 0.5 else 0
        size = firm.size_class if firm.size_class in SIZE_CLASSES else "medium"
        growth = PERSONA_GROWTH if is_persona else CLUSTER_GROWTH
        answers = synthetic_firm(
            instrument,
            seed=[seed, index],
            size_class=size,
            is_startup=firm.is_startup,
            n_staff=n_staff,
            later=(later, growth) if later is not None else None,
        )
        people = [(owners[0], FormKind.OWNER, answers.owner)]
        people += [(person, FormKind.STAFF, a) for person, a in zip(staff, answers.staff, strict=False)]
        responses += [
            Response(
                round=diagnostic_round,
                firm=firm,
                respondent=person,
                form=form,
                answers=a,
                instrument_version=instrument.version,
                status=ResponseStatus.SUBMITTED,
                updated_at=when,
                submitted_at=when,
            )
            for person, form, a in people
        ]
    Response.all_objects.bulk_create(responses)
    for firm in dict.fromkeys(response.firm for response in responses):  # released by the service's batch rule
        services.responses_publish(diagnostic_round=diagnostic_round, firm=firm, now=when)
    return len(responses)


def _invite_demo_employee(diagnostic_round: DiagnosticRound) -> None:
    membership = Membership.all_objects.filter(person__email=EMPLOYEE_EMAIL).select_related("firm").first()
    owner = Person.objects.filter(email=OWNER_EMAIL).first()
    if membership is not None and owner is not None:
        StaffInvite.all_objects.get_or_create(
            round=diagnostic_round,
            firm=membership.firm,
            person=membership.person,
            defaults={"email": EMPLOYEE_EMAIL, "invited_by": owner},
        )
