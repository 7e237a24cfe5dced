"""Request middleware: personal API tokens, and the tenant scope every query runs under."""

from collections.abc import Callable
from typing import cast

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_scopes import scope

from skillcluster.tenancy.memo import clusters_written
from skillcluster.tenancy.models import ApiToken
from skillcluster.tenancy.selectors import visible_scope
from skillcluster.web import declared_length, too_large

Handler = Callable[[HttpRequest], HttpResponse]
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class TokenRequest(HttpRequest):
    """The attributes this middleware sets: `api_token_used` for the API's bearer scheme, and Django's own
    flag for skipping CSRF (which the stubs do not declare)."""

    api_token_used: bool
    _dont_enforce_csrf_checks: bool


class ApiTokenMiddleware:
    """`Authorization: Bearer sc_…` on /api/ authenticates as the token's owner.

    Token requests carry no cookies, so CSRF (a cookie-riding attack) does not apply to them.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.headers.get("Authorization", "")
        if request.path.startswith("/api/") and header.startswith("Bearer "):
            token = _active_token(header.removeprefix("Bearer ").strip())
            if token is None:  # fail closed: never fall back to the session cookie (and skip its CSRF check)
                return JsonResponse({"detail": gettext("Invalid or revoked API token")}, status=401)
            marked = cast(TokenRequest, request)
            marked.api_token_used = True
            marked.user = token.person
            marked._dont_enforce_csrf_checks = True
        return self.get_response(request)


def _active_token(secret: str) -> ApiToken | None:
    token = (
        ApiToken.objects.select_related("person")
        .filter(key_hash=ApiToken.hash_secret(secret), revoked_at__isnull=True, person__is_active=True)
        .first()
    )
    if token is not None:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


class PersonLanguageMiddleware:
    """A logged-in person's chosen language wins over the cookie and the browser (LocaleMiddleware ran first)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = getattr(request.user, "language", "")
        if chosen and chosen != translation.get_language():
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen
        response = self.get_response(request)
        if chosen:
            response.headers["Content-Language"] = chosen
        return response


class TenantScopeMiddleware:
    """Runs the request inside a django-scopes scope of the firms and clusters the user may see, and stamps
    the writer's clusters after a successful write (see `memo.py`).

    Anonymous requests get empty scopes: any tenant-owned query then returns nothing.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        firm_ids, cluster_ids = visible_scope(request.user)
        with scope(firm=firm_ids, cluster=cluster_ids):
            response = self.get_response(request)
        if request.method not in SAFE_METHODS and response.status_code < 400:
            # Memos of the writer's clusters are stale now: their clusters before and after (joining or leaving
            # changes them), or, for a write without a login (a staff form or a statement through its link),
            # every cluster. What the view wrote has committed by now: no page reads old data under the new stamp.
            written = {*cluster_ids, *visible_scope(request.user)[1]}
            clusters_written(written if written else None)
        return response


class BodySizeMiddleware:
    """Refuses (413) any request whose declared body exceeds MAX_REQUEST_BYTES before anything reads it;
    single pages set lower limits with `web.body_at_most`."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.MAX_REQUEST_BYTES
        if declared_length(request) > limit:
            if request.path.startswith("/api/"):
                detail = gettext("The request body is larger than %(limit)s bytes") % {"limit": f"{limit:,}"}
                return JsonResponse({"detail": detail}, status=413)
            return too_large(request, limit, gettext("The request"))
        return self.get_response(request)
