"""What each context adds to tenancy's pages: the to-do list on a firm's overview, the cluster's engagement page."""

import datetime as dt

from django.utils import timezone

from skillcluster.accreditation.services import claims
from skillcluster.accreditation.tests.builders import SKILL_LABEL, SKILL_URI, make_claim
from skillcluster.diagnostics import services as diagnostics
from skillcluster.diagnostics.tests.conftest import answers_for
from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy import services as tenancy
from skillcluster.tenancy.domain.roles import FirmRole
from skillcluster.tenancy.navigation import firm_todos
from skillcluster.tenancy.selectors import firm_get_for_user


def _todos(world, person) -> list[str]:
    firm, access = firm_get_for_user(person, world.firm.pk)
    return [todo.text for todo in firm_todos(firm, person, access)]


def _round(world):
    return diagnostics.round_open(
        cluster=world.cluster,
        title="Autumn 2027",
        firms=[world.firm],
        deadline=timezone.localdate() + dt.timedelta(days=20),
        created_by=world.cluster_manager,
        instrument_version="1",
        announce=False,
    )


def test_an_open_round_waits_for_the_owner_then_the_staff(world):
    diagnostic_round = _round(world)
    assert any(t.startswith("Answer the learning diagnostic “Autumn 2027”") for t in _todos(world, world.owner))
    assert not any("diagnostic" in t for t in _todos(world, world.employee))
    diagnostics.response_save(
        diagnostic_round=diagnostic_round, firm=world.firm, respondent=world.owner, form="owner",
        answers=answers_for(50), submit=True,
    )  # fmt: skip
    owner = _todos(world, world.owner)
    assert not any(t.startswith("Answer the learning diagnostic") for t in owner)
    assert any(t.startswith("Invite your staff to add their view") for t in owner)
    diagnostics.staff_invites(
        diagnostic_round=diagnostic_round, firm=world.firm, emails=["employee@example.org"], invited_by=world.owner
    )
    assert not any(t.startswith("Invite your staff") for t in _todos(world, world.owner))
    assert any("asks for your view" in t for t in _todos(world, world.employee))
    diagnostics.round_close(diagnostic_round=diagnostic_round)
    assert not any("asks for your view" in t for t in _todos(world, world.employee))


def test_skills_left_to_rate_wait_for_the_person_and_their_manager(world, audit):
    assert "Rate your own skills: 1 skill your role needs is not rated yet" in _todos(world, world.employee)[0]
    owner = " ".join(_todos(world, world.owner))
    assert "Rate 2 people as their manager (Employee, Manager): 7 skills in all" in owner
    manager = " ".join(_todos(world, world.manager))
    assert "Rate 1 person as their manager (Employee): 2 skills in all" in manager  # never themselves


def test_claims_wait_for_their_claimant_and_for_the_employers_statement(world):
    draft = make_claim(world)
    assert any("is a draft" in t for t in _todos(world, world.employee))
    assert not any("claims “" in t for t in _todos(world, world.owner))  # a draft stays private
    claims.claim_submit(claim=draft)
    assert any(t.startswith("Employee claims “Hand-lasting of uppers”") for t in _todos(world, world.owner))
    claims.statement_add(claim=draft, author=world.owner, relation="supervisor", text="Seen it daily.")
    assert not any("claims “" in t for t in _todos(world, world.owner))


def test_pending_invitations_and_nothing_for_a_cluster_role(world, client_for):
    tenancy.invitation_create(
        email="new@rossi.it", cluster=world.cluster, firm=world.firm, firm_role=FirmRole.EMPLOYEE,
        invited_by=world.owner,
    )  # fmt: skip
    assert any(
        t.startswith("1 person has not accepted your invitation yet (new@rossi.it)") for t in _todos(world, world.owner)
    )
    page = client_for(world.owner).get(f"/firms/{world.firm.pk}/").content.decode()
    assert "Waiting for you" in page
    assert "Waiting for you" not in client_for(world.cluster_manager).get(f"/firms/{world.firm.pk}/").content.decode()
    assert (
        "Nothing is waiting for you right now."
        in client_for(world.employee).get(f"/firms/{world.firm.pk}/").content.decode()
    )


def test_engagement_page_is_for_the_cluster_manager_only(world, client_for):
    url = f"/clusters/{world.cluster.pk}/engagement/"
    assert client_for(world.cluster_manager).get(url).status_code == 200
    for persona, status in (("auditor", 403), ("owner", 403), ("outsider", 404)):
        assert client_for(getattr(world, persona)).get(url).status_code == status


def test_engagement_shows_what_is_pending_where_and_who_is_quiet(world, client_for, audit):
    _round(world)
    Skill.objects.create(uri=SKILL_URI, preferred_label=SKILL_LABEL)  # the audit's small taxonomy lacks it
    submitted = make_claim(world)
    claims.claim_submit(claim=submitted)
    page = client_for(world.cluster_manager).get(f"/clusters/{world.cluster.pk}/engagement/")
    body = page.content.decode()
    columns = {column.title for column in page.context["columns"]}
    assert columns == {"Diagnostic “Autumn 2027”", "Skill claims", "Skills audit"}
    assert "1 of 1 firms have not answered “Autumn 2027”" in body
    assert "1 claim waits for assessors, the oldest submitted today" in body
    row = next(row for row in page.context["rows"] if row.firm == world.firm)
    cells = {column.title: cell.text for column, cell in zip(page.context["columns"], row.cells, strict=True) if cell}
    assert cells["Skills audit"] == "0 of 2 self-rated · 0 by a manager"
    assert cells["Skill claims"] == "1 with assessors"
    assert cells["Diagnostic “Autumn 2027”"] == "not started"
    assert row.last_active is not None  # the ratings and the claim
    assert "with no activity for 60 days" in body
