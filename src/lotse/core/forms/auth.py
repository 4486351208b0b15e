"""Forms of logging in. Password reset and change use Django's own forms."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


def normalise_email(value: str) -> str:
    """Addresses are stored in lower case (``UserManager.create_user``)."""
    return value.strip().lower()


class EmailLoginForm(AuthenticationForm):
    """Django's login form, asking for the e-mail address."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _(
            "The e-mail address or the password is not correct. Please check both; "
            "after several failed attempts the account is locked for a while."
        ),
        "inactive": _("This account has been deactivated."),
    }

    def clean_username(self) -> str:
        return normalise_email(self.cleaned_data["username"])
