"""The pooling API: the catalogue for the cluster's people, a firm's seats for its leads, plans for the manager."""

import json

from skillcluster.pooling.models import CohortPlan, SeatRequest

API = "/api/v1"


def _post(client, url, body=None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def test_the_catalogue_is_for_the_cluster_s_people_only(world, catalogue, client_for):
    url = f"{API}/clusters/{world.cluster.pk}/pooling/services"
    services = client_for(world.employee).get(url).json()
    assert [(s["title"], [x["label"] for x in s["sessions"]], s["cofunding_percent"]["micro"]) for s in services] == [
        ("E-commerce for shoe makers", ["Spring, Fermo", "Spring, evenings"], 60),
    ]
    assert client_for(world.outsider).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 401


def test_a_firm_asks_books_and_gives_back_a_seat_and_others_cannot(world, catalogue, client_for):
    seats = f"{API}/firms/{world.firm.pk}/pooling/seats"
    asked = _post(client_for(world.owner), seats, {"person_id": world.manager.pk, "service_id": catalogue.course.pk})
    assert asked.status_code == 201
    seat = asked.json()
    assert (seat["person"], seat["status"], seat["session_id"]) == ("Manager", "open", None)
    employee_for_other = {"person_id": world.manager.pk, "service_id": catalogue.course.pk}
    refused = _post(client_for(world.employee), seats, employee_for_other)
    assert (refused.status_code, refused.json()["errors"]) == (
        422,
        {"person": ["You may ask for a seat for yourself only."]},
    )
    assert _post(client_for(world.outsider), seats, employee_for_other).status_code == 404
    book = f"{seats}/{seat['id']}/book"
    assert _post(client_for(world.employee), book, {"session_id": catalogue.evening.pk}).status_code == 403
    booked = _post(client_for(world.owner), book, {"session_id": catalogue.evening.pk}).json()
    assert (booked["status"], booked["session_id"]) == ("booked", catalogue.evening.pk)
    assert [s["status"] for s in client_for(world.cluster_manager).get(seats).json()] == ["booked"]
    assert client_for(world.owner).delete(f"{seats}/{seat['id']}").status_code == 204
    assert SeatRequest.objects.get().status == "cancelled"


def test_the_cluster_manager_forms_and_confirms_a_plan(world, catalogue, client_for):
    SeatRequest.objects.create(firm=world.firm, person=world.employee, service=catalogue.course)
    plans = f"{API}/clusters/{world.cluster.pk}/pooling/plans"
    assert _post(client_for(world.owner), plans).status_code == 403
    plan = _post(client_for(world.cluster_manager), plans).json()
    assert (plan["solver_status"], plan["objective"], plan["status"]) == ("optimal", 6, "draft")
    confirmed = _post(client_for(world.cluster_manager), f"{plans}/{plan['id']}/confirm").json()
    assert confirmed["status"] == "confirmed"
    assert SeatRequest.objects.get().status == "booked"
    assert CohortPlan.objects.count() == 1


def test_api_refusals_follow_the_same_permissions(world, catalogue, client_for):
    seats = f"{API}/firms/{world.firm.pk}/pooling/seats"
    assert client_for(world.employee).get(seats).status_code == 403
    assert client_for(world.outsider).get(seats).status_code == 404
    assert client_for(world.auditor).get(seats).status_code == 403
    plan = f"{API}/clusters/{world.cluster.pk}/pooling/plans/1/confirm"
    assert _post(client_for(world.owner), plan).status_code == 403
    assert _post(client_for(world.cluster_manager), plan).status_code == 404
    refused = _post(client_for(world.cluster_manager), f"{API}/clusters/{world.cluster.pk}/pooling/plans")
    assert (refused.status_code, refused.json()["errors"]) == (
        422, {"__all__": ["No seat was asked for yet: firms ask for seats from the catalogue first."]},
    )  # fmt: skip


def test_giving_a_seat_back_through_the_api_is_the_firm_leads(world, catalogue, client_for):
    seat = SeatRequest.objects.create(firm=world.firm, person=world.employee, service=catalogue.course)
    url = f"{API}/firms/{world.firm.pk}/pooling/seats/{seat.pk}"
    assert client_for(world.employee).delete(url).status_code == 403
    assert client_for(world.outsider).delete(url).status_code == 404
    assert client_for(world.cluster_manager).delete(url).status_code == 403
    assert SeatRequest.objects.get().status == "open"
