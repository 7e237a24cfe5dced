"""Writes of the cluster's catalogue: services and their sessions. Bad input raises `ValidationError` naming
the field and what was expected; nothing is half-saved (one transaction per call)."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from skillcluster.pooling.models import (
    DEFAULT_COFUNDING,
    LANGUAGES,
    Meeting,
    ProviderKind,
    RequestStatus,
    SeatRequest,
    Service,
    ServiceKind,
    Session,
    SessionStatus,
)
from skillcluster.taxonomy.domain.proficiency import MAX_LEVEL
from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.models import Cluster, Firm, Person
from skillcluster.tenancy.services.audit_log import audit_record


@dataclass(frozen=True)
class ServiceIn:
    title: str
    provider_name: str
    skills: Sequence[Skill]
    target_level: int = 2
    kind: str = ServiceKind.COURSE
    description: str = ""
    provider_kind: str = ProviderKind.TRAINING_BODY
    provider_firm: Firm | None = None
    cofunding_percent: Mapping[str, int] | None = None
    in_kind_cents: int = 0


def service_create(*, cluster: Cluster, actor: Person, data: ServiceIn) -> Service:
    errors = _service_errors(cluster, data)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        service = Service.all_objects.create(
            cluster=cluster, title=data.title.strip(), kind=data.kind, description=data.description.strip(),
            provider_kind=data.provider_kind, provider_name=data.provider_name.strip(),
            provider_firm=data.provider_firm, target_level=data.target_level,
            cofunding_percent=dict(data.cofunding_percent or DEFAULT_COFUNDING), in_kind_cents=data.in_kind_cents,
        )  # fmt: skip
        service.skills.set(data.skills)
    return service


def _service_errors(cluster: Cluster, data: ServiceIn) -> dict[str, str]:
    errors = {}
    if not data.title.strip():
        errors["title"] = gettext("Give the service a title.")
    if not data.provider_name.strip():
        errors["provider_name"] = gettext("Name the provider (a training body, the support organisation or an expert).")
    if not data.skills:
        errors["skills"] = gettext("Name at least one ESCO skill the service teaches: the cohorts are formed by skill.")
    if not 1 <= data.target_level <= MAX_LEVEL:
        errors["target_level"] = gettext("The level it teaches up to is 1-%(max)s; got %(level)s.") % {
            "max": MAX_LEVEL,
            "level": data.target_level,
        }
    if data.kind not in ServiceKind.values:
        errors["kind"] = gettext("Choose one of: %(codes)s.") % {"codes": ", ".join(ServiceKind.values)}
    if data.provider_kind not in ProviderKind.values:
        errors["provider_kind"] = gettext("Choose one of: %(codes)s.") % {"codes": ", ".join(ProviderKind.values)}
    if data.provider_kind == ProviderKind.MEMBER_EXPERT and (
        data.provider_firm is None or data.provider_firm.cluster_id != cluster.pk
    ):
        errors["provider_firm"] = gettext("An expert from a member firm needs that firm, a member of this cluster.")
    bad = {k: v for k, v in (data.cofunding_percent or {}).items() if k not in DEFAULT_COFUNDING or not 0 <= v <= 100}
    if bad:
        errors["cofunding_percent"] = gettext(
            "Co-funding is 0-100 %% per size class (micro, small, medium, large); got %(values)s."
        ) % {"values": bad}
    if data.in_kind_cents < 0:
        errors["in_kind_cents"] = gettext("An in-kind contribution is never negative.")
    return errors


@dataclass(frozen=True)
class SessionIn:
    label: str
    meetings: Sequence[tuple[datetime, datetime]]
    seats_min: int
    seats_max: int
    price_cents: int
    language: str = "it"
    location: str = ""


def session_add(*, service: Service, actor: Person, data: SessionIn, now: datetime | None = None) -> Session:
    errors = _session_errors(data, now or timezone.now())
    if errors:
        raise ValidationError(errors)
    meetings = sorted(data.meetings)
    with transaction.atomic():
        session = Session.all_objects.create(
            service=service, label=data.label.strip(), language=data.language, location=data.location.strip(),
            seats_min=data.seats_min, seats_max=data.seats_max, price_cents=data.price_cents,
            starts_at=meetings[0][0],
        )  # fmt: skip
        Meeting.all_objects.bulk_create(Meeting(session=session, starts_at=a, ends_at=b) for a, b in meetings)
    return session


def _session_errors(data: SessionIn, now: datetime) -> dict[str, str]:
    errors = {}
    if not data.label.strip():
        errors["label"] = gettext("Give the session a label people recognise, e.g. 'Spring, Fermo'.")
    if data.seats_min < 1 or data.seats_max < 1:
        errors["seats_min"] = gettext("A session has at least one seat; set the minimum to run and the maximum.")
    elif data.seats_min > data.seats_max:
        errors["seats_min"] = gettext("The minimum to run (%(min)s) is above the maximum (%(max)s).") % {
            "min": data.seats_min,
            "max": data.seats_max,
        }
    if data.price_cents < 0:
        errors["price_cents"] = gettext("A price is never negative.")
    if data.language not in dict(LANGUAGES):
        errors["language"] = gettext("Choose one of: %(codes)s.") % {"codes": ", ".join(dict(LANGUAGES))}
    if not data.meetings:
        errors["meetings"] = gettext("Give at least one meeting: a start and an end.")
    for i, (start, end) in enumerate(sorted(data.meetings), start=1):
        if end <= start:
            errors["meetings"] = gettext("Meeting %(number)s ends (%(end)s) before it starts (%(start)s).") % {
                "number": i,
                "end": f"{end:%Y-%m-%d %H:%M}",
                "start": f"{start:%Y-%m-%d %H:%M}",
            }
        elif start <= now:
            errors["meetings"] = gettext(
                "Meeting %(number)s (%(start)s) is in the past; sessions are planned ahead."
            ) % {"number": i, "start": f"{start:%Y-%m-%d %H:%M}"}
    return errors


def session_cancel(*, session: Session, actor: Person) -> Session:
    """Cancel a session: its booked seats go back to waiting for the next cohorts (the people keep asking)."""
    with transaction.atomic():
        locked = Session.all_objects.select_for_update().get(pk=session.pk)
        SeatRequest.all_objects.filter(session=locked, status=RequestStatus.BOOKED).update(
            status=RequestStatus.OPEN, session=None, booked_at=None, reason={"code": "session_cancelled"}
        )
        locked.status = SessionStatus.CANCELLED
        locked.save(update_fields=["status"])
        audit_record("pooling.session_cancelled", actor=actor, cluster=locked.service.cluster, subject=str(locked))
    return locked


def skills_by_uri(uris: Iterable[str]) -> list[Skill]:
    """The skills named by ``uris``; `ValidationError` on ``skills`` naming any unknown URI."""
    wanted = [u.strip() for u in uris if u.strip()]
    found = {s.uri: s for s in Skill.objects.filter(uri__in=wanted)}
    unknown = [u for u in wanted if u not in found]
    if unknown:
        raise ValidationError({"skills": gettext("Not an ESCO skill URI: %(uris)s.") % {"uris": ", ".join(unknown)}})
    return [found[u] for u in dict.fromkeys(wanted)]


def service_archive(*, service: Service, now: datetime | None = None) -> Service:
    """Withdraw a service from the catalogue. Refused while seats are booked in its sessions ahead (cancel those
    sessions first, so nobody loses a seat unseen); the seats still asked for stay, marked with the reason."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Service.all_objects.select_for_update().get(pk=service.pk)
        ahead = SeatRequest.all_objects.filter(
            service=locked, status=RequestStatus.BOOKED, session__starts_at__gt=now
        ).count()
        if ahead:
            raise ValidationError(
                ngettext(
                    "%(count)s seat(s) are booked in its sessions ahead: cancel those sessions first.",
                    "%(count)s seat(s) are booked in its sessions ahead: cancel those sessions first.",
                    ahead,
                )
                % {"count": ahead}
            )
        locked.archived_at = now
        locked.save(update_fields=["archived_at"])
        SeatRequest.all_objects.filter(service=locked, status=RequestStatus.OPEN).update(
            reason={"code": "service_withdrawn"}
        )
    return locked
