import pytest

from skillcluster.tenancy.models import ApiToken

pytestmark = pytest.mark.django_db


def test_token_secret_is_shown_once_and_only_its_hash_stored(world, client_for):
    client = client_for(world.employee)
    response = client.post("/me/tokens/", {"name": "HR export"})
    assert response.status_code == 200
    token = ApiToken.objects.get(person=world.employee)
    secret = response.context["secret"]
    assert token.key_hash == ApiToken.hash_secret(secret)
    assert secret not in client.get("/me/").content.decode()


def test_revoke_own_token_only(world, client_for):
    client_for(world.employee).post("/me/tokens/", {"name": "mine"})
    token = ApiToken.objects.get(person=world.employee)
    assert client_for(world.owner).post(f"/me/tokens/{token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    assert client_for(world.employee).post(f"/me/tokens/{token.pk}/revoke/").status_code == 302
    assert ApiToken.objects.get(pk=token.pk).is_active is False
