"""E-mails to the claimant at each step of the claim path, sent once the step's transaction commits, in the
claimant's language (their own choice, else their cluster's)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from skillcluster.accreditation.models import Claim
from skillcluster.mail import mail_after_commit
from skillcluster.tenancy.selectors import mail_language

NEWS = {  # step: (subject's headline, with a context: "submitted" is a claim here, not a questionnaire; news)
    "submitted": (
        pgettext_lazy("claim news", "submitted"),
        _("Your claim is submitted: the cluster's assessors will look at it."),
    ),
    "more_evidence": (
        pgettext_lazy("claim news", "more evidence asked"),
        _("The assessors ask for more evidence before they decide."),
    ),
    "approved": (
        pgettext_lazy("claim news", "approved"),
        _("The assessors approved your claim. The cluster's support organisation will issue your credential."),
    ),
    "rejected": (pgettext_lazy("claim news", "not approved"), _("The assessors did not approve your claim this time.")),
    "credentialed": (
        pgettext_lazy("claim news", "credential issued"),
        _("Your credential is issued: you can download it, share its link or add it to a wallet."),
    ),
    "revoked": (pgettext_lazy("claim news", "credential revoked"), _("Your credential was revoked by its issuer.")),
}


def claim_news(claim: Claim, step: str, reasons: str = "") -> None:
    """Tell the claimant about ``step`` (a key of NEWS) after the current transaction commits."""
    headline, news = NEWS[step]
    with translation.override(mail_language(claim.claimant.language, claim.cluster)):
        subject = gettext("Skills claim “%(title)s”: %(headline)s") % {"title": claim.title, "headline": headline}
        context = {
            "claim": claim,
            "news": str(news),
            "reasons": reasons,
            "url": settings.SITE_URL + reverse("claim_detail", args=[claim.pk]),
        }
        body = render_to_string("accreditation/email/claim_news.txt", context)
    mail_after_commit(subject=subject, message=body, recipients=[claim.claimant.email])
