"""The finder's search form: every parameter of a search, checked with a German (or the
family's language's) message naming what is wrong. The JSON API uses the same form."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from lotse.core.models import Commune, SocialArea
from lotse.offers.ages import PREGNANCY_WEEKS, completed_months, pregnancy_week
from lotse.offers.finder import labels
from lotse.offers.finder.search import Filters
from lotse.offers.models import Location, OfferLanguage, TaxonomyTerm

MAX_AGE_MONTHS = 27 * 12 - 1
TRUE_VALUES = frozenset({"1", "true", "on", "yes", "ja"})
FALSE_VALUES = frozenset({"", "0", "false", "off", "no", "nein"})
# ISO 639-1: the two-letter codes Django knows a name for.
ISO_639_1 = frozenset(code for code in LANG_INFO if len(code) == 2)


class FlagInput(forms.CheckboxInput):
    """A checkbox whose raw value reaches the field, so "free=maybe" is an error, not
    silently true (the API shares this form)."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return data.get(name)

    def format_value(self, value: Any) -> str | None:
        return None


class FlagField(forms.Field):
    widget = FlagInput(check_test=lambda value: str(value).lower() in TRUE_VALUES)
    default_error_messages = {"invalid": _("Enter true or false.")}

    def to_python(self, value: Any) -> bool:
        if value is None or value is True or value is False:
            return bool(value)
        text = str(value).strip().lower()
        if text in TRUE_VALUES:
            return True
        if text in FALSE_VALUES:
            return False
        raise ValidationError(self.error_messages["invalid"], code="invalid")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def language_name(code: str) -> str:
    try:
        info = get_language_info(code)
    except KeyError:
        return code
    return f"{info['name_local']} ({info['name_translated']})"


class FinderForm(forms.Form):
    q = forms.CharField(
        label=_("What are you looking for?"),
        max_length=200,
        required=False,
        help_text=_("For example: baby, breastfeeding, course, midwife"),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    birth_date = forms.DateField(
        label=_("Your child's date of birth"), required=False, widget=DateInput()
    )
    age_months = forms.IntegerField(
        label=_("or the child's age in months"),
        required=False,
        min_value=0,
        max_value=MAX_AGE_MONTHS,
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())
    pregnancy_week = forms.IntegerField(
        label=_("or the week of pregnancy"),
        required=False,
        min_value=1,
        max_value=PREGNANCY_WEEKS,
    )
    social_area = forms.ChoiceField(label=_("Part of town"), required=False)
    place = forms.CharField(
        label=_("Sort by distance from"),
        required=False,
        max_length=100,
        help_text=_("A street or a place you know, e.g. a family centre; nearest offers first."),
    )
    category = forms.ChoiceField(label=_("Kind of offer"), required=False)
    # A select in the page, but any ISO 639-1 code is valid (the API may ask for a
    # language no offer speaks yet: it finds nothing).
    language = forms.CharField(
        label=_("Language spoken"), required=False, max_length=2, widget=forms.Select
    )
    free = FlagField(label=_("Free of charge"), required=False)
    no_registration = FlagField(label=_("No registration needed"), required=False)
    weekday = forms.ChoiceField(
        label=_("Weekday"),
        required=False,
        choices=[("", _("Any day")), *labels.WEEKDAYS.items()],
    )
    accessibility = forms.ChoiceField(
        label=_("Accessibility"),
        required=False,
        choices=[("", _("No requirement")), *labels.ACCESSIBILITY.items()],
    )
    lat = forms.FloatField(
        label=_("Latitude"), required=False, min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    lon = forms.FloatField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.HiddenInput,
    )
    page = forms.IntegerField(
        label=_("Page"), required=False, min_value=1, widget=forms.HiddenInput
    )

    def __init__(
        self, *args: Any, commune: Commune, today: datetime.date | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.commune = commune
        self.today = today or timezone.localdate()
        self.areas = {area.slug: area for area in SocialArea.objects.for_commune(commune)}
        self._choices(
            "social_area",
            [
                ("", _("All parts of town")),
                *[(slug, area.name) for slug, area in self.areas.items()],
            ],
        )
        self.categories = {
            term.code: term
            for term in TaxonomyTerm.objects.for_commune(commune).filter(is_category=True)
        }
        self._choices(
            "category",
            [
                ("", _("All kinds")),
                *[(code, term.name) for code, term in self.categories.items()],
            ],
        )
        spoken = set(
            OfferLanguage.objects.filter(offer__commune=commune)
            .order_by()
            .values_list("code", flat=True)
            .distinct()
        )
        self.fields["language"].widget.choices = [
            ("", _("Any language")),
            *[(code, language_name(code)) for code in sorted(spoken | {"de"})],
        ]

    def _choices(self, name: str, choices: list[tuple[str, Any]]) -> None:
        field = self.fields[name]
        if isinstance(field, forms.ChoiceField):
            field.choices = choices

    def clean_place(self) -> Location | None:
        """The commune's place whose name or street matches (there is no geocoder: no
        address leaves the server), or an error naming the field."""
        text = " ".join(str(self.cleaned_data.get("place") or "").split())
        if not text:
            return None
        found: Location | None = (
            Location.objects.for_commune(self.commune)
            .filter(latitude__isnull=False, longitude__isnull=False)
            .filter(Q(name__icontains=text) | Q(street__icontains=text))
            .order_by("name")
            .first()
        )
        if found is None:
            raise ValidationError(
                _("We do not know this place. Try a street name or choose a part of town.")
            )
        return found

    def clean_language(self) -> str:
        code = str(self.cleaned_data.get("language") or "").lower()
        if code and code not in ISO_639_1:
            raise ValidationError(_("Enter a language as a two-letter ISO 639-1 code, e.g. tr."))
        return code

    def clean_birth_date(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("birth_date")
        if value is not None and value > self.today:
            raise ValidationError(
                _("The date of birth lies in the future. For an unborn child, enter the due date.")
            )
        if value is not None and completed_months(value, self.today) > MAX_AGE_MONTHS:
            raise ValidationError(_("Offers here are for children and young people up to 27."))
        return value

    def clean_due_date(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("due_date")
        if value is None:
            return None
        if value < self.today - datetime.timedelta(weeks=2):
            raise ValidationError(
                _("The due date has passed. If your child is born, enter its date of birth.")
            )
        if value > self.today + datetime.timedelta(weeks=40):
            raise ValidationError(_("The due date is more than 40 weeks away."))
        return value

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        has_lat, has_lon = cleaned.get("lat") is not None, cleaned.get("lon") is not None
        if has_lat != has_lon and not self.has_error("lat") and not self.has_error("lon"):
            missing = "lon" if has_lat else "lat"
            self.add_error(missing, _("Give both latitude and longitude, or neither."))
        return cleaned

    def filters(self) -> Filters:
        """The search the valid form describes."""
        data = self.cleaned_data
        age = data.get("age_months")
        if data.get("birth_date"):
            age = completed_months(data["birth_date"], self.today)
        week = data.get("pregnancy_week")
        if data.get("due_date"):
            week = pregnancy_week(data["due_date"], self.today)
        latitude, longitude = data.get("lat"), data.get("lon")
        place = data.get("place")
        if place is not None and latitude is None:
            latitude, longitude = place.latitude, place.longitude
        return Filters(
            query=data.get("q") or "",
            age_months=age,
            pregnancy_week=week,
            social_area=self.areas.get(data.get("social_area") or ""),
            category=self.categories.get(data.get("category") or ""),
            language=data.get("language") or "",
            free=bool(data.get("free")),
            no_registration=bool(data.get("no_registration")),
            weekday=data.get("weekday") or "",
            accessibility=data.get("accessibility") or "",
            latitude=latitude,
            longitude=longitude,
        )
