"""What the learning network adds to tenancy's pages: on the owner's to-do list, offers to mentor that wait
for the firm's agreement."""

from collections.abc import Iterator

from django.urls import reverse

from skillcluster.network.domain.permissions import NetworkPerm
from skillcluster.network.selectors import live_offers
from skillcluster.tenancy.domain.permissions import Access
from skillcluster.tenancy.models import Firm, Person
from skillcluster.tenancy.navigation import Todo


def firm_todos(firm: Firm, person: Person, access: Access) -> Iterator[Todo]:
    if not access.has(NetworkPerm.AGREE):
        return
    waiting = live_offers(firm).filter(agreed_at__isnull=True).count()
    if waiting:
        yield Todo(
            f"{waiting} offer{'s' if waiting != 1 else ''} to mentor people of other firms "
            f"wait{'s' if waiting == 1 else ''} for your agreement",
            reverse("network_firm", args=[firm.pk]) + "#offers",
            "Review",
        )
