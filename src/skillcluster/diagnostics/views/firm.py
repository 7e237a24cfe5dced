"""Firm pages of the diagnostic: the tab, the owner and staff forms, staff invitations and the report.

Pages work without JavaScript: forms post and redirect; errors re-render the page with status 400.
"""

import math
from collections.abc import Sequence

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_http_methods

from skillcluster.diagnostics import services
from skillcluster.diagnostics.domain import measurement
from skillcluster.diagnostics.domain.instrument import DONT_KNOW, TRIAD, Item, load_instrument
from skillcluster.diagnostics.domain.permissions import DiagnosticPerm
from skillcluster.diagnostics.domain.scoring import balance_index
from skillcluster.diagnostics.domain.wording import type_explanation
from skillcluster.diagnostics.forms import StaffInviteForm
from skillcluster.diagnostics.models import DiagnosticRound, FormKind, StaffInvite
from skillcluster.diagnostics.selectors import firm_report, rounds
from skillcluster.diagnostics.views.wording import size_firms, versions_text
from skillcluster.tenancy.domain import disclosure
from skillcluster.tenancy.domain.permissions import Access
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.memo import memo
from skillcluster.tenancy.models import Firm
from skillcluster.tenancy.navigation import activity_offers, done_actions
from skillcluster.tenancy.selectors import firm_get_for_user
from skillcluster.web import apply_errors


@login_required
def firm_home(request: PersonRequest, firm_id: int) -> HttpResponse:
    user = request.user
    firm, access = firm_get_for_user(user, firm_id)
    invites = StaffInvite.objects.filter(firm=firm, person=user, used_at__isnull=True).select_related("round")
    context = {
        "firm": firm,
        "access": access,
        "rows": rounds.round_list_for_firm(firm, user),
        "is_member": access.has(DiagnosticPerm.VIEW_FIRM_REPORT),
        "my_invites": [(invite, services.staff_link_token(invite), _staff_minutes(invite.round)) for invite in invites],
    }
    return render(request, "diagnostics/firm_home.html", context)


def _staff_minutes(diagnostic_round: DiagnosticRound) -> int:
    return load_instrument(diagnostic_round.instrument_version).form(FormKind.STAFF).minutes


def _posted_answers(request: HttpRequest, items: Sequence[Item]) -> dict[str, object]:
    answers: dict[str, object] = {}
    for item in items:
        raw = request.POST.get(f"item-{item.code}", "").strip()
        answers[item.code] = int(raw) if raw.isdigit() else (raw or None)
    return answers


def _form_context(
    diagnostic_round: DiagnosticRound, form: str, answers: dict[str, object], mark_missing: bool = False
) -> dict[str, object]:
    """The form's statements by scale, in the reader's language; after a refused submission the unanswered ones
    are marked."""
    instrument = load_instrument(diagnostic_round.instrument_version, get_language())
    scales = [
        (
            scale,
            [
                {
                    "code": item.code,
                    "text": item.text_for(form),
                    "help": item.help,
                    "value": answers.get(item.code),
                    "missing": mark_missing and answers.get(item.code) in (None, ""),
                }
                for item in scale.items_for(form)
            ],
        )
        for scale in instrument.scales
    ]
    return {
        "round": diagnostic_round,
        "instrument": instrument,
        "form_info": instrument.form(form),
        "form_code": form,
        "dont_know": DONT_KNOW,
        "scales": scales,
        "n_items": sum(len(items) for _, items in scales),
    }


def _save(
    request: PersonRequest, diagnostic_round: DiagnosticRound, firm: Firm, form: str
) -> tuple[bool, dict[str, object]]:
    """Save or submit what was posted; (submitted?, the answers as posted)."""
    items = load_instrument(diagnostic_round.instrument_version).form_items(form)
    answers = _posted_answers(request, items)
    submit = request.POST.get("action") == "submit"
    services.response_save(
        diagnostic_round=diagnostic_round,
        firm=firm,
        respondent=request.user,
        form=form,
        answers=answers,
        submit=submit,
        language=get_language(),  # the language the statements were shown in
    )
    return submit, answers


def _answer_page(
    request: PersonRequest, firm: Firm, diagnostic_round: DiagnosticRound, form: str, **extra: object
) -> HttpResponse:
    response = rounds.response_get(diagnostic_round, request.user)
    if response is not None and response.is_submitted and request.method == "GET":
        messages.info(request, gettext("You already submitted your answers for this round. Thank you!"))
        return redirect("diagnostics_firm", firm_id=firm.pk)
    answers: dict[str, object] = dict(response.answers) if response else {}
    status, refused = 200, False
    if request.method == "POST":
        try:
            submitted, answers = _save(request, diagnostic_round, firm, form)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            answers, status = (
                _posted_answers(request, load_instrument(diagnostic_round.instrument_version).form_items(form)),
                400,
            )
            refused = True
        else:
            return _after_save(request, firm, diagnostic_round, form, submitted)
    context = {"firm": firm, "draft": response, **_form_context(diagnostic_round, form, answers, refused), **extra}
    return render(request, "diagnostics/answer_form.html", context, status=status)


def _after_save(
    request: HttpRequest, firm: Firm, diagnostic_round: DiagnosticRound, form: str, submitted: bool
) -> HttpResponse:
    if not submitted:
        messages.success(request, gettext("Draft saved. You can come back and finish it any time before the deadline."))
        return redirect(request.path)
    messages.success(request, gettext("Thank you: your answers are submitted."))
    if form == FormKind.OWNER:
        return redirect("diagnostics_report", firm_id=firm.pk, round_id=diagnostic_round.pk)
    return redirect("diagnostics_firm", firm_id=firm.pk)


@login_required
@require_http_methods(["GET", "POST"])
def owner_form(request: PersonRequest, firm_id: int, round_id: int) -> HttpResponse:
    firm, access, diagnostic_round = rounds.round_get_for_firm(
        request.user, firm_id, round_id, perm=DiagnosticPerm.ANSWER_FOR_FIRM
    )
    return _answer_page(request, firm, diagnostic_round, FormKind.OWNER, access=access)


@login_required
@require_http_methods(["GET", "POST"])
def staff_form(request: PersonRequest, token: str) -> HttpResponse:
    try:
        invite = services.staff_invite_from_token(token, request.user)
    except ValidationError as error:
        return render(request, "diagnostics/staff_link_invalid.html", {"reason": error.messages[0]}, status=403)
    return _answer_page(request, invite.firm, invite.round, FormKind.STAFF)


@login_required
@require_http_methods(["GET", "POST"])
def staff_invites(request: PersonRequest, firm_id: int, round_id: int) -> HttpResponse:
    user = request.user
    firm, access, diagnostic_round = rounds.round_get_for_firm(
        user, firm_id, round_id, perm=DiagnosticPerm.ANSWER_FOR_FIRM
    )
    colleagues = rounds.invitable_staff(diagnostic_round, firm, user)
    data = request.POST if request.method == "POST" else None  # an empty POST (nobody ticked) is still a POST
    form = StaffInviteForm(data, colleagues=colleagues, initial={"people": list(colleagues)})
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["people"]
        try:
            services.staff_invites(
                diagnostic_round=diagnostic_round, firm=firm, emails=[m.person.email for m in chosen], invited_by=user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            names = ", ".join(m.person.full_name for m in chosen)
            messages.success(request, gettext("We sent %(names)s a link to the staff form.") % {"names": names})
            return redirect(request.path)
    context = {
        "firm": firm,
        "access": access,
        "round": diagnostic_round,
        "form": form,
        "invites": rounds.staff_invite_list(diagnostic_round, firm),
        "minutes": _staff_minutes(diagnostic_round),
        "min_staff": disclosure.MIN_STAFF,
    }
    return render(request, "diagnostics/staff_invites.html", context, status=400 if form.errors else 200)


def _trends(
    report: firm_report.FirmReport | None, round_list: list[DiagnosticRound], firm_id: int
) -> dict[str, object]:
    """The firm's overall score and balance over its rounds; steps below measurement error read as steady."""
    if report is None or len(round_list) < 2:
        return {"trend": None, "balance_trend": None, "trend_step": None, "versions": [], "versions_text": ""}
    triad = [row.error for row in report.rows if row.code in TRIAD]
    step = measurement.overall_change_step(triad)
    versions = sorted({r.instrument_version for r in round_list})
    return {
        "trend": firm_report.firm_trend(round_list, firm_id, step=step),
        "balance_trend": firm_report.firm_trend(
            round_list, firm_id, measure=balance_index, step=measurement.balance_change_step(triad)
        ),
        "trend_step": step,
        # Rounds on different instrument versions are compared on the statements they share, so the latest
        # round reads slightly differently here than at the top of its own report: the page says why.
        "versions": versions,
        "versions_text": versions_text(versions),
    }


def _since_last(
    report: firm_report.FirmReport | None, round_list: list[DiagnosticRound], firm: Firm
) -> dict[str, object] | None:
    """Each scale's change since the firm's previous round, with its 95 % interval (the two scores' errors,
    independent: sqrt(2) x the band), beside the learning actions the firm recorded as done in between."""
    if report is None or len(round_list) < 2:
        return None
    previous, current = round_list[-2], round_list[-1]
    before = firm_report.own_firm_data(previous, firm.pk)
    if before is None:
        return None
    changes = []
    for row in report.rows:
        then, now = before.scores.get(row.code), report.scores.get(row.code)
        if then is None or now is None:
            continue
        half = math.sqrt(2) * row.error if row.error is not None else None
        changes.append({"name": row.name, "change": now - then, "half": half,
                        "clear": half is not None and abs(now - then) > half})  # fmt: skip
    return {"previous": previous, "changes": changes,
            "actions": done_actions(firm, previous.opens_on, current.opens_on)}  # fmt: skip


def _report_context(request: PersonRequest, firm_id: int, round_id: int) -> dict[str, object]:
    firm, access, diagnostic_round = rounds.firm_report_get_for_user(request.user, firm_id, round_id)
    # The report compares the firm with the round's other firms: worked out again after any write in the cluster.
    key = f"diagnostic-report:{request.user.pk}:{firm.pk}:{diagnostic_round.pk}:{get_language()}"
    figures = memo(firm.cluster, key, lambda: _report_figures(firm, access, diagnostic_round))
    return {"firm": firm, "access": access, "round": diagnostic_round, **figures}


def _report_figures(firm: Firm, access: Access, diagnostic_round: DiagnosticRound) -> dict[str, object]:
    # the owner-staff comparison shows the owner's own answers: for the owner only
    owner = access.has(DiagnosticPerm.ANSWER_FOR_FIRM)
    offers = activity_offers(firm)  # an action of an activity the cluster has nothing of now is passed over
    unavailable = frozenset(activity for activity, offer in offers.items() if offer is None)
    report = firm_report.firm_report(
        diagnostic_round, firm.pk, for_owner=owner, unavailable=unavailable, language=get_language()
    )
    round_list = list(
        DiagnosticRound.objects.filter(round_firms__firm=firm, opens_on__lte=diagnostic_round.opens_on).order_by(
            "opens_on", "id"
        )
    )
    return {
        "report": report,
        "actions": [(action, offers.get(action.activity)) for action in report.recommendations] if report else [],
        "sees_owner_view": owner,
        "size_firms": size_firms(firm.size_class),
        "explanation": type_explanation(report.learning_type) if report else "",
        **_trends(report, round_list, firm.pk),
        "since_last": _since_last(report, round_list, firm),
        "min_firms": disclosure.MIN_FIRMS,
        "min_staff": disclosure.MIN_STAFF,
    }


@login_required
def report(request: PersonRequest, firm_id: int, round_id: int) -> HttpResponse:
    return render(request, "diagnostics/report.html", _report_context(request, firm_id, round_id))


@login_required
def report_pdf(request: PersonRequest, firm_id: int, round_id: int) -> HttpResponse:
    from weasyprint import HTML  # imported here: loading it costs time every other page does not need

    context = _report_context(request, firm_id, round_id)
    html = render_to_string("diagnostics/report_pdf.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="learning-diagnostic-{firm_id}-{round_id}.pdf"'
    return response
