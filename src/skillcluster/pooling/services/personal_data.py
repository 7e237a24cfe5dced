"""Pooled services' part of a person's data: their seats, attendance and what they said of the fit (export);
the erasure blanks their fit comment (the seat, the attendance and the 1-5 answer stay: the costs already
billed and the provider's fit figure rest on them, and they no longer name anyone once the person is erased)."""

from skillcluster.pooling.models import Attendance, SeatRequest
from skillcluster.tenancy.models import Person


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
