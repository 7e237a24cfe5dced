"""The demo's claims agree with their records: what an approval cites is on file, what a credential states
was ticked."""

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext

from skillcluster.accreditation.domain import rubric
from skillcluster.accreditation.models import Assessment, Claim, IssuedCredential

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _credential_settings(settings):
    settings.CREDENTIAL_KEY_SECRET = "test-credential-key-secret"
    settings.CREDENTIAL_DID_WEB_DOMAIN = ""


def test_demo_approvals_and_credentials_agree_with_their_records(monkeypatch):
    from skillcluster.seeding import seed_steps
    from skillcluster.tenancy.management.commands import seed as command

    steps = [step for step in seed_steps() if step[0] in ("tenancy", "accreditation")]
    monkeypatch.setattr(command, "seed_steps", lambda: steps)
    call_command("seed", firms=12, seed=3)
    approvals = Assessment.objects.filter(decision="approve").select_related("claim")
    assert approvals.count() == 4  # two credentialed, one revoked, one waiting for its credential
    for approval in approvals:
        claim = approval.claim
        assert approval.criteria_met == list(rubric.criteria_for(approval.awarded_level))
        assert claim.awarded_level == approval.awarded_level <= claim.level
        if "statement" in approval.reasons or "supervisor" in approval.reasons:
            assert claim.statements.filter(relation="supervisor").exists()
        if "recorded explanation" in approval.reasons:
            assert claim.evidence.filter(description__startswith="Recorded explanation").exists()
    assert Claim.objects.filter(level=4, awarded_level=3).exists()  # one award below the claim
    for credential in IssuedCredential.objects.select_related("claim__claimant", "claim__cluster"):
        achievement = credential.document["credentialSubject"]["achievement"]
        with translation.override(achievement["inLanguage"]):  # the claimant's language (the demo's: Italian)
            criteria = [gettext(c) for c in rubric.criteria_for(credential.claim.awarded_level)]
        assert achievement["criteria"]["narrative"].endswith("; ".join(criteria))
