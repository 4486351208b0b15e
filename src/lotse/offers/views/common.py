"""Small pieces the catalog's views share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lotse.core.locking import EditConflict


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """Attach a service's errors to the form's fields where the form has them."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def display(form: forms.Form, field: str, value: Any) -> Any:
    """A value as the form shows it: the label of a choice, yes/no for a checkbox."""
    if field in form.fields:
        choices = dict(getattr(form.fields[field], "choices", None) or [])
        if value in choices:
            return choices[value]
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if value is None or value == "":
        return "–"
    return value


def conflict_rows(form: forms.Form, conflict: EditConflict) -> list[dict[str, Any]]:
    return [
        {
            "label": form.fields[d.field].label if d.field in form.fields else d.field,
            "saved": display(form, d.field, d.saved),
            "yours": display(form, d.field, d.yours),
        }
        for d in conflict.differences
    ]
