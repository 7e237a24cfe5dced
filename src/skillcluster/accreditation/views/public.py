"""Public pages: verification (link, QR, pasted JSON, uploaded file), status lists and the issuer DID."""

import re
import uuid

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods
from django_scopes import scopes_disabled

from skillcluster.accreditation.forms import VerifyForm
from skillcluster.accreditation.models import IssuedCredential, StatusList
from skillcluster.accreditation.selectors.credential_check import (
    MAX_CREDENTIAL_BYTES,
    Report,
    verify_document,
    verify_text,
)
from skillcluster.accreditation.services import credentials, keys
from skillcluster.web import body_at_most, rate_limit

LD_JSON = "application/ld+json"


def _render(
    request: HttpRequest, form: VerifyForm, report: Report | None, status: int = 200, problem: str = ""
) -> HttpResponse:
    context = {"form": form, "report": report, "problem": problem}
    return render(request, "accreditation/verify.html", context, status=status)


@require_http_methods(["GET", "POST"])
@rate_limit(key="ip", rate="30/m", method="POST")  # each check costs a canonicalisation
# the margin: the form's own fields besides the file
@body_at_most(MAX_CREDENTIAL_BYTES + 64 * 1024, gettext_lazy("The credential"))
def verify_page(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _render(request, VerifyForm(), None)
    form = VerifyForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, form, None, status=400)
    upload = form.cleaned_data.get("credential_file")
    if upload is not None:
        text: str | bytes = upload.read(MAX_CREDENTIAL_BYTES + 1)
    else:
        text = form.cleaned_data.get("credential_json", "")
    if not text:
        form.add_error(None, gettext("Paste a credential's JSON or choose its file."))
        return _render(request, form, None, status=400)
    linked = _linked_uuid(text)
    if linked is not None:  # a verification link pasted where the JSON goes: follow it
        return verify_link(request, linked)
    report = verify_text(text)
    return _render(request, VerifyForm(), report, status=200 if report.result.is_valid else 422)


_LINK = re.compile(r"^\s*\S*/verify/([0-9a-fA-F-]{36})/?\s*$")


def _linked_uuid(text: str | bytes) -> uuid.UUID | None:
    """The credential a pasted verification link points at, if the text is one."""
    found = _LINK.match(text.decode(errors="replace") if isinstance(text, bytes) else text)
    try:
        return uuid.UUID(found.group(1)) if found else None
    except ValueError:
        return None


def verify_link(request: HttpRequest, credential_uuid: uuid.UUID) -> HttpResponse:
    with scopes_disabled():
        credential = IssuedCredential.all_objects.filter(uuid=credential_uuid).first()
    if credential is None:
        problem = gettext(
            "No credential with this identifier was issued here. Check the link, or paste the credential's "
            "JSON or choose its file below."
        )
        return _render(request, VerifyForm(), None, status=404, problem=problem)
    if not credential.document:  # the holder's data were erased: their own copy is the credential now
        problem = gettext(
            "This credential was issued here, but its holder's personal data were erased at their request, so "
            "the platform keeps no copy. Paste or upload the holder's copy below: its signature and status "
            "(valid or revoked) are still checked here."
        )
        return _render(request, VerifyForm(), None, status=410, problem=problem)
    return _render(request, VerifyForm(), verify_document(credential.document))


def status_list_credential(request: HttpRequest, organisation_id: int, list_id: int) -> HttpResponse:
    with scopes_disabled():
        status = StatusList.objects.select_related("organisation").filter(pk=list_id, organisation_id=organisation_id)
        found = status.first()
        if found is None:
            raise Http404("No such status list")
        document = credentials.status_list_document(found)
    response = JsonResponse(document, content_type=LD_JSON)
    response["Cache-Control"] = "public, max-age=300"
    return response


def did_json(request: HttpRequest) -> HttpResponse:
    document = keys.did_web_document()
    if document is None:
        raise Http404("No did:web domain is configured (CREDENTIAL_DID_WEB_DOMAIN); issuers use did:key")
    return JsonResponse(document, content_type="application/did+ld+json")
