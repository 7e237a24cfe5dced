"""What market intelligence adds to other pages: the diagnostic's "subscribe to the cluster's market-intelligence
briefing" recommendation points at the latest published briefing, and is made only when there is one."""

from django.urls import reverse
from django.utils.translation import gettext

from skillcluster.intelligence.selectors.briefings import latest_published
from skillcluster.tenancy.models import Firm
from skillcluster.tenancy.navigation import ActivityOffer


def briefing_offer(firm: Firm) -> ActivityOffer | None:
    found = latest_published(firm.cluster_id)
    if found is None or found.published_at is None:
        return None
    text = gettext(
        "The cluster's briefing “%(title)s” (%(date)s): what rises in your sector and is missing in your firm"
    )
    return ActivityOffer(
        text % {"title": found.title, "date": f"{found.published_at:%d/%m/%Y}"},
        reverse("intelligence_briefing_firm", args=[firm.pk, found.pk]),
        gettext("Read the briefing"),
    )
