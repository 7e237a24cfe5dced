"""Model rules, file sniffing and the panel's majority rule."""

import pytest
from django.db import IntegrityError, transaction

from skillcluster.accreditation.domain import rubric
from skillcluster.accreditation.domain.files import EvidenceFileError, check_evidence_file, sniff_content_type
from skillcluster.accreditation.models import Claim, IssuedCredential
from skillcluster.accreditation.tests.builders import PDF_BYTES, PNG_BYTES, make_claim

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF"


@pytest.mark.parametrize(
    ("head", "expected"),
    [(PDF_BYTES, "application/pdf"), (PNG_BYTES, "image/png"), (JPEG, "image/jpeg"), (b"MZ\x90\x00", None)],
)
def test_sniff_content_type(head, expected):
    assert sniff_content_type(head) == expected


def test_accepts_pdf_png_jpeg_by_content():
    assert check_evidence_file(name="a.PDF", size=100, head=PDF_BYTES) == "application/pdf"
    assert check_evidence_file(name="b.png", size=100, head=PNG_BYTES) == "image/png"
    assert check_evidence_file(name="c.jpeg", size=100, head=JPEG) == "image/jpeg"


def test_refuses_disguised_file():
    with pytest.raises(EvidenceFileError, match="none of them"):
        check_evidence_file(name="logbook.pdf", size=100, head=b"MZ\x90\x00\x03")


def test_refuses_extension_that_lies_about_content():
    with pytest.raises(EvidenceFileError, match=r"application/pdf but its name ends in \.png"):
        check_evidence_file(name="photo.png", size=100, head=PDF_BYTES)


def test_refuses_oversized_and_empty():
    with pytest.raises(EvidenceFileError, match=r"5\.0 MB; the limit is 5 MB"):
        check_evidence_file(name="a.pdf", size=5 * 1024 * 1024 + 1, head=PDF_BYTES)
    with pytest.raises(EvidenceFileError, match="empty"):
        check_evidence_file(name="a.pdf", size=0, head=b"")


@pytest.mark.parametrize(
    ("votes", "panel", "outcome"),
    [
        ([], 1, None),
        (["approve"], 1, "approve"),
        (["reject"], 1, "reject"),
        (["approve"], 2, None),
        (["approve", "approve"], 2, "approve"),
        (["approve", "reject"], 2, "more_evidence"),
        (["approve", "reject"], 3, None),
        (["approve", "approve"], 3, "approve"),
        (["approve", "reject", "more_evidence"], 3, "more_evidence"),
        (["reject", "approve", "reject"], 3, "reject"),
    ],
)
def test_panel_majority(votes, panel, outcome):
    assert rubric.panel_outcome(votes, panel) == outcome


def test_rubric_has_criteria_for_each_level():
    assert [len(rubric.criteria_for(level)) for level in (1, 2, 3, 4)] == [2, 2, 3, 3]


def test_level_outside_1_to_4_is_refused_by_the_database(world):
    claim = make_claim(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(level=5)


def test_status_index_unique_per_list(credential):
    duplicate = IssuedCredential(
        claim=make_claim_for_other(credential),
        holder=credential.holder,
        cluster=credential.cluster,
        issuer_key=credential.issuer_key,
        issued_by=credential.issued_by,
        document={},
        status_list=credential.status_list,
        status_index=credential.status_index,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def make_claim_for_other(credential):
    claim = credential.claim
    return Claim.objects.create(
        claimant=claim.claimant, firm=claim.firm, cluster=claim.cluster, title="x", level=2, how_learned="mentor"
    )
