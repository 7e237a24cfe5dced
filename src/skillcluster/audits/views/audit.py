"""Pages of the skills audit: guided audit, roles editor, assignments, rating form, matrix, report, cluster.

Thin: `records.firm_for_audit` decides 404/403, services write, templates render. Every page works
without JavaScript (forms post and redirect back; skill search is a GET form).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from skillcluster.audits.domain import charts
from skillcluster.audits.domain.levels import Source
from skillcluster.audits.domain.permissions import AuditPerm
from skillcluster.audits.forms import IMPORTANCE_CHOICES, LEVEL_CHOICES, REQUIRED_CHOICES, RoleCreateForm
from skillcluster.audits.models import AuditStep, Role, RoleRequirement
from skillcluster.audits.selectors import aggregates, exports, records, reports
from skillcluster.audits.selectors.progress import audit_progress
from skillcluster.audits.services import ratings as services
from skillcluster.taxonomy.models import Occupation, Skill
from skillcluster.tenancy.domain.roles import Perm
from skillcluster.tenancy.models import Person
from skillcluster.tenancy.selectors import cluster_get_for_user, firm_get_for_user

ATTRIBUTION = "This service uses the ESCO classification of the European Commission (ESCO v1.1.1, CC BY 4.0)."


def _user(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


def _base(request: HttpRequest, firm_id: int, perm: AuditPerm | None = None) -> dict[str, object]:
    firm, access = firm_get_for_user(_user(request), firm_id)
    audit = records.audit_access(_user(request), firm)
    records.audit_require(firm, audit, perm)
    return {"firm": firm, "access": access, "audit": audit, "attribution": ATTRIBUTION}


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def overview(request: HttpRequest, firm_id: int) -> HttpResponse:
    context = _base(request, firm_id)
    firm = context["firm"]
    context["progress"] = audit_progress(firm)  # type: ignore[arg-type]
    context["campaign"] = records.campaign_current(firm)  # type: ignore[arg-type]
    return render(request, "audits/overview.html", context)


@login_required
@require_POST
def campaign(request: HttpRequest, firm_id: int) -> HttpResponse:
    context = _base(request, firm_id, AuditPerm.RUN)
    current = services.campaign_start(firm=context["firm"], started_by=_user(request))  # type: ignore[arg-type]
    step = request.POST.get("step", "")
    if step:
        try:
            services.campaign_step_done(campaign=current, step=step)
        except ValidationError as error:
            _errors(request, error)
    return redirect("audits_firm", firm_id=firm_id)


@login_required
@require_http_methods(["GET", "POST"])
def roles(request: HttpRequest, firm_id: int) -> HttpResponse:
    context = _base(request, firm_id, AuditPerm.RUN)
    firm = context["firm"]
    form = RoleCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        occupation = Occupation.objects.filter(pk=form.cleaned_data["occupation"]).first()
        try:
            role = services.role_create(
                firm=firm, title=form.cleaned_data["title"], occupation=occupation,  # type: ignore[arg-type]
                include_optional=form.cleaned_data["include_optional"],
            )  # fmt: skip
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, f"Role '{role.title}' created with {role.requirements.count()} skills.")
            return redirect("audits_role", firm_id=firm_id, role_id=role.pk)
    title = request.GET.get("title", "").strip()
    context |= {
        "roles": records.role_list(firm),  # type: ignore[arg-type]
        "title": title,
        "proposals": records.occupation_proposals(title) if title else [],
        "form": form,
    }
    return render(request, "audits/roles.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def role_detail(request: HttpRequest, firm_id: int, role_id: int) -> HttpResponse:
    context = _base(request, firm_id, AuditPerm.RUN)
    role = records.role_get(context["firm"], role_id)  # type: ignore[arg-type]
    if request.method == "POST":
        try:
            _requirement_action(request, role)
        except ValidationError as error:
            _errors(request, error)
        return redirect("audits_role", firm_id=firm_id, role_id=role_id)
    query = request.GET.get("q", "").strip()
    context |= {
        "role": role,
        "requirements": records.requirement_list(role),
        "query": query,
        "found": records.skill_search(query) if query else [],
        "level_choices": REQUIRED_CHOICES,
        "importance_choices": IMPORTANCE_CHOICES,
    }
    return render(request, "audits/role.html", context)


def _int(value: str | None, field: str) -> int:
    try:
        return int(value or "")
    except ValueError:
        raise ValidationError({field: f"Expected a whole number for {field}, got '{value}'."}) from None


def _requirement_action(request: HttpRequest, role: Role) -> None:
    action = request.POST.get("action")
    if action == "add":
        skill = Skill.objects.filter(pk=_int(request.POST.get("skill"), "skill")).first()
        if skill is None:
            raise ValidationError({"skill": "No such skill."})
        level, importance = _int(request.POST.get("level"), "level"), _int(request.POST.get("importance"), "importance")
        services.requirement_add(role=role, skill=skill, level=level, importance=importance)
        messages.success(request, f"Added '{skill.preferred_label}'.")
        return
    requirement = RoleRequirement.objects.filter(
        role=role, pk=_int(request.POST.get("requirement"), "requirement")
    ).first()
    if requirement is None:
        raise Http404("No such requirement")
    if action == "remove":
        services.requirement_remove(requirement=requirement)
    else:
        level, importance = _int(request.POST.get("level"), "level"), _int(request.POST.get("importance"), "importance")
        services.requirement_update(requirement=requirement, level=level, importance=importance)
    messages.success(request, "Saved.")


@login_required
@require_POST
def role_delete(request: HttpRequest, firm_id: int, role_id: int) -> HttpResponse:
    context = _base(request, firm_id, AuditPerm.RUN)
    role = records.role_get(context["firm"], role_id)  # type: ignore[arg-type]
    services.role_delete(role=role)
    messages.success(request, f"Role '{role.title}' deleted.")
    return redirect("audits_roles", firm_id=firm_id)


@login_required
@require_http_methods(["GET", "POST"])
def assign(request: HttpRequest, firm_id: int) -> HttpResponse:
    context = _base(request, firm_id, AuditPerm.RUN)
    firm = context["firm"]
    members = list(records.member_list(firm))  # type: ignore[arg-type]
    if request.method == "POST":
        try:
            with transaction.atomic():
                for member in members:
                    ids = [_int(v, "roles") for v in request.POST.getlist(f"roles_{member.pk}")]
                    services.assignments_set(firm=firm, membership=member, role_ids=ids)  # type: ignore[arg-type]
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, "Roles assigned.")
            return redirect("audits_assign", firm_id=firm_id)
    assigned = records.assignment_map(firm)  # type: ignore[arg-type]
    context |= {"rows": [(m, assigned.get(m.pk, set())) for m in members], "roles": records.role_list(firm)}  # type: ignore[arg-type]
    return render(request, "audits/assign.html", context)


def _rate_source(audit: records.AuditAccess, about_self: bool, asked: str | None) -> Source:
    if asked in {s.value for s in Source}:
        return Source(asked)
    if about_self:
        return Source.SELF
    return Source.MANAGER if audit.has(AuditPerm.RATE_MANAGER) else Source.ASSESSOR


@login_required
@require_http_methods(["GET", "POST"])
def rate(request: HttpRequest, firm_id: int, person_id: int) -> HttpResponse:
    context = _base(request, firm_id)
    firm, audit = context["firm"], context["audit"]
    member = records.member_get(firm, person_id)  # type: ignore[arg-type]
    about_self = member.person_id == _user(request).pk
    source = _rate_source(audit, about_self, request.POST.get("source") or request.GET.get("source"))  # type: ignore[arg-type]
    if not about_self and not (audit.has(AuditPerm.RATE_MANAGER) or audit.has(AuditPerm.RATE_ASSESSOR)):  # type: ignore[attr-defined]
        raise PermissionDenied("You may rate your own skills only.")
    if request.method == "POST":
        added = _save_ratings(request, context, member.person, source)
        if added is not None:
            messages.success(request, f"{added} rating(s) saved as {source.value}.")
            return redirect("audits_person", firm_id=firm_id, person_id=person_id)
    query = request.GET.get("q", "").strip()
    extra = [int(v) for v in request.GET.getlist("add") if v.isdigit()]
    context |= {
        "member": member, "source": source.value, "query": query, "about_self": about_self,
        "found": records.skill_search(query) if query else [],
        "rows": reports.rating_rows(firm, member.person, extra),  # type: ignore[arg-type]
        "level_choices": LEVEL_CHOICES, "extra": extra,
    }  # fmt: skip
    return render(request, "audits/rate.html", context, status=400 if request.method == "POST" else 200)


def _save_ratings(request: HttpRequest, context: dict[str, object], person: Person, source: Source) -> int | None:
    """All ratings of the form in one transaction, or none (the messages say why)."""
    skill_ids = [int(k.split("_", 1)[1]) for k, v in request.POST.items() if k.startswith("level_") and v != ""]
    skills = Skill.objects.in_bulk(skill_ids)
    try:
        with transaction.atomic():
            for skill_id in skill_ids:
                if skill_id not in skills:
                    raise ValidationError({"skill": f"No skill with id {skill_id}."})
                services.check_rating_add(
                    access=context["audit"], rater=_user(request), firm=context["firm"], person=person,  # type: ignore[arg-type]
                    skill=skills[skill_id], level=_int(request.POST[f"level_{skill_id}"], "level"),
                    source=source.value, note=request.POST.get(f"note_{skill_id}", ""),
                    evidence_url=request.POST.get(f"evidence_{skill_id}", "").strip(),
                )  # fmt: skip
    except ValidationError as error:
        _errors(request, error)
        return None
    if not skill_ids:
        messages.error(request, "Choose a level for at least one skill.")
        return None
    return len(skill_ids)


@login_required
def person(request: HttpRequest, firm_id: int, person_id: int) -> HttpResponse:
    context = _base(request, firm_id)
    member = records.member_get(context["firm"], person_id)  # type: ignore[arg-type]
    if member.person_id != _user(request).pk and not context["audit"].has(AuditPerm.VIEW_REPORT):  # type: ignore[attr-defined]
        raise PermissionDenied("You may see your own skills profile only.")
    context |= {"member": member, "profile": reports.person_profile(context["firm"], member.person)}  # type: ignore[arg-type]
    return render(request, "audits/person.html", context)


@login_required
def matrix(request: HttpRequest, firm_id: int) -> HttpResponse:
    context = _base(request, firm_id, AuditPerm.VIEW_REPORT)
    context["matrix"] = reports.firm_matrix(context["firm"])  # type: ignore[arg-type]
    return render(request, "audits/matrix.html", context)


@login_required
def report(request: HttpRequest, firm_id: int) -> HttpResponse:
    context = _base(request, firm_id, AuditPerm.VIEW_REPORT)
    gap = reports.gap_report(context["firm"])  # type: ignore[arg-type]
    categories = reports.rows_percent(gap.by_category)
    context |= {
        "report": gap, "chart": charts.category_bars(categories), "categories": categories,
        "pbi_percent": None if gap.production_bias is None else round(100 * gap.production_bias),
        "people": reports.rows_percent(gap.by_person), "role_rows": reports.rows_percent(gap.by_role),
    }  # fmt: skip
    return render(request, "audits/report.html", context)


@login_required
def export(request: HttpRequest, firm_id: int, what: str, fmt: str) -> HttpResponse:
    context = _base(request, firm_id, AuditPerm.VIEW_REPORT)
    try:
        body, content_type, name = exports.firm_export(context["firm"], what, fmt)  # type: ignore[arg-type]
    except ValueError:
        raise Http404("No such export") from None
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def cluster(request: HttpRequest, cluster_id: int) -> HttpResponse:
    found, access = cluster_get_for_user(_user(request), cluster_id, perm=Perm.CLUSTER_VIEW_AGGREGATES)
    context = {
        "cluster": found, "access": access, "aggregate": aggregates.cluster_aggregate(found),
        "needs": aggregates.cluster_training_needs(found), "min_firms": aggregates.MIN_FIRMS,
        "min_people": aggregates.MIN_PEOPLE, "attribution": ATTRIBUTION, "audit_step": AuditStep,
    }  # fmt: skip
    return render(request, "audits/cluster.html", context)
