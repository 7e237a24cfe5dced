"""A firm's pooled training: the offers that match its people's gaps, its requests and seats, its terms, and
what its seats cost after co-funding."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from skillcluster.pooling.domain.calendar import MeetingEvent, ics
from skillcluster.pooling.domain.permissions import PoolingPerm
from skillcluster.pooling.domain.wording import euros
from skillcluster.pooling.forms import TermsForm, cents, euros_field
from skillcluster.pooling.models import FirmTerms, SeatRequest, Service, Session
from skillcluster.pooling.selectors import catalogue
from skillcluster.pooling.selectors.costs import firm_bills
from skillcluster.pooling.services import bookings
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.models import Person
from skillcluster.tenancy.selectors import firm_get_for_user
from skillcluster.web import apply_errors, flash_errors, posted_int, posted_ints


@login_required
def overview(request: PersonRequest, firm_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id, perm=PoolingPerm.VIEW_BOOKINGS)
    terms = FirmTerms.all_objects.filter(firm=firm).first()
    initial = {"budget": euros_field(terms.budget_cents if terms else None),
               "seat_cap": terms.seat_cap if terms else None,
               "de_minimis_room": euros_field(terms.de_minimis_room_cents if terms else None)}  # fmt: skip
    bills = firm_bills(firm)
    requests = list(catalogue.firm_requests(firm))
    names = catalogue.session_names(firm.cluster_id)
    bookable = catalogue.bookable_sessions(firm.cluster_id)
    context = {
        "firm": firm, "access": access, "terms_form": TermsForm(initial=initial),
        # The firm's people's needs are the firm's own: the cluster manager sees its requests, not its gaps.
        "offers": catalogue.firm_offers(firm) if access.has(PoolingPerm.BOOK) else [],
        "requests": [
            (r, catalogue.request_reason(r, names), bookable.get(r.service_id, []) if r.status == "open" else [])
            for r in requests
        ],
        "bills": bills, "total_firm": euros(sum(b.share.firm_cents for b in bills)),
        "total_public": euros(sum(b.share.public_cents for b in bills)), "now": timezone.now(),
    }  # fmt: skip
    return render(request, "pooling/firm.html", context)


def _back(firm_id: int, anchor: str = "requests") -> HttpResponse:
    return redirect(reverse("pooling_firm", args=[firm_id]) + f"#{anchor}")


@login_required
@require_POST
def ask(request: PersonRequest, firm_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id, perm=PoolingPerm.ASK_FOR_SELF)
    service = Service.all_objects.filter(pk=posted_int(request.POST.get("service")), cluster=firm.cluster).first()
    if service is None:
        raise Http404("No such service")
    people = Person.objects.filter(pk__in=posted_ints(request.POST.getlist("person")))
    if not people:
        messages.error(request, gettext("Tick at least one person to ask a seat for."))
    for person in people:
        try:
            bookings.check_seat_ask(access=access, firm=firm, person=person, service=service, actor=request.user,
                                    languages=request.POST.getlist("languages"))  # fmt: skip
            messages.success(
                request,
                gettext("Seat asked for %(person)s in “%(service)s”.")
                % {"person": person.full_name, "service": service.title},
            )
        except ValidationError as error:
            flash_errors(request, error)
    if not access.has(PoolingPerm.VIEW_BOOKINGS):
        return redirect("pooling_cluster", firm.cluster_id)
    return _back(firm.pk)


@login_required
@require_POST
def book(request: PersonRequest, firm_id: int, request_id: int) -> HttpResponse:
    firm, _ = firm_get_for_user(request.user, firm_id, perm=PoolingPerm.BOOK)
    seat = SeatRequest.objects.filter(firm=firm, pk=request_id).first()
    session = Session.all_objects.filter(pk=posted_int(request.POST.get("session"))).first()
    if seat is None or session is None:
        raise Http404("No such request or session")
    try:
        bookings.check_seat_book(request=seat, session=session, actor=request.user)
        messages.success(
            request,
            gettext("Seat booked for %(person)s in %(session)s.")
            % {"person": seat.person.full_name, "session": session},
        )
    except ValidationError as error:
        flash_errors(request, error)
    return _back(firm.pk)


@login_required
@require_POST
def cancel(request: PersonRequest, firm_id: int, request_id: int) -> HttpResponse:
    firm, _ = firm_get_for_user(request.user, firm_id, perm=PoolingPerm.BOOK)
    seat = SeatRequest.objects.filter(firm=firm, pk=request_id).first()
    if seat is None:
        raise Http404("No such request")
    try:
        bookings.seat_cancel(request=seat)
        messages.success(
            request,
            gettext("%(person)s's seat in “%(service)s” is cancelled.")
            % {"person": seat.person.full_name, "service": seat.service.title},
        )
    except ValidationError as error:
        flash_errors(request, error)
    return _back(firm.pk)


@login_required
@require_POST
def terms(request: PersonRequest, firm_id: int) -> HttpResponse:
    firm, _ = firm_get_for_user(request.user, firm_id, perm=PoolingPerm.BOOK)
    form = TermsForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            bookings.terms_set(
                firm=firm,
                actor=request.user,
                budget_cents=cents(data["budget"]),
                seat_cap=data["seat_cap"],
                de_minimis_room_cents=cents(data["de_minimis_room"]),
            )
            messages.success(request, gettext("Budget and limits saved; the next cohorts follow them."))
            return _back(firm.pk, "terms")
        except ValidationError as error:
            apply_errors(form, error)
    for field, errors in form.errors.items():
        for error_text in errors:
            messages.error(request, f"{form.fields[field].label if field in form.fields else ''}: {error_text}")
    return _back(firm.pk, "terms")


@login_required
def calendar(request: PersonRequest, firm_id: int) -> HttpResponse:
    firm, _ = firm_get_for_user(request.user, firm_id, perm=PoolingPerm.VIEW_BOOKINGS)
    now = timezone.now()
    events = [
        MeetingEvent(f"pooling-meeting-{m.pk}-firm-{firm.pk}@skillcluster", str(session), m.starts_at, m.ends_at,
                     session.location, tuple(s.person.full_name for s in seats), now)
        for session, seats in catalogue.firm_booked(firm)
        for m in session.meetings.all()
    ]  # fmt: skip
    response = HttpResponse(
        ics(events, name=gettext("%(firm)s: pooled training") % {"firm": firm.legal_name}), content_type="text/calendar"
    )
    response["Content-Disposition"] = f'attachment; filename="pooled-training-{firm.pk}.ics"'
    return response


@login_required
def summary_pdf(request: PersonRequest, firm_id: int) -> HttpResponse:
    from weasyprint import HTML  # imported here: loading it costs time every other page does not need

    firm, _ = firm_get_for_user(request.user, firm_id, perm=PoolingPerm.VIEW_BOOKINGS)
    bills = {b.session.pk: b.share for b in firm_bills(firm)}
    rows = [(session, seats, bills.get(session.pk)) for session, seats in catalogue.firm_booked(firm)]
    context = {"firm": firm, "rows": rows, "total_gross": sum(b.gross_cents for b in bills.values()),
               "total_public": sum(b.public_cents for b in bills.values()),
               "total_firm": sum(b.firm_cents for b in bills.values())}  # fmt: skip
    html = render_to_string("pooling/summary_pdf.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="pooled-training-{firm.pk}.pdf"'
    return response
