"""API: the same access rules and anonymity floor as the pages; typed errors."""

import json

import pytest

from skillcluster.diagnostics.models import DiagnosticRound, Response
from skillcluster.diagnostics.tests.conftest import answers_for, submit

PERSONAS = ["anonymous", "outsider", "employee", "owner", "cluster_manager", "auditor"]


def _client(world, client_for, persona):
    return client_for(None if persona == "anonymous" else getattr(world, persona))


def _call(client, method, url, body=None):
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(
    ("endpoint", "expected"),
    [
        ("rounds", [401, 404, 403, 403, 200, 200]),
        ("form", [401, 404, 403, 200, 403, 403]),
        ("profile", [401, 404, 200, 200, 403, 403]),
        ("aggregates", [401, 404, 403, 403, 200, 200]),
    ],
)
def test_read_matrix(world, client_for, diag_round, endpoint, expected):
    submit(diag_round, world.firm, world.owner, answers_for(50))
    f, r, c = world.firm.pk, diag_round.pk, world.cluster.pk
    urls = {
        "rounds": f"/api/v1/clusters/{c}/diagnostic-rounds",
        "form": f"/api/v1/firms/{f}/diagnostic-rounds/{r}/form",
        "profile": f"/api/v1/firms/{f}/diagnostic-rounds/{r}/profile",
        "aggregates": f"/api/v1/clusters/{c}/diagnostic-rounds/{r}/aggregates",
    }
    got = [_call(_client(world, client_for, p), "get", urls[endpoint]).status_code for p in PERSONAS]
    assert got == expected


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "employee", "owner", "auditor"])
def test_create_round_denied_changes_nothing(world, client_for, persona):
    body = {"title": "Autumn 2027", "deadline": "2099-01-31", "firm_ids": [world.firm.pk]}
    response = _call(
        _client(world, client_for, persona), "post", f"/api/v1/clusters/{world.cluster.pk}/diagnostic-rounds", body
    )
    assert response.status_code in {401, 403, 404}
    assert DiagnosticRound.objects.count() == 0


def test_manager_creates_and_lists_rounds(world, client_for):
    client = client_for(world.cluster_manager)
    url = f"/api/v1/clusters/{world.cluster.pk}/diagnostic-rounds"
    body = {"title": "Autumn 2027", "deadline": "2099-01-31", "firm_ids": [world.firm.pk]}
    created = _call(client, "post", url, body)
    assert created.status_code == 201
    listed = client.get(url).json()
    assert [(r["title"], r["firm_ids"], r["closed"]) for r in listed] == [("Autumn 2027", [world.firm.pk], False)]


def test_create_round_with_a_foreign_firm_names_it(world, client_for):
    body = {"title": "Autumn 2027", "deadline": "2099-01-31", "firm_ids": [world.outsider_firm.pk]}
    response = _call(
        client_for(world.cluster_manager), "post", f"/api/v1/clusters/{world.cluster.pk}/diagnostic-rounds", body
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Invalid input",
        "errors": {"firm_ids": [f"Not firms of this cluster: [{world.outsider_firm.pk}]"]},
    }
    assert DiagnosticRound.objects.count() == 0


def test_owner_gets_the_form_saves_a_draft_and_submits(world, client_for, diag_round):
    client = client_for(world.owner)
    base = f"/api/v1/firms/{world.firm.pk}/diagnostic-rounds/{diag_round.pk}"
    form = client.get(f"{base}/form").json()
    assert (form["instrument_version"], form["status"], len(form["scales"])) == ("1", "not started", 6)
    assert sum(len(scale["items"]) for scale in form["scales"]) == 31
    draft = _call(client, "put", f"{base}/response", {"answers": {"IG1": 4}})
    assert (draft.status_code, draft.json()["status"], draft.json()["answers"]) == (200, "draft", {"IG1": 4})
    done = _call(client, "put", f"{base}/response", {"answers": answers_for(75), "submit": True})
    assert done.json()["status"] == "submitted"
    again = _call(client, "put", f"{base}/response", {"answers": answers_for(0), "submit": True})
    assert again.status_code == 422
    assert again.json()["errors"] == {
        "response": ["You already submitted your answers for this round; they cannot be changed"]
    }
    assert Response.objects.get().answers == answers_for(75)


def test_out_of_range_answer_is_a_422_naming_the_item(world, client_for, diag_round):
    url = f"/api/v1/firms/{world.firm.pk}/diagnostic-rounds/{diag_round.pk}/response"
    response = _call(client_for(world.owner), "put", url, {"answers": {"PA2": 0}})
    assert response.status_code == 422
    assert response.json()["errors"] == {"answers": ["item PA2: answer 0 is not a whole number from 1 to 5"]}
    assert Response.objects.count() == 0


def test_employee_cannot_submit_the_owner_form(world, client_for, diag_round):
    url = f"/api/v1/firms/{world.firm.pk}/diagnostic-rounds/{diag_round.pk}/response"
    assert _call(client_for(world.employee), "put", url, {"answers": {"IG1": 3}}).status_code == 403
    assert Response.objects.count() == 0


def test_profile_hides_percentiles_below_five_peers(world, client_for, diag_round, add_peers):
    add_peers([25, 25, 50, 100])
    submit(diag_round, world.firm, world.owner, answers_for(75))
    profile = client_for(world.owner).get(f"/api/v1/firms/{world.firm.pk}/diagnostic-rounds/{diag_round.pk}/profile")
    body = profile.json()
    assert (body["learning_type"], body["overall"], body["balance"]) == ("learning_organisation", 75.0, 100.0)
    assert (body["percentile_size_class"], body["percentile_cluster"], body["gaps"]) == (None, None, None)
    assert body["owner_view_only"] is True
    assert body["learning_style"] == "learning_together"
    assert len(body["recommendations"]) == 2


def test_profile_shows_percentiles_from_five_peers(world, client_for, diag_round, add_peers):
    add_peers([25, 25, 50, 100, 100])
    submit(diag_round, world.firm, world.owner, answers_for(75))
    body = (
        client_for(world.owner).get(f"/api/v1/firms/{world.firm.pk}/diagnostic-rounds/{diag_round.pk}/profile").json()
    )
    assert (body["percentile_cluster"]["percentile"], body["percentile_cluster"]["n_peers"]) == (60.0, 5)


def test_profile_before_submission_is_404(world, client_for, diag_round):
    response = client_for(world.owner).get(f"/api/v1/firms/{world.firm.pk}/diagnostic-rounds/{diag_round.pk}/profile")
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "No profile yet: the firm's owner form is not submitted"},
    )


def test_aggregates_null_below_five_firms(world, client_for, diag_round, add_peers):
    add_peers([0, 0, 50, 75])
    url = f"/api/v1/clusters/{world.cluster.pk}/diagnostic-rounds/{diag_round.pk}/aggregates"
    body = client_for(world.cluster_manager).get(url).json()
    # four owners answered; none is released until a fifth joins them
    assert (body["n_firms"], body["shown"], body["crisis_percent"]) == (0, False, None)
    assert {g["group"]: (g["learning_types"], g["scale_means"]) for g in body["groups"]}["all"] == (None, None)
    assert body["reliability"]["context"] == {"alpha": None, "omega": None, "n": 0, "flagged": []}


def test_aggregates_from_five_firms(world, client_for, diag_round, add_peers):
    add_peers([0, 0, 50, 75, 100])
    url = f"/api/v1/clusters/{world.cluster.pk}/diagnostic-rounds/{diag_round.pk}/aggregates"
    body = client_for(world.auditor).get(url).json()
    groups = {g["group"]: g for g in body["groups"]}
    assert (body["shown"], body["crisis_percent"]) == (True, 40.0)
    assert groups["all"]["learning_types"]["crisis_manager"] == 2
    assert groups["micro"]["scale_means"]["context"] == 45.0
    assert groups["small"]["scale_means"] is None
