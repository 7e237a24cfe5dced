"""Small helpers shared by the contexts' views: showing a service's refusal where the person looks, and
refusing a request body too large before anything reads it."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django_ratelimit import ALL
from django_ratelimit.decorators import ratelimit

ID_DIGITS = 18  # a database id has at most 18 digits: one past 64 bits names nothing we store
# Rows of firms a page draws at a time (templates/pager.html moves between pages): a region's cluster has
# hundreds of firms, and each row costs the same to draw.
FIRMS_PER_PAGE = 50


def posted_int(value: str | None) -> int:
    """A whole number sent by a form (an id, a score), or 0 when the value is not one: 0 is never an id, so an
    unknown or malformed one answers 404 or a refusal like any other, never an overflow in the database driver."""
    return int(value) if value and value.isascii() and value.isdigit() and len(value) <= ID_DIGITS else 0


def posted_ints(values: list[str]) -> list[int]:
    return [found for found in map(posted_int, values) if found]


def apply_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's field-keyed errors next to the form's fields; the others on the form itself."""
    items = error.error_dict.items() if hasattr(error, "error_dict") else [(None, error.error_list)]
    for field, errors in items:
        for message in errors:
            text = message.messages[0] if isinstance(message, ValidationError) else str(message)
            form.add_error(field if field in form.fields else None, text)


def flash_errors(request: HttpRequest, error: ValidationError) -> None:
    """A refusal with no form to show it in: one message per reason, at the top of the next page."""
    for message in error.messages:
        messages.error(request, message)


View = Callable[..., HttpResponse]


def body_at_most(max_bytes: int, what: str | Promise) -> Callable[[View], View]:
    """Refuse (413) a POST whose declared body is over ``max_bytes`` before its form or files are parsed:
    an anonymous 30 MB upload must not be read to learn that it is too large. ``what`` names the body in the
    refusal ("The file"): decorating happens at import, so pass a lazy translation."""

    def decorator(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST" and declared_length(request) > max_bytes:
                return too_large(request, max_bytes, what)
            return view(request, *args, **kwargs)

        return guarded

    return decorator


def declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def too_large(request: HttpRequest, max_bytes: int, what: str | Promise) -> HttpResponse:
    message = gettext("%(what)s is larger than %(size)s, the most this page accepts. Nothing was saved.")
    context = {"message": message % {"what": what, "size": _size(max_bytes)}}
    return render(request, "request_too_large.html", context, status=413)


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return gettext("%(size)d MB") % {"size": round(n / 1024 / 1024)}
    if n >= 1024:
        return gettext("%(size)d KB") % {"size": n // 1024}
    return ngettext("%(size)d byte", "%(size)d bytes", n) % {"size": n}


def rate_limited(request: HttpRequest, exception: Exception) -> HttpResponse:
    """What a person sees once they hit a rate limit (django-ratelimit's RATELIMIT_VIEW): 429, and when to retry."""
    context = {
        "message": gettext("Too many tries from your connection in a short time. Wait a few minutes and try again.")
    }
    return render(request, "rate_limited.html", context, status=429)


F = TypeVar("F", bound=Callable[..., Any])


def rate_limit(*, key: str, rate: str, method: str | list[str] = ALL) -> Callable[[F], F]:
    """django-ratelimit's decorator (counts kept in the shared cache, so every process counts together),
    blocking: a page answers 429 through RATELIMIT_VIEW, the API through its Ratelimited handler."""
    return cast(Callable[[F], F], ratelimit(key=key, rate=rate, method=method, block=True))


def client_address(request: HttpRequest) -> str:
    """The client's address for rate limits: the proxy's X-Real-IP when we run behind one (docs/DEPLOY.md sets
    it), else the connection's own; the same client address in every web process."""
    forwarded = request.META.get("HTTP_X_REAL_IP", "") if settings.BEHIND_TLS_PROXY else ""
    # No address at all (a Unix socket with no proxy header): one shared bucket, never a crash.
    return str(forwarded or request.META.get("REMOTE_ADDR") or "0.0.0.0")  # noqa: S104 — a key, not a bind
