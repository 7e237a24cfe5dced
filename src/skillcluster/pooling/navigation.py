"""What pooled services add to tenancy's pages (registered in `apps.py`): the offer behind a recommendation
to join a pooled cohort. The diagnostic recommends it only while a course with a session ahead covers a gap
the firm's roles ask for, and links to booking it."""

from django.urls import reverse
from django.utils.translation import gettext, ngettext

from skillcluster.pooling.selectors.catalogue import open_offers
from skillcluster.tenancy.models import Firm
from skillcluster.tenancy.navigation import ActivityOffer


def pooled_training_offer(firm: Firm) -> ActivityOffer | None:
    offers = open_offers(firm)
    if not offers:
        return None
    best = offers[0]
    text = ngettext(
        "A course matches your people's gaps (first: “%(title)s”, %(short)s of your people short)",
        "%(count)s courses match your people's gaps (first: “%(title)s”, %(short)s of your people short)",
        len(offers),
    ) % {"count": len(offers), "title": best.service.title, "short": len(best.helps)}
    return ActivityOffer(text, reverse("pooling_firm", args=[firm.pk]) + "#offers", gettext("Book a seat"))
