"""Small helpers the meetings views share."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse

from lotse.core.access import acting_user, commune_of
from lotse.core.models import Membership
from lotse.core.permissions import Role
from lotse.meetings.services.exports import record_export
from lotse.network.models import Organisation


def base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def own_organisation(request: HttpRequest) -> Organisation | None:
    """The organisation a partner-staff user works for in this commune, if any."""
    membership = (
        Membership.objects.for_commune(commune_of(request))
        .filter(user=acting_user(request), role=Role.PARTNER_STAFF, is_active=True)
        .select_related("organisation")
        .first()
    )
    return membership.organisation if membership is not None else None


def add_errors(form: BaseForm, error: ValidationError) -> None:
    """Put a service's errors on the form's fields (or on top, for the others)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def audited_download(
    request: HttpRequest,
    *,
    content: bytes | str,
    content_type: str,
    filename: str,
    what: str,
    target: Any = None,
) -> HttpResponse:
    """Every export with personal data is audited (who, what, when)."""
    record_export(actor=acting_user(request), commune=commune_of(request), what=what, target=target)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
