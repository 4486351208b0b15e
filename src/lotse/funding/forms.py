"""Forms of funding: they parse and validate input; services do the saving."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lotse.core.models import Commune, SocialArea
from lotse.funding.models import (
    Application,
    AttachmentPurpose,
    Decision,
    FundingYear,
    LifePhase,
    ProofOfUse,
)

COST_ROWS = 8
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class NewYearForm(forms.Form):
    year = forms.IntegerField(label=_("Funding year"), min_value=2012, max_value=2100)


class FundingYearForm(forms.ModelForm[FundingYear]):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = FundingYear
        fields = (
            "federal_fund",
            "state_share_percent",
            "allocation",
            "allocation_confirmed",
            "municipal_funds",
            "other_funds",
            "other_funds_note",
            "priorities",
        )


class FundingSettingsForm(forms.Form):
    funding_areas = forms.CharField(
        label=_("Funding areas (one per line)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    round_to_cents = forms.BooleanField(
        label=_("Round allocations to cents instead of whole euros"), required=False
    )
    max_upload_megabytes = forms.IntegerField(
        label=_("Largest attachment (MB)"), min_value=1, max_value=50
    )

    def clean_funding_areas(self) -> list[str]:
        areas = [line.strip() for line in self.cleaned_data["funding_areas"].splitlines()]
        areas = [area for area in areas if area]
        if not areas:
            raise ValidationError(_("Name at least one funding area."))
        return areas


class AllocationForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount to share (EUR)"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2
    )
    table = forms.FileField(
        label=_("Table of youth offices (CSV)"),
        help_text=_("Columns youth_office,children_under_3_sgb2, one line per youth office."),
    )


class NewApplicationForm(forms.Form):
    funding_year = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Title of the measure"), max_length=200)


class ApplicationForm(forms.ModelForm[Application]):
    """The application form; the cost plan comes as ``cost_label_N``/``cost_amount_N``."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    funding_area = forms.ChoiceField(label=_("Funding area"), required=False)
    social_areas = forms.ModelMultipleChoiceField(
        label=_("Social areas"),
        queryset=SocialArea.all_communes.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Application
        fields = (
            "title",
            "funding_area",
            "goals",
            "priority_fit",
            "target_group",
            "life_phase",
            "social_areas",
            "period_start",
            "period_end",
            "requested_amount",
            "co_funding",
            "indicators",
        )
        widgets = {
            "period_start": DATE,
            "period_end": DATE,
            "goals": forms.Textarea(attrs={"rows": 4}),
            "priority_fit": forms.Textarea(attrs={"rows": 3}),
            "target_group": forms.Textarea(attrs={"rows": 3}),
            "indicators": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, commune: Commune, funding_areas: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        area_field = cast(forms.ChoiceField, self.fields["funding_area"])
        area_field.choices = [("", "—"), *((area, area) for area in funding_areas)]
        areas_field = cast(
            "forms.ModelMultipleChoiceField[SocialArea]", self.fields["social_areas"]
        )
        areas_field.queryset = SocialArea.objects.for_commune(commune)
        life_phase = cast(forms.ChoiceField, self.fields["life_phase"])
        life_phase.choices = [("", "—"), *LifePhase.choices]
        for index in range(COST_ROWS):
            self.fields[f"cost_label_{index}"] = forms.CharField(
                label=_("Cost item %(number)s") % {"number": index + 1},
                max_length=200,
                required=False,
            )
            self.fields[f"cost_amount_{index}"] = forms.DecimalField(
                label=_("Amount of cost item %(number)s (EUR)") % {"number": index + 1},
                required=False,
                min_value=Decimal("0"),
                max_digits=12,
                decimal_places=2,
            )

    def cost_items(self) -> list[tuple[str, Decimal]]:
        items = []
        for index in range(COST_ROWS):
            label = self.cleaned_data.get(f"cost_label_{index}") or ""
            amount = self.cleaned_data.get(f"cost_amount_{index}")
            if label or amount is not None:
                items.append((label, amount if amount is not None else Decimal("0")))
        return items

    def cost_rows(self) -> list[tuple[Any, Any]]:
        return [
            (self[f"cost_label_{index}"], self[f"cost_amount_{index}"])
            for index in range(COST_ROWS)
        ]

    def main_fields(self) -> list[Any]:
        return [self[name] for name in self.Meta.fields]


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Document"))
    purpose = forms.ChoiceField(
        widget=forms.HiddenInput, choices=AttachmentPurpose.choices, initial="application"
    )


class TextForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you withdraw? (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    amount = forms.DecimalField(
        label=_("Lower amount (EUR), only for “approve a lower amount”"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class BulkDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision for the chosen applications"),
        choices=[
            (Decision.APPROVED, Decision.APPROVED.label),
            (Decision.REJECTED, Decision.REJECTED.label),
        ],
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ReopenForm(forms.Form):
    until = forms.DateTimeField(
        label=_("Submission possible until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
    )
    reason = forms.CharField(label=_("Reason for reopening"), max_length=500)


class ProofForm(forms.ModelForm[ProofOfUse]):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ProofOfUse
        fields = (
            "funding_received",
            "co_funding_received",
            "staff",
            "staff_hours",
            "participants",
            "families_reached",
            "indicators_report",
            "narrative",
        )
        widgets = {
            "staff": forms.Textarea(attrs={"rows": 2}),
            "indicators_report": forms.Textarea(attrs={"rows": 3}),
            "narrative": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args: Any, cost_items: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cost_item_list = cost_items
        for item in cost_items:
            self.fields[f"spent_{item.pk}"] = forms.DecimalField(
                label=_("Spent on “%(item)s” (EUR)") % {"item": item.label},
                required=False,
                min_value=Decimal("0"),
                initial=item.spent_amount,
                max_digits=12,
                decimal_places=2,
            )

    def spent(self) -> dict[int, Decimal | None]:
        return {item.pk: self.cleaned_data.get(f"spent_{item.pk}") for item in self.cost_item_list}

    def main_fields(self) -> list[Any]:
        return [self[name] for name in self.Meta.fields]

    def spent_rows(self) -> list[tuple[Any, Any]]:
        return [(item, self[f"spent_{item.pk}"]) for item in self.cost_item_list]
