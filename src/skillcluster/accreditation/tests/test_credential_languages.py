"""A credential worded in the claimant's language, linked to its English edition (OB 3.0 `inLanguage` and
`related`), still valid against the OB 3.0 schema and still verifying."""

from django.urls import reverse

from skillcluster.accreditation.selectors.credential_check import verify_document
from skillcluster.accreditation.tests.builders import SKILL_LABEL, issued
from skillcluster.accreditation.vc.ob3 import schema_errors


def test_an_italian_claimants_credential_is_in_italian_with_an_english_edition(world, client_for):
    world.employee.language = "it"
    world.employee.save()
    credential = issued(world)
    achievement = credential.document["credentialSubject"]["achievement"]
    english = f"https://skills.example.org/credentials/achievements/{credential.claim.uuid}/en"
    assert achievement["inLanguage"] == "it"
    assert achievement["related"] == [{"id": english, "type": ["Related"], "inLanguage": "en"}]
    assert achievement["name"] == "Hand-lasting of uppers"  # the claimant's own title
    assert "livello 3" in achievement["description"]
    assert schema_errors(credential.document) == []
    assert verify_document(credential.document).status == "valid"

    edition = client_for(None).get(reverse("achievement_in", args=[credential.claim.uuid, "en"])).json()
    assert (edition["inLanguage"], edition["name"]) == ("en", SKILL_LABEL)
    assert edition["description"] == f"{SKILL_LABEL} at level 3 (independent), learned from a mentor in another firm."
    assert "related" not in edition
    own = client_for(None).get(reverse("achievement", args=[credential.claim.uuid])).json()
    assert {k: v for k, v in own.items() if k != "@context"} == achievement


def test_an_english_claimants_credential_names_its_language_and_links_nothing(world, client_for):
    credential = issued(world)
    achievement = credential.document["credentialSubject"]["achievement"]
    assert achievement["inLanguage"] == "en"
    assert "related" not in achievement
    assert schema_errors(credential.document) == []
    assert client_for(None).get(reverse("achievement_in", args=[credential.claim.uuid, "xx"])).status_code == 404
