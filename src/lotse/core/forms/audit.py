"""The filters of the audit log page (a GET form)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.audit import action_choices
from lotse.core.forms.commune import GermanDateField


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    actor = forms.CharField(
        label=_("E-mail address of the person"),
        help_text=_("Part of the address is enough."),
        required=False,
        max_length=254,
    )
    object_type = forms.ChoiceField(label=_("Kind of object"), required=False)
    date_from = GermanDateField(label=_("From"), required=False)
    date_to = GermanDateField(label=_("Until (inclusive)"), required=False)

    def __init__(self, *args: Any, object_types: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        action_field: forms.ChoiceField = self.fields["action"]  # type: ignore[assignment]
        action_field.choices = [("", _("All actions")), *action_choices()]
        type_field: forms.ChoiceField = self.fields["object_type"]  # type: ignore[assignment]
        type_field.choices = [("", _("All kinds")), *object_types]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end date lies before the start date."))
        return cleaned
