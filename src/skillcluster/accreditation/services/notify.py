"""E-mails to the claimant at each step of the claim path, sent once the step's transaction commits."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from skillcluster.accreditation.models import Claim
from skillcluster.mail import mail_after_commit

NEWS = {  # step: (subject, what the claimant reads)
    "submitted": ("submitted", "Your claim is submitted: the cluster's assessors will look at it."),
    "more_evidence": ("more evidence asked", "The assessors ask for more evidence before they decide."),
    "approved": (
        "approved",
        "The assessors approved your claim. The cluster's support organisation will issue your credential.",
    ),
    "rejected": ("not approved", "The assessors did not approve your claim this time."),
    "credentialed": (
        "credential issued",
        "Your credential is issued: you can download it, share its link or add it to a wallet.",
    ),
    "revoked": ("credential revoked", "Your credential was revoked by its issuer."),
}


def claim_news(claim: Claim, step: str, reasons: str = "") -> None:
    """Tell the claimant about ``step`` (a key of NEWS) after the current transaction commits."""
    headline, news = NEWS[step]
    subject = f"Skills claim “{claim.title}”: {headline}"
    context = {
        "claim": claim,
        "news": news,
        "reasons": reasons,
        "url": settings.SITE_URL + reverse("claim_detail", args=[claim.pk]),
    }
    body = render_to_string("accreditation/email/claim_news.txt", context)
    mail_after_commit(subject=subject, message=body, recipients=[claim.claimant.email])
