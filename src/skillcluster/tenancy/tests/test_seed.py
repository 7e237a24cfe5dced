import pytest
from django.core.management import call_command

from skillcluster.tenancy.models import Cluster, Firm, Membership, Person

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Cluster.all_objects.count(),
        Firm.all_objects.count(),
        Membership.all_objects.count(),
        Person.objects.count(),
    )


def test_seed_is_idempotent_and_mostly_micro(monkeypatch):
    from skillcluster.seeding import seed_steps
    from skillcluster.tenancy.management.commands import seed as command

    # Only the tenancy step: other contexts' seeds have tests of their own.
    tenancy_only = [step for step in seed_steps() if step[0] == "tenancy"]
    monkeypatch.setattr(command, "seed_steps", lambda: tenancy_only)
    call_command("seed", firms=30, seed=7)
    first = _counts()
    call_command("seed", firms=30, seed=7)
    assert _counts() == first
    sizes = list(Firm.all_objects.filter(cluster__name__startswith="Fermo").values_list("size_class", flat=True))
    assert len(sizes) == 30
    assert sizes.count("micro") > sizes.count("small") > sizes.count("medium")
    assert Person.objects.filter(email="owner@skillcluster.demo").count() == 1


def test_demo_firms_are_deterministic_per_seed():
    import random

    from skillcluster.tenancy.domain.demo_data import FOOTWEAR, demo_firms

    first = demo_firms(random.Random(3), FOOTWEAR, 10, current_year=2026)
    again = demo_firms(random.Random(3), FOOTWEAR, 10, current_year=2026)
    other = demo_firms(random.Random(4), FOOTWEAR, 10, current_year=2026)
    assert first == again
    assert first != other
