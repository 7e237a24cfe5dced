"""Memoised page parts (`memo.py`): a write through the web by anyone of the cluster shows at once on every
page; a read, a refused write or a change made outside the web leaves the memo as it was."""

from django.urls import reverse

from skillcluster.tenancy import services as tenancy
from skillcluster.tenancy.domain.roles import FirmRole
from skillcluster.tenancy.models import Cluster

WAITING = "1 person has not accepted your invitation yet"


def _firm_page(client, world) -> str:
    response = client.get(reverse("firm_detail", args=[world.firm.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_to_do_list_follows_writes_through_the_web_by_anyone_of_the_cluster(world, client_for):
    owner, manager = client_for(world.owner), client_for(world.cluster_manager)
    assert WAITING not in _firm_page(owner, world)
    tenancy.invitation_create(
        email="new@rossi.it", cluster=world.cluster, firm=world.firm, firm_role=FirmRole.EMPLOYEE,
        invited_by=world.owner,
    )  # fmt: skip  # outside the web, as a command or a background task would: shows within MEMO_SECONDS
    assert WAITING not in _firm_page(owner, world)
    assert manager.get(reverse("cluster_detail", args=[world.cluster.pk])).status_code == 200  # a read
    refused = owner.post(reverse("firm_edit", args=[world.firm.pk]), {"legal_name": ""})
    assert refused.status_code == 400  # a write refused
    assert WAITING not in _firm_page(owner, world)

    saved = manager.post(reverse("cluster_language", args=[world.cluster.pk]), {"language": "it"})
    assert saved.status_code == 302  # someone else's write, elsewhere in the cluster
    assert WAITING in _firm_page(owner, world)


def test_a_write_stamps_only_the_writers_clusters(world, client_for):
    before = dict(Cluster.all_objects.values_list("pk", "last_write_at"))
    client_for(world.owner).post(reverse("choose_language"), {"language": "de"})
    after = dict(Cluster.all_objects.values_list("pk", "last_write_at"))
    assert after[world.cluster.pk] > before[world.cluster.pk]
    assert after[world.outsider_firm.cluster_id] == before[world.outsider_firm.cluster_id]


def test_a_write_without_a_login_stamps_every_cluster(world, client):
    before = dict(Cluster.all_objects.values_list("pk", "last_write_at"))
    assert client.post(reverse("password_reset"), {"email": world.owner.email}).status_code == 302
    after = dict(Cluster.all_objects.values_list("pk", "last_write_at"))
    assert all(after[pk] > stamp for pk, stamp in before.items())
