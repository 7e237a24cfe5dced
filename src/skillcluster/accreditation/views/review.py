"""Pages of assessors and issuers (the cluster's accreditation desk) and of the credential holder."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from skillcluster.accreditation.domain import rubric
from skillcluster.accreditation.forms import AssessmentForm, RevokeForm
from skillcluster.accreditation.selectors import claims
from skillcluster.accreditation.selectors.credential_check import summarise
from skillcluster.accreditation.services import assessment
from skillcluster.accreditation.services import credentials as services_credentials
from skillcluster.accreditation.views.certificate import certificate_pdf
from skillcluster.accreditation.views.claims import claim_context
from skillcluster.tenancy.models import Person
from skillcluster.tenancy.selectors import cluster_get_for_user
from skillcluster.web import apply_errors, flash_errors


@login_required
def cluster_desk(request: HttpRequest, cluster_id: int) -> HttpResponse:
    user: Person = request.user  # type: ignore[assignment]
    cluster, access = cluster_get_for_user(user, cluster_id)
    context = {
        "cluster": cluster,
        "access": access,
        "queue": claims.assessor_queue(user, cluster),
        "is_assessor": claims.has_cluster_role(user, cluster.pk, "assessor"),  # type: ignore[arg-type]
        "is_issuer": claims.may_issue(user, cluster.pk),
        "to_issue": claims.claims_to_issue(user, cluster),
        "claims": claims.claim_list_for_cluster(user, cluster)[:50],
        "credentials": claims.credential_list_for_cluster(user, cluster)[:50],
    }
    return render(request, "accreditation/cluster_desk.html", context)


@login_required
@require_POST
def claim_assess(request: HttpRequest, claim_id: int) -> HttpResponse:
    user: Person = request.user  # type: ignore[assignment]
    claim = claims.claim_get_for_user(user, claim_id)
    form = AssessmentForm(request.POST, criteria=rubric.criteria_for(claim.level))
    if form.is_valid():
        try:
            assessment.assessment_record(claim=claim, assessor=user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
    if form.errors:
        context = claim_context(request, claim, assessment_form=form)
        return render(request, "accreditation/claim_detail.html", context, status=400)
    messages.success(request, "Assessment recorded.")
    return redirect("accreditation_cluster", cluster_id=claim.cluster_id)


@login_required
@require_POST
def claim_issue(request: HttpRequest, claim_id: int) -> HttpResponse:
    user: Person = request.user  # type: ignore[assignment]
    claim = claims.claim_get_for_issuer(user, claim_id)
    try:
        credential = services_credentials.credential_issue(claim=claim, issued_by=user)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("claim_detail", claim_id=claim.pk)
    messages.success(request, f"Credential issued to {claim.claimant}.")
    return redirect("credential_detail", credential_uuid=credential.uuid)


@login_required
def credential_detail(request: HttpRequest, credential_uuid: str) -> HttpResponse:
    user: Person = request.user  # type: ignore[assignment]
    credential = claims.credential_get_for_user(user, credential_uuid)
    context = {
        "credential": credential,
        "summary": summarise(credential.document),
        "verify_url": request.build_absolute_uri(f"/verify/{credential.uuid}/"),
        "may_revoke": claims.may_issue(user, credential.cluster_id) and not credential.is_revoked,
        "revoke_form": RevokeForm(),
    }
    return render(request, "accreditation/credential_detail.html", context)


@login_required
def credential_json(request: HttpRequest, credential_uuid: str) -> HttpResponse:
    credential = claims.credential_get_for_user(request.user, credential_uuid)  # type: ignore[arg-type]
    response = HttpResponse(json.dumps(credential.document, indent=2), content_type="application/ld+json")
    response["Content-Disposition"] = f'attachment; filename="credential-{credential.uuid}.json"'
    return response


@login_required
def credential_pdf(request: HttpRequest, credential_uuid: str) -> HttpResponse:
    credential = claims.credential_get_for_user(request.user, credential_uuid)  # type: ignore[arg-type]
    verify_url = request.build_absolute_uri(f"/verify/{credential.uuid}/")
    response = HttpResponse(certificate_pdf(credential, verify_url=verify_url), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{credential.uuid}.pdf"'
    return response


@login_required
@require_POST
def credential_revoke(request: HttpRequest, credential_uuid: str) -> HttpResponse:
    user: Person = request.user  # type: ignore[assignment]
    credential = claims.credential_get_for_user(user, credential_uuid)
    if not claims.may_issue(user, credential.cluster_id):
        raise PermissionDenied("Only a cluster manager may revoke credentials")
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the reason for revoking; the holder reads it.")
        return redirect("credential_detail", credential_uuid=credential.uuid)
    try:
        services_credentials.credential_revoke(credential=credential, revoked_by=user, **form.cleaned_data)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, "Credential revoked; verification now says so.")
    return redirect("credential_detail", credential_uuid=credential.uuid)
