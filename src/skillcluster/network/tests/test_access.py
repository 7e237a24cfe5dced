"""The learning network's authorization matrix, page by page: a mentor sees their mentee's agreement and the
sessions logged for it, never the mentee firm's audit or the rest of the mentee's log; nobody outside the pair
sees the mentorship (404, as if missing); the cluster pages answer by cluster role."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from skillcluster.network.models import Component, EntryKind
from skillcluster.network.services.log import check_entry_add
from skillcluster.network.tests.conftest import EMPLOYEE, agreed


@pytest.fixture
def logged(world, pair):
    mentorship = agreed(world, pair)
    day = timezone.localdate() - dt.timedelta(days=1)
    check_entry_add(access=EMPLOYEE, firm=world.firm, person=world.employee, kind=EntryKind.MENTORING,
                    component=Component.COMPETENCE, happened_on=day, minutes=60, practised="Graded a pump",
                    mentorship=mentorship)  # fmt: skip
    check_entry_add(access=EMPLOYEE, firm=world.firm, person=world.employee, kind=EntryKind.ON_THE_JOB,
                    component=Component.KNOWLEDGE, happened_on=day, minutes=30, practised="Read the sizing norm",
                    skills=[pair.skill])  # fmt: skip
    return mentorship


def _status(client_for, person, url: str) -> int:
    return client_for(person).get(url).status_code


def test_the_mentorship_and_its_sessions_are_the_pair_s_alone(world, pair, logged, client_for):
    url = reverse("network_mentorship", args=[logged.pk])
    page = client_for(pair.mentor).get(url).content.decode()
    assert "Graded a pump" in page
    assert "Read the sizing norm" not in page
    assert _status(client_for, world.employee, url) == 200
    for someone in (world.owner, world.manager, pair.other_owner, world.cluster_manager, world.auditor, world.outsider):
        assert _status(client_for, someone, url) == 404, someone
    answer = reverse("network_answer", args=[logged.pk])
    assert client_for(world.owner).post(answer, {"answer": "decline"}).status_code == 404


def test_a_mentor_sees_nothing_of_the_mentee_s_firm(world, pair, logged, client_for):
    for name in ("audits_firm", "network_log", "network_firm", "firm_detail"):
        assert _status(client_for, pair.mentor, reverse(name, args=[world.firm.pk])) == 404, name
    own_log = client_for(world.employee).get(reverse("network_log", args=[world.firm.pk])).content.decode()
    assert "Graded a pump" in own_log
    assert "Read the sizing norm" in own_log
    colleague = client_for(world.manager).get(reverse("network_log", args=[world.firm.pk])).content.decode()
    assert "Graded a pump" not in colleague  # a colleague's log page is their own


def test_cluster_pages_answer_by_cluster_role(world, pair, logged, client_for):
    matching = reverse("network_cluster", args=[world.cluster.pk])
    flows = reverse("network_flows", args=[world.cluster.pk])
    assert (
        _status(client_for, world.cluster_manager, matching),
        _status(client_for, world.cluster_manager, flows),
    ) == (200, 200)
    assert (_status(client_for, world.auditor, matching), _status(client_for, world.auditor, flows)) == (403, 200)
    assert (_status(client_for, world.owner, matching), _status(client_for, world.owner, flows)) == (403, 403)
    assert (_status(client_for, world.outsider, matching), _status(client_for, world.outsider, flows)) == (404, 404)
    page = client_for(world.cluster_manager).get(flows).content.decode()
    assert "Calzaturificio Bianchi" in page
    assert "fewer than 5" in page
    assert "Maria Conti" not in page


def test_a_log_entry_of_someone_else_cannot_be_deleted(world, pair, logged, client_for):
    entry = logged.log.get()
    url = reverse("network_entry_delete", args=[world.firm.pk, entry.pk])
    assert client_for(world.manager).post(url).status_code == 404
    assert client_for(world.employee).post(url).status_code == 302
