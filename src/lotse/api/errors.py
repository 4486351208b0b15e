"""Errors of the API: always JSON with a ``detail``, never an HTML page.

401 for a missing or bad token, 403 for a missing capability, 404 for an object that does
not exist or belongs to another commune (the same answer, so ids stay invisible), 422 for
invalid input with ninja's list of ``{"loc", "msg", "type"}`` per field, and a plain JSON
500 for a bug (logged and reported like any other server error).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import (
    NON_FIELD_ERRORS,
    ObjectDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.core.signals import got_request_exception
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.functional import Promise
from django.utils.log import log_response
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from lotse.core.permissions import Capability

API_PATH_PREFIX = "/api/"

MISSING_TOKEN = _(
    "This operation needs a personal API token, sent as the header 'Authorization: Bearer <token>'."
)
MALFORMED_TOKEN = _(
    "The API token is malformed. A token looks like 'lotse_<prefix>_<secret>' and is "
    "sent as the header 'Authorization: Bearer <token>'."
)
UNKNOWN_TOKEN = _("The API token is unknown or has been revoked.")
OWNER_WITHOUT_ROLE = _(
    "The owner of this API token no longer has an active account or role in the token's commune."
)
NOT_FOUND = _("Not found.")
FORBIDDEN = _("Your role does not allow this.")
FORBIDDEN_CAPABILITY = _("Your role does not allow this: it needs the capability '%(capability)s'.")
SERVER_ERROR = _("An internal error occurred. It has been logged; please try again later.")


class InvalidTokenError(AuthenticationError):
    """The request carries no usable API token (401)."""

    def __init__(self, detail: str | Promise) -> None:
        self.detail = detail
        super().__init__(status_code=401, message=str(detail))

    def __str__(self) -> str:
        return str(self.detail)


class MissingCapabilityError(Exception):
    """The token's owner lacks the capability an operation needs (403)."""

    def __init__(self, capability: Capability) -> None:
        self.capability = capability
        super().__init__(capability.value)


def _json(api: NinjaAPI, request: HttpRequest, status: int, detail: Any) -> HttpResponse:
    return api.create_response(request, {"detail": str(detail)}, status=status)


def install_exception_handlers(api: NinjaAPI) -> None:
    """Replace ninja's default answers with Lotse's JSON errors. Ninja's 422 answer for
    invalid input stays as it is."""

    def unauthenticated(request: HttpRequest, exc: Any) -> HttpResponse:
        detail = exc.detail if isinstance(exc, InvalidTokenError) else MISSING_TOKEN
        response = _json(api, request, 401, detail)
        response["WWW-Authenticate"] = 'Bearer realm="Lotse API"'
        return response

    def forbidden(request: HttpRequest, exc: Any) -> HttpResponse:
        if isinstance(exc, MissingCapabilityError):
            return _json(
                api, request, 403, FORBIDDEN_CAPABILITY % {"capability": exc.capability.value}
            )
        return _json(api, request, 403, FORBIDDEN)

    def not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return _json(api, request, 404, NOT_FOUND)

    def invalid(request: HttpRequest, exc: Any) -> HttpResponse:
        """A rule a service enforces, in ninja's shape of a 422 answer."""
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        errors = [
            {
                "loc": [field] if field and field != NON_FIELD_ERRORS else [],
                "msg": message,
                "type": "value_error",
            }
            for field, messages in fields.items()
            for message in messages
        ]
        return api.create_response(request, {"detail": errors}, status=422)

    def server_error(request: HttpRequest, exc: Any) -> HttpResponse:
        # As Django does for views: tell the test client and error reporting, then log.
        got_request_exception.send(sender=None, request=request)
        response = _json(api, request, 500, SERVER_ERROR)
        log_response(
            "%s: %s",
            "Internal Server Error",
            request.path,
            response=response,
            request=request,
            exception=exc,
        )
        return response

    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(MissingCapabilityError, forbidden)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(ObjectDoesNotExist, not_found)
    api.add_exception_handler(ValidationError, invalid)
    api.add_exception_handler(Exception, server_error)


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PATH_PREFIX)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler404``: JSON below ``/api/``, the usual page elsewhere."""
    if _is_api(request):
        return JsonResponse(
            {"detail": gettext("There is no API operation at this address.")}, status=404
        )
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: JSON below ``/api/``, the usual page elsewhere."""
    if _is_api(request):
        return JsonResponse({"detail": str(SERVER_ERROR)}, status=500)
    return defaults.server_error(request)
