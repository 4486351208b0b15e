"""The form for a new personal API token."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.services.tokens import NAME_MAX_LENGTH


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("So that you recognise it later, e.g. “Monthly report script”."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
