"""Diagnostic fixtures: a round of the `world` cluster, and peers with answers of a known score."""

import datetime as dt

import pytest
from django.utils import timezone

from skillcluster.diagnostics import services
from skillcluster.diagnostics.domain.instrument import load_instrument
from skillcluster.diagnostics.models import DiagnosticRound, Response, ResponseStatus, RoundFirm
from skillcluster.tenancy.domain.roles import FirmRole
from skillcluster.tenancy.tests.factories import FirmFactory, MembershipFactory, PersonFactory

INSTRUMENT = load_instrument("1")


def answers_for(level: int, form: str = "owner") -> dict[str, int]:
    """Raw answers that give every scale exactly `level` (0, 25, 50, 75 or 100) after reverse keying."""
    keyed = 1 + level // 25
    return {item.code: (6 - keyed if item.reverse else keyed) for item in INSTRUMENT.form_items(form)}


def submit(diagnostic_round: DiagnosticRound, firm, person, answers: dict[str, int], form: str = "owner") -> Response:
    """A submitted response, released into the figures by the same batch rule as the service's."""
    now = timezone.now()
    response = Response.all_objects.create(
        round=diagnostic_round,
        firm=firm,
        respondent=person,
        form=form,
        instrument_version=diagnostic_round.instrument_version,
        answers=answers,
        status=ResponseStatus.SUBMITTED,
        updated_at=now,
        submitted_at=now,
    )
    services.responses_publish(diagnostic_round=diagnostic_round, firm=firm)
    return response


@pytest.fixture
def diag_round(world) -> DiagnosticRound:
    return services.round_open(
        cluster=world.cluster,
        title="Spring 2027",
        firms=[world.firm],
        deadline=timezone.localdate() + dt.timedelta(days=30),
        created_by=world.cluster_manager,
        instrument_version="1",  # the figures of these tests are worked out on version 1
    )


@pytest.fixture
def add_peers(world, diag_round):
    """add_peers([levels], headcount=8) -> firms of the cluster in the round, each owner answered at `level`."""
    counter = iter(range(100, 1000))

    def make(levels: list[int], *, headcount: int = 8, staff: int = 0, diagnostic_round=None):
        target = diagnostic_round or diag_round
        firms = []
        for level in levels:
            firm = FirmFactory(cluster=world.cluster, headcount=headcount)
            RoundFirm.all_objects.get_or_create(round=target, firm=firm, defaults={"pseudonym": f"F{next(counter)}"})
            owner = PersonFactory()
            MembershipFactory(person=owner, firm=firm, role=FirmRole.OWNER)
            submit(target, firm, owner, answers_for(level))
            for _ in range(staff):
                person = PersonFactory()
                MembershipFactory(person=person, firm=firm, role=FirmRole.EMPLOYEE)
                submit(target, firm, person, answers_for(level, "staff"), form="staff")
            firms.append(firm)
        return firms

    return make
