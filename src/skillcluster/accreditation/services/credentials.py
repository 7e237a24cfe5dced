"""Certification: issue an Open Badges 3.0 credential for an approved claim, revoke it, publish status lists.

Issuing builds the credential from the claim (ob3.build_credential validates it against the OB 3.0
schema), allocates a status-list index that is never reused, signs it with the support
organisation's active key (eddsa-rdfc-2022) and stores it, in one transaction.
"""

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from skillcluster import events
from skillcluster.accreditation.domain.events import CredentialIssued, CredentialRevoked
from skillcluster.accreditation.domain.rubric import criteria_for
from skillcluster.accreditation.models import (
    Claim,
    ClaimStatus,
    Decision,
    IssuedCredential,
    IssuerKey,
    StatusList,
    in_sentence,
)
from skillcluster.accreditation.services import keys, notify
from skillcluster.accreditation.vc import ob3, signing, status_list
from skillcluster.taxonomy.selectors.labels import label_for
from skillcluster.tenancy.domain.links import is_safe_link
from skillcluster.tenancy.models import Person, SupportOrganisation
from skillcluster.tenancy.selectors import mail_language
from skillcluster.tenancy.services.audit_log import audit_record


def site_url() -> str:
    return str(settings.SITE_URL).rstrip("/")


def validity_days() -> int:
    return int(getattr(settings, "CREDENTIAL_VALIDITY_DAYS", 3 * 365))


def status_list_url(status: StatusList) -> str:
    return site_url() + reverse("credential_status_list", args=[status.organisation_id, status.pk])


def status_index_allocate(*, organisation: SupportOrganisation) -> tuple[StatusList, int]:
    """The next free index of the organisation's current list (a new list when it is full).

    The row lock and the F() increment make two concurrent issues get two different indexes.
    """
    with transaction.atomic():
        current = StatusList.objects.select_for_update().filter(organisation=organisation).order_by("-pk").first()
        if current is None or current.is_full:
            current = StatusList.objects.create(organisation=organisation)
            current = StatusList.objects.select_for_update().get(pk=current.pk)
        index = current.next_index
        StatusList.objects.filter(pk=current.pk).update(next_index=F("next_index") + 1)
        return current, index


def _evidence(claim: Claim) -> tuple[ob3.Evidence, ...]:
    """The claim's evidence as the credential states it, worded in the active (the claimant's) language."""
    items: list[ob3.Evidence] = []
    for evidence in claim.evidence.all():
        kinds = {"file": gettext("File (%(type)s)") % {"type": evidence.content_type}, "link": gettext("Link"),
                 "description": gettext("Description")}  # fmt: skip
        # A link stored before links were checked, and not one now, stays out of the credential (not its text).
        link = evidence.link if is_safe_link(evidence.link) else None
        items.append(ob3.Evidence(name=kinds[evidence.kind], narrative=evidence.description, id=link))
    for statement in claim.statements.select_related("author"):
        relation = in_sentence(statement.get_relation_display())
        name = (
            gettext("Statement from outside the platform (%(relation)s)")
            if statement.is_external
            else gettext("Statement by a %(relation)s")
        )
        items.append(ob3.Evidence(name=name % {"relation": relation}, narrative=statement.text, genre="Statement"))
    return tuple(items)


def applied_criteria(claim: Claim) -> list[str]:
    """The rubric criteria of the awarded level that the approving assessors ticked, in rubric order: the
    credential states only these, never the rubric as written."""
    ticked = {
        criterion
        for criteria in claim.assessments.filter(
            round=claim.round, decision=Decision.APPROVE, awarded_level=claim.awarded_level
        ).values_list("criteria_met", flat=True)
        for criterion in criteria
    }
    return [criterion for criterion in criteria_for(awarded(claim)) if criterion in ticked]


def awarded(claim: Claim) -> int:
    return claim.awarded_level or claim.level


def claimant_language(claim: Claim) -> str:
    """The language the credential is worded in: the claimant's choice, else the cluster's."""
    return mail_language(claim.claimant.language, claim.cluster)


def achievement_url(claim: Claim, language: str | None = None) -> str:
    """The achievement's id; with a language, the id of its edition in that language (served as JSON)."""
    base = f"{site_url()}/credentials/achievements/{claim.uuid}"
    return f"{base}/{language}" if language else base


def achievement_edition(claim: Claim, language: str) -> ob3.Achievement:
    """The claim's achievement worded in `language` (ESCO's skill names in that language where they exist).
    The claimant's edition is the one signed into the credential; the English one is linked from it."""
    level = awarded(claim)
    own = claimant_language(claim)
    with translation.override(language):
        skills = tuple(
            ob3.SkillAlignment(esco_uri=s.esco_uri, name=label_for(s.esco_uri, s.label, language).text)
            for s in claim.skills.all()
        )
        names = ", ".join(s.name for s in skills)
        description = gettext("%(skills)s at level %(level)s (%(level_name)s), learned %(how)s.") % {
            "skills": names, "level": level, "level_name": gettext(ob3.PROFICIENCY_LEVELS[level]),
            "how": in_sentence(claim.get_how_learned_display()),
        }  # fmt: skip
        criteria = gettext(
            "Assessed by the assessors of the cluster against the rubric of level %(level)s; criteria met: %(criteria)s"
        ) % {"level": level, "criteria": "; ".join(gettext(c) for c in applied_criteria(claim))}
    return ob3.Achievement(
        id=achievement_url(claim) if language == own else achievement_url(claim, language),
        # the claimant titled it in their own words; another edition is named by its skills
        name=claim.title if language == own else names,
        description=description,
        criteria_narrative=criteria,
        skills=skills,
        language=language,
        editions=((achievement_url(claim, "en"), "en"),) if language == own and own != "en" else (),
    )


def _credential_input(claim: Claim, key: IssuerKey, entry: dict[str, str], *, now: dt.datetime, uid: str) -> Any:
    organisation = claim.cluster.support_organisation
    language = claimant_language(claim)
    with translation.override(language):
        return ob3.CredentialInput(
            id=f"urn:uuid:{uid}",
            name=claim.title,
            issuer=ob3.IssuerProfile(id=key.did, name=organisation.name, url=organisation.website or None),
            holder=ob3.Holder(
                identifiers=(ob3.hashed_identity(claim.claimant.email, salt=secrets.token_hex(8)),),
                name=claim.claimant.full_name,
            ),
            achievement=achievement_edition(claim, language),
            valid_from=now,
            valid_until=now + dt.timedelta(days=validity_days()) if validity_days() else None,
            proficiency_level=awarded(claim),
            evidence=_evidence(claim),
            credential_status=entry,
            description=gettext("Informal learning validated in the cluster %(cluster)s.")
            % {"cluster": claim.cluster.name},
        )


def sign_with(key: IssuerKey, document: dict[str, Any], *, now: dt.datetime) -> dict[str, Any]:
    return signing.sign_document(
        document, private_key=keys.private_key_of(key), verification_method=key.verification_method, created=now
    )


def credential_issue(*, claim: Claim, issued_by: Person, now: dt.datetime | None = None) -> IssuedCredential:
    """Issue the credential of an approved claim; ValidationError when the claim is not approved.

    `CredentialIssued` is published in the same transaction: the skills audit turns it into ratings with
    source "credential" in the holder's skill record, so both commit together or neither does.
    """
    now = (now or timezone.now()).replace(microsecond=0)
    with transaction.atomic():
        claim = (
            Claim.objects.select_for_update()
            .select_related("cluster__support_organisation", "claimant")
            .get(pk=claim.pk)
        )
        if claim.status != ClaimStatus.APPROVED:
            message = gettext("Only an approved claim can be credentialed; this one is %(status)s.")
            raise ValidationError(message % {"status": claim.status})
        if len(applied_criteria(claim)) < len(criteria_for(awarded(claim))):
            # approvals recorded before criteria were required: the credential would state what nobody checked
            raise ValidationError(
                gettext("The approval did not record every criterion of its level; ask for a reassessment.")
            )
        credential = _issue(claim, issued_by, now)
        claim.status = ClaimStatus.CREDENTIALED
        claim.save(update_fields=["status"])
        audit_record(
            "credential.issued", actor=issued_by, firm=claim.firm, subject=f"{claim.title} to {claim.claimant}"
        )
        notify.claim_news(claim, "credentialed")
        events.publish(
            CredentialIssued(
                credential_id=f"urn:uuid:{credential.uuid}",
                holder_id=claim.claimant_id,
                firm_id=claim.firm_id,
                skill_uris=tuple(claim.skills.order_by("esco_uri").values_list("esco_uri", flat=True)),
                level=awarded(claim),
                title=claim.title,
                issued_by_id=issued_by.pk,
                issued_at=now,
                valid_until=credential.valid_until,
            )
        )
    return credential


def _issue(claim: Claim, issued_by: Person, now: dt.datetime) -> IssuedCredential:
    organisation = claim.cluster.support_organisation
    key = keys.issuer_key_active(organisation=organisation)
    status, index = status_index_allocate(organisation=organisation)
    entry = status_list.status_entry(list_url=status_list_url(status), index=index)
    credential = IssuedCredential(claim=claim, holder=claim.claimant, cluster=claim.cluster, issuer_key=key)
    data = _credential_input(claim, key, entry, now=now, uid=str(credential.uuid))
    document = sign_with(key, ob3.build_credential(data), now=now)
    credential.issued_by, credential.document, credential.issued_at = issued_by, document, now
    credential.status_list, credential.status_index, credential.valid_until = status, index, data.valid_until
    credential.save()
    return credential


def credential_revoke(*, credential: IssuedCredential, revoked_by: Person, reason: str) -> IssuedCredential:
    """Flip the credential's status bit (its row is the bit); the reason is kept, never shown as the bit.

    `CredentialRevoked` is published in the same transaction, so the holder's skill record stops counting the
    credential's ratings exactly when the revocation commits.
    """
    if not reason.strip():
        raise ValidationError({"reason": gettext("Give the reason for revoking; the holder reads it.")})
    with transaction.atomic():
        credential = IssuedCredential.objects.select_for_update().select_related("claim").get(pk=credential.pk)
        if credential.revoked_at is not None:
            raise ValidationError(gettext("This credential is already revoked."))
        credential.revoked_at, credential.revoked_by = timezone.now(), revoked_by
        credential.revocation_reason = reason.strip()
        credential.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
        Claim.objects.filter(pk=credential.claim_id).update(status=ClaimStatus.REVOKED)
        audit_record(
            "credential.revoked",
            actor=revoked_by,
            firm=credential.claim.firm,
            subject=f"{credential.claim.title} of {credential.holder}",
            reason=credential.revocation_reason,
        )
        notify.claim_news(credential.claim, "revoked", reasons=credential.revocation_reason)
        events.publish(
            CredentialRevoked(
                credential_id=f"urn:uuid:{credential.uuid}",
                holder_id=credential.holder_id,
                firm_id=credential.claim.firm_id,
                revoked_at=credential.revoked_at,
            )
        )
    return credential


def status_bitstring(status: StatusList) -> status_list.Bitstring:
    bits = status_list.Bitstring(status.size)
    revoked = IssuedCredential.all_objects.filter(status_list=status, revoked_at__isnull=False)
    for index in revoked.values_list("status_index", flat=True):
        bits.set(index)
    return bits


def status_list_document(status: StatusList, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """The signed BitstringStatusListCredential published at the list's stable URL."""
    now = (now or timezone.now()).replace(microsecond=0)
    key = keys.issuer_key_active(organisation=status.organisation)
    body = status_list.status_list_credential(
        list_url=status_list_url(status), issuer=key.did, valid_from=now, bitstring=status_bitstring(status)
    )
    return sign_with(key, body, now=now)
