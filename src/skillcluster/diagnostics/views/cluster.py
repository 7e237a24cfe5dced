"""Cluster pages of the diagnostic: rounds, opening a round, progress, reminders, figures, export."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from skillcluster.diagnostics import services
from skillcluster.diagnostics.domain.permissions import DiagnosticPerm
from skillcluster.diagnostics.domain.psychometrics import ITEM_REST_THRESHOLD, MIN_RESPONDENTS
from skillcluster.diagnostics.forms import AddFirmForm, ReopenForm, RoundForm
from skillcluster.diagnostics.models import DiagnosticRound
from skillcluster.diagnostics.selectors import cluster_report, rounds
from skillcluster.diagnostics.selectors.export import round_export_csv
from skillcluster.diagnostics.views.wording import versions_text
from skillcluster.tenancy.domain import disclosure
from skillcluster.tenancy.domain.permissions import TenancyPerm
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.memo import memo
from skillcluster.tenancy.selectors import cluster_get_for_user
from skillcluster.web import FIRMS_PER_PAGE, apply_errors


@login_required
@require_http_methods(["GET", "POST"])
def cluster_home(request: PersonRequest, cluster_id: int) -> HttpResponse:
    user = request.user
    perm = DiagnosticPerm.RUN_ROUNDS if request.method == "POST" else TenancyPerm.CLUSTER_VIEW_AGGREGATES
    cluster, access = cluster_get_for_user(user, cluster_id, perm=perm)
    firms = rounds.firms_for_new_round(cluster)
    form = RoundForm(request.POST or None, firms=firms, initial={"firms": list(firms)})
    if request.method == "POST" and form.is_valid():
        try:
            diagnostic_round = services.round_open(cluster=cluster, created_by=user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            n = len(form.cleaned_data["firms"])
            text = ngettext("'%(title)s' is open for %(n)s firms.", "'%(title)s' is open for %(n)s firms.", n)
            messages.success(request, text % {"title": diagnostic_round.title, "n": n})
            return redirect("diagnostics_round", cluster_id=cluster.pk, round_id=diagnostic_round.pk)
    round_list = list(rounds.round_list_for_cluster(cluster))
    oldest_first = sorted(round_list, key=lambda r: (r.opens_on, r.pk))
    versions = sorted({r.instrument_version for r in round_list})
    context = {
        "cluster": cluster,
        "access": access,
        "rounds": round_list,
        "form": form if access.has(DiagnosticPerm.RUN_ROUNDS) else None,
        "trend": cluster_report.cluster_trend(oldest_first) if len(round_list) > 1 else None,
        "versions": versions,
        "versions_text": versions_text(versions),
        "min_firms": disclosure.MIN_FIRMS,
    }
    return render(request, "diagnostics/cluster_home.html", context, status=400 if form.errors else 200)


@login_required
def round_detail(request: PersonRequest, cluster_id: int, round_id: int) -> HttpResponse:
    return _round_page(request, cluster_id, round_id)


def _round_page(
    request: PersonRequest, cluster_id: int, round_id: int, *, status: int = 200, **bound: forms.Form
) -> HttpResponse:
    """The round page; a refused form comes back filled in, with its reasons, where it was sent from."""
    cluster, access, diagnostic_round = rounds.round_get_for_cluster(request.user, cluster_id, round_id)
    manages = access.has(DiagnosticPerm.RUN_ROUNDS)
    closed = diagnostic_round.is_closed
    key = f"round:{request.user.pk}:{diagnostic_round.pk}:{get_language()}:{timezone.localdate()}"
    figures = memo(cluster, key, lambda: _round_figures(diagnostic_round, manages=manages))
    context = {
        "cluster": cluster,
        "access": access,
        "round": diagnostic_round,
        **figures,
        # By page: a region's round asks hundreds of firms, and each row costs the same to draw.
        "progress": Paginator(figures["progress"], FIRMS_PER_PAGE).get_page(request.GET.get("page"))
        if manages
        else None,
        "manages": manages,
        "reopenings": rounds.reopening_list(diagnostic_round),
        "reopen_blockers": services.reopen_blockers(diagnostic_round) if manages and closed else [],
        "reopen_form": bound.get("reopen_form") or ReopenForm() if manages and closed else None,
        "min_firms": disclosure.MIN_FIRMS,
        "min_respondents": MIN_RESPONDENTS,
        "item_rest_threshold": ITEM_REST_THRESHOLD,
        "today": timezone.localdate(),
    }
    return render(request, "diagnostics/round_detail.html", context, status=status)


def _round_figures(diagnostic_round: DiagnosticRound, *, manages: bool) -> dict[str, Any]:
    """What the round page counts across the cluster's firms (hundreds in a region)."""
    return {
        "figures": cluster_report.cluster_figures(diagnostic_round),
        "pending": rounds.pending_counts(diagnostic_round),
        "to_remind": 0 if diagnostic_round.is_closed else len(services.remindable(diagnostic_round)),
        "progress": rounds.round_progress(diagnostic_round) if manages else [],
        "outside_count": rounds.firms_outside_round(diagnostic_round).count()
        if manages and not diagnostic_round.is_closed
        else 0,
    }


def _managed_round(request: PersonRequest, cluster_id: int, round_id: int) -> DiagnosticRound:
    _, _, diagnostic_round = rounds.round_get_for_cluster(
        request.user, cluster_id, round_id, perm=DiagnosticPerm.RUN_ROUNDS
    )
    return diagnostic_round


@login_required
@require_POST
def round_remind(request: PersonRequest, cluster_id: int, round_id: int) -> HttpResponse:
    diagnostic_round = _managed_round(request, cluster_id, round_id)
    try:
        firms = services.round_remind(diagnostic_round=diagnostic_round)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if firms:
            text = ngettext(
                "Reminder sent to the owners of %(n)s firms that have not answered yet.",
                "Reminder sent to the owners of %(n)s firms that have not answered yet.",
                len(firms),
            )
            messages.success(request, text % {"n": len(firms)})
        else:
            messages.info(
                request, gettext("Nobody to remind: every firm has answered or was reminded in the last 3 days.")
            )
    return redirect("diagnostics_round", cluster_id=cluster_id, round_id=round_id)


@login_required
@require_POST
def round_close(request: PersonRequest, cluster_id: int, round_id: int) -> HttpResponse:
    diagnostic_round = _managed_round(request, cluster_id, round_id)
    if request.POST.get("confirm") != "yes":  # closing cannot be undone: it must be meant
        messages.error(request, gettext("Tick “no more answers after this” to close the round; nothing was changed."))
        return redirect("diagnostics_round", cluster_id=cluster_id, round_id=round_id)
    diagnostic_round = services.round_close(diagnostic_round=diagnostic_round, by=request.user)
    text = gettext("'%(title)s' is closed; no more answers are accepted. Closed by mistake? Reopen it below.")
    messages.success(request, text % {"title": diagnostic_round.title})
    return redirect("diagnostics_round", cluster_id=cluster_id, round_id=round_id)


@login_required
@require_POST
def round_reopen(request: PersonRequest, cluster_id: int, round_id: int) -> HttpResponse:
    diagnostic_round = _managed_round(request, cluster_id, round_id)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.round_reopen(diagnostic_round=diagnostic_round, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            text = gettext("'%(title)s' is open again; the reopening is on record.")
            messages.success(request, text % {"title": diagnostic_round.title})
            return redirect("diagnostics_round", cluster_id=cluster_id, round_id=round_id)
    return _round_page(request, cluster_id, round_id, status=400, reopen_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def round_add_firm(request: PersonRequest, cluster_id: int, round_id: int) -> HttpResponse:
    """A page of its own: its list names every firm of the cluster outside the round (hundreds in a region)."""
    cluster, access, diagnostic_round = rounds.round_get_for_cluster(
        request.user, cluster_id, round_id, perm=DiagnosticPerm.RUN_ROUNDS
    )
    form = AddFirmForm(request.POST or None, firms=rounds.firms_outside_round(diagnostic_round))
    if request.method == "POST" and form.is_valid():
        firm = form.cleaned_data["firm"]
        try:
            services.round_add_firm(diagnostic_round=diagnostic_round, firm=firm)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            text = gettext("%(firm)s is now in '%(title)s'; its owner was e-mailed.")
            messages.success(request, text % {"firm": firm, "title": diagnostic_round.title})
            return redirect("diagnostics_round", cluster_id=cluster_id, round_id=round_id)
    context = {"cluster": cluster, "access": access, "round": diagnostic_round, "form": form}
    return render(request, "diagnostics/round_add_firm.html", context, status=400 if form.errors else 200)


@login_required
def round_export(request: PersonRequest, cluster_id: int, round_id: int) -> HttpResponse:
    diagnostic_round = _managed_round(request, cluster_id, round_id)
    try:
        text = round_export_csv(diagnostic_round)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("diagnostics_round", cluster_id=cluster_id, round_id=round_id)
    services.round_exported(diagnostic_round=diagnostic_round, by=request.user)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="diagnostic-round-{round_id}.csv"'
    return response
