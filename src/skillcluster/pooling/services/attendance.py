"""After a session: who attended (the cluster manager records it), the levels the course proposes for them in
the audit (pending until their manager or an assessor confirms), and how well it fitted their work."""

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from skillcluster.audits.selectors.needs import people_needs
from skillcluster.audits.services.proposals import proposals_add
from skillcluster.pooling.models import Attendance, RequestStatus, SeatRequest, Session
from skillcluster.tenancy.models import Person
from skillcluster.tenancy.services.audit_log import audit_record


def attendance_record(
    *, session: Session, actor: Person, present: Iterable[int], now: datetime | None = None
) -> list[Attendance]:
    """Record every booked seat of ``session`` as attended (its id in ``present``) or not; each attendee gets
    the levels the course teaches proposed in their audit, for the skills they hold below it."""
    if session.starts_at > (now or timezone.now()):
        raise ValidationError({"session": gettext("Attendance is recorded once the session has started.")})
    attended = set(present)
    seats = list(SeatRequest.all_objects.filter(session=session, status=RequestStatus.BOOKED).select_related(
        "person", "firm", "service"))  # fmt: skip
    unknown = attended - {s.pk for s in seats}
    if unknown:
        raise ValidationError(
            {"present": gettext("Not a booked seat of this session: %(seats)s.") % {"seats": sorted(unknown)}}
        )
    service = session.service
    taught = list(service.skills.all())
    _, held = people_needs({(s.firm_id, s.person_id) for s in seats}, [k.pk for k in taught])
    recorded = []
    with transaction.atomic():
        for seat in seats:
            row, _ = Attendance.all_objects.update_or_create(
                seat=seat, defaults={"attended": seat.pk in attended, "recorded_by": actor,
                                     "recorded_at": timezone.now()},
            )  # fmt: skip
            recorded.append(row)
            if row.attended:
                levels = held.get((seat.firm_id, seat.person_id), {})
                proposals_add(
                    firm=seat.firm, person=seat.person, origin="training", reference=f"pooling:seat:{seat.pk}",
                    levels=[(k, service.target_level) for k in taught if levels.get(k.pk, 0) < service.target_level],
                    note=f"{service.title} — {session.label}",
                )  # fmt: skip
        audit_record("pooling.attendance_recorded", actor=actor, cluster=service.cluster, subject=str(session),
                     attended=len(attended), seats=len(seats))  # fmt: skip
    return recorded


def fit_rate(*, seat: SeatRequest, person: Person, fit: int, comment: str = "") -> Attendance:
    """The attendee's own word on how well the course fitted their work, 1 (not at all) to 5 (exactly)."""
    if seat.person_id != person.pk:
        raise ValidationError({"fit": gettext("Only the person who attended says how well it fitted.")})
    if not 1 <= fit <= 5:
        raise ValidationError({"fit": gettext("Choose 1 (not at all) to 5 (exactly); got %(fit)s.") % {"fit": fit}})
    row = Attendance.all_objects.filter(seat=seat, attended=True).first()
    if row is None:
        raise ValidationError({"fit": gettext("You can rate a course once your attendance is recorded.")})
    row.fit, row.fit_comment = fit, comment.strip()[:500]
    row.save(update_fields=["fit", "fit_comment"])
    return row
