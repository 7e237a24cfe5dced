"""API: same rules as the pages; denied writes change nothing; one error shape."""

import pytest

from skillcluster.audits.models import Rating, Role, RoleRequirement
from skillcluster.audits.tests.conftest import ESCO

PERSONAS = ["anonymous", "outsider", "employee", "owner", "auditor", "cluster_manager"]


def _client(client_for, world, who):
    return client_for(None if who == "anonymous" else getattr(world, who))


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/api/v1/firms/{firm}/audit/report", [401, 404, 403, 200, 200, 403]),
        ("/api/v1/firms/{firm}/audit/matrix", [401, 404, 403, 200, 200, 403]),
        ("/api/v1/firms/{firm}/audit/roles", [401, 404, 403, 200, 200, 403]),
        ("/api/v1/clusters/{cluster}/audit/aggregate", [401, 404, 403, 403, 200, 200]),
    ],
)
def test_read_authorization(client_for, world, audit, path, expected):
    url = path.format(firm=world.firm.pk, cluster=world.cluster.pk)
    assert [_client(client_for, world, who).get(url).status_code for who in PERSONAS] == expected


def test_report_figures(client_for, world, audit):
    body = client_for(world.owner).get(f"/api/v1/firms/{world.firm.pk}/audit/report").json()
    assert (body["lines"], body["met"], body["weighted_gap"], body["rater_pairs"]) == (8, 2, 28, 1)
    assert body["production_bias"] == 2 / 115
    assert body["categories"][0] == {
        "label": "production, quality and safety", "lines": 6, "coverage": 33, "gap_share": 56,
        "weighted_gap": 20,
    }  # fmt: skip


def test_role_create_from_occupation_and_edit(client_for, world, esco):
    client = client_for(world.owner)
    created = client.post(
        f"/api/v1/firms/{world.firm.pk}/audit/roles",
        {"title": "Maker", "occupation_uri": esco.shoemaker.uri, "include_optional": True},
        content_type="application/json",
    )
    assert created.status_code == 201
    role = created.json()
    assert sorted(r["skill"] for r in role["requirements"]) == [
        "cut leather", "operate lasting machines", "stitch shoe uppers", "work in teams",
    ]  # fmt: skip
    put = client.put(
        f"/api/v1/firms/{world.firm.pk}/audit/roles/{role['id']}/requirements",
        {"skill_uri": ESCO + "sell", "level": 2, "importance": 3},
        content_type="application/json",
    )
    assert put.status_code == 200
    assert RoleRequirement.objects.filter(role_id=role["id"]).count() == 5


@pytest.mark.parametrize("who", ["employee", "cluster_manager", "outsider"])
def test_role_create_denied(client_for, world, esco, who):
    response = client_for(getattr(world, who)).post(
        f"/api/v1/firms/{world.firm.pk}/audit/roles", {"title": "Maker"}, content_type="application/json"
    )
    assert response.status_code == (404 if who == "outsider" else 403)
    assert Role.objects.count() == 0


def test_rating_by_employee_as_manager_refused(client_for, world, audit):
    before = Rating.objects.count()
    response = client_for(world.employee).post(
        f"/api/v1/firms/{world.firm.pk}/audit/ratings",
        {"person_id": world.manager.pk, "skill_uri": ESCO + "cut", "level": 3, "source": "manager"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Invalid input", "errors": {"source": ["Your role does not allow manager ratings in this firm."]},
    }  # fmt: skip
    assert Rating.objects.count() == before


def test_rating_by_owner_as_manager(client_for, world, audit):
    response = client_for(world.owner).post(
        f"/api/v1/firms/{world.firm.pk}/audit/ratings",
        {"person_id": world.employee.pk, "skill_uri": ESCO + "cut", "level": 1, "source": "manager",
         "evidence_url": "https://example.org/cut"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 201
    assert {k: response.json()[k] for k in ("level", "source", "rated_by_id", "skill_uri")} == {
        "level": 1, "source": "manager", "rated_by_id": world.owner.pk, "skill_uri": ESCO + "cut",
    }  # fmt: skip
    history = client_for(world.employee).get(f"/api/v1/firms/{world.firm.pk}/audit/people/{world.employee.pk}/ratings")
    assert [(r["source"], r["level"]) for r in history.json()][:2] == [("manager", 1), ("self", 1)]


def test_colleague_history_hidden_from_employee(client_for, world, audit):
    url = f"/api/v1/firms/{world.firm.pk}/audit/people/{world.manager.pk}/ratings"
    assert client_for(world.employee).get(url).status_code == 404


def test_cluster_assessor_rates_through_the_api(client_for, world, audit):
    """Failed with 404 before the one permission model: tenancy hid the firm from the assessor."""
    response = client_for(world.assessor).post(
        f"/api/v1/firms/{world.firm.pk}/audit/ratings",
        {"person_id": world.employee.pk, "skill_uri": ESCO + "cut", "level": 2, "source": "assessor"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert {k: response.json()[k] for k in ("level", "source", "rated_by_id")} == {
        "level": 2, "source": "assessor", "rated_by_id": world.assessor.pk,
    }  # fmt: skip
    roles = client_for(world.assessor).get(f"/api/v1/firms/{world.firm.pk}/audit/roles")
    assert roles.status_code == 404


def test_assessor_cannot_rate_as_manager_through_the_api(client_for, world, audit):
    response = client_for(world.assessor).post(
        f"/api/v1/firms/{world.firm.pk}/audit/ratings",
        {"person_id": world.employee.pk, "skill_uri": ESCO + "cut", "level": 2, "source": "manager"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {"source": ["Your role does not allow manager ratings in this firm."]}
