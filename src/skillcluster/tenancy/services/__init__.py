"""Writes. Callers have already checked access through the selectors' access helpers.

Each service validates its input and raises `ValidationError` keyed by field, so a form or
the API can show the message next to the field; nothing is written when it raises.
"""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django_scopes import scopes_disabled

from skillcluster.batch import each_or_none
from skillcluster.mail import mail_now
from skillcluster.tenancy.domain.roles import ClusterRoleKind, FirmRole
from skillcluster.tenancy.models import (
    ApiToken,
    Cluster,
    ClusterRole,
    Firm,
    FirmRelation,
    Invitation,
    Membership,
    Person,
    RelationKind,
)
from skillcluster.tenancy.selectors import mail_language
from skillcluster.tenancy.services.audit_log import audit_record

INVITATION_SALT = "skillcluster.invitation"

FIRM_FIELDS = (
    "legal_name",
    "headcount",
    "turnover_eur",
    "balance_sheet_eur",
    "founding_year",
    "nace_code",
    "nuts_code",
)


def _validated_firm(firm: Firm) -> Firm:
    firm.full_clean(exclude=["cluster"], validate_unique=False, validate_constraints=False)
    duplicate = Firm.all_objects.filter(cluster_id=firm.cluster_id, legal_name__iexact=firm.legal_name.strip())
    if duplicate.exclude(pk=firm.pk).exists():
        message = gettext("A firm named '%(name)s' is already in this cluster") % {"name": firm.legal_name}
        raise ValidationError({"legal_name": message})
    return firm


def firm_create(*, cluster: Cluster, **fields: object) -> Firm:
    firm = _validated_firm(Firm(cluster=cluster, **{k: v for k, v in fields.items() if k in FIRM_FIELDS}))
    firm.legal_name = firm.legal_name.strip()
    firm.save()
    return firm


def firm_update(*, firm: Firm, **fields: object) -> Firm:
    changed = [name for name in FIRM_FIELDS if name in fields]
    # Validate a copy: a refused change must leave the caller's object (and the database) as it was.
    candidate = Firm.all_objects.get(pk=firm.pk)
    for name in changed:
        setattr(candidate, name, fields[name])
    _validated_firm(candidate)
    candidate.save(update_fields=changed)
    return candidate


@transaction.atomic
def firm_create_with_owner_invitation(
    *, cluster: Cluster, invited_by: Person, owner_email: str, **fields: object
) -> tuple[Firm, Invitation]:
    firm = firm_create(cluster=cluster, **fields)
    invitation = invitation_create(
        email=owner_email, cluster=cluster, firm=firm, firm_role=FirmRole.OWNER, invited_by=invited_by
    )
    return firm, invitation


def invitation_create(
    *,
    email: str,
    cluster: Cluster,
    invited_by: Person,
    firm: Firm | None = None,
    firm_role: FirmRole | None = None,
    cluster_role: ClusterRoleKind | None = None,
) -> Invitation:
    address = email.strip().lower()
    invitation = Invitation(
        email=address,
        cluster=cluster,
        firm=firm,
        firm_role=firm_role or "",
        cluster_role=cluster_role or "",
        invited_by=invited_by,
    )
    invitation.full_clean(exclude=["cluster", "firm", "invited_by", "accepted_by"])
    _refuse_duplicate_invitation(invitation)
    invitation.save()
    transaction.on_commit(lambda: invitation_send(invitation=invitation))
    return invitation


@transaction.atomic
def invitations_create(*, emails: list[str], firm: Firm, firm_role: FirmRole, invited_by: Person) -> list[Invitation]:
    """One invitation per address to `firm`, all or none: every refused address is named in one error."""
    return each_or_none(
        emails,
        lambda email: invitation_create(
            email=email, cluster=firm.cluster, firm=firm, firm_role=firm_role, invited_by=invited_by
        ),
        field="emails",
        advice=gettext("Nobody was invited: remove or correct these and send again."),
    )


def _refuse_duplicate_invitation(invitation: Invitation) -> None:
    with scopes_disabled():
        if invitation.firm is not None:
            if Membership.objects.filter(firm=invitation.firm, person__email__iexact=invitation.email).exists():
                message = gettext("%(email)s already works in %(firm)s")
                raise ValidationError({"email": message % {"email": invitation.email, "firm": invitation.firm}})
            pending = Invitation.objects.filter(firm=invitation.firm, email=invitation.email, accepted_at__isnull=True)
        else:
            taken = ClusterRole.objects.filter(
                cluster=invitation.cluster, role=invitation.cluster_role, person__email__iexact=invitation.email
            )
            if taken.exists():
                message = gettext("%(email)s already has this role in the cluster")
                raise ValidationError({"email": message % {"email": invitation.email}})
            pending = Invitation.objects.filter(
                cluster=invitation.cluster, cluster_role=invitation.cluster_role, email=invitation.email
            ).filter(accepted_at__isnull=True)
        if pending.filter(created_at__gte=timezone.now() - _max_age()).exists():
            message = gettext("%(email)s already has a pending invitation here")
            raise ValidationError({"email": message % {"email": invitation.email}})


def _max_age() -> dt.timedelta:
    return dt.timedelta(days=settings.INVITATION_MAX_AGE_DAYS)


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(str(invitation.nonce), salt=INVITATION_SALT)


def invitation_url(invitation: Invitation) -> str:
    return settings.SITE_URL + reverse("invitation_accept", args=[invitation_token(invitation)])


def invitation_send(*, invitation: Invitation) -> None:
    """The invitation e-mail, in the language of the person invited: their own choice when they already have an
    account, else their cluster's."""
    context = {"invitation": invitation, "url": invitation_url(invitation), "days": settings.INVITATION_MAX_AGE_DAYS}
    target = invitation.firm or invitation.cluster
    with translation.override(_invitee_language(invitation)):
        subject = gettext("You are invited to join %(place)s on Skillcluster") % {"place": target}
        message = render_to_string("tenancy/email/invitation.txt", context)
    mail_now(subject=subject, message=message, recipients=[invitation.email])


def _invitee_language(invitation: Invitation) -> str:
    chosen = Person.objects.filter(email__iexact=invitation.email).values_list("language", flat=True).first()
    return mail_language(chosen or "", invitation.cluster)


def invitation_from_token(token: str) -> Invitation:
    """The pending invitation a link names; `ValidationError` says why a link cannot be used."""
    try:
        nonce = signing.loads(token, salt=INVITATION_SALT, max_age=_max_age())
    except signing.SignatureExpired:
        days = settings.INVITATION_MAX_AGE_DAYS
        raise ValidationError(
            ngettext(
                "This invitation link has expired (links are valid for %(days)d day). "
                "Ask the person who invited you for a new one.",
                "This invitation link has expired (links are valid for %(days)d days). "
                "Ask the person who invited you for a new one.",
                days,
            )
            % {"days": days}
        ) from None
    except signing.BadSignature:
        raise ValidationError(
            gettext("This invitation link is not valid. Check that you copied the whole link.")
        ) from None
    with scopes_disabled():
        invitation = Invitation.objects.select_related("firm", "cluster").filter(nonce=nonce).first()
    if invitation is None:
        raise ValidationError(gettext("This invitation was withdrawn."))
    if invitation.is_accepted:
        raise ValidationError(gettext("This invitation link was already used. Log in instead."))
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, person: Person) -> Invitation:
    """Join the firm or cluster the invitation names, once; the link is then spent."""
    invitation = invitation_from_token(token)
    if person.email.lower() != invitation.email.lower():
        message = gettext("This invitation was sent to %(invited)s; you are logged in as %(email)s.")
        raise ValidationError(message % {"invited": invitation.email, "email": person.email})
    with scopes_disabled():
        # select_for_update + the accepted_at check make a double click or a replayed link a no-op.
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at is not None:
            raise ValidationError(gettext("This invitation link was already used. Log in instead."))
        _grant(locked, person)
        locked.accepted_at = timezone.now()
        locked.accepted_by = person
        locked.save(update_fields=["accepted_at", "accepted_by"])
    return locked


def _grant(invitation: Invitation, person: Person) -> None:
    if invitation.firm_id is not None:
        Membership.objects.update_or_create(
            person=person, firm_id=invitation.firm_id, defaults={"role": invitation.firm_role}
        )
    else:
        ClusterRole.objects.get_or_create(person=person, cluster=invitation.cluster, role=invitation.cluster_role)


@transaction.atomic
def person_register_from_invitation(*, token: str, full_name: str, password: str) -> Person:
    """Create the invited person's account and accept the invitation in one step."""
    invitation = invitation_from_token(token)
    taken = gettext("%(email)s already has an account: log in to accept.") % {"email": invitation.email}
    if Person.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError({"email": taken})
    person = Person(email=invitation.email, full_name=full_name.strip())
    person.full_clean(exclude=["password"])
    validate_password(password, person)
    person.set_password(password)
    try:
        person.save()
    except IntegrityError:
        raise ValidationError({"email": taken}) from None
    invitation_accept(token=token, person=person)
    return person


def membership_set_role(*, membership: Membership, role: FirmRole, by: Person | None = None) -> Membership:
    if membership.role == FirmRole.OWNER and role != FirmRole.OWNER:
        owners = Membership.objects.filter(firm_id=membership.firm_id, role=FirmRole.OWNER).count()
        if owners == 1:
            raise ValidationError({"role": gettext("A firm needs at least one owner: make someone else owner first")})
    if membership.role != role:
        subject = f"{membership.person}: {membership.role} → {role.value}"  # the audit log keeps English
        audit_record("membership.role_changed", actor=by, firm=membership.firm, subject=subject)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


def firm_relations_set(*, firm: Firm, kind: RelationKind, others: Iterable[Firm]) -> list[FirmRelation]:
    """Make the firm's declared relations of ``kind`` exactly ``others`` (firms of its own cluster)."""
    wanted = {other.pk: other for other in others}
    strangers = sorted(o.legal_name for o in wanted.values() if o.cluster_id != firm.cluster_id)
    if strangers:
        message = gettext("Not firms of %(cluster)s: %(names)s")
        raise ValidationError({"others": message % {"cluster": firm.cluster, "names": ", ".join(strangers)}})
    if firm.pk in wanted:
        raise ValidationError({"others": gettext("A firm is not its own competitor or customer.")})
    with transaction.atomic():
        FirmRelation.all_objects.filter(firm=firm, kind=kind).exclude(other_id__in=wanted).delete()
        have = set(FirmRelation.all_objects.filter(firm=firm, kind=kind).values_list("other_id", flat=True))
        FirmRelation.all_objects.bulk_create(
            FirmRelation(firm=firm, other_id=pk, kind=kind) for pk in sorted(set(wanted) - have)
        )
    return list(FirmRelation.all_objects.filter(firm=firm, kind=kind).select_related("other"))


def person_update(*, person: Person, full_name: str, language: str | None = None) -> Person:
    """Name and, when given, the language the person reads pages and e-mails in ("" follows the browser)."""
    person.full_name = full_name.strip()
    if language is not None:
        person.language = language
    person.full_clean(exclude=["password"])
    person.save(update_fields=["full_name", "language"])
    return person


def cluster_set_language(*, cluster: Cluster, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        offered = ", ".join(code for code, _ in settings.LANGUAGES)
        raise ValidationError({"language": gettext("Choose one of %(offered)s.") % {"offered": offered}})
    cluster.language = language
    cluster.save(update_fields=["language"])


def person_choose_language(*, person: Person, language: str) -> None:
    """The language picked in the page header; one not offered is no choice (English by fallback)."""
    person.language = language if language in dict(settings.LANGUAGES) else ""
    person.save(update_fields=["language"])


def api_token_create(*, person: Person, name: str) -> tuple[ApiToken, str]:
    """A new token and its secret; the secret is returned once and never stored."""
    if not name.strip():
        raise ValidationError({"name": gettext("Give the token a name, e.g. the script that will use it")})
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(
        person=person, name=name.strip()[:100], key_hash=ApiToken.hash_secret(secret), hint=secret[:10]
    )
    return token, secret


def api_token_revoke(*, person: Person, token_id: int) -> ApiToken:
    token = ApiToken.objects.filter(pk=token_id, person=person).first()
    if token is None:
        raise Http404("No such token")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
