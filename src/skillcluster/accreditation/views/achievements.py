"""An issued credential's achievement, in each language it is worded in: public JSON-LD, as the credential's
`achievement.id` and its `related` editions promise (OB 3.0 links alternate-language editions by id)."""

import uuid

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django_scopes import scopes_disabled

from skillcluster.accreditation.models import Claim, IssuedCredential
from skillcluster.accreditation.services import credentials
from skillcluster.accreditation.vc import ob3


def achievement(request: HttpRequest, claim_uuid: uuid.UUID, language: str = "") -> HttpResponse:
    with scopes_disabled():
        claim = Claim.objects.select_related("claimant", "cluster").filter(uuid=claim_uuid).first()
        if claim is None or not IssuedCredential.objects.filter(claim=claim).exists():
            raise Http404("No such achievement")
        language = language or credentials.claimant_language(claim)
        if language not in dict(settings.LANGUAGES):
            raise Http404("No edition in that language")
        body = ob3.achievement_json(credentials.achievement_edition(claim, language), with_proficiency=True)
    response = JsonResponse({"@context": list(ob3.CONTEXTS), **body}, content_type="application/ld+json")
    response["Cache-Control"] = "public, max-age=3600"
    return response
