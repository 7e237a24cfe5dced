"""Nothing a cluster manager or an owner can read, at any moment of a round, lets them compute the answers of
fewer than five firms (or three colleagues) by subtraction.

The test reads what the identity reads through the API after every single submission, and builds the linear
system of everything published: each figure shown is a sum over a set of firms (mean times n), and the sets
are known here (the first n to answer, as the API's n says). `disclosure.determined_sets` then finds every
small set computable from them. Before disclosure control, "all - micro - small" gave the medium firms, and
two readings one answer apart gave that answer.
"""

from django.utils import timezone

from skillcluster.diagnostics import services
from skillcluster.diagnostics.models import RoundFirm
from skillcluster.diagnostics.selectors import rounds
from skillcluster.diagnostics.tests.conftest import answers_for, submit
from skillcluster.tenancy.domain.disclosure import determined_sets
from skillcluster.tenancy.domain.roles import FirmRole
from skillcluster.tenancy.tests.factories import FirmFactory, MembershipFactory, PersonFactory

# (headcount, start-up) of the firms, in the order their owners answer: mostly micro, a few start-ups,
# three small firms and two medium ones, as in a real district
FIRMS = [(4, False), (6, True), (25, False), (3, False), (120, False), (8, True), (5, False), (30, False),
         (7, False), (2, True), (90, False), (9, False), (40, False), (5, False)]  # fmt: skip


def _group(headcount: int, startup: bool) -> set[str]:
    size = "micro" if headcount < 10 else "small" if headcount < 50 else "medium"
    return {"all", size} | ({"startup"} if startup else set())


def test_no_small_group_of_firms_is_computable_from_the_cluster_figures(world, diag_round, client_for):
    year = timezone.localdate().year
    firms = []
    for index, (headcount, startup) in enumerate(FIRMS):
        firm = FirmFactory(cluster=world.cluster, headcount=headcount, founding_year=year - 2 if startup else 1990)
        RoundFirm.objects.create(round=diag_round, firm=firm, pseudonym=f"F{700 + index}")
        firms.append((firm, _group(headcount, startup)))
    url = f"/api/v1/clusters/{world.cluster.pk}/diagnostic-rounds/{diag_round.pk}/aggregates"
    manager = client_for(world.cluster_manager)
    family = []

    def read() -> None:
        body = manager.get(url).json()
        groups = {g["group"]: g for g in body["groups"]}
        counted = [firm.pk for firm, _ in firms[: groups["all"]["n_firms"]]]
        for code, group in groups.items():
            if group["scale_means"] is not None or group["learning_types"] is not None:
                family.append(frozenset(pk for pk, (_, codes) in zip(counted, firms, strict=False) if code in codes))

    for index, (firm, _) in enumerate(firms):
        owner = PersonFactory()
        MembershipFactory(person=owner, firm=firm, role=FirmRole.OWNER)
        submit(diag_round, firm, owner, answers_for(25 * (index % 5)))
        read()
    services.round_close(diagnostic_round=diag_round)
    read()
    assert family, "the figures were shown at some point"
    assert determined_sets(family, below=5) == []


def test_an_owner_never_reads_one_colleague_by_difference(world, diag_round, client_for):
    submit(diag_round, world.firm, world.owner, answers_for(75))
    url = f"/api/v1/firms/{world.firm.pk}/diagnostic-rounds/{diag_round.pk}/profile"
    owner = client_for(world.owner)
    colleagues, family = [], []
    for index in range(8):
        person = PersonFactory()
        MembershipFactory(person=person, firm=world.firm, role=FirmRole.EMPLOYEE)
        submit(diag_round, world.firm, person, answers_for(25 * (index % 5), "staff"), form="staff")
        colleagues.append(person.pk)
        gaps = owner.get(url).json()["gaps"]
        if gaps:
            n_staff = next(iter(gaps.values()))["n_staff"]
            family.append(frozenset(colleagues[:n_staff]))
    assert family
    assert determined_sets(family, below=3) == []


def test_the_round_answers_wait_for_a_batch_before_they_count(world, diag_round):
    """What the rule means on the page: four owners answered, nobody's answers show yet."""
    for headcount in (4, 5, 6, 7):
        firm = FirmFactory(cluster=world.cluster, headcount=headcount)
        owner = PersonFactory()
        MembershipFactory(person=owner, firm=firm, role=FirmRole.OWNER)
        submit(diag_round, firm, owner, answers_for(50))
    assert rounds.pending_counts(diag_round) == {"owner": 4, "staff": 0}
