"""Small pieces the funding pages share."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpResponse


def add_errors(form: BaseForm, error: ValidationError) -> None:
    """Put a service's errors on the form: on their field where the form has one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item)
    else:
        form.add_error(None, error)


def download(
    content: bytes, *, content_type: str, filename: str, inline: bool = False
) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def conflict_rows(form: BaseForm, differences: Any) -> list[dict[str, Any]]:
    return [
        {
            "label": form.fields[d.field].label if d.field in form.fields else d.field,
            "saved": d.saved,
            "yours": d.yours,
        }
        for d in differences
    ]
