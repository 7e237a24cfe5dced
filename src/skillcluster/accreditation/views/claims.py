"""The claimant's pages: claims in a firm, one claim with its skills, evidence and statements.

Every page works without JavaScript: forms post and redirect back to the claim.
"""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from skillcluster.accreditation.domain import rubric
from skillcluster.accreditation.domain.files import MAX_EVIDENCE_BYTES
from skillcluster.accreditation.domain.permissions import AccreditationPerm
from skillcluster.accreditation.forms import (
    AssessmentForm,
    ClaimForm,
    EvidenceForm,
    ResponseForm,
    RevokeForm,
    SkillForm,
    StatementForm,
)
from skillcluster.accreditation.models import ASSESSABLE_STATUSES, Claim, ClaimStatus
from skillcluster.accreditation.selectors import claims as claims_read
from skillcluster.accreditation.services import claims as claims_write
from skillcluster.taxonomy.selectors import lookup
from skillcluster.taxonomy.selectors.concepts import esco_is_loaded
from skillcluster.tenancy.domain.permissions import Access
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.selectors import firm_get_for_user, works_in_firm
from skillcluster.web import apply_errors, body_at_most, flash_errors, rate_limit


@login_required
@require_http_methods(["GET", "POST"])
def firm_credentials(request: PersonRequest, firm_id: int) -> HttpResponse:
    user = request.user
    firm, access = firm_get_for_user(user, firm_id)
    form = ClaimForm(request.POST or None)
    works_here = access.has(AccreditationPerm.CLAIM)
    if request.method == "POST" and form.is_valid():
        try:
            claim = claims_write.claim_create(claimant=user, firm=firm, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, gettext("Claim started: now add the ESCO skills and your evidence."))
            return redirect("claim_detail", claim_id=claim.pk)
    context = {
        "firm": firm,
        "access": access,
        "form": form if works_here else None,
        "claims": claims_read.claim_list_for_claimant(user).filter(firm=firm),
        "credentials": claims_read.credential_list_for_holder(user).filter(claim__firm=firm),
    }
    return render(request, "accreditation/firm_credentials.html", context, status=400 if form.errors else 200)


def claim_context(request: PersonRequest, claim: Claim, access: Access, **forms: object) -> dict[str, object]:
    user = request.user
    is_claimant = claim.claimant_id == user.pk
    context: dict[str, object] = {
        "claim": claim,
        "is_claimant": is_claimant,
        "skills": claim.skills.all(),
        "evidence": claim.evidence.all(),
        "statements": claim.statements.select_related("author"),
        "requests": claim.statement_requests.all(),
        "assessments": claim.assessments.select_related("assessor"),
        "criteria": rubric.criteria_for(claim.level),
        "may_assess": claims_read.may_assess(user, claim, access) and claim.status in ASSESSABLE_STATUSES,
        "may_issue": access.has(AccreditationPerm.ISSUE),
        "own_firm_assessor": not is_claimant and works_in_firm(user, claim.firm_id),
        "credential": getattr(claim, "credential", None)
        if claim.status in (ClaimStatus.CREDENTIALED, ClaimStatus.REVOKED)
        else None,
        "confirm_url": request.build_absolute_uri(f"/confirm/{claim.uuid}/"),
    }
    if is_claimant and claim.is_editable:
        query = request.GET.get("q", "").strip()
        context |= {
            "edit_form": ClaimForm(initial={f: getattr(claim, f) for f in ("title", "level", "how_learned", "story")}),
            "skill_form": SkillForm(),
            "evidence_form": EvidenceForm(),
            "response_form": ResponseForm(),
            "query": query,
            "skill_results": lookup.skill_search(query, limit=12) if esco_is_loaded() else None,
        }
    if context["may_assess"]:
        context["assessment_form"] = AssessmentForm(claimed_level=claim.level)
    context["revoke_form"] = RevokeForm()
    return context | forms


@login_required
def claim_detail(request: PersonRequest, claim_id: int) -> HttpResponse:
    claim, access = claims_read.claim_get_for_user(request.user, claim_id)
    template = "accreditation/claim_detail.html"
    if request.headers.get("HX-Request") and "q" in request.GET:
        template += "#skill-results"
    return render(request, template, claim_context(request, claim, access))


def _claimant_post(request: PersonRequest, claim_id: int) -> Claim:
    return claims_read.claim_get_for_claimant(request.user, claim_id)


def _render_errors(request: PersonRequest, claim: Claim, **forms: object) -> HttpResponse:
    _, access = claims_read.claim_get_for_user(request.user, claim.pk)
    context = claim_context(request, claim, access, **forms)
    return render(request, "accreditation/claim_detail.html", context, status=400)


def _form_post(
    request: PersonRequest, claim: Claim, form: forms.Form, service: Callable[..., object], slot: str, done: str = ""
) -> HttpResponse:
    """Validate `form`, hand its data to `service`, and show the claim page again with errors in `slot`."""
    if form.is_valid():
        try:
            service(claim=claim, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
    if form.errors:
        return _render_errors(request, claim, **{slot: form})
    if done:
        messages.success(request, done)
    return redirect("claim_detail", claim_id=claim.pk)


@login_required
@require_POST
def claim_edit(request: PersonRequest, claim_id: int) -> HttpResponse:
    claim = _claimant_post(request, claim_id)
    form = ClaimForm(request.POST)
    return _form_post(request, claim, form, claims_write.claim_update, "edit_form", gettext("Claim saved."))


@login_required
@require_POST
def claim_skill_add(request: PersonRequest, claim_id: int) -> HttpResponse:
    claim = _claimant_post(request, claim_id)
    form = SkillForm(request.POST)
    return _form_post(request, claim, form, claims_write.claim_skill_add, "skill_form")


@login_required
@require_POST
def claim_skill_remove(request: PersonRequest, claim_id: int, skill_id: int) -> HttpResponse:
    claim = _claimant_post(request, claim_id)
    try:
        claims_write.claim_skill_remove(claim=claim, skill_id=skill_id)
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("claim_detail", claim_id=claim.pk)


@login_required
@require_POST
@body_at_most(MAX_EVIDENCE_BYTES + 64 * 1024, gettext_lazy("The file"))
def evidence_add(request: PersonRequest, claim_id: int) -> HttpResponse:
    claim = _claimant_post(request, claim_id)
    form = EvidenceForm(request.POST, request.FILES)
    return _form_post(request, claim, form, claims_write.evidence_add, "evidence_form", gettext("Evidence added."))


@login_required
@require_POST
def claim_submit(request: PersonRequest, claim_id: int) -> HttpResponse:
    claim = _claimant_post(request, claim_id)
    try:
        claims_write.claim_submit(claim=claim)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, gettext("Submitted: the cluster's assessors will look at your claim."))
    return redirect("claim_detail", claim_id=claim.pk)


@login_required
@require_POST
def claim_respond(request: PersonRequest, claim_id: int) -> HttpResponse:
    claim = _claimant_post(request, claim_id)
    form = ResponseForm(request.POST)
    if form.is_valid():
        try:
            claims_write.claim_respond(claim=claim, response=form.cleaned_data["response"])
        except ValidationError as error:
            apply_errors(form, error)
    if form.errors:
        return _render_errors(request, claim, response_form=form)
    messages.success(request, gettext("Sent back to the assessors with your answer."))
    return redirect("claim_detail", claim_id=claim.pk)


@login_required
@require_POST
def claim_delete(request: PersonRequest, claim_id: int) -> HttpResponse:
    claim = _claimant_post(request, claim_id)
    firm_id = claim.firm_id
    if request.POST.get("confirm") != "yes":  # nothing of a deleted draft can be recovered
        messages.error(request, gettext("Tick “delete the claim … for good” to delete the draft; nothing was changed."))
        return redirect("claim_detail", claim_id=claim.pk)
    try:
        claims_write.claim_delete(claim=claim)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("claim_detail", claim_id=claim.pk)
    messages.success(request, gettext("Draft deleted."))
    return redirect("accreditation_firm", firm_id=firm_id)


@login_required
def evidence_file(request: PersonRequest, claim_id: int, evidence_id: int) -> FileResponse:
    """The evidence file, for those who may see the claim; always a download, never rendered inline."""
    claim, _ = claims_read.claim_get_for_user(request.user, claim_id)
    evidence = claim.evidence.filter(pk=evidence_id).exclude(file="").first()
    if evidence is None:
        raise Http404("No such evidence file")
    response = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.file_name, content_type=evidence.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit(key="user", rate="60/h")  # a confirmer link is shared: no one walks the cluster's claims
def statement_add(request: PersonRequest, claim_uuid: str) -> HttpResponse:
    user = request.user
    claim = claims_read.claim_get_for_statement(user, claim_uuid)
    form = StatementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            claims_write.statement_add(claim=claim, author=user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            done = gettext("Thank you: your statement is attached to %(claimant)s's claim.")
            messages.success(request, done % {"claimant": claim.claimant})
            return redirect("home")
    context = {"claim": claim, "form": form, "skills": claim.skills.all()}
    return render(request, "accreditation/statement.html", context, status=400 if form.errors else 200)
