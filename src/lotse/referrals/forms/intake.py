"""The staff intake forms (partner staff, early-help workers) and the clinic form of the
navigators. A form only parses; :func:`lotse.referrals.services.intake.create_referral`
checks the rules and saves."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.forms.commune import GermanDateField
from lotse.core.models import Commune, SocialArea
from lotse.network.models import Organisation
from lotse.referrals.models import (
    ConsentChannel,
    ConsentScope,
    ConsentText,
    ReferralSource,
    ScreeningSheet,
)
from lotse.referrals.services.intake import (
    ChildInput,
    ConsentInput,
    FamilyInput,
    ScreeningInput,
)

# The languages offered on the forms: the finder's ten and others common in the communes.
FAMILY_LANGUAGES: list[tuple[str, Any]] = [
    ("de", _("German")),
    ("en", _("English")),
    ("tr", _("Turkish")),
    ("ar", _("Arabic")),
    ("fa", _("Persian")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("pl", _("Polish")),
    ("ro", _("Romanian")),
    ("bg", _("Bulgarian")),
    ("ku", _("Kurdish")),
    ("sq", _("Albanian")),
    ("ti", _("Tigrinya")),
    ("fr", _("French")),
]
CHILD_SLOTS = 2
HEALTH_FLAGS: list[tuple[str, Any]] = [
    ("premature", _("born prematurely")),
    ("malformation", _("malformation")),
    ("syndromic_illness", _("syndromic illness")),
    ("other_illness", _("other illness")),
]
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _now_local() -> datetime:
    return timezone.localtime().replace(second=0, microsecond=0)


class ReferralForm(forms.Form):
    """A referral by staff: family, children, need and consent."""

    source = forms.ChoiceField(label=_("Where does the referral come from?"), choices=[])
    received_at = forms.DateTimeField(
        label=_("Received at"),
        widget=DATETIME_WIDGET,
        help_text=_("When the family's data reached you; may lie in the past."),
    )
    referring_organisation = forms.ModelChoiceField(
        label=_("Referring organisation"), queryset=Organisation.all_communes.none(), required=False
    )
    family_name = forms.CharField(label=_("Family name"), max_length=200)
    parents = forms.CharField(
        label=_("Parents"), max_length=300, required=False, help_text=_("First and last names.")
    )
    phone = forms.CharField(label=_("Phone"), max_length=60, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    reach_notes = forms.CharField(
        label=_("How to reach the family"),
        max_length=300,
        required=False,
        help_text=_("For example: best after 4 pm, or through an interpreter."),
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
    need = forms.CharField(
        label=_("What does the family need? (in your words)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )
    consent_given = forms.BooleanField(
        label=_(
            "The family has consented to passing on its data as described in the consent text."
        ),
        required=False,
    )
    consent_scope = forms.MultipleChoiceField(
        label=_("The consent covers"),
        choices=ConsentScope.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent_channel = forms.ChoiceField(
        label=_("How was the consent given?"),
        choices=[("", "—"), *ConsentChannel.choices],
        required=False,
    )
    consent_given_by = forms.CharField(label=_("Consent given by"), max_length=200, required=False)
    consent_given_at = forms.DateTimeField(
        label=_("Consent given at"), widget=DATETIME_WIDGET, required=False
    )

    def __init__(
        self,
        *args: Any,
        commune: Commune,
        consent_text: ConsentText | None,
        sources: list[str],
        with_organisation: bool = True,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault(
            "initial",
            {
                "received_at": _now_local(),
                "consent_given_at": _now_local(),
                "consent_scope": [ConsentScope.PASS_TO_EARLY_HELP],
            },
        )
        super().__init__(*args, **kwargs)
        self.commune = commune
        self.consent_text = consent_text
        field = cast("forms.ChoiceField", self.fields["source"])
        field.choices = [(value, ReferralSource(value).label) for value in sources]
        if len(sources) == 1:
            field.initial = sources[0]
            field.widget = forms.HiddenInput()
        area = cast("forms.ModelChoiceField[SocialArea]", self.fields["social_area"])
        area.queryset = SocialArea.objects.for_commune(commune)
        organisation = cast(
            "forms.ModelChoiceField[Organisation]", self.fields["referring_organisation"]
        )
        if with_organisation:
            organisation.queryset = Organisation.objects.for_commune(commune)
        else:
            del self.fields["referring_organisation"]
        for slot in range(1, CHILD_SLOTS + 1):
            self._add_child_fields(slot)

    def _add_child_fields(self, slot: int) -> None:
        self.fields[f"child{slot}_first_name"] = forms.CharField(
            label=_("Child %(number)s: first name") % {"number": slot},
            max_length=100,
            required=False,
        )
        self.fields[f"child{slot}_birth_date"] = GermanDateField(
            label=_("Child %(number)s: birth date") % {"number": slot}, required=False
        )
        self.fields[f"child{slot}_due_date"] = GermanDateField(
            label=_("Child %(number)s: due date (if not born yet)") % {"number": slot},
            required=False,
        )

    def child_has_data(self, slot: int) -> bool:
        data = self.cleaned_data
        return bool(
            data.get(f"child{slot}_first_name")
            or data.get(f"child{slot}_birth_date")
            or data.get(f"child{slot}_due_date")
        )

    def children(self) -> list[ChildInput]:
        data = self.cleaned_data
        children = []
        for slot in range(1, CHILD_SLOTS + 1):
            if not self.child_has_data(slot):
                continue
            children.append(
                ChildInput(
                    first_name=data.get(f"child{slot}_first_name", ""),
                    birth_date=data.get(f"child{slot}_birth_date"),
                    due_date=data.get(f"child{slot}_due_date"),
                    **{
                        flag: bool(data.get(f"child{slot}_{flag}")) for flag, _label in HEALTH_FLAGS
                    },
                    health_notes=data.get(f"child{slot}_health_notes", ""),
                )
            )
        return children

    def family(self) -> FamilyInput:
        data = self.cleaned_data
        return FamilyInput(
            name=data["family_name"],
            parents=data["parents"],
            phone=data["phone"],
            email=data["email"],
            address=data["address"],
            reach_notes=data["reach_notes"],
            social_area=data["social_area"],
            languages=list(data["languages"]),
        )

    def consent(self) -> ConsentInput | None:
        data = self.cleaned_data
        if not data.get("consent_given") or self.consent_text is None:
            return None
        return ConsentInput(
            text=self.consent_text,
            given_at=data.get("consent_given_at") or data["received_at"],
            scope=list(data.get("consent_scope") or []),
            channel=data.get("consent_channel") or "",
            given_by=data.get("consent_given_by") or "",
        )

    def screening(self) -> ScreeningInput | None:
        return None

    def summary(self) -> list[tuple[str, str]]:
        """(label, value) of every filled field, for the check-your-answers page."""
        rows = []
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.HiddenInput):
                continue
            value = self.cleaned_data.get(name)
            if value in (None, "", [], False):
                continue
            rows.append((str(field.label), _display(field, value)))
        return rows


def _display(field: forms.Field, value: Any) -> str:
    if isinstance(field, forms.BooleanField):
        return str(_("yes"))
    if isinstance(field, forms.MultipleChoiceField):
        labels = dict(field.choices)  # type: ignore[arg-type]
        return ", ".join(str(labels.get(item, item)) for item in value)
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        return str(dict(field.choices).get(value, value))  # type: ignore[arg-type]
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
    if hasattr(value, "strftime"):
        return str(value.strftime("%d.%m.%Y"))
    return str(value)


class ClinicReferralForm(ReferralForm):
    """The navigators' form on the maternity ward: birth clinic as the source, health
    flags of the child, and the commune's screening sheet."""

    observation = forms.CharField(
        label=_("Observation of the ward staff"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    flagged_by_observation = forms.BooleanField(
        label=_("The observation suggests a conversation, whatever the score"), required=False
    )

    def __init__(self, *args: Any, sheet: ScreeningSheet | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        for slot in range(1, CHILD_SLOTS + 1):
            for flag, label in HEALTH_FLAGS:
                self.fields[f"child{slot}_{flag}"] = forms.BooleanField(
                    label=_("Child %(number)s: %(flag)s") % {"number": slot, "flag": label},
                    required=False,
                )
            self.fields[f"child{slot}_health_notes"] = forms.CharField(
                label=_("Child %(number)s: health details") % {"number": slot},
                max_length=1000,
                required=False,
            )
        if sheet is None:
            del self.fields["observation"]
            del self.fields["flagged_by_observation"]
            return
        self.fields["screening_items"] = forms.TypedMultipleChoiceField(
            label=str(sheet.name),
            coerce=int,
            choices=[(item.position, f"{item.text} ({item.points})") for item in sheet.items.all()],
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        # Keep the screening fields last, after the children.
        for name in ("screening_items", "observation", "flagged_by_observation"):
            self.fields[name] = self.fields.pop(name)

    def screening(self) -> ScreeningInput | None:
        if self.sheet is None:
            return None
        data = self.cleaned_data
        return ScreeningInput(
            sheet=self.sheet,
            ticked_positions=list(data.get("screening_items") or []),
            observation=data.get("observation", ""),
            flagged_by_observation=bool(data.get("flagged_by_observation")),
        )
