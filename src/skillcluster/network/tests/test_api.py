"""The learning network's API: the same rules and the same 404s as the pages, in the one error shape."""

import datetime as dt

from django.utils import timezone

from skillcluster.network.models import LogEntry
from skillcluster.network.tests.conftest import agreed


def test_a_mentee_logs_sessions_and_claims_them_through_the_api(world, pair, client_for):
    mentorship = agreed(world, pair)
    api = client_for(world.employee)
    url = f"/api/v1/firms/{world.firm.pk}/learning-log"
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    body = {"kind": "mentoring", "component": "competence_development", "happened_on": yesterday, "minutes": 90,
            "practised": "Graded a pump", "mentorship_id": mentorship.pk}  # fmt: skip
    made = api.post(url, body, content_type="application/json")
    assert made.status_code == 201
    assert made.json()["skill_uris"] == [pair.skill.uri]
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    bad = api.post(url, body | {"happened_on": tomorrow, "minutes": 700}, content_type="application/json")
    assert bad.status_code == 422
    assert set(bad.json()["errors"]) == {"happened_on", "minutes"}
    assert LogEntry.all_objects.count() == 1
    claim = api.post(f"{url}/claims", {"skill_uri": pair.skill.uri, "entry_ids": [made.json()["id"]], "level": 3},
                     content_type="application/json")  # fmt: skip
    assert claim.status_code == 201
    assert claim.json()["evidence"] == 1
    assert claim.json()["statement_requests"] == 1
    assert [e["claim_id"] for e in api.get(url).json()] == [claim.json()["claim_id"]]


def test_someone_else_s_mentorship_or_log_answers_404_and_flows_need_a_cluster_role(world, pair, client_for):
    mentorship = agreed(world, pair)
    owner = client_for(world.owner)
    assert owner.post(f"/api/v1/mentorships/{mentorship.pk}/answer", {"accept": False},
                      content_type="application/json").status_code == 404  # fmt: skip
    assert client_for(pair.mentor).get(f"/api/v1/firms/{world.firm.pk}/learning-log").status_code == 404
    body = {"kind": "mentoring", "component": "competence_development", "minutes": 60, "practised": "x",
            "happened_on": timezone.localdate().isoformat(), "mentorship_id": mentorship.pk}  # fmt: skip
    assert client_for(world.manager).post(f"/api/v1/firms/{world.firm.pk}/learning-log", body,
                                          content_type="application/json").status_code == 404  # fmt: skip
    mine = client_for(pair.mentor).get("/api/v1/mentorships").json()
    assert [(m["role"], m["status"], m["mentee"]) for m in mine] == [("mentor", "active", world.employee.full_name)]
    assert owner.get(f"/api/v1/clusters/{world.cluster.pk}/knowledge-flows").status_code == 403
    flows = client_for(world.auditor).get(f"/api/v1/clusters/{world.cluster.pk}/knowledge-flows").json()
    assert (flows["firms"], flows["linked_firms"], flows["pairs"][0]["exchanges"]) == (2, 2, "fewer than 5")
