"""Writes of pooled services on the small catalogue of conftest: exact plans, refusals in words, no overbooking.

The plan worked out by hand (`test_cohorts_form_and_confirm_...`): Rossi's manager needs 10 (Sales asks
e-commerce at 3, critical, held 1: 2 x 3; trade fairs at 2, important, never rated: 2 x 2); everyone else,
with no role asking for the course, needs 6 (3 + 3 levels, "useful"). A seat costs at most 600.00 before
co-funding, 240.00 after the micro-firms' 60 %. Rossi's budget of 300.00 pays for one seat. Bianchi declared
Rossi a competitor, so they never share a room. The morning session needs two people: Bianchi's two go
there, Rossi's manager sits alone in the evening session (22 of 28), Rossi's employee is told the budget
has 60.00 left.
"""

import threading
from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django_scopes import scopes_disabled

from skillcluster.audits.models import Rating, RoleAssignment
from skillcluster.audits.services import ratings, roles
from skillcluster.pooling.models import CohortPlan, RequestStatus, SeatRequest, SessionStatus
from skillcluster.pooling.selectors.costs import firm_bills
from skillcluster.pooling.services import bookings, cohorts
from skillcluster.pooling.services import catalogue as offer
from skillcluster.pooling.services.catalogue import ServiceIn, SessionIn
from skillcluster.pooling.tests.conftest import meetings
from skillcluster.tenancy.domain.permissions import Access, Roles, Scope
from skillcluster.tenancy.domain.roles import FirmRole
from skillcluster.tenancy.models import Membership, RelationKind
from skillcluster.tenancy.services import firm_relations_set

OWNER = Access(Scope.FIRM, Roles(firm=frozenset({FirmRole.OWNER})))
EMPLOYEE = Access(Scope.FIRM, Roles(firm=frozenset({FirmRole.EMPLOYEE})))


def test_a_service_names_each_field_it_cannot_take(world, catalogue):
    wrong = ServiceIn(" ", "", [], target_level=5, cofunding_percent={"micro": 120})
    with pytest.raises(ValidationError) as error:
        offer.service_create(cluster=world.cluster, actor=world.cluster_manager, data=wrong)
    assert sorted(error.value.message_dict) == ["cofunding_percent", "provider_name", "skills", "target_level", "title"]


def test_a_session_with_its_minimum_above_its_maximum_or_in_the_past_is_refused(world, catalogue):
    service = catalogue.course
    with pytest.raises(ValidationError) as error:
        offer.session_add(
            service=service, actor=world.cluster_manager, data=SessionIn("Autumn", meetings(0), 8, 6, 100)
        )
    assert error.value.message_dict == {"seats_min": ["The minimum to run (8) is above the maximum (6)."]}
    past = [(datetime(2020, 1, 1, 9, tzinfo=UTC), datetime(2020, 1, 1, 12, tzinfo=UTC))]
    with pytest.raises(ValidationError) as error:
        offer.session_add(service=service, actor=world.cluster_manager, data=SessionIn("Old", past, 1, 2, 0))
    assert error.value.message_dict == {
        "meetings": ["Meeting 1 (2020-01-01 09:00) is in the past; sessions are planned ahead."]
    }
    assert service.sessions.count() == 2


def test_asking_for_a_seat_is_for_the_firm_s_people_and_once_per_service(world, catalogue):
    ask = bookings.check_seat_ask
    with pytest.raises(ValidationError, match="for yourself only"):
        ask(access=EMPLOYEE, firm=world.firm, person=world.manager, service=catalogue.course, actor=world.employee)
    with pytest.raises(ValidationError, match="does not work in this firm"):
        ask(access=OWNER, firm=world.firm, person=catalogue.micro_staff, service=catalogue.course, actor=world.owner)
    ask(access=EMPLOYEE, firm=world.firm, person=world.employee, service=catalogue.course, actor=world.employee)
    with pytest.raises(ValidationError, match="Employee already asked for 'E-commerce for shoe makers'"):
        ask(access=OWNER, firm=world.firm, person=world.employee, service=catalogue.course, actor=world.owner)
    assert SeatRequest.objects.count() == 1


def _the_hand_worked_cluster(world, catalogue):
    sales = roles.role_create(firm=world.firm, title="Sales")
    roles.requirement_add(role=sales, skill=catalogue.web, level=3, importance=3)
    roles.requirement_add(role=sales, skill=catalogue.fair, level=2, importance=2)
    RoleAssignment.objects.create(role=sales, membership=Membership.objects.get(person=world.manager))
    ratings.do_ratings_add(ratings=[Rating(firm=world.firm, person=world.manager, skill=catalogue.web, level=1,
                                           source="manager", rated_by=world.owner)])  # fmt: skip
    bookings.terms_set(firm=world.firm, actor=world.owner, budget_cents=30000, seat_cap=None,
                       de_minimis_room_cents=None)  # fmt: skip
    firm_relations_set(firm=catalogue.micro, kind=RelationKind.COMPETITOR, others=[world.firm])
    asked = {}
    for firm, person, actor in ((world.firm, world.manager, world.owner), (world.firm, world.employee, world.owner),
                                (catalogue.micro, catalogue.micro_staff, catalogue.micro_owner),
                                (catalogue.micro, catalogue.micro_owner, catalogue.micro_owner)):  # fmt: skip
        asked[person.email.split("@")[0]] = bookings.check_seat_ask(
            access=OWNER, firm=firm, person=person, service=catalogue.course, actor=actor
        )
    return asked


def test_cohorts_form_and_confirm_the_plan_worked_out_by_hand(world, catalogue):
    asked = _the_hand_worked_cluster(world, catalogue)
    plan = cohorts.cohort_form(cluster=world.cluster, actor=world.cluster_manager)
    morning, evening = catalogue.morning.pk, catalogue.evening.pk
    assert (plan.solver_status, plan.objective, plan.need) == ("optimal", 22, 28)
    assert plan.weights == {str(asked[k].pk): w for k, w in (("manager", 10), ("employee", 6), ("staff", 6),
                                                             ("bianchi", 6))}  # fmt: skip
    assert plan.seats == {str(asked["manager"].pk): evening, str(asked["staff"].pk): morning,
                          str(asked["bianchi"].pk): morning}  # fmt: skip
    assert plan.reasons[str(asked["employee"].pk)] == {
        "code": "over_budget", "session": evening, "figures": {"left_cents": 6000, "seat_cents": 24000}, "also": [],
    }  # fmt: skip
    cohorts.cohort_confirm(plan=plan, actor=world.cluster_manager)
    states = {r.pk: (r.status, r.session_id) for r in SeatRequest.objects.all()}
    assert states == {
        asked["manager"].pk: ("booked", evening), asked["employee"].pk: ("open", None),
        asked["staff"].pk: ("booked", morning), asked["bianchi"].pk: ("booked", morning),
    }  # fmt: skip
    assert SeatRequest.objects.get(pk=asked["employee"].pk).reason["code"] == "over_budget"
    catalogue.morning.refresh_from_db()
    assert catalogue.morning.status == SessionStatus.CONFIRMED


def test_a_plan_is_not_confirmed_once_the_requests_it_rests_on_changed(world, catalogue):
    _the_hand_worked_cluster(world, catalogue)
    plan = cohorts.cohort_form(cluster=world.cluster, actor=world.cluster_manager)
    bookings.check_seat_ask(access=OWNER, firm=world.firm, person=world.owner, service=catalogue.course,
                            actor=world.owner)  # fmt: skip
    with pytest.raises(ValidationError, match="since this plan was formed"):
        cohorts.cohort_confirm(plan=plan, actor=world.cluster_manager)
    assert SeatRequest.objects.filter(status=RequestStatus.BOOKED).count() == 0
    assert CohortPlan.objects.get().status == "draft"


def test_the_bills_split_each_session_s_price_to_the_cent_after_cofunding(world, catalogue):
    _the_hand_worked_cluster(world, catalogue)
    cohorts.cohort_confirm(plan=cohorts.cohort_form(cluster=world.cluster, actor=world.cluster_manager),
                           actor=world.cluster_manager)  # fmt: skip
    rossi = [
        (b.session.pk, b.share.gross_cents, b.share.public_cents, b.share.firm_cents) for b in firm_bills(world.firm)
    ]
    bianchi = [
        (b.session.pk, b.share.seats, b.share.public_cents, b.share.firm_cents) for b in firm_bills(catalogue.micro)
    ]
    assert rossi == [(catalogue.evening.pk, 60000, 36000, 24000)]
    assert bianchi == [(catalogue.morning.pk, 2, 72000, 48000)]


def test_booking_directly_applies_the_same_rules_and_says_which_one_refuses(world, catalogue):
    asked = _the_hand_worked_cluster(world, catalogue)
    cohorts.cohort_confirm(plan=cohorts.cohort_form(cluster=world.cluster, actor=world.cluster_manager),
                           actor=world.cluster_manager)  # fmt: skip
    employee = SeatRequest.objects.get(pk=asked["employee"].pk)
    with pytest.raises(ValidationError) as error:
        bookings.check_seat_book(request=employee, session=catalogue.evening, actor=world.owner)
    assert error.value.message_dict == {"session": [
        "Over the firm's budget: €60 left, a seat in E-commerce for shoe makers — Spring, evenings costs up to "
        "€240 after co-funding."
    ]}  # fmt: skip
    bookings.terms_set(firm=world.firm, actor=world.owner, budget_cents=None, seat_cap=None,
                       de_minimis_room_cents=None)  # fmt: skip
    with pytest.raises(ValidationError, match="competitor already sits"):
        bookings.check_seat_book(request=employee, session=catalogue.morning, actor=world.owner)
    booked = bookings.check_seat_book(request=employee, session=catalogue.evening, actor=world.owner)
    assert (booked.status, booked.session_id) == ("booked", catalogue.evening.pk)
    late = bookings.check_seat_ask(access=OWNER, firm=world.firm, person=world.owner, service=catalogue.course,
                                   actor=world.owner)  # fmt: skip
    with pytest.raises(ValidationError, match="is full: all 2 seats are taken, 0 by people with higher need"):
        bookings.check_seat_book(request=late, session=catalogue.evening, actor=world.owner)


@pytest.mark.django_db(transaction=True)
def test_two_owners_taking_the_last_seat_at_once_get_one_seat_and_one_refusal(world, catalogue):
    # The evening session has two seats; one is taken. Two firms race for the other.
    first = bookings.check_seat_ask(access=OWNER, firm=world.firm, person=world.manager, service=catalogue.course,
                                    actor=world.owner)  # fmt: skip
    bookings.check_seat_book(request=first, session=catalogue.evening, actor=world.owner)
    racers = [
        bookings.check_seat_ask(access=OWNER, firm=world.firm, person=world.employee, service=catalogue.course,
                                actor=world.owner),
        bookings.check_seat_ask(access=OWNER, firm=catalogue.micro, person=catalogue.micro_staff,
                                service=catalogue.course, actor=catalogue.micro_owner),
    ]  # fmt: skip
    start, outcomes = threading.Barrier(2), []

    def book(request: SeatRequest) -> None:
        start.wait()
        try:
            with scopes_disabled():  # a thread starts outside the test's scope
                bookings.check_seat_book(request=request, session=catalogue.evening, actor=world.owner)
            outcomes.append("booked")
        except ValidationError as error:
            outcomes.append(error.message_dict["session"][0])
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(r,)) for r in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("booked") == 1
    assert len([o for o in outcomes if "is full" in o]) == 1
    assert SeatRequest.objects.filter(session=catalogue.evening, status="booked").count() == 2


def test_booked_seats_that_break_a_rule_are_named_with_what_to_relax_and_block_confirming(world, catalogue):
    seat = bookings.check_seat_ask(access=OWNER, firm=world.firm, person=world.manager, service=catalogue.course,
                                   actor=world.owner)  # fmt: skip
    bookings.check_seat_book(request=seat, session=catalogue.evening, actor=world.owner)
    bookings.terms_set(firm=world.firm, actor=world.owner, budget_cents=100, seat_cap=None, de_minimis_room_cents=None)
    plan = cohorts.cohort_form(cluster=world.cluster, actor=world.cluster_manager)
    assert plan.conflicts == [
        "Calzaturificio Rossi S.r.l. is over its budget: raise the firm's budget or give one of its booked seats back"
    ]
    with pytest.raises(ValidationError, match="Booked seats break a rule"):
        cohorts.cohort_confirm(plan=plan, actor=world.cluster_manager)
