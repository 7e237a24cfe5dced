"""Peer circles and placements: the cluster manager creates circles and records job shadowing and expert
placements; a circle's members see its members and its shared log."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet, Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from skillcluster.audits.models import RoleRequirement, SkillLevel
from skillcluster.network.domain import log as log_rules
from skillcluster.network.domain.mentors import MENTOR_LEVEL
from skillcluster.network.domain.permissions import NetworkPerm
from skillcluster.network.forms import CircleForm, PlacementForm
from skillcluster.network.models import Circle, Placement
from skillcluster.network.selectors import log as selectors
from skillcluster.network.services import circles as services
from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.models import Cluster, Firm, Person
from skillcluster.tenancy.selectors import cluster_get_for_user
from skillcluster.web import apply_errors


def _skills(cluster: Cluster) -> QuerySet[Skill]:
    """Skills the cluster's roles ask for or its people hold at the mentoring level."""
    asked = RoleRequirement.all_objects.filter(role__firm__cluster=cluster).values("skill_id")
    held = SkillLevel.all_objects.filter(firm__cluster=cluster, level__gte=MENTOR_LEVEL).values("skill_id")
    return Skill.objects.filter(pk__in=asked.union(held)).order_by("preferred_label")


@login_required
def circles_page(request: PersonRequest, cluster_id: int) -> HttpResponse:
    cluster, access = cluster_get_for_user(request.user, cluster_id, perm=NetworkPerm.MATCH)
    skills = _skills(cluster)
    which = request.POST.get("form") if request.method == "POST" else None
    circle_form = CircleForm(request.POST if which == "circle" else None, skills=skills)
    placement_form = PlacementForm(request.POST if which == "placement" else None, skills=skills)
    if which == "circle" and circle_form.is_valid():
        data = circle_form.cleaned_data
        try:
            members = services.members_from_lines(cluster, data["members"])
            circle = services.check_circle_create(
                access=access,
                cluster=cluster,
                theme=data["theme"],
                skills=list(data["skills"]),
                members=members,
                actor=request.user,
            )
        except ValidationError as error:
            apply_errors(circle_form, error)
        else:
            messages.success(
                request,
                gettext("The circle “%(theme)s” is created; its members see it on their page.")
                % {"theme": circle.theme},
            )
            return redirect("network_circles", cluster.pk)
    if which == "placement" and placement_form.is_valid():
        data = placement_form.cleaned_data
        try:
            host, guest = _one(cluster, data["host"], "host"), _one(cluster, data["guest"], "guest")
            services.check_placement_record(access=access, cluster=cluster, kind=data["kind"], host=host,
                                            guest=guest, starts_on=data["starts_on"], days=data["days"],
                                            skills=list(data["skills"]), actor=request.user)  # fmt: skip
        except ValidationError as error:
            apply_errors(placement_form, error)
        else:
            messages.success(
                request, gettext("The placement is recorded; the guest logs its days in their learning log.")
            )
            return redirect("network_circles", cluster.pk)
    context = {
        "cluster": cluster, "access": access, "circle_form": circle_form, "placement_form": placement_form,
        "circles": Circle.all_objects.filter(cluster=cluster).annotate(
            people=Count("members", distinct=True), firms=Count("members__firm", distinct=True),
            meetings=Count("log", distinct=True)).prefetch_related("skills"),
        "placements": Placement.all_objects.filter(cluster=cluster).select_related(
            "host", "guest", "host_firm", "guest_firm").prefetch_related("skills"),
    }  # fmt: skip
    failed = circle_form.errors or placement_form.errors
    return render(request, "network/circles.html", context, status=400 if failed else 200)


def _one(cluster: Cluster, text: str, field: str) -> tuple[Person, Firm]:
    try:
        found = services.members_from_lines(cluster, text)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    if len(found) != 1:
        raise ValidationError({field: gettext("Give one e-mail address.")})
    return found[0]


@login_required
def circle(request: PersonRequest, circle_id: int) -> HttpResponse:
    found = selectors.circle_get(request.user, circle_id)
    entries = selectors.circle_log(found)
    meetings: dict[dt.date, tuple[list[str], list[str]]] = {}  # one row a date: who logged it, what they took away
    for entry in entries:
        names, notes = meetings.setdefault(entry.happened_on, ([], []))
        names.append(entry.person.full_name)
        for note in (entry.practised, entry.reflection):
            if note and note not in notes:
                notes.append(note)
    context = {
        "circle": found, "members": found.members.select_related("person", "firm").order_by("person__full_name"),
        "meetings": sorted(meetings.items(), reverse=True), "entries": entries,
        "total": log_rules.hours(entries.aggregate(total=Sum("minutes"))["total"] or 0),
        "own_firm": found.members.filter(person=request.user).values_list("firm_id", flat=True).first(),
    }  # fmt: skip
    return render(request, "network/circle.html", context)
