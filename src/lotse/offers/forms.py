"""Forms of the catalog's staff pages. They parse and check single fields; the services
in :mod:`lotse.offers.services` apply the rules and save."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.models import Commune, SocialArea
from lotse.network.models import Organisation
from lotse.offers.ages import LifePhase
from lotse.offers.languages import LANGUAGE_CHOICES
from lotse.offers.models import (
    AccessibilityFeature,
    CatalogSettings,
    Location,
    Offer,
    OfferLocation,
    Schedule,
    TaxonomyTerm,
    Weekday,
)
from lotse.offers.services.catalog import SETTINGS_FIELDS
from lotse.offers.services.offers import OFFER_FIELDS
from lotse.offers.services.places import LOCATION_FIELDS, SCHEDULE_FIELDS

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]


def _date_field(field: forms.Field) -> None:
    field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    field.input_formats = DATE_INPUT_FORMATS  # type: ignore[attr-defined]


def _formfield(field: Any, **kwargs: Any) -> Any:
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


def _fields(model: type[Any], names: tuple[str, ...]) -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = dict(
        forms.fields_for_model(model, fields=names, formfield_callback=_formfield)
    )
    for field in fields.values():
        if isinstance(field, forms.DateField):
            _date_field(field)
        if isinstance(field, forms.TimeField):
            field.widget = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    return fields


class OfferForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, commune: Commune, providers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"] = forms.ModelChoiceField(
            label=_("Provider"),
            queryset=providers,
            to_field_name="uuid",
            empty_label=None,
        )
        self.fields.update(_fields(Offer, OFFER_FIELDS))
        self.fields["name"].widget.attrs["autocomplete"] = "off"
        for name in ("description", "summary", "eligibility_description", "application_process"):
            self.fields[name].widget.attrs["rows"] = 4
        self.fields["categories"] = forms.ModelMultipleChoiceField(
            label=_("Categories"),
            queryset=TaxonomyTerm.objects.for_commune(commune).filter(is_category=True),
            to_field_name="uuid",
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        self.fields["service_areas"] = forms.ModelMultipleChoiceField(
            label=_("Social areas served"),
            help_text=_("For offers without a fixed place, e.g. home visits."),
            queryset=SocialArea.objects.for_commune(commune),
            to_field_name="uuid",
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        self.fields["languages"] = forms.MultipleChoiceField(
            label=_("Languages"),
            choices=LANGUAGE_CHOICES,
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in OFFER_FIELDS}


def offer_initial(offer: Offer) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(offer, name) for name in OFFER_FIELDS}
    initial["version"] = offer.version
    initial["provider"] = offer.provider.uuid
    initial["categories"] = [term.uuid for term in offer.categories.all()]
    initial["service_areas"] = [area.uuid for area in offer.service_areas.all()]
    initial["languages"] = [language.code for language in offer.languages.all()]
    return initial


class StatusForm(forms.Form):
    to_status = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason or note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class LocationForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, commune: Commune, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_fields(Location, LOCATION_FIELDS))
        self.fields["social_area"] = forms.ModelChoiceField(
            label=_("Social area"),
            queryset=SocialArea.objects.for_commune(commune),
            to_field_name="uuid",
            required=False,
        )
        self.fields["accessibility"] = forms.MultipleChoiceField(
            label=_("Accessibility"),
            choices=AccessibilityFeature.choices,
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in LOCATION_FIELDS}


def location_initial(location: Location) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(location, name) for name in LOCATION_FIELDS}
    initial["social_area"] = location.social_area.uuid if location.social_area else None
    initial["version"] = location.version
    initial["accessibility"] = [item.feature for item in location.accessibility.all()]
    return initial


class OfferLocationForm(forms.Form):
    def __init__(self, *args: Any, commune: Commune, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["location"] = forms.ModelChoiceField(
            label=_("Place"),
            queryset=Location.objects.for_commune(commune),
            to_field_name="uuid",
        )
        self.fields["description"] = forms.CharField(
            label=_("Note on this place"), required=False, max_length=300
        )


class ScheduleForm(forms.Form):
    def __init__(self, *args: Any, offer: Offer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offer_location"] = forms.ModelChoiceField(
            label=_("At"),
            queryset=OfferLocation.objects.filter(offer=offer).select_related("location"),
            to_field_name="uuid",
            required=False,
            empty_label=_("all places of the offer"),
        )
        self.fields.update(_fields(Schedule, SCHEDULE_FIELDS))
        self.fields["weekdays"] = forms.MultipleChoiceField(
            label=_("Weekdays"),
            choices=Weekday.choices,
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )

    def values(self) -> dict[str, Any]:
        values = {name: self.cleaned_data[name] for name in SCHEDULE_FIELDS}
        values["weekdays"] = ",".join(self.cleaned_data["weekdays"])
        return values


class TranslationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    summary = forms.CharField(
        label=_("Summary in plain language"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    position = forms.IntegerField(
        label=_("Position in lists"), min_value=0, max_value=1000, initial=100
    )


class CatalogSettingsForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_fields(CatalogSettings, SETTINGS_FIELDS))


class BrochureForm(forms.Form):
    BY_AREA = "area"
    BY_PHASE = "phase"
    arrangement = forms.ChoiceField(
        label=_("Arrange by"),
        choices=[(BY_AREA, _("Social area")), (BY_PHASE, _("Life phase"))],
        widget=forms.RadioSelect,
        initial=BY_AREA,
    )
    social_area = forms.ModelChoiceField(
        label=_("Only this social area"),
        queryset=SocialArea.all_communes.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("all social areas"),
    )
    life_phase = forms.ChoiceField(
        label=_("Only this life phase"),
        choices=[("", _("all life phases")), *LifePhase.choices],
        required=False,
    )

    def __init__(self, *args: Any, commune: Commune, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = cast(forms.ModelChoiceField, self.fields["social_area"])  # type: ignore[type-arg]
        area.queryset = SocialArea.objects.for_commune(commune)


def provider_choices(commune: Commune, organisation_ids: set[int] | None) -> Any:
    """Organisations the person may choose as provider: all of the commune for the
    coordination, their own for partner staff."""
    organisations = Organisation.objects.for_commune(commune)
    if organisation_ids is not None:
        organisations = organisations.filter(pk__in=organisation_ids)
    return organisations
