"""The pooling pages: who sees and does what (the authorization matrix), and that refusals change nothing."""

import pytest
from django.urls import reverse

from skillcluster.pooling.models import CohortPlan, FirmTerms, SeatRequest, Service, Session

CLUSTER_PAGES = ["pooling_cluster", "pooling_service_new", "pooling_demand", "pooling_plan"]
# page → who gets what: anonymous is sent to log in; another cluster's owner finds nothing there.
EXPECTED = {
    "pooling_cluster": {"employee": 200, "owner": 200, "cluster_manager": 200, "assessor": 200, "outsider": 404},
    "pooling_service_new": {"employee": 403, "owner": 403, "cluster_manager": 200, "auditor": 403, "outsider": 404},
    "pooling_demand": {"employee": 403, "owner": 403, "cluster_manager": 200, "auditor": 403, "outsider": 404},
    "pooling_plan": {"employee": 403, "owner": 403, "cluster_manager": 200, "auditor": 403, "outsider": 404},
}


@pytest.mark.parametrize("page", CLUSTER_PAGES)
def test_cluster_pages_answer_each_role_as_the_permissions_say(world, catalogue, client_for, page):
    url = reverse(page, args=[world.cluster.pk])
    assert client_for(None).get(url).status_code == 302
    for who, status in EXPECTED[page].items():
        assert client_for(getattr(world, who)).get(url).status_code == status, who


def test_the_firm_page_is_for_its_leads_and_the_cluster_manager_without_the_firm_s_gaps(world, catalogue, client_for):
    url = reverse("pooling_firm", args=[world.firm.pk])
    statuses = {who: client_for(getattr(world, who)).get(url).status_code
                for who in ("owner", "manager", "employee", "cluster_manager", "auditor", "outsider")}  # fmt: skip
    assert statuses == {"owner": 200, "manager": 200, "employee": 403, "cluster_manager": 200, "auditor": 403,
                        "outsider": 404}  # fmt: skip
    assert "Courses that match your people" in client_for(world.owner).get(url).content.decode()
    assert "Courses that match your people" not in client_for(world.cluster_manager).get(url).content.decode()


def test_an_employee_asks_for_a_seat_for_themselves_only(world, catalogue, client_for):
    url = reverse("pooling_ask", args=[world.firm.pk])
    employee = client_for(world.employee)
    response = employee.post(url, {"service": catalogue.course.pk, "person": world.manager.pk}, follow=True)
    assert "You may ask for a seat for yourself only." in response.content.decode()
    assert SeatRequest.objects.count() == 0
    employee.post(url, {"service": catalogue.course.pk, "person": world.employee.pk})
    assert list(SeatRequest.objects.values_list("person_id", "requested_by_id")) == [(world.employee.pk,) * 2]


def test_firm_actions_are_refused_to_staff_and_invisible_to_other_clusters(world, catalogue, client_for):
    seat = SeatRequest.objects.create(firm=world.firm, person=world.employee, service=catalogue.course)
    actions = [
        (reverse("pooling_book", args=[world.firm.pk, seat.pk]), {"session": catalogue.evening.pk}),
        (reverse("pooling_cancel", args=[world.firm.pk, seat.pk]), {}),
        (reverse("pooling_terms", args=[world.firm.pk]), {"budget": "10", "seat_cap": "1"}),
    ]
    for url, data in actions:
        assert client_for(world.employee).post(url, data).status_code == 403
        assert client_for(world.outsider).post(url, data).status_code == 404
        assert client_for(world.cluster_manager).post(url, data).status_code == 403
    seat.refresh_from_db()
    assert (seat.status, seat.session_id, FirmTerms.objects.count()) == ("open", None, 0)


def test_the_owner_books_a_seat_and_sets_the_firm_s_budget(world, catalogue, client_for):
    owner = client_for(world.owner)
    owner.post(
        reverse("pooling_ask", args=[world.firm.pk]), {"service": catalogue.course.pk, "person": world.manager.pk}
    )
    seat = SeatRequest.objects.get()
    owner.post(reverse("pooling_book", args=[world.firm.pk, seat.pk]), {"session": catalogue.evening.pk})
    seat.refresh_from_db()
    assert (seat.status, seat.session_id) == ("booked", catalogue.evening.pk)
    owner.post(reverse("pooling_terms", args=[world.firm.pk]), {"budget": "1250.50", "seat_cap": "4"})
    assert FirmTerms.objects.values_list("budget_cents", "seat_cap", "de_minimis_room_cents").get() == (125050, 4, None)
    page = owner.get(reverse("pooling_firm", args=[world.firm.pk])).content.decode()
    assert "€240" in page  # the evening seat: 600.00 for one seat, 60 % co-funded for a micro-firm


def test_only_the_cluster_manager_keeps_the_catalogue_and_forms_cohorts(
    world, catalogue, client_for, django_capture_on_commit_callbacks
):
    new = reverse("pooling_service_new", args=[world.cluster.pk])
    data = {"title": "Export marketing", "kind": "course", "provider_kind": "training_body",
            "provider_name": "ICE Academy", "target_level": "2", "micro": "60", "small": "50", "medium": "40",
            "large": "0", "skills": [catalogue.web.pk]}  # fmt: skip
    assert client_for(world.owner).post(new, data).status_code == 403
    refused = client_for(world.cluster_manager).post(new, {**data, "skills": []})
    assert refused.status_code == 400
    assert "Name at least one ESCO skill" in refused.content.decode()
    assert client_for(world.cluster_manager).post(new, data).status_code == 302
    assert Service.objects.filter(title="Export marketing").count() == 1
    form = reverse("pooling_plan_form", args=[world.cluster.pk])
    assert client_for(world.owner).post(form).status_code == 403
    client_for(world.cluster_manager).post(form)
    assert CohortPlan.objects.count() == 0  # nobody asked yet: refused, in words, on the page
    SeatRequest.objects.create(firm=world.firm, person=world.employee, service=catalogue.course)
    with django_capture_on_commit_callbacks() as queued:
        client_for(world.cluster_manager).post(form)
    assert CohortPlan.objects.get().status == "forming"  # the page answers at once; the queue forms the plan
    page = client_for(world.cluster_manager).get(reverse("pooling_plan", args=[world.cluster.pk])).content.decode()
    assert "<title>Cohorts · Fermo Footwear · Skillcluster</title>" in page
    assert "Forming the cohorts…" in page
    assert '<meta http-equiv="refresh" content="3">' in page
    refused = client_for(world.cluster_manager).post(form, follow=True).content.decode()
    assert "The cohorts are being formed already" in refused
    for callback in queued:
        callback()  # the worker's turn (the test settings run queued tasks at once)
    assert CohortPlan.objects.get().seats == {str(SeatRequest.objects.get().pk): catalogue.evening.pk}


def test_a_session_form_names_the_line_it_cannot_read(world, catalogue, client_for):
    url = reverse("pooling_service", args=[world.cluster.pk, catalogue.course.pk])
    data = {"label": "Autumn", "language": "it", "seats_min": "4", "seats_max": "10", "price": "900",
            "meetings": "2031-09-01 09:00-13:00\n1 Sept 2031 morning"}  # fmt: skip
    response = client_for(world.cluster_manager).post(url, data)
    assert response.status_code == 400
    assert "Line 2: expected &#x27;YYYY-MM-DD HH:MM-HH:MM&#x27;, got &#x27;1 Sept 2031 morning&#x27;." in (
        response.content.decode()
    )
    assert client_for(world.employee).post(url, data).status_code == 403
    assert Session.objects.filter(label="Autumn").count() == 0


def test_the_diagnostic_recommends_a_pooled_cohort_only_with_an_open_offer_and_links_to_booking(world, catalogue):
    from skillcluster.audits.models import RoleAssignment
    from skillcluster.audits.services import roles
    from skillcluster.pooling.navigation import pooled_training_offer
    from skillcluster.tenancy.models import Membership

    assert pooled_training_offer(world.firm) is None  # no role of the firm asks for what the course teaches
    sales = roles.role_create(firm=world.firm, title="Sales")
    roles.requirement_add(role=sales, skill=catalogue.web, level=3, importance=3)
    RoleAssignment.objects.create(role=sales, membership=Membership.objects.get(person=world.manager))
    offer = pooled_training_offer(world.firm)
    assert offer is not None
    assert (offer.text, offer.url, offer.action) == (
        "A course matches your people's gaps (first: “E-commerce for shoe makers”, 1 of your people short)",
        reverse("pooling_firm", args=[world.firm.pk]) + "#offers", "Book a seat",
    )  # fmt: skip
    Session.objects.update(status="cancelled")
    assert pooled_training_offer(world.firm) is None


def test_the_firm_downloads_its_dates_as_icalendar_and_a_booking_summary_as_pdf(world, catalogue, client_for):
    from icalendar import Calendar

    seat = SeatRequest.objects.create(firm=world.firm, person=world.manager, service=catalogue.course)
    SeatRequest.objects.filter(pk=seat.pk).update(status="booked", session=catalogue.morning)
    owner = client_for(world.owner)
    response = owner.get(reverse("pooling_calendar", args=[world.firm.pk]))
    assert response["Content-Type"] == "text/calendar"
    events = Calendar.from_ical(response.content).walk("VEVENT")
    meetings = list(catalogue.morning.meetings.order_by("starts_at"))
    assert [(e["SUMMARY"], e.decoded("DTSTART"), e["DESCRIPTION"]) for e in events] == [
        ("E-commerce for shoe makers — Spring, Fermo", m.starts_at, "Seats booked for: Manager") for m in meetings
    ]
    pdf = owner.get(reverse("pooling_summary_pdf", args=[world.firm.pk]))
    assert (pdf.status_code, pdf["Content-Type"], pdf.content[:5]) == (200, "application/pdf", b"%PDF-")
    for url in (
        reverse("pooling_calendar", args=[world.firm.pk]),
        reverse("pooling_summary_pdf", args=[world.firm.pk]),
    ):
        assert client_for(world.employee).get(url).status_code == 403
        assert client_for(world.outsider).get(url).status_code == 404


def test_attendance_session_cancelling_and_plan_confirming_are_the_cluster_manager_s(world, catalogue, client_for):
    from skillcluster.pooling.models import Attendance

    seat = SeatRequest.objects.create(firm=world.firm, person=world.employee, service=catalogue.course)
    SeatRequest.objects.filter(pk=seat.pk).update(status="booked", session=catalogue.evening)
    cid = world.cluster.pk
    attendance = reverse("pooling_attendance", args=[cid, catalogue.evening.pk])
    cancel = reverse("pooling_session_cancel", args=[cid, catalogue.evening.pk])
    for who, status in (("owner", 403), ("employee", 403), ("auditor", 403), ("outsider", 404)):
        person = getattr(world, who)
        assert client_for(person).get(attendance).status_code == status, who
        assert client_for(person).post(attendance, {"present": [seat.pk]}).status_code == status, who
        assert client_for(person).post(cancel, {"confirm": "yes"}).status_code == status, who
    assert client_for(world.cluster_manager).get(attendance).status_code == 200
    refused = client_for(world.cluster_manager).post(attendance, {"present": [seat.pk]}, follow=True)
    assert "Attendance is recorded once the session has started." in refused.content.decode()
    assert Attendance.objects.count() == 0
    catalogue.evening.refresh_from_db()
    assert catalogue.evening.status == "open"


def test_only_the_attendee_answers_for_the_fit_of_their_seat(world, catalogue, client_for):
    seat = SeatRequest.objects.create(firm=world.firm, person=world.employee, service=catalogue.course)
    url = reverse("pooling_fit", args=[world.cluster.pk, seat.pk])
    assert client_for(world.owner).post(url, {"fit": "5"}).status_code == 404  # not their seat: as if missing
    assert client_for(world.outsider).post(url, {"fit": "5"}).status_code == 404
    response = client_for(world.employee).post(url, {"fit": "5"}, follow=True)
    assert "You can rate a course once your attendance is recorded." in response.content.decode()


def test_a_service_page_is_the_cluster_s_and_confirming_a_plan_the_manager_s(
    world, catalogue, client_for, django_capture_on_commit_callbacks
):
    service = reverse("pooling_service", args=[world.cluster.pk, catalogue.course.pk])
    for who, status in (("employee", 200), ("owner", 200), ("assessor", 200), ("outsider", 404)):
        assert client_for(getattr(world, who)).get(service).status_code == status, who
    SeatRequest.objects.create(firm=world.firm, person=world.employee, service=catalogue.course)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world.cluster_manager).post(reverse("pooling_plan_form", args=[world.cluster.pk]))
    plan = CohortPlan.objects.get()
    confirm = reverse("pooling_plan_confirm", args=[world.cluster.pk, plan.pk])
    assert client_for(world.owner).post(confirm).status_code == 403
    assert client_for(world.outsider).post(confirm).status_code == 404
    assert SeatRequest.objects.get().status == "open"
    client_for(world.cluster_manager).post(confirm)
    assert (CohortPlan.objects.get().status, SeatRequest.objects.get().status) == ("confirmed", "booked")


@pytest.mark.django_db(transaction=True)  # the worker manages its own connection and transactions
def test_a_worker_forms_the_cohorts_queued_from_the_page(world, catalogue, client_for, settings):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    seat = SeatRequest.objects.create(firm=world.firm, person=world.employee, service=catalogue.course)
    client_for(world.cluster_manager).post(reverse("pooling_plan_form", args=[world.cluster.pk]))
    assert (CohortPlan.objects.get().status, DBTaskResult.objects.get().status) == ("forming", "READY")
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    plan = CohortPlan.objects.get()
    assert (plan.status, plan.seats, DBTaskResult.objects.get().status) == (
        "draft", {str(seat.pk): catalogue.evening.pk}, "SUCCESSFUL",
    )  # fmt: skip


def test_the_firm_page_reads_a_fixed_number_of_queries_however_many_seats(world, catalogue, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from skillcluster.tenancy.tests.factories import MembershipFactory, PersonFactory

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client_for(world.owner).get(reverse("pooling_firm", args=[world.firm.pk])).status_code == 200
        return len(captured)

    SeatRequest.objects.create(
        firm=world.firm,
        person=world.employee,
        service=catalogue.course,
        reason={"code": "full", "session": catalogue.evening.pk, "figures": {"seated": 2, "higher": 1}, "also": []},
    )
    few = queries()
    for _ in range(4):
        person = PersonFactory()
        MembershipFactory(person=person, firm=world.firm)
        SeatRequest.objects.create(
            firm=world.firm,
            person=person,
            service=catalogue.course,
            reason={"code": "full", "session": catalogue.evening.pk, "figures": {"seated": 2, "higher": 1}, "also": []},
        )
    assert queries() == few


def test_a_service_leaves_the_catalogue_only_with_no_seat_booked_ahead(world, catalogue, client_for):
    waiting = SeatRequest.objects.create(firm=world.firm, person=world.employee, service=catalogue.course)
    booked = SeatRequest.objects.create(firm=world.firm, person=world.manager, service=catalogue.course,
                                        status="booked", session=catalogue.evening)  # fmt: skip
    url = reverse("pooling_service_archive", args=[world.cluster.pk, catalogue.course.pk])
    assert client_for(world.owner).post(url, {"confirm": "yes"}).status_code == 403
    refused = client_for(world.cluster_manager).post(url, {"confirm": "yes"}, follow=True).content.decode()
    assert "1 seat(s) are booked in its sessions ahead: cancel those sessions first." in refused
    SeatRequest.objects.filter(pk=booked.pk).update(status="cancelled")
    client_for(world.cluster_manager).post(url, {"confirm": "yes"})
    catalogue.course.refresh_from_db()
    assert catalogue.course.archived_at is not None
    waiting.refresh_from_db()
    assert (waiting.status, waiting.reason) == ("open", {"code": "service_withdrawn"})
    page = client_for(world.owner).get(reverse("pooling_firm", args=[world.firm.pk])).content.decode()
    assert "The cluster withdrew this service from the catalogue" in page
    assert (
        "E-commerce for shoe makers"
        not in client_for(world.employee)
        .get(reverse("pooling_cluster", args=[world.cluster.pk]))
        .content.decode()
        .split("Catalogue</h2>")[1]
    )


def test_a_plan_no_worker_finished_stops_blocking_after_ten_minutes(world, catalogue, client_for):
    from datetime import timedelta

    from django.utils import timezone

    SeatRequest.objects.create(firm=world.firm, person=world.employee, service=catalogue.course)
    lost = CohortPlan.objects.create(cluster=world.cluster, status="forming",
                                     formed_at=timezone.now() - timedelta(minutes=11))  # fmt: skip
    page = client_for(world.cluster_manager).get(reverse("pooling_plan", args=[world.cluster.pk])).content.decode()
    assert "no worker finished it within ten minutes" in page
    assert 'http-equiv="refresh"' not in page
    from skillcluster.pooling.services.cohorts import cohort_form_start

    started = cohort_form_start(cluster=world.cluster, actor=world.cluster_manager)
    lost.refresh_from_db()
    assert (lost.status, started.status) == ("failed", "forming")
