"""Demo seed step for tenancy: a support organisation, a footwear district of N firms with owners
and staff, a second small cluster, and one login per role."""

from django.contrib.auth.hashers import make_password

from skillcluster.seeding import DEMO_PASSWORD, SeedContext
from skillcluster.tenancy.domain.demo_data import FOOTWEAR, DemoFirm, demo_firms
from skillcluster.tenancy.domain.roles import ClusterRoleKind, FirmRole
from skillcluster.tenancy.models import Cluster, ClusterRole, ClusterType, Firm, Membership, Person, SupportOrganisation

PERSONAS = {
    "manager": ("Cluster manager", "manager@skillcluster.demo", "Elisa Marchetti"),
    "auditor": ("Skills auditor (both clusters)", "auditor@skillcluster.demo", "Tommaso Grilli"),
    "assessor": ("Assessor", "assessor@skillcluster.demo", "Renata Gallo"),
    "owner": ("Firm owner", "owner@skillcluster.demo", None),
    "employee": ("Employee", "employee@skillcluster.demo", None),
}


def seed(ctx: SeedContext) -> None:
    password = make_password(DEMO_PASSWORD)
    cluster = Cluster.all_objects.filter(name=FOOTWEAR.cluster_name).first()
    if cluster is None:
        cluster = _create_district(ctx, password)
        _create_second_cluster(ctx, password)
    else:
        ctx.out(f"Reusing {cluster.name} ({cluster.firms.count()} firms).")
    ctx.shared["cluster"] = cluster
    ctx.logins.extend((label, email) for label, email, _ in PERSONAS.values())


def _create_district(ctx: SeedContext, password: str) -> Cluster:
    agency = SupportOrganisation.objects.create(
        name="Marche Sud Development Agency", country="IT", website="https://example.org/marche-sud"
    )
    cluster = Cluster.all_objects.create(
        name=FOOTWEAR.cluster_name,
        support_organisation=agency,
        nace_sectors=list(FOOTWEAR.nace_sectors),
        nuts_region=FOOTWEAR.nuts_region,
        cluster_type=ClusterType.INDUSTRIAL_DISTRICT,
        language="it",  # e-mails to people who chose no language
        is_demo=True,
        description="Shoe makers, upper and sole makers, leather goods, last makers and machine builders "
        "around Fermo and Macerata: many family firms that compete on quality and co-operate on supplies.",
    )
    staff = {key: _person(email, name, password) for key, (_, email, name) in PERSONAS.items() if name}
    ClusterRole.objects.create(person=staff["manager"], cluster=cluster, role=ClusterRoleKind.MANAGER)
    ClusterRole.objects.create(person=staff["auditor"], cluster=cluster, role=ClusterRoleKind.AUDITOR)
    ClusterRole.objects.create(person=staff["assessor"], cluster=cluster, role=ClusterRoleKind.ASSESSOR)
    firms = demo_firms(ctx.rng("tenancy"), FOOTWEAR, ctx.firm_count, current_year=ctx.current_year)
    persona_firm = next(i for i, f in enumerate(firms) if f.headcount >= 6 and len(f.people) >= 6)
    for index, demo in enumerate(firms):
        _create_firm(cluster, demo, password, personas=index == persona_firm)
    people = Membership.objects.filter(firm__cluster=cluster).count()
    ctx.out(f"Created {cluster.name}: {len(firms)} firms, {people} people.")
    return cluster


def _person(email: str, full_name: str, password: str) -> Person:
    person, _ = Person.objects.get_or_create(email=email, defaults={"full_name": full_name, "password": password})
    return person


def _create_firm(cluster: Cluster, demo: DemoFirm, password: str, *, personas: bool) -> Firm:
    firm = Firm(
        cluster=cluster,
        legal_name=demo.legal_name,
        headcount=demo.headcount,
        turnover_eur=demo.turnover_eur,
        balance_sheet_eur=demo.balance_sheet_eur,
        founding_year=demo.founding_year,
        nace_code=demo.nace_code,
        nuts_code=demo.nuts_code,
    )
    firm.save()
    for index, demo_person in enumerate(demo.people):
        email = demo_person.email
        if personas and index in (0, 1):
            email = PERSONAS["owner" if index == 0 else "employee"][1]
        person = _person(email, demo_person.full_name, password)
        role = (
            FirmRole.OWNER
            if index == 0
            else FirmRole.MANAGER
            if index == 1 and demo.headcount >= 25
            else FirmRole.EMPLOYEE
        )
        if personas and index == 1:
            role = FirmRole.EMPLOYEE
        Membership.objects.create(person=person, firm=firm, role=role, job_title=demo_person.job_title)
    return firm


def _create_second_cluster(ctx: SeedContext, password: str) -> None:
    """A small second cluster: the auditor works for both, so a person belongs to several clusters."""
    agency = SupportOrganisation.objects.create(name="Business Upper Austria Network", country="AT")
    cluster = Cluster.all_objects.create(
        name="Linz Plastics Suppliers Network",
        support_organisation=agency,
        is_demo=True,
        nace_sectors=["22.2"],
        nuts_region="AT312",
        cluster_type=ClusterType.HUB_AND_SPOKE,
        language="de",
        description="Injection moulders and tool makers supplying two large automotive buyers.",
    )
    auditor = Person.objects.get(email=PERSONAS["auditor"][1])
    ClusterRole.objects.create(person=auditor, cluster=cluster, role=ClusterRoleKind.AUDITOR)
    names = ["Kunststofftechnik Huber GmbH", "Formenbau Leitner GmbH", "Spritzguss Mayr KG"]
    for index, name in enumerate(names):
        firm = Firm.all_objects.create(
            cluster=cluster,
            legal_name=name,
            headcount=8 + 11 * index,
            founding_year=1990 + 7 * index,
            nace_code="22.29",
            nuts_code="AT312",
        )
        owner = _person(f"owner{index + 1}@{name.split()[0].lower()}.at", f"Owner {name.split()[1]}", password)
        Membership.objects.create(person=owner, firm=firm, role=FirmRole.OWNER, job_title="Managing director")
