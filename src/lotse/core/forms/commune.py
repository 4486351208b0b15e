"""Forms of the commune settings pages. They validate; the services in
:mod:`lotse.core.services.commune` save."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from lotse.core.models import Commune, SocialAreaFigures
from lotse.core.services.commune import (
    COMMUNE_SETTINGS_FIELDS,
    DEADLINE_FIELDS,
    FIGURE_FIELDS,
    deadline_error,
    figures_errors,
)

# German dates are accepted whatever the user's language; ISO dates come from date pickers.
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"]


def model_form_fields(model: type[models.Model], names: Sequence[str]) -> dict[str, forms.Field]:
    """Form fields for some model fields, with the model fields' validators (limits such as
    "at most 3 months"), which a plain form would not run otherwise."""
    fields: dict[str, forms.Field] = dict(forms.fields_for_model(model, fields=names))
    for name, field in fields.items():
        model_field = model._meta.get_field(name)
        validators = model_field.validators if isinstance(model_field, models.Field) else []
        field.validators = [*field.validators, *validators]
        if not isinstance(field.widget, forms.NumberInput):
            continue
        # The browser's hint shows the tightest limit.
        lows = [v.limit_value for v in field.validators if isinstance(v, MinValueValidator)]
        highs = [v.limit_value for v in field.validators if isinstance(v, MaxValueValidator)]
        if lows:
            field.widget.attrs["min"] = max(lows)
        if highs:
            field.widget.attrs["max"] = min(highs)
    return fields


EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2099, 12, 31)


class GermanDateField(forms.DateField):
    """A date typed as 24.12.2026 (or picked in the browser's date picker)."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        kwargs.setdefault(
            "error_messages", {"invalid": _("Please enter a date such as 24.12.2026.")}
        )
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        # Dates far out are typing mistakes, and date arithmetic on them overflows.
        if value and not EARLIEST_DATE <= value <= LATEST_DATE:
            raise forms.ValidationError(
                _("Please enter a date between %(earliest)s and %(latest)s."),
                code="out_of_range",
                params={"earliest": EARLIEST_DATE.year, "latest": LATEST_DATE.year},
            )


class CommuneSettingsForm(forms.Form):
    """The commune's settings, with labels and limits taken from the model, and the
    version they were loaded in (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(model_form_fields(Commune, COMMUNE_SETTINGS_FIELDS))
        for month_field, _day_field in DEADLINE_FIELDS:
            self.fields[month_field].widget = forms.Select(choices=list(MONTHS.items()))

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        for month_field, day_field in DEADLINE_FIELDS:
            month, day = cleaned.get(month_field), cleaned.get(day_field)
            if month is None or day is None:
                continue
            error = deadline_error(month, day)
            if error:
                self.add_error(day_field, error)
        return cleaned


class ClosingDayForm(forms.Form):
    date = GermanDateField(label=_("Date"))
    label = forms.CharField(
        label=_("Reason"),
        max_length=120,
        help_text=_("For example: staff outing, bridge day after Ascension."),
    )


class SocialAreaFiguresForm(forms.Form):
    """One year's figures of a social area."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(model_form_fields(SocialAreaFigures, ("year", *FIGURE_FIELDS)))

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        inhabitants = cleaned.get("inhabitants")
        children = cleaned.get("children_0_3")
        poverty = cleaned.get("children_0_3_in_poverty")
        if inhabitants is not None and children is not None and poverty is not None:
            errors = figures_errors(
                inhabitants=inhabitants, children_0_3=children, children_0_3_in_poverty=poverty
            )
            for field, message in errors.items():
                self.add_error(field, message)
        return cleaned
