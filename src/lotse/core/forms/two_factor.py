"""The form for a six-digit code from an authenticator app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class TotpCodeField(forms.CharField):
    """Apps show the code as "123 456" and people type it that way: spaces are dropped
    before the code is checked."""

    def to_python(self, value: Any) -> str:
        text: str = super().to_python(value) or ""
        return "".join(text.split())


class TotpCodeForm(forms.Form):
    code = TotpCodeField(
        label=_("Six-digit code from your authenticator app"),
        max_length=12,
        validators=[
            RegexValidator(r"^[0-9]{6}$", _("Please enter the six digits your app shows."))
        ],
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "autofocus": True,
                "size": 8,
            }
        ),
    )
