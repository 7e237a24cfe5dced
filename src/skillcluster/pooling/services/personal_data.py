"""Pooled services' part of a person's data: their seats, attendance and what they said of the fit (export);
the erasure blanks their fit comment (the seat, the attendance and the 1-5 answer stay: the costs already
billed and the provider's fit figure rest on them, and they no longer name anyone once the person is erased)."""

from skillcluster.pooling.models import Attendance, FirmTerms, SeatRequest
from skillcluster.pooling.selectors.costs import firm_bills
from skillcluster.tenancy.models import Firm, Person


def export(person: Person) -> dict[str, object]:
    seats = SeatRequest.all_objects.filter(person=person).select_related("firm", "service", "session").order_by("pk")
    attended = {a.seat_id: a for a in Attendance.all_objects.filter(seat__person=person)}
    return {
        "seats": [
            {"firm": str(s.firm), "service": s.service.title, "session": s.session.label if s.session else None,
             "status": s.status, "asked_at": s.created_at.isoformat(),
             "attended": attended[s.pk].attended if s.pk in attended else None,
             "fit": attended[s.pk].fit if s.pk in attended else None,
             "fit_comment": attended[s.pk].fit_comment if s.pk in attended else ""}
            for s in seats
        ]
    }  # fmt: skip


def erase(person: Person) -> None:
    Attendance.all_objects.filter(seat__person=person).update(fit_comment="")


def firm_export(firm: Firm) -> dict[str, object]:
    """The firm's pooled training: its terms, its seats (attendance, not the attendees' own fit answers) and
    its share of each session's price."""
    terms = FirmTerms.all_objects.filter(firm=firm).first()
    seats = SeatRequest.all_objects.filter(firm=firm).select_related("person", "service", "session").order_by("pk")
    attended = dict(Attendance.all_objects.filter(seat__firm=firm).values_list("seat_id", "attended"))
    return {
        "terms": None if terms is None else {"budget_cents": terms.budget_cents, "seat_cap": terms.seat_cap,
                                             "de_minimis_room_cents": terms.de_minimis_room_cents},
        "seats": [
            {"person": s.person.email, "service": s.service.title, "session": str(s.session) if s.session else None,
             "status": s.status, "asked_at": s.created_at.isoformat(), "attended": attended.get(s.pk)}
            for s in seats
        ],
        "costs": [
            {"session": str(b.session), "seats": b.share.seats, "gross_cents": b.share.gross_cents,
             "public_cents": b.share.public_cents, "firm_cents": b.share.firm_cents}
            for b in firm_bills(firm)
        ],
    }  # fmt: skip
