"""What pooled services add to tenancy's pages (registered in `apps.py`): the offer behind a recommendation
to join a pooled cohort. The diagnostic recommends it only while a course with a session ahead covers a gap
the firm's roles ask for, and links to booking it."""

from django.urls import reverse

from skillcluster.pooling.selectors.catalogue import open_offers
from skillcluster.tenancy.models import Firm
from skillcluster.tenancy.navigation import ActivityOffer


def pooled_training_offer(firm: Firm) -> ActivityOffer | None:
    offers = open_offers(firm)
    if not offers:
        return None
    best = offers[0]
    count = f"{len(offers)} courses match" if len(offers) > 1 else "A course matches"
    return ActivityOffer(
        f"{count} your people's gaps (first: “{best.service.title}”, {len(best.helps)} of your people short)",
        reverse("pooling_firm", args=[firm.pk]) + "#offers",
        "Book a seat",
    )
