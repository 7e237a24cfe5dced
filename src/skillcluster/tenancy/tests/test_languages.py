"""Which language a page comes in: the person's choice, then the cookie, then the browser; English otherwise."""

from django.conf import settings
from django.urls import reverse


def test_the_browser_preference_picks_the_page_language(client_for, world):
    response = client_for(world.owner).get(reverse("profile"), headers={"accept-language": "de-AT,de;q=0.9"})
    assert response.headers["Content-Language"] == "de"
    assert '<html lang="de">' in response.text


def test_a_language_not_offered_falls_back_to_english(client_for, world):
    client = client_for(None)
    response = client.post(reverse("choose_language"), {"language": "xx", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get("/accounts/login/", headers={"accept-language": "pt"})
    assert page.headers["Content-Language"] == "en"


def test_the_header_picker_is_remembered_in_the_profile_over_the_browser(client_for, world):
    client = client_for(world.employee)
    response = client.post(reverse("choose_language"), {"language": "it", "next": reverse("profile")})
    assert response.headers["Location"] == reverse("profile")
    world.employee.refresh_from_db()
    assert world.employee.language == "it"
    client.cookies.clear()  # another browser: the profile still decides
    client.force_login(world.employee)
    page = client.get(reverse("profile"), headers={"accept-language": "fr"})
    assert page.headers["Content-Language"] == "it"


def test_the_profile_form_sets_and_clears_the_language(client_for, world):
    client = client_for(world.owner)
    client.post(reverse("profile"), {"full_name": "Owner", "language": "es"})
    world.owner.refresh_from_db()
    assert world.owner.language == "es"
    client.post(reverse("profile"), {"full_name": "Owner", "language": ""})
    world.owner.refresh_from_db()
    assert world.owner.language == ""
    assert client.get(reverse("profile"), headers={"accept-language": "de"}).headers["Content-Language"] == "de"


def test_the_picker_never_redirects_off_site(client_for, world):
    response = client_for(None).post(reverse("choose_language"), {"language": "de", "next": "https://evil.example/"})
    assert response.headers["Location"] == reverse("home")


def test_the_api_answers_errors_in_the_callers_language(world, client):
    from skillcluster.tenancy.services import api_token_create

    _, secret = api_token_create(person=world.owner, name="script")
    headers = {"authorization": f"Bearer {secret}", "accept-language": "it"}
    response = client.post("/api/v1/skills/link", data={}, content_type="application/json", headers=headers)
    assert response.json() == {"detail": "Dati non validi", "errors": {"text": ["Campo obbligatorio"]}}
    response = client.post("/api/v1/skills/link", data={"text": "x", "top_k": 0}, content_type="application/json",
                           headers={**headers, "accept-language": "de"})  # fmt: skip
    assert response.json()["errors"]["top_k"] == ["erwartet: mindestens 1"]
    bad = client.get("/api/v1/skills/search?q=x", headers={"authorization": "Bearer sc_nope", "accept-language": "fr"})
    assert (bad.status_code, bad.json()) == (401, {"detail": "Jeton d'API invalide ou révoqué"})


def test_the_cluster_manager_sets_the_language_of_e_mails_to_people_who_chose_none(
    world, client_for, django_capture_on_commit_callbacks
):
    from django.core import mail

    url = reverse("cluster_language", args=[world.cluster.pk])
    assert client_for(world.owner).post(url, {"language": "it"}).status_code == 403  # a member firm's owner
    assert client_for(world.outsider).post(url, {"language": "it"}).status_code == 404  # another cluster's
    client = client_for(world.cluster_manager)
    client.post(url, {"language": "xx"})
    world.cluster.refresh_from_db()
    assert world.cluster.language == "en"
    client.post(url, {"language": "it"})
    world.cluster.refresh_from_db()
    assert world.cluster.language == "it"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("cluster_detail", args=[world.cluster.pk]), {
            "firm-legal_name": "Tomaificio Nuovo S.r.l.", "firm-headcount": "7", "firm-nace_code": "15.20",
            "firm-nuts_code": "ITI35", "firm-owner_email": "lucia@nuovo.it",
        })  # fmt: skip
    assert mail.outbox[-1].subject == "Invito a unirsi a Tomaificio Nuovo S.r.l. su Skillcluster"
