"""Issuer identities and keys: did:web for a configured domain, did:key in development.

Private keys are encrypted at rest with a Fernet key derived (HKDF-SHA256) from the
`CREDENTIAL_KEY_SECRET` setting, or the environment variable of that name. Outside DEBUG
there is no default: a deployment without the secret stops with a clear message.
"""

import base64
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from skillcluster.accreditation.models import IssuerKey
from skillcluster.accreditation.vc import multibase, signing
from skillcluster.env import ConfigError, env_str
from skillcluster.tenancy.models import SupportOrganisation

_DEBUG_SECRET = "insecure-development-credential-key-only-for-debug"  # noqa: S105 -- DEBUG only


def key_secret() -> str:
    configured = getattr(settings, "CREDENTIAL_KEY_SECRET", None)
    if configured:
        return str(configured)
    return env_str("CREDENTIAL_KEY_SECRET", _DEBUG_SECRET if settings.DEBUG else None)


@cache
def _fernet_for(secret: str) -> Fernet:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"skillcluster", info=b"issuer-private-keys")
    return Fernet(base64.urlsafe_b64encode(hkdf.derive(secret.encode("utf-8"))))


def fernet() -> Fernet:
    return _fernet_for(key_secret())


def did_web_domain() -> str:
    return str(getattr(settings, "CREDENTIAL_DID_WEB_DOMAIN", "") or "")


def issuer_did(public_key: bytes) -> str:
    """did:web:<domain> when a domain is configured, else the did:key of this very key."""
    domain = did_web_domain()
    return signing.did_web(domain) if domain else signing.did_key(public_key)


def _method_for(did: str, organisation: SupportOrganisation, public_key: bytes) -> str:
    if did.startswith("did:key:"):
        return signing.did_key_verification_method(public_key)
    fragment = multibase.encode_public_multikey(public_key)
    return f"{did}#org{organisation.pk}-{fragment[-12:]}"


def issuer_key_create(*, organisation: SupportOrganisation) -> IssuerKey:
    """A new active key for the organisation; its previous active key is retired, never deleted."""
    private_key = signing.generate_private_key()
    public_key = signing.public_key_bytes(private_key)
    did = issuer_did(public_key)
    encrypted = fernet().encrypt(signing.private_key_seed(private_key))
    with transaction.atomic():
        IssuerKey.objects.filter(organisation=organisation, retired_at__isnull=True).update(retired_at=timezone.now())
        return IssuerKey.objects.create(
            organisation=organisation,
            did=did,
            verification_method=_method_for(did, organisation, public_key),
            public_key=public_key,
            private_key_encrypted=encrypted,
        )


def issuer_key_active(*, organisation: SupportOrganisation) -> IssuerKey:
    """The organisation's active key, created on first use."""
    key = IssuerKey.objects.filter(organisation=organisation, retired_at__isnull=True).first()
    return key or issuer_key_create(organisation=organisation)


def private_key_of(key: IssuerKey) -> Ed25519PrivateKey:
    try:
        seed = fernet().decrypt(bytes(key.private_key_encrypted))
    except InvalidToken:
        raise ConfigError(
            "CREDENTIAL_KEY_SECRET does not decrypt the issuer keys: it changed since they were created"
        ) from None
    return signing.private_key_from_seed(seed)


def did_web_document() -> dict[str, object] | None:
    """The DID document of did:web:<domain>: every issuer key ever used under it, or None."""
    domain = did_web_domain()
    if not domain:
        return None
    did = signing.did_web(domain)
    keys = IssuerKey.objects.filter(did=did).order_by("pk")
    return signing.did_document(did, [(key.verification_method, bytes(key.public_key)) for key in keys])
