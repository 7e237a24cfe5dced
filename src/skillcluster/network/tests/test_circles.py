"""Peer circles and placements: who may create them, what they must hold, and a member's view."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from skillcluster.network.models import Circle, Component, EntryKind, Placement
from skillcluster.network.services.circles import check_circle_create, check_placement_record, members_from_lines
from skillcluster.network.services.log import check_entry_add
from skillcluster.network.tests.conftest import AUDITOR, EMPLOYEE, MANAGER
from skillcluster.tenancy.models import FirmRelation, RelationKind


def test_members_are_read_one_e_mail_per_line_and_an_unknown_line_is_named(world, pair):
    text = f"{world.employee.email}\n\n{pair.mentor.email}\nnobody@example.org\n{world.outsider.email}"
    with pytest.raises(ValidationError) as error:
        members_from_lines(world.cluster, text)
    assert error.value.message_dict == {"members": [
        "Line 4: 'nobody@example.org' works in no firm of Fermo Footwear.",
        "Line 5: 'outsider@example.org' works in no firm of Fermo Footwear.",
    ]}  # fmt: skip


def test_a_circle_spans_firms_never_rivals_and_its_log_is_shared_among_members(world, pair, client_for):
    members = members_from_lines(world.cluster, "\n".join(
        p.email for p in (world.employee, world.owner, pair.mentor)))  # fmt: skip
    with pytest.raises(ValidationError, match="Only the cluster manager"):
        check_circle_create(access=AUDITOR, cluster=world.cluster,
                            theme="Marketing", skills=[pair.skill], members=members, actor=world.owner)  # fmt: skip
    with pytest.raises(ValidationError) as error:
        check_circle_create(access=MANAGER, cluster=world.cluster, theme=" ", skills=[], members=members[:2],
                            actor=world.cluster_manager)  # fmt: skip
    assert set(error.value.message_dict) == {"theme", "skills", "members"}
    FirmRelation.all_objects.create(firm=pair.other, other=world.firm, kind=RelationKind.COMPETITOR)
    with pytest.raises(ValidationError, match=r"declared Calzaturificio Rossi S\.r\.l\. a competitor"):
        check_circle_create(access=MANAGER, cluster=world.cluster, theme="Marketing", skills=[pair.skill],
                            members=members, actor=world.cluster_manager)  # fmt: skip
    FirmRelation.all_objects.all().delete()
    circle = check_circle_create(access=MANAGER, cluster=world.cluster, theme="Marketing circle",
                                 skills=[pair.skill], members=members, actor=world.cluster_manager)  # fmt: skip
    check_entry_add(access=EMPLOYEE, firm=world.firm, person=world.employee, kind=EntryKind.CIRCLE,
                    component=Component.INFORMATION, happened_on=timezone.localdate(), minutes=120,
                    practised="Compared three web shops", circle=circle)  # fmt: skip
    url = reverse("network_circle", args=[circle.pk])
    assert "Compared three web shops" in client_for(pair.mentor).get(url).content.decode()
    assert client_for(world.manager).get(url).status_code == 404  # not a member
    assert Circle.all_objects.count() == 1


def test_a_placement_is_between_two_firms_for_1_to_90_days_and_its_guest_logs_the_days(world, pair):
    host, guest = (pair.mentor, pair.other), (world.employee, world.firm)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        check_placement_record(access=MANAGER, cluster=world.cluster, kind="shadowing", host=host, guest=host,
                               starts_on=today + dt.timedelta(days=400), days=120, skills=[pair.skill],
                               actor=world.cluster_manager)  # fmt: skip
    assert error.value.message_dict == {
        "guest": ["Host and guest work in different firms: a placement is between firms."],
        "starts_on": ["Give a start date within a year of today."],
        "days": ["From 1 to 90 days; got 120."],
    }
    placement = check_placement_record(access=MANAGER, cluster=world.cluster, kind="shadowing", host=host,
                                       guest=guest, starts_on=today, days=3, skills=[pair.skill],
                                       actor=world.cluster_manager)  # fmt: skip
    with pytest.raises(ValidationError, match="one you were the guest of"):
        check_entry_add(access=EMPLOYEE, firm=world.firm, person=world.manager, kind=EntryKind.SHADOWING,
                        component=Component.COMPETENCE, happened_on=today, minutes=480, practised="Cut soles",
                        placement=placement)  # fmt: skip
    entry = check_entry_add(access=EMPLOYEE, firm=world.firm, person=world.employee, kind=EntryKind.SHADOWING,
                            component=Component.COMPETENCE, happened_on=today, minutes=480, practised="Cut soles",
                            placement=placement)  # fmt: skip
    assert [s.pk for s in entry.skills.all()] == [pair.skill.pk]
    assert Placement.all_objects.get().host == pair.mentor


def test_the_manager_s_page_creates_a_circle_and_names_a_bad_line(world, pair, client_for):
    url = reverse("network_circles", args=[world.cluster.pk])
    form = {"form": "circle", "theme": "Marketing", "skills": [pair.skill.pk], "members": "ghost@example.org"}
    bad = client_for(world.cluster_manager).post(url, form)
    assert bad.status_code == 400
    assert "Line 1: &#x27;ghost@example.org&#x27; works in no firm" in bad.content.decode()
    members = "\n".join(p.email for p in (world.employee, world.owner, pair.mentor))
    made = client_for(world.cluster_manager).post(url, {"form": "circle", "theme": "Marketing",
                                                        "skills": [pair.skill.pk], "members": members})  # fmt: skip
    assert made.status_code == 302
    assert Circle.all_objects.get().members.count() == 3
    assert client_for(world.owner).get(url).status_code == 403
