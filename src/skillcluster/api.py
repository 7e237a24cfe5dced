"""The JSON API at /api/v1/: authenticated by default (session + CSRF, or a personal bearer token).

Each context adds its own router here; one error shape for all of them:
`{"detail": "...", "errors": {"field": ["message", ...]}}`.
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext, gettext_lazy
from django_ratelimit.exceptions import Ratelimited
from ninja import NinjaAPI
from ninja.errors import ValidationError as SchemaValidationError
from ninja.security import APIKeyHeader, django_auth

from skillcluster.contexts import context_modules


class BearerToken(APIKeyHeader):
    """Documents `Authorization: Bearer sc_…`; the token itself is checked by ApiTokenMiddleware."""

    param_name = "Authorization"
    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, key: str | None) -> object | None:
        if getattr(request, "api_token_used", False) and request.user.is_authenticated:
            return request.user
        return None


# What any operation may answer besides its own responses, in the one error shape (declared in the OpenAPI
# document so that a client, and the contract test, knows them all).
STANDARD_ERRORS = {
    "400": "The body is not valid JSON",
    "401": "Not authenticated, or an invalid or revoked API token",
    "403": "Authenticated, but the role does not allow this",
    "404": "No such object, or not visible to you (another firm's data answers as if missing)",
    "413": "The request body is larger than the limit",
    "422": "Invalid input: `errors` names each field and what was expected",
    "429": "Too many requests: wait and try again",
}
ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    },
    "required": ["detail"],
}


class SkillclusterAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for code, description in STANDARD_ERRORS.items():
                    if code == "401" and not operation.get("security"):
                        continue  # a public operation asks no credentials
                    responses.setdefault(code, {"description": description, "content": error})
        return schema


api = SkillclusterAPI(
    title="Skillcluster API",
    version="1",
    urls_namespace="api",
    auth=[BearerToken(), django_auth],
    docs_url="/docs",
    docs_decorator=login_required,
    openapi_url="/openapi.json",
)
for module in context_modules("api"):
    api.add_router("/v1/", module.router)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    return api.create_response(request, {"detail": gettext("Invalid input"), "errors": errors}, status=422)


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def on_out_of_range(request: HttpRequest, error: Exception) -> HttpResponse:
    """An id past 64 bits names nothing we store: 404 like any unknown id, not a driver error (500)."""
    return api.create_response(request, {"detail": gettext("Not found")}, status=404)


@api.exception_handler(Ratelimited)
def on_rate_limited(request: HttpRequest, error: Ratelimited) -> HttpResponse:
    detail = gettext("Too many requests: wait a minute and try again")
    return api.create_response(request, {"detail": detail}, status=429)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(error) or gettext("Not allowed")}, status=403)


@api.exception_handler(SchemaValidationError)
def on_schema_error(request: HttpRequest, error: SchemaValidationError) -> HttpResponse:
    """Malformed input (wrong types, out-of-range numbers) in the same shape as a service's refusal."""
    errors: dict[str, list[str]] = {}
    for item in error.errors:
        location = [str(part) for part in item.get("loc", ()) if part not in ("body", "payload", "query", "path")]
        errors.setdefault(".".join(location) or "__all__", []).append(_message(item))
    return api.create_response(request, {"detail": gettext("Invalid input"), "errors": errors}, status=422)


# Pydantic's commonest complaints, in the product's words and the reader's language (others pass as pydantic
# words them, in English).
EXPECTED = {
    "missing": gettext_lazy("Field required"),
    "string_type": gettext_lazy("expected text"),
    "int_type": gettext_lazy("expected a whole number"),
    "int_parsing": gettext_lazy("expected a whole number"),
    "int_from_float": gettext_lazy("expected a whole number"),
    "float_type": gettext_lazy("expected a number"),
    "float_parsing": gettext_lazy("expected a number"),
    "bool_type": gettext_lazy("expected true or false"),
    "bool_parsing": gettext_lazy("expected true or false"),
    "list_type": gettext_lazy("expected a list"),
    "dict_type": gettext_lazy("expected an object"),
    "model_type": gettext_lazy("expected an object"),
    "date_from_datetime_parsing": gettext_lazy("expected a date such as 2026-11-27"),
    "date_parsing": gettext_lazy("expected a date such as 2026-11-27"),
    "literal_error": gettext_lazy("not one of the values allowed"),
    "enum": gettext_lazy("not one of the values allowed"),
}


def _message(item: dict[str, Any]) -> str:
    """Pydantic's error in the words the rest of the product uses: what was expected, and what came."""
    bounds = item.get("ctx") or {}
    got = gettext("; got %(value)r") % {"value": item["input"]} if "input" in item else ""
    kind = item.get("type")
    if kind == "greater_than_equal":
        return gettext("expected at least %(bound)s") % {"bound": bounds["ge"]} + got
    if kind == "less_than_equal":
        return gettext("expected at most %(bound)s") % {"bound": bounds["le"]} + got
    if kind == "uuid_parsing":
        return gettext("expected a UUID such as 3f2b8c4e-1d2a-4c5b-9e8f-0a1b2c3d4e5f") + got
    if kind == "string_too_long":
        return gettext("at most %(max)s characters") % {"max": bounds.get("max_length")} + got
    if kind in EXPECTED:
        return str(EXPECTED[kind]) + ("" if kind == "missing" else got)
    return str(item.get("msg", "invalid"))
