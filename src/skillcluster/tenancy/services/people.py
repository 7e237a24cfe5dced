"""People leaving, and people's rights over their data: removal from a firm, deactivation, erasure, export.

Each context keeps personal data of its own (ratings, answers, claims); it registers how to export and how
to erase it (`register_personal_data`, from its AppConfig.ready()), and tenancy runs them all, in one
transaction, then anonymises the person. Erasure keeps the rows that figures and credentials rest on and
takes out what names or describes the person: every cluster figure reads the same afterwards, and the
holder's copy of an issued credential still verifies (signature and status list are untouched).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext

from skillcluster.tenancy.domain.roles import FirmRole
from skillcluster.tenancy.models import ApiToken, ClusterRole, Firm, Invitation, Membership, Person
from skillcluster.tenancy.services.audit_log import audit_record

ERASED_NAME = "Erased person"


@dataclass(frozen=True)
class PersonalData:
    section: str  # the export's key, e.g. "skills_audit"
    export: Callable[[Person], object]  # JSON-ready data about the person
    erase: Callable[[Person], None]  # blank what names or describes the person; keep what figures rest on


PERSONAL_DATA: list[PersonalData] = []


def register_personal_data(
    section: str, *, export: Callable[[Person], object], erase: Callable[[Person], None]
) -> None:
    if all(data.section != section for data in PERSONAL_DATA):
        PERSONAL_DATA.append(PersonalData(section, export, erase))


# A firm's own records, per context (`register_firm_data`): what its owner downloads, e.g. before it leaves.
FIRM_DATA: dict[str, Callable[[Firm], object]] = {}


def register_firm_data(section: str, export: Callable[[Firm], object]) -> None:
    FIRM_DATA.setdefault(section, export)


def firm_export(firm: Firm) -> dict[str, object]:
    """The firm's records as JSON-ready data: its details and people, and each context's records of it. What
    belongs to one of its people alone (their staff answers, their claims) stays in that person's own export."""
    people = Membership.all_objects.filter(firm=firm).select_related("person").order_by("person__full_name")
    return {
        "exported_at": timezone.now().isoformat(),
        "firm": {
            "legal_name": firm.legal_name, "cluster": str(firm.cluster), "size_class": firm.size_class,
            "headcount": firm.headcount, "turnover_eur": firm.turnover_eur, "balance_sheet_eur": firm.balance_sheet_eur,
            "founding_year": firm.founding_year, "nace_code": firm.nace_code, "nuts_code": firm.nuts_code,
            "left_at": firm.left_at.isoformat() if firm.left_at else None,
        },
        "people": [
            {"full_name": m.person.full_name, "email": m.person.email, "role": m.role, "job_title": m.job_title,
             "since": m.joined_at.isoformat()}
            for m in people
        ],
        **{section: export(firm) for section, export in FIRM_DATA.items()},
    }  # fmt: skip


@transaction.atomic
def membership_remove(*, membership: Membership, by: Person) -> None:
    """Take a person out of a firm (a leaver): they lose access at once; what they rated and answered stays
    in the firm's history. The last owner cannot be removed (make someone else owner first)."""
    if membership.role == FirmRole.OWNER:
        owners = Membership.all_objects.select_for_update().filter(firm_id=membership.firm_id, role=FirmRole.OWNER)
        if owners.count() == 1:
            message = gettext("A firm needs at least one owner: make someone else owner first")
            raise ValidationError({"membership": message})
    subject = f"{membership.person} ({membership.role})"  # the audit log keeps English
    audit_record("membership.removed", actor=by, firm=membership.firm, subject=subject)
    membership.delete()


@transaction.atomic
def person_deactivate(*, person: Person, by: Person) -> Person:
    """No more logins, sessions or API tokens for the person; everything else stays as it was."""
    person.is_active = False
    person.save(update_fields=["is_active"])
    ApiToken.objects.filter(person=person, revoked_at__isnull=True).update(revoked_at=timezone.now())
    audit_record("person.deactivated", actor=by, subject=f"person #{person.pk}")
    return person


def person_export(person: Person) -> dict[str, object]:
    """Everything the platform holds about the person, as JSON-ready data (their right of access)."""
    memberships = Membership.all_objects.filter(person=person).select_related("firm")
    roles = ClusterRole.all_objects.filter(person=person).select_related("cluster")
    return {
        "exported_at": timezone.now().isoformat(),
        "person": {"email": person.email, "full_name": person.full_name, "joined": person.date_joined.isoformat()},
        "firms": [
            {"firm": str(m.firm), "role": m.role, "job_title": m.job_title, "since": m.joined_at.isoformat()}
            for m in memberships
        ],
        "cluster_roles": [{"cluster": str(r.cluster), "role": r.role} for r in roles],
        **{data.section: data.export(person) for data in PERSONAL_DATA},
    }


@transaction.atomic
def person_erase(*, person: Person, by: Person | None) -> Person:
    """Erase the person (their right to erasure), all of it or nothing; the log keeps only the person's id."""
    if person.erased_at is not None:
        raise ValidationError({"person": gettext("This person's data were erased already")})
    for data in PERSONAL_DATA:
        data.erase(person)
    original = person.email
    Invitation.all_objects.filter(email__iexact=original).update(email=f"erased-{person.pk}@erased.invalid")
    Membership.all_objects.filter(person=person).update(job_title="")
    ApiToken.objects.filter(person=person).delete()
    person.full_name = ERASED_NAME
    person.email = f"erased-{person.pk}@erased.invalid"
    person.set_unusable_password()
    person.is_active = False
    person.erased_at = timezone.now()
    person.save()
    audit_record("person.erased", actor=by, subject=f"person #{person.pk}")
    return person


@transaction.atomic
def firm_leave(*, firm: Firm, by: Person) -> Firm:
    """The firm leaves the cluster: its people lose access to it at once, pending invitations to it end, and
    it leaves the cluster's lists and new rounds. What it rated and answered stays, so no figure already shown
    changes because it went (each of its people can still be erased on request)."""
    firm = Firm.all_objects.select_for_update().get(pk=firm.pk)
    if firm.left_at is not None:
        message = gettext("%(firm)s left the cluster on %(date)s")
        raise ValidationError({"firm": message % {"firm": firm, "date": formats.date_format(firm.left_at, "d M Y")}})
    firm.left_at = timezone.now()
    firm.save(update_fields=["left_at"])
    Invitation.all_objects.filter(firm=firm, accepted_at__isnull=True).delete()
    people = Membership.all_objects.filter(firm=firm).count()
    audit_record("firm.left", actor=by, firm=firm, subject=f"{firm} ({people} people lose access)")
    return firm
