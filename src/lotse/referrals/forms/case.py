"""Forms of the case pages (early-help workers) and of the coordinators' settings."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.models import Commune, SocialArea
from lotse.referrals.forms.intake import DATETIME_WIDGET, FAMILY_LANGUAGES, _now_local
from lotse.referrals.models import (
    CaseOutcome,
    ConsentChannel,
    ContactChannel,
    ContactOutcome,
    IntakeSettings,
    ProcedureStage,
    TriageOutcome,
)


class VersionForm(forms.Form):
    """The version the person started from (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ContactAttemptForm(forms.Form):
    at = forms.DateTimeField(label=_("When"), widget=DATETIME_WIDGET)
    channel = forms.ChoiceField(label=_("How"), choices=ContactChannel.choices)
    outcome = forms.ChoiceField(label=_("Result"), choices=ContactOutcome.choices)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"at": _now_local()})
        super().__init__(*args, **kwargs)


class TriageForm(VersionForm):
    outcome = forms.ChoiceField(
        label=_("Triage"), choices=TriageOutcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    asd_reason = forms.CharField(
        label=_("Indications of child endangerment (§ 8a SGB VIII)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
        help_text=_("Only for a hand-over to the ASD."),
    )
    asd_handed_over_at = forms.DateTimeField(
        label=_("Handed over at"), widget=DATETIME_WIDGET, required=False
    )
    asd_receiving_person = forms.CharField(
        label=_("Received by (person at the ASD)"), max_length=200, required=False
    )


class CloseCaseForm(VersionForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[c for c in CaseOutcome.choices if c[0] != CaseOutcome.CONSENT_WITHDRAWN],
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class WithdrawConsentForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("How did the family withdraw its consent?"),
        choices=[c for c in ConsentChannel.choices if c[0] != ConsentChannel.CLINIC_SYSTEM],
    )
    confirm = forms.BooleanField(
        label=_("The family has withdrawn its consent. Stop the case and delete its data."),
        required=True,
    )


class IntakeSettingsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = IntakeSettings
        fields = (
            "asd_name",
            "asd_phone",
            "asd_out_of_hours_phone",
            "police_phone",
            "team_name",
            "team_phone",
            "team_email",
            "team_address",
            "digest_recipients",
        )
        widgets = {"digest_recipients": forms.Textarea(attrs={"rows": 3})}

    def clean_digest_recipients(self) -> str:
        text: str = self.cleaned_data["digest_recipients"]
        addresses = [line.strip() for line in text.splitlines() if line.strip()]
        validator = forms.EmailField()
        for address in addresses:
            validator.clean(address)
        return "\n".join(addresses)


class ConsentTextForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 3}))
    data_passed = forms.CharField(
        label=_("Data passed on"), widget=forms.Textarea(attrs={"rows": 3})
    )
    recipients = forms.CharField(label=_("Recipients"), widget=forms.Textarea(attrs={"rows": 3}))
    withdrawal = forms.CharField(
        label=_("How to withdraw"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ScreeningSheetForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    threshold = forms.IntegerField(label=_("Threshold"), min_value=1, max_value=1000)
    items = forms.CharField(
        label=_("Items"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "One item per line: points, a semicolon, then the text. Example: 2; Few visitors"
        ),
    )

    def clean_items(self) -> list[tuple[int, str]]:
        parsed: list[tuple[int, str]] = []
        for number, line in enumerate(self.cleaned_data["items"].splitlines(), start=1):
            if not line.strip():
                continue
            points, separator, text = line.partition(";")
            if not separator or not text.strip() or not points.strip().isdigit():
                raise forms.ValidationError(
                    _("Line %(number)s: please write the points, a semicolon, then the text.")
                    % {"number": number}
                )
            parsed.append((int(points), text.strip()[:300]))
        if not parsed:
            raise forms.ValidationError(_("Please give at least one item."))
        return parsed


class ProcedureForm(forms.Form):
    pseudonym = forms.CharField(
        label=_("Pseudonym"),
        max_length=80,
        help_text=_("A name that does not identify the family, e.g. “Family A., March”."),
    )
    indications = forms.CharField(
        label=_("Indications"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )


class ProcedureStepForm(VersionForm):
    stage = forms.ChoiceField(label=_("Step"), choices=ProcedureStage.choices)
    at = forms.DateTimeField(label=_("When"), widget=DATETIME_WIDGET)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    specialist = forms.CharField(
        label=_("Specialist consulted"),
        max_length=200,
        required=False,
        help_text=_("Only for the pseudonymised advice."),
    )
    family_details = forms.CharField(
        label=_("Family (name and address)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=1000,
        help_text=_("Only for the report to the youth office."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"at": _now_local()})
        super().__init__(*args, **kwargs)


class FamilyForm(VersionForm):
    name = forms.CharField(label=_("Family name"), max_length=200)
    parents = forms.CharField(label=_("Parents"), max_length=300, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=60, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    reach_notes = forms.CharField(
        label=_("How to reach the family"), max_length=300, required=False
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )
    social_area = forms.ModelChoiceField(
        label=_("Social area"), queryset=SocialArea.all_communes.none(), required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages of the family"),
        choices=FAMILY_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, commune: Commune, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = cast("forms.ModelChoiceField[SocialArea]", self.fields["social_area"])
        area.queryset = SocialArea.objects.for_commune(commune)
