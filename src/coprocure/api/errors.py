"""One error body for every failure: ``{"detail": str, "errors": [{"field", "code", "message"}]}``."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, ValidationError

from coprocure.errors import ServiceError


def body(detail: str, errors: list[dict] | None = None) -> dict:
    return {"detail": detail, "errors": errors or []}


def _ninja_field(loc) -> str | None:
    # Ninja reports locations like ("body", "payload", "title"); the field is the last name.
    names = [str(part) for part in loc if part not in ("body", "payload", "query", "path")]
    return ".".join(names) or None


def install(api) -> None:
    @api.exception_handler(ServiceError)
    def service_error(request, exc: ServiceError):
        errors = [
            {"field": field, "code": code, "message": message}
            for field, items in exc.errors.items() for code, message in items
        ]
        return api.create_response(request, body(_("The request could not be accepted."), errors), status=exc.status)

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        errors = []
        for item in exc.errors:
            code = item.get("type", "invalid")
            message = _("This value is not valid.")
            if code in {"missing", "json_invalid"}:
                message = _("This field is required.") if code == "missing" else _("The request body is not valid JSON.")
            errors.append({"field": _ninja_field(item.get("loc", ())), "code": code, "message": message})
        return api.create_response(request, body(_("The request could not be accepted."), errors), status=422)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return api.create_response(request, body(_("You do not have permission to do this.")), status=403)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return api.create_response(request, body(_("Sign in or give a valid API token.")), status=401)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, body(_("Not found.")), status=404)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        return api.create_response(request, body(str(exc)), status=exc.status_code)
