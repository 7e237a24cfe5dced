"""Writes for diagnostic rounds. Callers have checked access through the selectors' access helpers.

Each service validates its input and raises `ValidationError` keyed by field, naming what was
expected; nothing is written when it raises (one transaction per service).
"""

import datetime as dt
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext, ngettext
from django_scopes import scopes_disabled

from skillcluster.batch import each_or_none
from skillcluster.diagnostics.domain.instrument import BASE_LANGUAGE, InstrumentError, load_instrument
from skillcluster.diagnostics.domain.scoring import ScoringError, check_answers
from skillcluster.diagnostics.models import (
    DiagnosticRound,
    FormKind,
    Response,
    ResponseStatus,
    RoundFirm,
    RoundReopening,
    StaffInvite,
)
from skillcluster.mail import mail_after_commit, mail_now
from skillcluster.tenancy.domain import disclosure
from skillcluster.tenancy.domain.roles import FirmRole
from skillcluster.tenancy.models import Cluster, Firm, Membership, Person
from skillcluster.tenancy.selectors import mail_language
from skillcluster.tenancy.services.audit_log import audit_record

STAFF_LINK_SALT = "skillcluster.diagnostics.staff"
CURRENT_VERSION = "2"


@transaction.atomic
def round_open(
    *,
    cluster: Cluster,
    title: str,
    firms: list[Firm],
    deadline: dt.date,
    created_by: Person,
    opens_on: dt.date | None = None,
    instrument_version: str = CURRENT_VERSION,
    announce: bool = True,
) -> DiagnosticRound:
    """A new round for `firms` (all of `cluster`), open from `opens_on` (today) until `deadline`; with
    ``announce``, the firms' owners are e-mailed the invitation once the round is saved."""
    opens_on = opens_on or timezone.localdate()
    _check_round(cluster=cluster, title=title, firms=firms, deadline=deadline, opens_on=opens_on)
    try:
        load_instrument(instrument_version)
    except InstrumentError as error:
        raise ValidationError({"instrument_version": str(error)}) from None
    diagnostic_round = DiagnosticRound.objects.create(
        cluster=cluster,
        title=title.strip(),
        instrument_version=instrument_version,
        opens_on=opens_on,
        deadline=deadline,
        created_by=created_by,
    )
    # Pseudonyms in random order, so an export's F001 is not the alphabetically first firm.
    numbers = secrets.SystemRandom().sample(range(1, len(firms) + 1), len(firms))
    RoundFirm.objects.bulk_create(
        RoundFirm(round=diagnostic_round, firm=firm, pseudonym=f"F{number:03d}")
        for firm, number in zip(firms, numbers, strict=True)
    )
    if announce:
        transaction.on_commit(lambda: _announce(diagnostic_round, firms))
    return diagnostic_round


def _day(day: dt.date) -> str:
    """A date in a sentence, e.g. "05 Jan 2027" (the month's name in the active language)."""
    return dateformat.format(day, "d M Y")


def _by_language(owners: Iterable[tuple[str, str]], cluster: Cluster) -> dict[str, list[str]]:
    """E-mail addresses by the language their mail goes out in: the person's choice, else the cluster's."""
    grouped: dict[str, list[str]] = {}
    for email, chosen in owners:
        grouped.setdefault(mail_language(chosen, cluster), []).append(email)
    return grouped


def _announce(diagnostic_round: DiagnosticRound, firms: list[Firm]) -> None:
    """Each firm's owners are invited in their own language (their choice, else the cluster's)."""
    minutes = load_instrument(diagnostic_round.instrument_version).form(FormKind.OWNER).minutes
    for firm in firms:
        owners = Membership.all_objects.filter(firm=firm, role=FirmRole.OWNER).values_list(
            "person__email", "person__language"
        )
        for language, recipients in _by_language(owners, diagnostic_round.cluster).items():
            with translation.override(language):
                context = {
                    "round": diagnostic_round,
                    "firm": firm,
                    "minutes": minutes,
                    "url": settings.SITE_URL + reverse("diagnostics_firm", args=[firm.pk]),
                }
                subject = gettext("How does %(firm)s learn? %(title)s, answer by %(date)s") % {
                    "firm": firm,
                    "title": diagnostic_round.title,
                    "date": _day(diagnostic_round.deadline),
                }
                mail_now(
                    subject=subject,
                    message=render_to_string("diagnostics/email/opening.txt", context),
                    recipients=recipients,
                )


def _check_round(*, cluster: Cluster, title: str, firms: list[Firm], deadline: dt.date, opens_on: dt.date) -> None:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = gettext("Give the round a title, e.g. 'Spring 2027'")
    if not firms:
        errors["firms"] = gettext("Choose at least one firm")
    foreign = [firm.legal_name for firm in firms if firm.cluster_id != cluster.pk]
    if foreign:
        errors["firms"] = gettext("Not in this cluster: %(firms)s") % {"firms": ", ".join(foreign)}
    if deadline < opens_on:
        text = gettext("The deadline must be on or after the opening day (%(date)s)")
        errors["deadline"] = text % {"date": _day(opens_on)}
    if errors:
        raise ValidationError(errors)


def round_close(
    *, diagnostic_round: DiagnosticRound, by: Person | None = None, now: dt.datetime | None = None
) -> DiagnosticRound:
    """Close the round (idempotent); no answer is accepted afterwards."""
    if diagnostic_round.closed_at is None:
        diagnostic_round.closed_at = now or timezone.now()
        diagnostic_round.closed_by = by
        diagnostic_round.save(update_fields=["closed_at", "closed_by"])
    return diagnostic_round


def reopen_blockers(diagnostic_round: DiagnosticRound) -> list[str]:
    """Why the closed round can no longer be reopened: something now depends on its answers being final."""
    reasons = []
    if diagnostic_round.exported_at is not None:
        reasons.append(gettext("its answers were exported on %(date)s") % {"date": _day(diagnostic_round.exported_at)})
    same_cluster = DiagnosticRound.all_objects.filter(cluster_id=diagnostic_round.cluster_id)
    later = (
        same_cluster.filter(created_at__gt=diagnostic_round.created_at)
        .exclude(pk=diagnostic_round.pk)
        .order_by("created_at")
        .first()
    )
    if later is not None:
        text = gettext("“%(title)s” was opened after it, and its comparison builds on this round")
        reasons.append(text % {"title": later.title})
    return reasons


@transaction.atomic
def round_reopen(
    *, diagnostic_round: DiagnosticRound, by: Person, reason: str, deadline: dt.date | None = None
) -> DiagnosticRound:
    """Undo a close made by mistake, on record; only while nothing depends on the round (`reopen_blockers`).
    A deadline already past must be moved, so that the reopened round can be answered."""
    diagnostic_round = DiagnosticRound.all_objects.select_for_update().get(pk=diagnostic_round.pk)
    if diagnostic_round.closed_at is None:
        raise ValidationError({"round": gettext("'%(title)s' is open already") % {"title": diagnostic_round.title}})
    errors: dict[str, str] = {}
    blockers = reopen_blockers(diagnostic_round)
    if blockers:
        text = gettext("'%(title)s' cannot be reopened: %(reasons)s.")
        errors["round"] = text % {"title": diagnostic_round.title, "reasons": "; ".join(blockers)}
    if not reason.strip():
        errors["reason"] = gettext("Say why the round is reopened, e.g. 'closed by mistake'; it stays on record")
    today = timezone.localdate()
    new_deadline = deadline or diagnostic_round.deadline
    if new_deadline < today:
        text = gettext("The deadline has passed: give a new one, %(date)s or later")
        errors["deadline"] = text % {"date": _day(today)}
    if errors:
        raise ValidationError(errors)
    RoundReopening.all_objects.create(
        round=diagnostic_round,
        closed_at=diagnostic_round.closed_at,
        closed_by=diagnostic_round.closed_by,
        reopened_by=by,
        reason=reason.strip(),
    )
    diagnostic_round.closed_at = None
    diagnostic_round.closed_by = None
    diagnostic_round.deadline = new_deadline
    diagnostic_round.save(update_fields=["closed_at", "closed_by", "deadline"])
    return diagnostic_round


def round_exported(*, diagnostic_round: DiagnosticRound, by: Person) -> None:
    """Record the export (the first one fixes the round: it stays closed from now on) in the audit log."""
    DiagnosticRound.all_objects.filter(pk=diagnostic_round.pk, exported_at__isnull=True).update(
        exported_at=timezone.now()
    )
    audit_record(
        "diagnostic.round_exported", actor=by, cluster=diagnostic_round.cluster, subject=diagnostic_round.title
    )


@transaction.atomic
def round_add_firm(*, diagnostic_round: DiagnosticRound, firm: Firm, announce: bool = True) -> RoundFirm:
    """Add a firm (one that joined the cluster late, say) to an open round and invite its owner."""
    _check_open(diagnostic_round)
    if firm.cluster_id != diagnostic_round.cluster_id:
        text = gettext("%(firm)s is not in %(cluster)s")
        raise ValidationError({"firm": text % {"firm": firm, "cluster": diagnostic_round.cluster}})
    round_firms = list(RoundFirm.all_objects.select_for_update().filter(round=diagnostic_round))
    if any(rf.firm_id == firm.pk for rf in round_firms):
        text = gettext("%(firm)s is already in '%(title)s'")
        raise ValidationError({"firm": text % {"firm": firm, "title": diagnostic_round.title}})
    # Deal the pseudonyms again: the newest firm must not be the one with the highest number. Nothing has
    # been exported yet (only a closed round exports, and an exported round never reopens).
    added = RoundFirm.all_objects.create(round=diagnostic_round, firm=firm, pseudonym="~new")
    round_firms.append(added)
    numbers = secrets.SystemRandom().sample(range(1, len(round_firms) + 1), len(round_firms))
    for step in ("~{index}", "F{number:03d}"):  # through placeholders: the unique check runs row by row
        for index, (round_firm, number) in enumerate(zip(round_firms, numbers, strict=True)):
            round_firm.pseudonym = step.format(index=index, number=number)
        RoundFirm.all_objects.bulk_update(round_firms, ["pseudonym"])
    if announce:
        transaction.on_commit(lambda: _announce(diagnostic_round, [firm]))
    return added


REMINDER_COOLDOWN = dt.timedelta(days=3)


def remindable(diagnostic_round: DiagnosticRound, *, now: dt.datetime | None = None) -> list[RoundFirm]:
    """Firms of the round whose owner form is not submitted and that were not reminded in the last
    REMINDER_COOLDOWN (so a second click, or a second manager, does not mail the same owners again)."""
    now = now or timezone.now()
    with scopes_disabled():
        answered = Response.objects.filter(
            round=diagnostic_round, form=FormKind.OWNER, status=ResponseStatus.SUBMITTED
        ).values_list("firm_id", flat=True)
        pending = RoundFirm.objects.filter(round=diagnostic_round).exclude(firm_id__in=answered)
        recent = Q(reminded_at__gt=now - REMINDER_COOLDOWN)
        return list(pending.exclude(recent).select_related("firm").order_by("firm__legal_name", "pk"))


@transaction.atomic
def round_remind(*, diagnostic_round: DiagnosticRound) -> list[Firm]:
    """E-mail the owners of the `remindable` firms (queued when the reminders are recorded); those firms."""
    if diagnostic_round.is_closed:
        raise ValidationError({"round": gettext("This round is closed: there is nobody left to remind")})
    pending = remindable(diagnostic_round)
    with scopes_disabled():
        for round_firm in pending:
            _send_reminder(diagnostic_round, round_firm.firm)
        RoundFirm.objects.filter(pk__in=[rf.pk for rf in pending]).update(reminded_at=timezone.now())
    return [round_firm.firm for round_firm in pending]


def _send_reminder(diagnostic_round: DiagnosticRound, firm: Firm) -> None:
    """The firm's owners are reminded in their own language (their choice, else the cluster's)."""
    owners = Membership.objects.filter(firm=firm, role=FirmRole.OWNER).values_list("person__email", "person__language")
    for language, recipients in _by_language(owners, diagnostic_round.cluster).items():
        with translation.override(language):
            context = {
                "round": diagnostic_round,
                "firm": firm,
                "url": settings.SITE_URL + reverse("diagnostics_firm", args=[firm.pk]),
            }
            subject = gettext("Reminder: %(title)s, answer by %(date)s") % {
                "title": diagnostic_round.title,
                "date": _day(diagnostic_round.deadline),
            }
            mail_after_commit(
                subject=subject,
                message=render_to_string("diagnostics/email/reminder.txt", context),
                recipients=recipients,
            )


def _check_open(diagnostic_round: DiagnosticRound) -> None:
    if diagnostic_round.is_closed:
        text = gettext("'%(title)s' is closed: answers can no longer be changed")
        raise ValidationError({"round": text % {"title": diagnostic_round.title}})
    if diagnostic_round.opens_on > timezone.localdate():
        text = gettext("'%(title)s' opens on %(date)s")
        raise ValidationError(
            {"round": text % {"title": diagnostic_round.title, "date": _day(diagnostic_round.opens_on)}}
        )


def _clean_answers(diagnostic_round: DiagnosticRound, form: str, answers: dict[str, object]) -> dict[str, int]:
    instrument = load_instrument(diagnostic_round.instrument_version)
    kept = {code: value for code, value in answers.items() if value not in (None, "")}
    try:
        check_answers(instrument, kept, form)
    except ScoringError as error:
        raise ValidationError({"answers": str(error)}) from None
    return {code: value for code, value in kept.items() if isinstance(value, int)}  # all are, once checked


@transaction.atomic
def response_save(
    *,
    diagnostic_round: DiagnosticRound,
    firm: Firm,
    respondent: Person,
    form: str,
    answers: dict[str, object],
    submit: bool = False,
    language: str = BASE_LANGUAGE,
) -> Response:
    """Save a draft (or submit) of `respondent`'s answers; a submitted response is never changed again.
    ``language`` is the one the statements were shown in (the request's language): the response records the
    language of the instrument's texts that request gets (``"en"`` where the version has no translation)."""
    _check_open(diagnostic_round)
    cleaned = _clean_answers(diagnostic_round, form, answers)
    response = _response_for_update(diagnostic_round, firm, respondent, form)
    if response.is_submitted:
        text = gettext("You already submitted your answers for this round; they cannot be changed")
        raise ValidationError({"response": text})
    response.answers = cleaned
    response.language = load_instrument(diagnostic_round.instrument_version, language).language
    response.updated_at = timezone.now()
    if submit:
        _check_complete(diagnostic_round, form, cleaned, language)
        response.status = ResponseStatus.SUBMITTED
        response.submitted_at = response.updated_at
    response.save()
    if submit and form == FormKind.STAFF:
        StaffInvite.all_objects.filter(round=diagnostic_round, person=respondent).update(used_at=response.submitted_at)
    if submit:
        responses_publish(diagnostic_round=diagnostic_round, firm=firm)
    return response


def responses_publish(*, diagnostic_round: DiagnosticRound, firm: Firm, now: dt.datetime | None = None) -> None:
    """Release submitted answers into the figures others see, only in batches: the firm's staff forms once at
    least MIN_STAFF wait, the round's owner forms once at least MIN_FIRMS firms wait. Until then they wait
    (the round page says how many); a batch never released is never shown, even after the round closes,
    because its difference from what was shown before would single those people out."""
    now = now or timezone.now()
    submitted = Response.all_objects.filter(
        round=diagnostic_round, status=ResponseStatus.SUBMITTED, published_at__isnull=True
    )
    staff = submitted.filter(firm=firm, form=FormKind.STAFF)
    if disclosure.batches(staff.count(), k=disclosure.MIN_STAFF):
        staff.update(published_at=now)
    owners = submitted.filter(form=FormKind.OWNER)
    if disclosure.batches(owners.count(), k=disclosure.MIN_FIRMS):
        owners.update(published_at=now)


def _response_for_update(diagnostic_round: DiagnosticRound, firm: Firm, respondent: Person, form: str) -> Response:
    existing = Response.all_objects.select_for_update().filter(round=diagnostic_round, respondent=respondent).first()
    if existing is not None:
        if existing.firm_id != firm.pk or existing.form != form:
            raise ValidationError({"response": gettext("You already answered this round for another firm or form")})
        return existing
    if form == FormKind.OWNER and Response.all_objects.filter(round=diagnostic_round, firm=firm, form=form).exists():
        text = gettext("Another owner of %(firm)s already answers the owner form of this round")
        raise ValidationError({"response": text % {"firm": firm}})
    return Response(
        round=diagnostic_round,
        firm=firm,
        respondent=respondent,
        form=form,
        instrument_version=diagnostic_round.instrument_version,
    )


def _check_complete(diagnostic_round: DiagnosticRound, form: str, answers: dict[str, int], language: str) -> None:
    # the statement quoted below is the one the respondent read, in their language
    items = load_instrument(diagnostic_round.instrument_version, language).form_items(form)
    missing = [item for item in items if item.code not in answers]
    if len(missing) > len(items) // 5:
        text = ngettext(
            "%(missing)s of the %(total)s statements is still unanswered (marked below, starting with "
            "“%(first)s”); answer at least %(needed)s before submitting.",
            "%(missing)s of the %(total)s statements are still unanswered (marked below, starting with "
            "“%(first)s”); answer at least %(needed)s before submitting.",
            len(missing),
        )
        values = {
            "missing": len(missing),
            "total": len(items),
            "first": missing[0].text_for(form),
            "needed": len(items) - len(items) // 5,
        }
        raise ValidationError({"answers": text % values})


@transaction.atomic
def staff_invite(*, diagnostic_round: DiagnosticRound, firm: Firm, email: str, invited_by: Person) -> StaffInvite:
    """Invite a member of `firm` (by e-mail) to the staff form of the round; mails a link bound to them."""
    _check_open(diagnostic_round)
    address = email.strip().lower()
    member = Membership.all_objects.filter(firm=firm, person__email__iexact=address).select_related("person").first()
    if member is None:
        text = gettext("%(email)s does not work in %(firm)s on Skillcluster: invite them to the firm first")
        raise ValidationError({"email": text % {"email": address, "firm": firm}})
    if member.person_id == invited_by.pk:
        raise ValidationError({"email": gettext("You answer the owner form yourself; invite your staff here")})
    try:
        invite = StaffInvite.all_objects.create(
            round=diagnostic_round, firm=firm, person=member.person, email=address, invited_by=invited_by
        )
    except IntegrityError:
        text = gettext("%(email)s is already invited to this round")
        raise ValidationError({"email": text % {"email": address}}) from None
    transaction.on_commit(lambda: _send_staff_invite(invite))
    return invite


@transaction.atomic
def staff_invites(
    *, diagnostic_round: DiagnosticRound, firm: Firm, emails: list[str], invited_by: Person
) -> list[StaffInvite]:
    """`staff_invite` for each address, all or none; the error names every address refused and why."""
    return each_or_none(
        emails,
        lambda email: staff_invite(diagnostic_round=diagnostic_round, firm=firm, email=email, invited_by=invited_by),
        field="people",
        advice=gettext("Nobody was invited: untick these and send again."),
    )


def staff_link_token(invite: StaffInvite) -> str:
    return signing.dumps(str(invite.nonce), salt=STAFF_LINK_SALT)


def _send_staff_invite(invite: StaffInvite) -> None:
    """The link, in the colleague's language (their choice, else the cluster's)."""
    minutes = load_instrument(invite.round.instrument_version).form(FormKind.STAFF).minutes
    url = settings.SITE_URL + reverse("diagnostics_staff_form", args=[staff_link_token(invite)])
    with translation.override(mail_language(invite.person.language, invite.firm.cluster)):
        text = gettext("%(firm)s: how does our firm learn? (about %(minutes)s minutes)")
        mail_now(
            subject=text % {"firm": invite.firm, "minutes": minutes},
            message=render_to_string(
                "diagnostics/email/staff_invite.txt", {"invite": invite, "url": url, "minutes": minutes}
            ),
            recipients=[invite.email],
        )


def staff_invite_from_token(token: str, person: Person) -> StaffInvite:
    """The invite a staff link names, for `person` only; `ValidationError` says why it cannot be used."""
    try:
        nonce = signing.loads(token, salt=STAFF_LINK_SALT)
    except signing.BadSignature:
        raise ValidationError(gettext("This staff link is not valid. Check that you copied the whole link.")) from None
    invite = StaffInvite.all_objects.select_related("round", "firm").filter(nonce=nonce).first()
    if invite is None:
        raise ValidationError(gettext("This staff link was withdrawn."))
    if invite.person_id != person.pk:
        text = gettext("This staff link was made for %(email)s; you are logged in as %(you)s.")
        raise ValidationError(text % {"email": invite.email, "you": person.email})
    if invite.used_at is not None:
        raise ValidationError(gettext("You already submitted your answers with this link. Thank you!"))
    return invite


def personal_data_export(person: Person) -> dict[str, object]:
    """The diagnostic's part of a person's data: their own answers, round by round (right of access)."""
    responses = Response.all_objects.filter(respondent=person).select_related("round", "firm").order_by("pk")
    return {
        "answers": [
            {"round": r.round.title, "firm": str(r.firm), "form": r.form, "status": r.status,
             "instrument_version": r.instrument_version, "language": r.language, "answers": r.answers,
             "submitted_at": r.submitted_at.isoformat() if r.submitted_at else None}
            for r in responses
        ]
    }  # fmt: skip


def personal_data_erase(person: Person) -> None:
    """Answers are numbers on statements, counted in figures: they stay with the erased person's row; the
    address their staff link was sent to goes."""
    StaffInvite.all_objects.filter(person=person).update(email=f"erased-{person.pk}@erased.invalid")
