"""The public "Kontakt wünschen" form of the finder: no account, no cookie."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.models import Commune, SocialArea
from lotse.referrals.forms.intake import FAMILY_LANGUAGES


class ContactRequestForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    phone = forms.CharField(label=_("Phone"), max_length=60, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    social_area = forms.ModelChoiceField(
        label=_("Where do you live?"), queryset=SocialArea.all_communes.none(), required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Which languages do you speak?"),
        choices=FAMILY_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    due_date = forms.DateField(
        label=_("Due date (if you are expecting a baby)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    youngest_birth_date = forms.DateField(
        label=_("Birth date of your youngest child (if already born)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    message = forms.CharField(
        label=_("What can we help you with?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the early-help team stores my details to contact me, as described above."
        ),
        error_messages={"required": _("Without your agreement we cannot store your request.")},
    )
    # Honeypot: hidden from people, filled in by robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, commune: Commune, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = cast("forms.ModelChoiceField[SocialArea]", self.fields["social_area"])
        area.queryset = SocialArea.objects.for_commune(commune)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("phone") or data.get("email")):
            self.add_error("phone", _("Please give a phone number or an e-mail address."))
        if not data.get("due_date") and not data.get("youngest_birth_date"):
            self.add_error(
                "youngest_birth_date",
                _("Please give your youngest child's birth date or the due date."),
            )
        return data
