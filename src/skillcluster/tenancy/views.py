"""Pages for clusters, firms, people, invitations and personal API tokens.

Views are thin: the access helpers decide 404/403, services write, templates render.
htmx requests get a partial of the same template; without JavaScript the form posts and
the page redirects back, so every page works without scripts.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from skillcluster.tenancy import navigation, selectors, services
from skillcluster.tenancy.domain import disclosure
from skillcluster.tenancy.domain.permissions import Access, TenancyPerm
from skillcluster.tenancy.domain.roles import FirmRole
from skillcluster.tenancy.forms import (
    FirmForm,
    FirmWithOwnerForm,
    InvitationForm,
    MemberRoleForm,
    ProfileForm,
    RegisterForm,
    RelationForm,
    TokenForm,
)
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.memo import memo
from skillcluster.tenancy.models import CLUSTER_TYPE_HELP, Cluster, Firm, Person, RelationKind
from skillcluster.tenancy.navigation import Cell, EngagementColumn, firm_todos
from skillcluster.tenancy.services import people
from skillcluster.tenancy.services.audit_log import audit_record
from skillcluster.web import FIRMS_PER_PAGE, apply_errors, flash_errors


def health(request: HttpRequest) -> JsonResponse:
    """For the load balancer and the process manager: 200 when the process answers and reaches its database."""
    try:
        selectors.database_ping()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_required
def home(request: PersonRequest) -> HttpResponse:
    user = request.user
    roles = list(selectors.cluster_roles_for_person(user))
    memberships = list(selectors.firm_list_for_person(user))
    if len(roles) == 1 and not memberships:
        return redirect("cluster_detail", cluster_id=roles[0].cluster_id)
    if len(memberships) == 1 and not roles:
        return redirect("firm_detail", firm_id=memberships[0].firm_id)
    return render(request, "tenancy/home.html", {"roles": roles, "memberships": memberships})


@dataclass(frozen=True)
class _ClusterFigures:
    summary: selectors.ClusterSummary
    firms: list[Firm]  # one page of them
    firm_total: int
    page_number: int

    def page(self) -> Page[Firm]:
        paginator = Paginator(self.firms, FIRMS_PER_PAGE)
        paginator.count = self.firm_total  # of the whole list; the memo keeps only this page's firms
        return Page(self.firms, self.page_number, paginator)


def _cluster_figures(cluster: Cluster, number: str) -> _ClusterFigures:
    """The headline counts and one page of member firms (by page: a region's cluster has hundreds)."""
    firms = selectors.firm_list_for_cluster(cluster).order_by("legal_name", "pk")
    page = Paginator(firms, FIRMS_PER_PAGE).get_page(number)
    summary = selectors.cluster_summary(cluster, current_year=timezone.localdate().year)
    return _ClusterFigures(summary, list(page.object_list), page.paginator.count, page.number)


@login_required
@require_http_methods(["GET", "POST"])
def cluster_detail(request: PersonRequest, cluster_id: int) -> HttpResponse:
    user = request.user
    cluster, access = selectors.cluster_get_for_user(user, cluster_id)
    form = FirmWithOwnerForm(prefix="firm", initial={"nuts_code": cluster.nuts_region})
    if request.method == "POST":
        cluster, access = selectors.cluster_get_for_user(user, cluster_id, perm=TenancyPerm.CLUSTER_INVITE_FIRMS)
        form = FirmWithOwnerForm(request.POST, prefix="firm")
        if form.is_valid():
            data = dict(form.cleaned_data)
            owner_email = data.pop("owner_email")
            try:
                firm, _ = services.firm_create_with_owner_invitation(
                    cluster=cluster, invited_by=user, owner_email=owner_email, **data
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    gettext("%(firm)s added; we sent %(email)s an invitation to join as owner.")
                    % {"firm": firm, "email": owner_email},
                )
                return redirect("cluster_detail", cluster_id=cluster.pk)
    figures = None
    if access.has(TenancyPerm.CLUSTER_VIEW_AGGREGATES):
        asked = request.GET.get("page", "")
        number = asked if asked.isdigit() and len(asked) < 7 else "1"  # as `get_page` reads it, kept short
        key = f"cluster:{user.pk}:{translation.get_language()}:{timezone.localdate()}:{number}"
        figures = memo(cluster, key, lambda: _cluster_figures(cluster, number))
    context = {
        "cluster": cluster,
        "access": access,
        "firms": figures.page() if figures else None,
        "summary": figures.summary if figures else None,
        "invitations": selectors.invitation_list_for_cluster(cluster)
        if access.has(TenancyPerm.CLUSTER_MANAGE)
        else None,
        "form": form,
        "cluster_type_help": CLUSTER_TYPE_HELP,
        "firms_missing": max(
            0, disclosure.MIN_FIRMS - selectors.firm_count_for_cluster(cluster)
        ),  # before any cluster figure
        "min_firms": disclosure.MIN_FIRMS,
    }
    return render(request, "tenancy/cluster_detail.html", context, status=400 if form.errors else 200)


INACTIVE_DAYS = 60
ENGAGEMENT_TTL = 60  # seconds


@dataclass(frozen=True)
class EngagementRow:
    firm: Firm
    last_active: dt.datetime | None
    cells: list[Cell | None]


@dataclass(frozen=True)
class EngagementBoard:
    columns: list[EngagementColumn]
    rows: list[EngagementRow]  # quietest first
    as_of: dt.datetime  # when the columns were counted


@login_required
def cluster_engagement(request: PersonRequest, cluster_id: int) -> HttpResponse:
    """Which firms are active and what is pending where: rounds unanswered, audits unfinished, claims waiting."""
    cluster, access = selectors.cluster_get_for_user(request.user, cluster_id, perm=TenancyPerm.CLUSTER_MANAGE)
    key = f"engagement:{request.user.pk}:{translation.get_language()}"
    board = memo(cluster, key, lambda: _engagement_board(cluster))
    since = timezone.now() - dt.timedelta(days=INACTIVE_DAYS)
    context = {
        "cluster": cluster,
        "access": access,
        "columns": board.columns,
        # By page: a region's cluster has hundreds of firms, and each row costs the same to draw.
        "rows": Paginator(board.rows, FIRMS_PER_PAGE).get_page(request.GET.get("page")),
        "firm_total": len(board.rows),
        "inactive": [row for row in board.rows if row.last_active is None or row.last_active < since],
        "inactive_days": INACTIVE_DAYS,
        "waiting": [(column, line) for column in board.columns for line in column.waiting],
        "events": selectors.audit_events_for_cluster(cluster),
        "as_of": board.as_of,
    }
    return render(request, "tenancy/cluster_engagement.html", context)


def _engagement_board(cluster: Cluster) -> EngagementBoard:
    # Every context counts across the whole cluster here: computed at most once a minute, shared by all
    # processes, per language (the cells are worded).
    key = f"engagement:{cluster.pk}:{translation.get_language()}"
    cached = cache.get(key)
    if cached is None:
        cached = (navigation.cluster_engagement(cluster), timezone.now())
        cache.set(key, cached, ENGAGEMENT_TTL)
    columns, as_of = cached
    logins = selectors.last_login_by_firm(cluster)
    rows = []
    for firm in selectors.firm_list_for_cluster(cluster).order_by("legal_name"):
        cells = [column.cells.get(firm.pk) for column in columns]
        moments = [logins.get(firm.pk), *(cell.last_active for cell in cells if cell is not None)]
        rows.append(EngagementRow(firm, max((m for m in moments if m is not None), default=None), cells))
    rows.sort(key=lambda row: (row.last_active is not None, row.last_active or as_of))  # quietest first
    return EngagementBoard(columns, rows, as_of)


def _invitable_roles(access: Access) -> list[FirmRole]:
    if access.has(TenancyPerm.FIRM_ASSIGN_ROLES):
        return list(FirmRole)
    return [FirmRole.EMPLOYEE]


def _firm_context(request: PersonRequest, firm_id: int, **extra: object) -> dict[str, object]:
    user = request.user
    firm, access = selectors.firm_get_for_user(user, firm_id)
    context: dict[str, object] = {"firm": firm, "access": access}
    if access.works_here:  # a cluster role looks at the firm; it has nothing waiting here
        today = timezone.localdate()
        key = f"todos:{user.pk}:{firm.pk}:{translation.get_language()}:{today}"
        context["todos"] = memo(firm.cluster, key, lambda: firm_todos(firm, user, access))
        context["soon"] = today + dt.timedelta(days=7)
    if access.has(TenancyPerm.FIRM_VIEW_PEOPLE):
        context["members"] = selectors.member_list_for_firm(firm)
        context["role_choices"] = list(FirmRole)
    else:
        context["own_memberships"] = selectors.member_list_for_firm(firm).filter(person=user)
    if access.has(TenancyPerm.FIRM_VIEW_FINANCIALS):  # the firm's own people
        context["relations"] = list(selectors.relation_list_for_firm(firm))
    if access.has(TenancyPerm.FIRM_ASSIGN_ROLES):
        context["events"] = selectors.audit_events_for_firm(firm)
    if access.has(TenancyPerm.FIRM_INVITE):
        context["invitations"] = selectors.invitation_list_for_firm(firm)
        context["invite_form"] = InvitationForm(roles=_invitable_roles(access))
    return context | extra


@login_required
def firm_detail(request: PersonRequest, firm_id: int) -> HttpResponse:
    return render(request, "tenancy/firm_detail.html", _firm_context(request, firm_id))


@login_required
@require_http_methods(["GET", "POST"])
def firm_edit(request: PersonRequest, firm_id: int) -> HttpResponse:
    user = request.user
    firm, _ = selectors.firm_get_for_user(user, firm_id, perm=TenancyPerm.FIRM_EDIT)
    form = FirmForm(request.POST or None, instance=None, initial={f: getattr(firm, f) for f in services.FIRM_FIELDS})
    if request.method == "POST" and form.is_valid():
        try:
            services.firm_update(firm=firm, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, gettext("Firm details saved."))
            return redirect("firm_detail", firm_id=firm.pk)
    return render(request, "tenancy/firm_edit.html", {"firm": firm, "form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def firm_invite(request: PersonRequest, firm_id: int) -> HttpResponse:
    user = request.user
    firm, access = selectors.firm_get_for_user(user, firm_id, perm=TenancyPerm.FIRM_INVITE)
    form = InvitationForm(request.POST, roles=_invitable_roles(access))
    if form.is_valid():
        try:
            invitations = services.invitations_create(
                emails=form.cleaned_data["emails"],
                firm=firm,
                firm_role=FirmRole(form.cleaned_data["role"]),
                invited_by=user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            addresses = ", ".join(i.email for i in invitations)
            messages.success(request, gettext("Invitation sent to %(addresses)s.") % {"addresses": addresses})
            form = InvitationForm(roles=_invitable_roles(access))
    is_htmx = bool(request.headers.get("HX-Request"))
    if not form.errors and not is_htmx:
        return redirect("firm_detail", firm_id=firm.pk)
    template = "tenancy/firm_detail.html#invitations" if is_htmx else "tenancy/firm_detail.html"
    context = _firm_context(request, firm_id, invite_form=form)
    return render(request, template, context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def firm_relations(request: PersonRequest, firm_id: int) -> HttpResponse:
    """Declare competitors and customers on a page of its own: the lists name every firm of the cluster."""
    firm, access = selectors.firm_get_for_user(request.user, firm_id, perm=TenancyPerm.FIRM_EDIT)
    peers = selectors.firm_peer_list(firm)
    if request.method == "POST":
        form = RelationForm(request.POST, firms=peers)
        if form.is_valid():
            for kind, field in ((RelationKind.COMPETITOR, "competitors"), (RelationKind.CUSTOMER, "customers")):
                services.firm_relations_set(firm=firm, kind=kind, others=form.cleaned_data[field])
            messages.success(request, gettext("Competitors and customers saved."))
            return redirect("firm_detail", firm_id=firm.pk)
    else:
        relations = list(selectors.relation_list_for_firm(firm))
        initial = {
            field: [r.other_id for r in relations if r.kind == kind]
            for kind, field in ((RelationKind.COMPETITOR, "competitors"), (RelationKind.CUSTOMER, "customers"))
        }
        form = RelationForm(initial=initial, firms=peers)
    context = {"firm": firm, "access": access, "form": form}
    return render(request, "tenancy/firm_relations.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def member_role(request: PersonRequest, firm_id: int, membership_id: int) -> HttpResponse:
    user = request.user
    firm, _ = selectors.firm_get_for_user(user, firm_id, perm=TenancyPerm.FIRM_ASSIGN_ROLES)
    membership = selectors.membership_get_for_user(user, firm, membership_id)
    form = MemberRoleForm(request.POST)
    error_message = ""
    if form.is_valid():
        try:
            services.membership_set_role(membership=membership, role=FirmRole(form.cleaned_data["role"]), by=user)
        except ValidationError as error:
            error_message = " ".join(error.messages)
    else:
        error_message = gettext("Choose one of: owner, manager, employee.")
    if not error_message and not request.headers.get("HX-Request"):
        role = membership.role_lower_label
        messages.success(request, gettext("%(person)s is now %(role)s.") % {"person": membership.person, "role": role})
        return redirect("firm_detail", firm_id=firm.pk)
    # The row comes back showing the role actually kept, with the refusal (if any) under its picker.
    membership.refresh_from_db()
    context = _firm_context(request, firm_id, member=membership, row_error=error_message, error_member=membership.pk)
    partial = "#member-row" if request.headers.get("HX-Request") else ""
    return render(request, f"tenancy/firm_detail.html{partial}", context, status=400 if error_message else 200)


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_from_token(token)
    except ValidationError as error:
        return render(request, "tenancy/invitation_invalid.html", {"reason": error.messages[0]}, status=400)
    has_account = Person.objects.filter(email__iexact=invitation.email).exists()
    form = RegisterForm(request.POST or None) if not has_account else None
    context = {"invitation": invitation, "has_account": has_account, "form": form, "token": token}
    if request.method == "POST":
        return _accept(request, token, form, context)
    return render(request, "tenancy/invitation_accept.html", context)


def _accept(request: HttpRequest, token: str, form: RegisterForm | None, context: dict[str, object]) -> HttpResponse:
    try:
        if form is None:
            if not request.user.is_authenticated:
                return redirect(f"/accounts/login/?next={request.path}")
            invitation = services.invitation_accept(token=token, person=request.user)
        elif form.is_valid():
            person = services.person_register_from_invitation(
                token=token, full_name=form.cleaned_data["full_name"], password=form.cleaned_data["password1"]
            )
            login(request, person, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, gettext("Welcome to Skillcluster."))
            return redirect("home")
        else:
            return render(request, "tenancy/invitation_accept.html", context, status=400)
    except ValidationError as error:
        if form is not None:
            apply_errors(form, error)
            return render(request, "tenancy/invitation_accept.html", context, status=400)
        return render(request, "tenancy/invitation_invalid.html", {"reason": error.messages[0]}, status=400)
    messages.success(request, gettext("You joined %(place)s.") % {"place": invitation.firm or invitation.cluster})
    return redirect("home")


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: PersonRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(request.POST or None, initial={"full_name": user.full_name, "language": user.language})
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(
                person=user, full_name=form.cleaned_data["full_name"], language=form.cleaned_data["language"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            translation.activate(user.language or translation.get_language_from_request(request))
            messages.success(request, gettext("Profile saved."))
            return _with_language_cookie(redirect("profile"), user.language)
    context = {
        "form": form,
        "token_form": TokenForm(),
        "tokens": selectors.token_list_for_person(user),
        "memberships": selectors.firm_list_for_person(user),
        "roles": selectors.cluster_roles_for_person(user),
    }
    return render(request, "tenancy/profile.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def cluster_language(request: PersonRequest, cluster_id: int) -> HttpResponse:
    """The cluster's language for e-mails to people who chose none (the cluster manager sets it)."""
    cluster, _ = selectors.cluster_get_for_user(request.user, cluster_id, perm=TenancyPerm.CLUSTER_MANAGE)
    try:
        services.cluster_set_language(cluster=cluster, language=request.POST.get("language", ""))
    except ValidationError as error:
        flash_errors(request, error)
    else:
        name = translation.get_language_info(cluster.language)["name_translated"]
        message = gettext("E-mails to people who have not chosen a language now go out in %(language)s.")
        messages.success(request, message % {"language": name})
    return redirect("cluster_detail", cluster_id=cluster.pk)


@require_POST
def choose_language(request: HttpRequest) -> HttpResponse:
    """The language picker in every page's header: remembered in a cookie, and in the profile when logged in."""
    language = request.POST.get("language", "")
    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    if request.user.is_authenticated:
        services.person_choose_language(person=request.user, language=language)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("home")
    return _with_language_cookie(redirect(target), language)


def _with_language_cookie(response: HttpResponse, language: str) -> HttpResponse:
    if language:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            samesite="Lax",
        )
    else:
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
    return response


@login_required
def profile_data(request: PersonRequest) -> HttpResponse:
    """The person's copy of everything held about them (right of access), as a JSON download."""
    data = people.person_export(request.user)
    audit_record("person.exported", actor=request.user, subject=f"person #{request.user.pk}")
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="skillcluster-my-data.json"'
    return response


@login_required
def firm_data(request: PersonRequest, firm_id: int) -> HttpResponse:
    """The firm's records as a JSON download, for its owner."""
    firm, _ = selectors.firm_get_for_user(request.user, firm_id, perm=TenancyPerm.FIRM_EXPORT)
    data = people.firm_export(firm)
    audit_record("firm.exported", actor=request.user, firm=firm, subject=firm.legal_name)
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="skillcluster-firm-{firm.pk}.json"'
    return response


@login_required
@require_POST
def profile_close(request: PersonRequest) -> HttpResponse:
    if request.POST.get("confirm") != "yes":
        messages.error(request, gettext("Tick “close my account now” to close it; nothing was changed."))
        return redirect("profile")
    people.person_deactivate(person=request.user, by=request.user)
    logout(request)
    messages.success(request, gettext("Your account is closed. Thank you for taking part."))
    return redirect("login")


@login_required
@require_POST
def member_remove(request: PersonRequest, firm_id: int, membership_id: int) -> HttpResponse:
    user = request.user
    firm, _ = selectors.firm_get_for_user(user, firm_id, perm=TenancyPerm.FIRM_ASSIGN_ROLES)
    membership = selectors.membership_get_for_user(user, firm, membership_id)
    if request.POST.get("confirm") != "yes":
        messages.error(
            request,
            gettext("Tick “remove %(person)s” to remove them; nothing was changed.") % {"person": membership.person},
        )
        return redirect("firm_detail", firm_id=firm.pk)
    try:
        people.membership_remove(membership=membership, by=user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            gettext("%(person)s no longer has access to %(firm)s; their history stays.")
            % {"person": membership.person, "firm": firm},
        )
    return redirect("firm_detail", firm_id=firm.pk)


@login_required
@require_POST
def firm_leave(request: PersonRequest, firm_id: int) -> HttpResponse:
    firm, _ = selectors.firm_get_for_user(request.user, firm_id, perm=TenancyPerm.FIRM_OFFBOARD)
    if request.POST.get("confirm") != "yes":
        messages.error(
            request, gettext("Tick “%(firm)s leaves the cluster” to record it; nothing was changed.") % {"firm": firm}
        )
        return redirect("firm_detail", firm_id=firm.pk)
    try:
        people.firm_leave(firm=firm, by=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request, gettext("%(firm)s has left the cluster; its people no longer have access to it.") % {"firm": firm}
        )
    return redirect("cluster_detail", cluster_id=firm.cluster_id)


@login_required
@require_POST
def token_create(request: PersonRequest) -> HttpResponse:
    user = request.user
    form = TokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Give the token a name (up to 100 characters)."))
        return redirect("profile")
    token, secret = services.api_token_create(person=user, name=form.cleaned_data["name"])
    return render(request, "tenancy/token_created.html", {"token": token, "secret": secret})


@login_required
@require_POST
def token_revoke(request: PersonRequest, token_id: int) -> HttpResponse:
    token = services.api_token_revoke(person=request.user, token_id=token_id)
    messages.success(request, gettext("Token '%(name)s' revoked.") % {"name": token.name})
    return redirect("profile")
