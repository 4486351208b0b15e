"""Encrypted dates and flags: a child's birth date and health flags are personal (health)
data, so they are stored as Fernet tokens like every other personal text.

They subclass :class:`EncryptedTextField`, so ``lotse rotate-field-keys`` finds and
re-encrypts them with the rest (``models_with_encrypted_fields`` looks for that class).
Like every encrypted field they cannot be searched or ordered in the database."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lotse.core.fields import EncryptedTextField


class EncryptedDateField(EncryptedTextField):
    """A date, stored encrypted as its ISO text; ``None`` when empty."""

    description = _("Date (encrypted at rest)")

    def to_python(self, value: Any) -> date | None:
        if value is None or value == "":
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError as error:
            raise ValidationError(_("Enter a valid date."), code="invalid") from error

    def get_prep_value(self, value: Any) -> Any:
        parsed = self.to_python(value)
        return super().get_prep_value("" if parsed is None else parsed.isoformat())

    def from_db_value(  # type: ignore[override]
        self, value: Any, expression: Any, connection: Any
    ) -> date | None:
        text = super().from_db_value(value, expression, connection)
        return self.to_python(text)

    def value_to_string(self, obj: Any) -> str:
        value = self.value_from_object(obj)
        return "" if value is None else value.isoformat()

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]
        defaults: dict[str, Any] = {"form_class": forms.DateField, "required": not self.blank}
        defaults.update(kwargs)
        defaults.pop("widget", None)
        defaults.pop("max_length", None)
        return forms.DateField(
            required=defaults["required"], label=self.verbose_name, help_text=self.help_text
        )


class EncryptedBooleanField(EncryptedTextField):
    """A yes/no health flag, stored encrypted as "1" or "0"."""

    description = _("Yes/no (encrypted at rest)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", False)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        return str(value) in {"1", "True", "true", "on"}

    def get_prep_value(self, value: Any) -> Any:
        return super().get_prep_value("1" if self.to_python(value) else "0")

    def from_db_value(  # type: ignore[override]
        self, value: Any, expression: Any, connection: Any
    ) -> bool:
        text = super().from_db_value(value, expression, connection)
        return self.to_python(text)

    def value_to_string(self, obj: Any) -> str:
        return "1" if self.value_from_object(obj) else "0"

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]
        return forms.BooleanField(required=False, label=self.verbose_name, help_text=self.help_text)
