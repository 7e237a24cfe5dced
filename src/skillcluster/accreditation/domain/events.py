"""What the accreditation workflow announces (see `skillcluster.events`). Pure: no Django.

Subscribers learn the facts they need from the event itself: ids, ESCO URIs, the level and the validity,
never the credential document.
"""

from dataclasses import dataclass
from datetime import datetime

from skillcluster.events import DomainEvent


@dataclass(frozen=True)
class CredentialIssued(DomainEvent):
    """A credential naming ESCO skills at a level was issued to a person of a firm."""

    credential_id: str  # "urn:uuid:…", the credential's id
    holder_id: int
    firm_id: int
    skill_uris: tuple[str, ...]
    level: int
    title: str
    issued_by_id: int
    issued_at: datetime
    valid_until: datetime | None  # None: no expiry


@dataclass(frozen=True)
class CredentialRevoked(DomainEvent):
    """An issued credential was revoked: what it states no longer holds."""

    credential_id: str
    holder_id: int
    firm_id: int
    revoked_at: datetime
