"""Writes of peer circles and of job shadowing and expert placements, both recorded by the cluster manager.
Members, hosts and guests must work in firms of the cluster; declared competitors never share a circle or a
placement (the same rule as in mentoring and in pooled rooms)."""

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from skillcluster.network.domain.log import MAX_SKILLS
from skillcluster.network.domain.permissions import NetworkPerm
from skillcluster.network.models import Circle, CircleMember, Placement, PlacementKind
from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.domain.permissions import Access
from skillcluster.tenancy.models import Cluster, Firm, FirmRelation, Membership, Person, RelationKind

MIN_MEMBERS, MAX_MEMBERS = 3, 12
MAX_DAYS = 90


def _rivals(firm_ids: set[int]) -> tuple[Firm, Firm] | None:
    relation = (
        FirmRelation.all_objects.filter(kind=RelationKind.COMPETITOR, firm_id__in=firm_ids, other_id__in=firm_ids)
        .select_related("firm", "other")
        .first()
    )
    return (relation.firm, relation.other) if relation else None


def members_from_lines(cluster: Cluster, text: str) -> list[tuple[Person, Firm]]:
    """One e-mail per line → (person, their firm in the cluster); an unknown line is named."""
    found, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        email = line.strip()
        if not email:
            continue
        membership = (
            Membership.all_objects.filter(
                person__email__iexact=email, firm__cluster=cluster, firm__left_at__isnull=True
            )
            .select_related("person", "firm")
            .first()
        )
        if membership is None:
            errors.append(
                gettext("Line %(line)d: '%(email)s' works in no firm of %(cluster)s.")
                % {"line": number, "email": email, "cluster": cluster.name}
            )
        else:
            found.append((membership.person, membership.firm))
    if errors:
        raise ValidationError({"members": errors})
    return found


def check_circle_create(
    *, access: Access, cluster: Cluster, theme: str, skills: Sequence[Skill], members: Sequence[tuple[Person, Firm]],
    actor: Person,
) -> Circle:  # fmt: skip
    if not access.has(NetworkPerm.MATCH):
        raise ValidationError(gettext("Only the cluster manager creates peer circles."))
    errors: dict[str, str] = {}
    if not theme.strip() or len(theme.strip()) > 120:
        errors["theme"] = gettext("Name the circle's theme (at most 120 characters).")
    if not 1 <= len(skills) <= MAX_SKILLS:
        errors["skills"] = gettext("Name 1 to %(most)d ESCO skills the circle works on; got %(got)d.") % {
            "most": MAX_SKILLS, "got": len(skills)}  # fmt: skip
    people = {person.pk: (person, firm) for person, firm in members}
    if not MIN_MEMBERS <= len(people) <= MAX_MEMBERS:
        errors["members"] = gettext("A circle has %(least)d to %(most)d members; got %(got)d.") % {
            "least": MIN_MEMBERS, "most": MAX_MEMBERS, "got": len(people)}  # fmt: skip
    elif len({firm.pk for _, firm in people.values()}) < 2:
        errors["members"] = gettext("A circle brings people of at least two firms together.")
    elif rivals := _rivals({firm.pk for _, firm in people.values()}):
        errors["members"] = gettext("%(firm)s declared %(other)s a competitor: they are never in one circle.") % {
            "firm": rivals[0], "other": rivals[1]}  # fmt: skip
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        circle = Circle.all_objects.create(cluster=cluster, theme=theme.strip(), created_by=actor)
        circle.skills.set(skills)
        CircleMember.objects.bulk_create(CircleMember(circle=circle, person=p, firm=f) for p, f in people.values())
    return circle


def check_placement_record(
    *, access: Access, cluster: Cluster, kind: str, host: tuple[Person, Firm], guest: tuple[Person, Firm],
    starts_on: dt.date | None, days: int | None, skills: Sequence[Skill], actor: Person,
) -> Placement:  # fmt: skip
    if not access.has(NetworkPerm.MATCH):
        raise ValidationError(gettext("Only the cluster manager records placements."))
    errors: dict[str, str] = {}
    if kind not in PlacementKind.values:
        errors["kind"] = gettext("Choose one of: %(choices)s.") % {"choices": ", ".join(PlacementKind.values)}
    if host[1].pk == guest[1].pk:
        errors["guest"] = gettext("Host and guest work in different firms: a placement is between firms.")
    elif rivals := _rivals({host[1].pk, guest[1].pk}):
        errors["guest"] = gettext("%(firm)s declared %(other)s a competitor: no placement between them.") % {
            "firm": rivals[0], "other": rivals[1]}  # fmt: skip
    today = timezone.localdate()
    if starts_on is None or not today - dt.timedelta(days=366) <= starts_on <= today + dt.timedelta(days=366):
        errors["starts_on"] = gettext("Give a start date within a year of today.")
    if days is None or not 1 <= days <= MAX_DAYS:
        errors["days"] = (
            gettext("From 1 to %(most)d days; got nothing.") % {"most": MAX_DAYS}
            if days is None
            else gettext("From 1 to %(most)d days; got %(got)d.") % {"most": MAX_DAYS, "got": days}
        )
    if not 1 <= len(skills) <= MAX_SKILLS:
        errors["skills"] = gettext("Name 1 to %(most)d ESCO skills; got %(got)d.") % {
            "most": MAX_SKILLS,
            "got": len(skills),
        }
    if errors or starts_on is None or days is None:  # each named above
        raise ValidationError(errors)
    with transaction.atomic():
        placement = Placement.all_objects.create(
            cluster=cluster, kind=kind, host=host[0], host_firm=host[1], guest=guest[0], guest_firm=guest[1],
            starts_on=starts_on, days=days, recorded_by=actor,
        )  # fmt: skip
        placement.skills.set(skills)
    return placement


def circle_close(*, circle: Circle) -> Circle:
    circle.closed_at = circle.closed_at or timezone.now()
    circle.save(update_fields=["closed_at"])
    return circle
