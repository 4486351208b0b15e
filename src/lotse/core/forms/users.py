"""The form with which a coordinator invites a person to a role in the commune."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.models import Commune, Membership, User
from lotse.core.permissions import Role

# core imports nothing from network: the organisation model comes from the foreign key.
Organisation: Any = Membership._meta.get_field("organisation").related_model


class InviteUserForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=User._meta.get_field("email").max_length,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    full_name = forms.CharField(
        label=_("Name"),
        max_length=User._meta.get_field("full_name").max_length,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(label=_("Role"), choices=[("", "–"), *Role.choices])
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.all_communes.none(),
        to_field_name="uuid",  # pages show UUIDs, never database ids
        required=False,
        help_text=_("Only for partner staff: the organisation the person works for."),
    )

    def __init__(self, *args: Any, commune: Commune, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: forms.ModelChoiceField[Any] = self.fields["organisation"]  # type: ignore[assignment]
        field.queryset = Organisation.objects.for_commune(commune).order_by("name")

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        role, organisation = cleaned.get("role"), cleaned.get("organisation")
        if role == Role.PARTNER_STAFF and organisation is None:
            if "organisation" not in self.errors:
                self.add_error(
                    "organisation",
                    _("Partner staff work for an organisation: please choose it."),
                )
        elif role and role != Role.PARTNER_STAFF and organisation is not None:
            self.add_error("organisation", _("Only partner staff are bound to an organisation."))
        return cleaned
