"""Pages of assessors and issuers (the cluster's accreditation desk) and of the credential holder."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from skillcluster.accreditation.domain.permissions import AccreditationPerm
from skillcluster.accreditation.forms import AssessmentForm, PolicyForm, RevokeForm
from skillcluster.accreditation.selectors import claims as claims_read
from skillcluster.accreditation.selectors.credential_check import summarise
from skillcluster.accreditation.services import assessment, credentials, policy
from skillcluster.accreditation.views.certificate import certificate_pdf
from skillcluster.accreditation.views.claims import claim_context
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.selectors import cluster_get_for_user
from skillcluster.web import apply_errors, flash_errors


@login_required
def cluster_desk(request: PersonRequest, cluster_id: int) -> HttpResponse:
    user = request.user
    cluster, access = cluster_get_for_user(user, cluster_id)
    policy_now = claims_read.validation_policy(cluster)
    context: dict[str, object] = {
        "cluster": cluster,
        "access": access,
        "queue": claims_read.assessor_queue(user, cluster, access),
        "is_assessor": access.has(AccreditationPerm.ASSESS),
        "is_issuer": access.has(AccreditationPerm.ISSUE),
        "to_issue": claims_read.claims_to_issue(cluster, access),
        "claims": claims_read.claim_list_for_cluster(cluster, access)[:50],
        "credentials": claims_read.credential_list_for_cluster(cluster, access)[:50],
        "policy": policy_now,
    }
    if access.has(AccreditationPerm.ISSUE):
        context["policy_form"] = PolicyForm(initial={"panel_size": policy_now.panel_size})
    return render(request, "accreditation/cluster_desk.html", context)


@login_required
@require_POST
def cluster_policy(request: PersonRequest, cluster_id: int) -> HttpResponse:
    cluster, access = cluster_get_for_user(request.user, cluster_id)
    if not access.has(AccreditationPerm.ISSUE):
        raise PermissionDenied(gettext("Only a cluster manager sets the validation policy"))
    form = PolicyForm(request.POST)
    if form.is_valid():
        policy.validation_policy_set(cluster=cluster, panel_size=form.cleaned_data["panel_size"])
        messages.success(request, gettext("Validation policy saved: it applies to claims submitted from now on."))
    else:
        flash_errors(request, ValidationError(form.errors))
    return redirect("accreditation_cluster", cluster_id=cluster.pk)


@login_required
@require_POST
def claim_assess(request: PersonRequest, claim_id: int) -> HttpResponse:
    user = request.user
    claim, access = claims_read.claim_get_for_user(user, claim_id)
    form = AssessmentForm(request.POST, claimed_level=claim.level)
    if form.is_valid():
        try:
            assessment.assessment_record(claim=claim, assessor=user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
    if form.errors:
        context = claim_context(request, claim, access, assessment_form=form)
        return render(request, "accreditation/claim_detail.html", context, status=400)
    messages.success(request, gettext("Assessment recorded."))
    return redirect("accreditation_cluster", cluster_id=claim.cluster_id)


@login_required
@require_POST
def claim_issue(request: PersonRequest, claim_id: int) -> HttpResponse:
    user = request.user
    claim = claims_read.claim_get_for_issuer(user, claim_id)
    try:
        credential = credentials.credential_issue(claim=claim, issued_by=user)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("claim_detail", claim_id=claim.pk)
    messages.success(request, gettext("Credential issued to %(holder)s.") % {"holder": claim.claimant})
    return redirect("credential_detail", credential_uuid=credential.uuid)


@login_required
def credential_detail(request: PersonRequest, credential_uuid: str) -> HttpResponse:
    user = request.user
    credential, access = claims_read.credential_get_for_user(user, credential_uuid)
    context = {
        "credential": credential,
        "summary": summarise(credential.document),
        "verify_url": request.build_absolute_uri(f"/verify/{credential.uuid}/"),
        "may_revoke": access.has(AccreditationPerm.ISSUE) and not credential.is_revoked,
        "revoke_form": RevokeForm(),
    }
    return render(request, "accreditation/credential_detail.html", context)


@login_required
def credential_json(request: PersonRequest, credential_uuid: str) -> HttpResponse:
    credential, _ = claims_read.credential_get_for_user(request.user, credential_uuid)
    response = HttpResponse(json.dumps(credential.document, indent=2), content_type="application/ld+json")
    response["Content-Disposition"] = f'attachment; filename="credential-{credential.uuid}.json"'
    return response


@login_required
def credential_pdf(request: PersonRequest, credential_uuid: str) -> HttpResponse:
    credential, _ = claims_read.credential_get_for_user(request.user, credential_uuid)
    verify_url = request.build_absolute_uri(f"/verify/{credential.uuid}/")
    response = HttpResponse(certificate_pdf(credential, verify_url=verify_url), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{credential.uuid}.pdf"'
    return response


@login_required
@require_POST
def credential_revoke(request: PersonRequest, credential_uuid: str) -> HttpResponse:
    user = request.user
    credential = claims_read.credential_get_for_issuer(user, credential_uuid)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Give the reason for revoking; the holder reads it."))
        return redirect("credential_detail", credential_uuid=credential.uuid)
    try:
        credentials.credential_revoke(credential=credential, revoked_by=user, **form.cleaned_data)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, gettext("Credential revoked; verification now says so."))
    return redirect("credential_detail", credential_uuid=credential.uuid)
