"""Forms of logging in. Password reset and change use Django's own forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from lotse.core.outbox import queue_email


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


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the e-mail goes through the outbox (with retries)."""

    def send_mail(  # noqa: PLR0917 (Django's signature)
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        queue_email(
            kind="core.password_reset",
            to=[to_email],
            subject=render_to_string(subject_template_name, context),
            body=render_to_string(email_template_name, context),
        )
