"""Tenancy endpoints: the same objects as the pages, through the same access helpers and services."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema, Status
from pydantic import EmailStr, Field

from skillcluster.tenancy import selectors, services
from skillcluster.tenancy.domain.permissions import Access, TenancyPerm
from skillcluster.tenancy.domain.roles import FirmRole
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.models import Cluster, Firm, Invitation

router = Router(tags=["tenancy"])


class PersonOut(Schema):
    id: int
    email: str
    full_name: str


class MembershipOut(Schema):
    id: int
    firm_id: int
    person: PersonOut
    role: str
    job_title: str


class ClusterOut(Schema):
    id: int
    name: str
    support_organisation: str
    nace_sectors: list[str]
    nuts_region: str
    cluster_type: str
    description: str

    @staticmethod
    def resolve_support_organisation(obj: Cluster) -> str:
        return str(obj.support_organisation)


class FirmOut(Schema):
    id: int
    cluster_id: int
    legal_name: str
    headcount: int
    turnover_eur: int | None
    balance_sheet_eur: int | None
    size_class: str
    founding_year: int | None
    is_startup: bool
    nace_code: str
    nuts_code: str


class FirmIn(Schema):
    legal_name: str = Field(min_length=1, max_length=200)
    headcount: int = Field(ge=0)
    turnover_eur: int | None = Field(default=None, ge=0)
    balance_sheet_eur: int | None = Field(default=None, ge=0)
    founding_year: int | None = Field(default=None, ge=1800, le=2100)
    nace_code: str
    nuts_code: str


class FirmCreateIn(FirmIn):
    owner_email: EmailStr


class FirmPatchIn(Schema):
    legal_name: str | None = Field(default=None, min_length=1, max_length=200)
    headcount: int | None = Field(default=None, ge=0)
    turnover_eur: int | None = Field(default=None, ge=0)
    balance_sheet_eur: int | None = Field(default=None, ge=0)
    founding_year: int | None = Field(default=None, ge=1800, le=2100)
    nace_code: str | None = None
    nuts_code: str | None = None


class InvitationIn(Schema):
    email: EmailStr
    role: FirmRole = FirmRole.EMPLOYEE


class InvitationOut(Schema):
    id: int
    email: str
    firm_id: int | None
    role: str
    created_at: datetime
    accepted_at: datetime | None

    @staticmethod
    def resolve_role(obj: Invitation) -> str:
        return obj.firm_role or obj.cluster_role


class MemberRoleIn(Schema):
    role: FirmRole


class MeOut(Schema):
    person: PersonOut
    memberships: list[MembershipOut]
    cluster_roles: list[dict[str, object]]


@router.get("/me", response=MeOut)
def me(request: PersonRequest) -> dict[str, object]:
    user = request.user
    roles = [{"cluster_id": r.cluster_id, "role": r.role} for r in selectors.cluster_roles_for_person(user)]
    return {"person": user, "memberships": list(selectors.firm_list_for_person(user)), "cluster_roles": roles}


@router.get("/clusters", response=list[ClusterOut])
def cluster_list(request: PersonRequest) -> object:
    return selectors.cluster_list_for_user(request.user)


@router.get("/clusters/{cluster_id}", response=ClusterOut)
def cluster_get(request: PersonRequest, cluster_id: int) -> object:
    return selectors.cluster_get_for_user(request.user, cluster_id)[0]


def _firm_out(firm: Firm, access: Access | None) -> FirmOut:
    """The firm as the caller may see it: turnover and balance sheet only for its own people."""
    out = FirmOut.from_orm(firm)
    if access is None or not access.has(TenancyPerm.FIRM_VIEW_FINANCIALS):
        out.turnover_eur = out.balance_sheet_eur = None
    return out


@router.get("/clusters/{cluster_id}/firms", response=list[FirmOut])
def cluster_firms(request: PersonRequest, cluster_id: int) -> object:
    cluster, _ = selectors.cluster_get_for_user(request.user, cluster_id, perm=TenancyPerm.CLUSTER_VIEW_AGGREGATES)
    return [_firm_out(firm, None) for firm in selectors.firm_list_for_cluster(cluster)]


@router.post("/clusters/{cluster_id}/firms", response={201: FirmOut})
def cluster_firm_create(request: PersonRequest, cluster_id: int, payload: FirmCreateIn) -> object:
    user = request.user
    cluster, _ = selectors.cluster_get_for_user(user, cluster_id, perm=TenancyPerm.CLUSTER_INVITE_FIRMS)
    data = payload.dict()
    owner_email = data.pop("owner_email")
    firm, _ = services.firm_create_with_owner_invitation(
        cluster=cluster, invited_by=user, owner_email=owner_email, **data
    )
    return Status(201, firm)


@router.get("/firms/{firm_id}", response=FirmOut)
def firm_get(request: PersonRequest, firm_id: int) -> object:
    return _firm_out(*selectors.firm_get_for_user(request.user, firm_id))


@router.patch("/firms/{firm_id}", response=FirmOut)
def firm_patch(request: PersonRequest, firm_id: int, payload: FirmPatchIn) -> object:
    firm, access = selectors.firm_get_for_user(request.user, firm_id, perm=TenancyPerm.FIRM_EDIT)
    return _firm_out(services.firm_update(firm=firm, **payload.dict(exclude_unset=True)), access)


@router.get("/firms/{firm_id}/members", response=list[MembershipOut])
def firm_members(request: PersonRequest, firm_id: int) -> object:
    firm, _ = selectors.firm_get_for_user(request.user, firm_id, perm=TenancyPerm.FIRM_VIEW_PEOPLE)
    return selectors.member_list_for_firm(firm)


@router.patch("/firms/{firm_id}/members/{membership_id}", response=MembershipOut)
def firm_member_role(request: PersonRequest, firm_id: int, membership_id: int, payload: MemberRoleIn) -> object:
    user = request.user
    firm, _ = selectors.firm_get_for_user(user, firm_id, perm=TenancyPerm.FIRM_ASSIGN_ROLES)
    membership = selectors.membership_get_for_user(user, firm, membership_id)
    return services.membership_set_role(membership=membership, role=payload.role, by=request.user)


@router.get("/firms/{firm_id}/invitations", response=list[InvitationOut])
def firm_invitations(request: PersonRequest, firm_id: int) -> object:
    firm, _ = selectors.firm_get_for_user(request.user, firm_id, perm=TenancyPerm.FIRM_INVITE)
    return selectors.invitation_list_for_firm(firm)


@router.post("/firms/{firm_id}/invitations", response={201: InvitationOut})
def firm_invite(request: PersonRequest, firm_id: int, payload: InvitationIn) -> object:
    user = request.user
    firm, access = selectors.firm_get_for_user(user, firm_id, perm=TenancyPerm.FIRM_INVITE)
    if payload.role != FirmRole.EMPLOYEE and not access.has(TenancyPerm.FIRM_ASSIGN_ROLES):
        raise PermissionDenied("Only an owner can invite owners and managers")
    invitation = services.invitation_create(
        email=payload.email, cluster=firm.cluster, firm=firm, firm_role=payload.role, invited_by=user
    )
    return Status(201, invitation)
