import datetime as dt
from unittest import mock

import pytest

from skillcluster.tenancy import services
from skillcluster.tenancy.models import ClusterRole, Invitation, Membership, Person

pytestmark = pytest.mark.django_db

REGISTER = {"full_name": "Nadia Rossi", "password1": "a-long-enough-pass-42", "password2": "a-long-enough-pass-42"}


def _invite(world, email="nadia@rossi.it", role="employee"):
    invitation = services.invitation_create(
        email=email, cluster=world.cluster, firm=world.firm, firm_role=role, invited_by=world.owner
    )
    return invitation, services.invitation_token(invitation)


def test_new_person_registers_and_joins(world, client_for):
    invitation, token = _invite(world)
    client = client_for(None)
    page = client.get(f"/invitations/{token}/")
    assert page.status_code == 200
    assert "Join Calzaturificio Rossi S.r.l." in page.content.decode()
    response = client.post(f"/invitations/{token}/", REGISTER)
    assert response.status_code == 302
    person = Person.objects.get(email="nadia@rossi.it")
    assert Membership.all_objects.get(person=person).role == "employee"
    assert Invitation.all_objects.get(pk=invitation.pk).accepted_by == person
    assert client.get("/").status_code == 302  # logged in: home redirects to the one firm


def test_link_works_once(world, client_for):
    _, token = _invite(world)
    client_for(None).post(f"/invitations/{token}/", REGISTER)
    again = client_for(None).get(f"/invitations/{token}/")
    assert again.status_code == 400
    assert "This invitation link was already used. Log in instead." in again.content.decode()
    assert Person.objects.filter(email="nadia@rossi.it").count() == 1


def test_expired_link_is_refused(world, client_for, settings):
    _, token = _invite(world)
    later = dt.datetime.now().timestamp() + (settings.INVITATION_MAX_AGE_DAYS + 1) * 86400
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client_for(None).post(f"/invitations/{token}/", REGISTER)
    assert response.status_code == 400
    assert "This invitation link has expired (links are valid for 14 days)." in response.content.decode()
    assert Person.objects.filter(email="nadia@rossi.it").count() == 0


def test_tampered_link_is_refused(world, client_for):
    _, token = _invite(world)
    response = client_for(None).get(f"/invitations/{token[:-2]}xx/")
    assert response.status_code == 400
    assert "This invitation link is not valid." in response.content.decode()


def test_link_for_someone_else_is_refused(world, client_for):
    _, token = _invite(world, email="other@example.org")
    Person.objects.create_user("other@example.org", "pw-irrelevant-123", full_name="Other")
    response = client_for(world.auditor).post(f"/invitations/{token}/")
    assert response.status_code == 400
    assert "This invitation was sent to other@example.org; you are logged in as auditor@example.org." in (
        response.content.decode()
    )
    assert Membership.all_objects.filter(person__email="other@example.org").count() == 0


def test_existing_account_logs_in_then_accepts(world, client_for):
    _, token = _invite(world, email="auditor@example.org")
    anonymous = client_for(None).post(f"/invitations/{token}/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    response = client_for(world.auditor).post(f"/invitations/{token}/")
    assert response.status_code == 302
    assert Membership.all_objects.get(person=world.auditor, firm=world.firm).role == "employee"


def test_registration_with_taken_email_is_refused(world):
    # An account created after the invitation was sent: the invitee must log in instead.
    _, token = _invite(world, email="late@rossi.it")
    Person.objects.create_user("late@rossi.it", "pw-irrelevant-123", full_name="Late")
    with pytest.raises(Exception, match="already has an account"):
        services.person_register_from_invitation(token=token, full_name="X", password="a-long-enough-pass-42")
    assert Membership.all_objects.filter(person__email="late@rossi.it").count() == 0


def test_cluster_role_invitation(world):
    invitation = services.invitation_create(
        email="assessor2@agency.eu", cluster=world.cluster, cluster_role="assessor", invited_by=world.cluster_manager
    )
    person = Person.objects.create_user("assessor2@agency.eu", "pw-irrelevant-123", full_name="A")
    services.invitation_accept(token=services.invitation_token(invitation), person=person)
    assert ClusterRole.all_objects.filter(person=person, cluster=world.cluster, role="assessor").count() == 1


def test_duplicate_pending_invitation_is_refused(world):
    _invite(world)
    with pytest.raises(Exception, match=r"nadia@rossi\.it already has a pending invitation here"):
        _invite(world)
    assert Invitation.all_objects.count() == 1
