"""Open Badges 3.0 credentials built from dataclasses, checked against the OB 3.0 schema."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from skillcluster.accreditation.tests._vectors import EXAMPLES, VALIDATOR, example_issuer_key, load_json
from skillcluster.accreditation.vc.ob3 import (
    Achievement,
    CredentialBuildError,
    CredentialInput,
    Evidence,
    Holder,
    IssuerProfile,
    SkillAlignment,
    build_credential,
    hashed_identity,
    schema_errors,
    skill_uris,
)
from skillcluster.accreditation.vc.signing import create_proof, proofs_of, sign_document
from skillcluster.accreditation.vc.status_list import status_entry

ESCO_DIGITAL_CONTENT = "http://data.europa.eu/esco/skill/5fd5c985-eaaa-47aa-8314-62359c54505a"
ISSUER_DID = "did:key:z6MkwUdLjsEGAnXCrCP98QBc26GQYNfPi3irTWJ5GPzdnp1b"


def example_input() -> CredentialInput:
    """The inputs of examples/example-ob3-esco-rdfc.json (less its holder hash)."""
    return CredentialInput(
        id="urn:uuid:6f1d7c52-3c1e-4a57-9d0e-2b0d7f3a9e11",
        name="Develop digital content (peer-validated)",
        issuer=IssuerProfile(id=ISSUER_DID, name="Example SME Skills Cluster"),
        holder=Holder(identifiers=(hashed_identity("ana@firm.example", salt="pepper-123"),)),
        achievement=Achievement(
            id="https://cluster.example/achievements/develop-digital-content",
            name="Develop digital content",
            description=(
                "Creates and edits digital content for the firm's products, learned on the job "
                "and in cross-firm peer sessions."
            ),
            criteria_narrative=(
                "Portfolio of 3 work artefacts reviewed by a panel of 2 peers and 1 assessor from another cluster firm."
            ),
            skills=(SkillAlignment(ESCO_DIGITAL_CONTENT, "develop digital content"),),
            eqf_level=4,
        ),
        valid_from=datetime(2026, 1, 15, 9, tzinfo=UTC),
        evidence=(
            Evidence(
                id="https://cluster.example/evidence/3f2a",
                name="Peer session log and artefacts",
                narrative="Three artefacts produced at work; peer review minutes.",
                genre="Portfolio",
            ),
        ),
        credential_status=status_entry(list_url="https://cluster.example/status/1", index=94567),
    )


def test_build_reproduces_the_signed_esco_example() -> None:
    example = load_json(EXAMPLES / "example-ob3-esco-rdfc.json")
    holder = Holder(
        identifiers=(
            replace(
                hashed_identity("x", salt="pepper-123"),
                identity_hash=example["credentialSubject"]["identifier"][0]["identityHash"],
            ),
        )
    )
    credential = build_credential(replace(example_input(), holder=holder))
    assert credential == {key: value for key, value in example.items() if key != "proof"}
    signed = sign_document(
        credential,
        private_key=example_issuer_key(),
        verification_method=f"{ISSUER_DID}#{ISSUER_DID.removeprefix('did:key:')}",
        created="2026-01-15T09:00:00Z",
    )
    assert signed["proof"][0]["proofValue"] == example["proof"][0]["proofValue"]
    assert schema_errors(signed) == []


def test_hashed_identity_is_sha256_of_value_and_salt() -> None:
    identity = hashed_identity("ana@firm.example", salt="pepper-123")
    assert identity.identity_hash == (
        "sha256$" + __import__("hashlib").sha256(b"ana@firm.examplepepper-123").hexdigest()
    )
    assert (identity.identity_type, identity.hashed, identity.salt) == ("emailAddress", True, "pepper-123")


def test_esco_and_eqf_alignments() -> None:
    credential = build_credential(example_input())
    alignment = credential["credentialSubject"]["achievement"]["alignment"]
    assert alignment == [
        {
            "type": ["Alignment"],
            "targetName": "develop digital content",
            "targetUrl": ESCO_DIGITAL_CONTENT,
            "targetFramework": "ESCO",
            "targetCode": ESCO_DIGITAL_CONTENT,
            "targetType": "ext:ESCOSkill",
        },
        {
            "type": ["Alignment"],
            "targetName": "EQF level 4",
            "targetUrl": "http://data.europa.eu/snb/eqf/4",
            "targetFramework": "European Qualifications Framework",
            "targetCode": "4",
            "targetType": "ext:EQF",
        },
    ]
    assert skill_uris(credential) == [ESCO_DIGITAL_CONTENT]


def test_proficiency_level_is_a_rubric_result() -> None:
    credential = build_credential(replace(example_input(), proficiency_level=3))
    subject = credential["credentialSubject"]
    achievement_id = subject["achievement"]["id"]
    assert subject["result"] == [
        {
            "type": ["Result"],
            "resultDescription": f"{achievement_id}#proficiency",
            "achievedLevel": f"{achievement_id}#proficiency-3",
        }
    ]
    levels = subject["achievement"]["resultDescription"][0]["rubricCriterionLevel"]
    assert [(level["level"], level["name"]) for level in levels] == [
        ("0", "none"),
        ("1", "aware"),
        ("2", "can do with guidance"),
        ("3", "independent"),
        ("4", "expert who can teach others"),
    ]


def test_holder_with_did_and_validity_period() -> None:
    data = replace(
        example_input(),
        holder=Holder(id="did:example:ana"),
        valid_until=datetime(2029, 1, 15, 9, tzinfo=UTC),
    )
    credential = build_credential(data)
    assert credential["credentialSubject"]["id"] == "did:example:ana"
    assert "identifier" not in credential["credentialSubject"]
    assert (credential["validFrom"], credential["validUntil"]) == (
        "2026-01-15T09:00:00Z",
        "2029-01-15T09:00:00Z",
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"holder": Holder()}, "holder: an id or at least one identifier"),
        ({"valid_until": datetime(2025, 1, 1, tzinfo=UTC)}, "valid_until: must be later"),
        ({"valid_from": datetime(2026, 1, 15)}, "timezone-aware"),
        ({"proficiency_level": 5}, "proficiency_level: expected 0..4"),
    ],
)
def test_bad_inputs_name_the_field(change: dict[str, object], message: str) -> None:
    with pytest.raises(CredentialBuildError, match=message):
        build_credential(replace(example_input(), **change))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("achievement_change", "message"),
    [
        ({"skills": ()}, "at least one ESCO skill"),
        ({"skills": (SkillAlignment("https://example.com/skill", "x"),)}, "not an ESCO skill URI"),
        ({"eqf_level": 9}, "eqf_level: expected 1..8"),
    ],
)
def test_bad_achievements_name_the_field(achievement_change: dict[str, object], message: str) -> None:
    data = example_input()
    achievement = replace(data.achievement, **achievement_change)  # type: ignore[arg-type]
    with pytest.raises(CredentialBuildError, match=message):
        build_credential(replace(data, achievement=achievement))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"issuer": IssuerProfile(id="not a uri", name="X")}, "issuer.id: 'not a uri' is not an"),
        ({"holder": Holder(id="ana")}, "holder.id: 'ana' is not an absolute URI"),
        ({"id": "3527"}, "id: '3527' is not an absolute URI"),
        ({"evidence": (Evidence(name="e", id="/evidence/1"),)}, "evidence.id"),
    ],
)
def test_relative_ids_are_refused(change: dict[str, object], message: str) -> None:
    # A relative id vanishes from the RDF, so the signature would not cover it.
    with pytest.raises(CredentialBuildError, match=message):
        build_credential(replace(example_input(), **change))  # type: ignore[arg-type]


def test_schema_errors_name_the_path() -> None:
    data = example_input()
    achievement = replace(data.achievement, achievement_type="Bogus")
    with pytest.raises(CredentialBuildError, match=r"OB 3\.0 schema: credentialSubject/achievement/achievementType"):
        build_credential(replace(data, achievement=achievement))


def test_schema_wants_proof_as_an_array() -> None:
    credential = build_credential(example_input())
    proof = create_proof(
        credential,
        private_key=example_issuer_key(),
        verification_method=f"{ISSUER_DID}#{ISSUER_DID.removeprefix('did:key:')}",
        created="2026-01-15T09:00:00Z",
    )
    assert schema_errors({**credential, "proof": [proof]}) == []
    assert schema_errors({**credential, "proof": proof}) == [f"proof: {proof!r} is not of type 'array'"]


@pytest.mark.parametrize("name", ["simple.json", "simple-did-web-method.json"])
def test_1edtech_valid_samples_pass_the_schema(name: str) -> None:
    sample = load_json(VALIDATOR / "ob30" / name)
    assert schema_errors({**sample, "proof": proofs_of(sample)}) == []
