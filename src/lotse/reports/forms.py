"""Forms of the report pages: the filter, the settings and the annual report's texts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.models import Commune, SocialArea
from lotse.offers.ages import LifePhase
from lotse.reports.models import AnnualReport, ReportSettings

FIRST_YEAR = 2000
LAST_YEAR = 2100
YEAR_ERRORS = {
    "invalid": _("Enter a year as a number, e.g. 2026."),
    "min_value": _("Choose a year from 2000 to 2100."),
    "max_value": _("Choose a year from 2000 to 2100."),
}


def year_field(**kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Year"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages=YEAR_ERRORS,
        **kwargs,
    )


class YearForm(forms.Form):
    """``?year=``: the current year when nothing is given."""

    year = year_field(required=False)

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if data is not None and not data.get("year"):
            data = data.copy()
            data["year"] = str(timezone.localdate().year)
        super().__init__(data, *args, **kwargs)

    def chosen_year(self) -> int:
        year: int | None = self.cleaned_data.get("year")
        return year or timezone.localdate().year


class FilterForm(YearForm):
    """``?year=&area=``: the dashboards' filter (a GET form, works without JavaScript)."""

    def __init__(self, *args: Any, commune: Commune, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"] = forms.ModelChoiceField(
            label=_("Social area"),
            queryset=SocialArea.objects.for_commune(commune).order_by("name"),
            to_field_name="slug",
            required=False,
            empty_label=_("Whole commune"),
            error_messages={"invalid_choice": _("Choose one of the commune's social areas.")},
        )

    def chosen_area(self) -> SocialArea | None:
        area: SocialArea | None = self.cleaned_data.get("area")
        return area


class ReportSettingsForm(forms.ModelForm[ReportSettings]):
    class Meta:
        model = ReportSettings
        fields = ["poverty_weight"]
        error_messages = {
            "poverty_weight": {
                "min_value": _("The weight must be between 0 and 10."),
                "max_value": _("The weight must be between 0 and 10."),
                "invalid": _("Enter the weight as a number, e.g. 1,5."),
            }
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["poverty_weight"].localize = True
        self.fields["poverty_weight"].widget.is_localized = True


def figure_field_name(area: SocialArea, phase: LifePhase) -> str:
    return f"children-{area.slug}-{phase.value}"


class AgeGroupFiguresForm(forms.Form):
    """Children per social area and life phase for one year; an empty field means "no
    figure" (the gap analysis then derives it from the births and children 0–3)."""

    def __init__(
        self, *args: Any, areas: list[SocialArea], phases: list[LifePhase], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.areas = areas
        self.phases = phases
        for area in areas:
            for phase in phases:
                self.fields[figure_field_name(area, phase)] = forms.IntegerField(
                    label=_("Children %(phase)s in %(area)s")
                    % {"phase": phase.label, "area": area.name},
                    min_value=0,
                    max_value=10_000_000,
                    required=False,
                    error_messages={
                        "min_value": _("A number of children cannot be negative."),
                        "invalid": _("Enter a whole number."),
                    },
                )

    def grid(self) -> list[tuple[SocialArea, list[forms.BoundField]]]:
        return [
            (area, [self[figure_field_name(area, phase)] for phase in self.phases])
            for area in self.areas
        ]

    def figures(self) -> dict[tuple[SocialArea, LifePhase], int | None]:
        return {
            (area, phase): self.cleaned_data.get(figure_field_name(area, phase))
            for area in self.areas
            for phase in self.phases
        }


class AnnualReportForm(forms.ModelForm[AnnualReport]):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = AnnualReport
        fields = [
            "coordination_staff",
            "coordination_hours_per_week",
            *AnnualReport.TEXT_FIELDS,
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in AnnualReport.TEXT_FIELDS}
        error_messages = {
            "coordination_staff": {"min_value": _("Staff cannot be negative.")},
            "coordination_hours_per_week": {"min_value": _("Hours cannot be negative.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("coordination_staff", "coordination_hours_per_week"):
            self.fields[name].localize = True
            self.fields[name].widget.is_localized = True
