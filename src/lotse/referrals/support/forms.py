"""Forms of the help for families: they parse input; the services decide and save."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.models import Commune, Membership, SocialArea, User
from lotse.core.permissions import Role
from lotse.offers.models import Offer
from lotse.referrals.support.choices import (
    LANGUAGES,
    Availability,
    HealthProfessionalKind,
    VisitOutcome,
)
from lotse.referrals.support.models import Volunteer

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _AreasMixin:
    def _limit_areas(self, commune: Commune, *names: str) -> None:
        fields: dict[str, Any] = self.fields  # type: ignore[attr-defined]
        for name in names:
            fields[name].queryset = SocialArea.objects.for_commune(commune)


class VolunteerForm(_AreasMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    contact = forms.CharField(
        label=_("How to reach them"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    social_areas = forms.ModelMultipleChoiceField(
        label=_("Social areas"),
        queryset=SocialArea.all_communes.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=LANGUAGES, widget=forms.CheckboxSelectMultiple
    )
    availability = forms.MultipleChoiceField(
        label=_("Availability"),
        choices=Availability.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    started_on = forms.DateField(label=_("Active since"), widget=DATE_WIDGET)
    stopped_on = forms.DateField(
        label=_("Stopped on"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("The § 72a entry is deleted at the latest three months after this day."),
    )

    def __init__(self, *args: Any, commune: Commune, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_areas(commune, "social_areas")


class VolunteerCheckForm(forms.Form):
    issued_on = forms.DateField(
        label=_("Date of the extended criminal record certificate"), widget=DATE_WIDGET
    )
    shows_relevant_conviction = forms.TypedChoiceField(
        label=_("Does it show a relevant conviction (§ 72a SGB VIII)?"),
        choices=[("no", _("no")), ("yes", _("yes"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )


class MatchForm(_AreasMixin, forms.Form):
    social_area = forms.ModelChoiceField(
        label=_("The family's social area"), queryset=SocialArea.all_communes.none()
    )
    languages = forms.MultipleChoiceField(
        label=_("The family's languages"),
        choices=LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    availability = forms.MultipleChoiceField(
        label=_("When the family needs support"),
        choices=Availability.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, commune: Commune, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_areas(commune, "social_area")


class HealthProfessionalForm(_AreasMixin, forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=HealthProfessionalKind.choices)
    caseload_capacity = forms.IntegerField(
        label=_("Families at the same time"), min_value=1, max_value=60
    )
    social_areas = forms.ModelMultipleChoiceField(
        label=_("Social areas"),
        queryset=SocialArea.all_communes.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    is_active = forms.BooleanField(label=_("Takes on families"), required=False, initial=True)

    def __init__(self, *args: Any, commune: Commune, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_areas(commune, "social_areas")
        user_ids = (
            Membership.objects.for_commune(commune)
            .filter(role=Role.HEALTH_PROFESSIONAL, is_active=True)
            .values("user_id")
        )
        self.fields["user"].queryset = User.objects.filter(pk__in=user_ids)  # type: ignore[attr-defined]


class NewbornForm(_AreasMixin, forms.Form):
    birth_date = forms.DateField(label=_("Date of birth"), widget=DATE_WIDGET)
    child_name = forms.CharField(label=_("Child's name"), max_length=200, required=False)
    parents_names = forms.CharField(label=_("Parents' names"), max_length=300)
    address = forms.CharField(label=_("Address"), max_length=300)
    phone = forms.CharField(label=_("Phone"), max_length=60, required=False)
    social_area = forms.ModelChoiceField(
        label=_("Social area"), queryset=SocialArea.all_communes.none()
    )

    def __init__(self, *args: Any, commune: Commune, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_areas(commune, "social_area")


def month_choices(today: date | None = None, count: int = 18) -> list[tuple[str, str]]:
    today = today or timezone.localdate()
    choices = []
    year, month = today.year, today.month
    for _index in range(count):
        choices.append((f"{year:04d}-{month:02d}", f"{month:02d}/{year:04d}"))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return choices


class NewbornImportForm(forms.Form):
    month = forms.ChoiceField(label=_("Month of birth"), choices=())
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "A header row with the columns geburtsdatum;kind;eltern;adresse;telefon;sozialraum, "
            "then one newborn per row. Either every row is imported or none."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = month_choices()  # type: ignore[attr-defined]

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > 2_000_000:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        raw = upload.read()
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text: str = raw.decode(encoding)
            except UnicodeDecodeError:
                continue
            return text
        raise forms.ValidationError(_("The file is not a text file."))  # pragma: no cover

    def month_date(self) -> date:
        year, month = self.cleaned_data["month"].split("-")
        return date(int(year), int(month), 1)


class WelcomeVisitForm(forms.Form):
    visit_offered_on = forms.DateField(
        label=_("Visit offered on"), required=False, widget=DATE_WIDGET
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=VisitOutcome.choices)
    outcome_on = forms.DateField(label=_("Date of the outcome"), required=False, widget=DATE_WIDGET)
    package_handed_over = forms.BooleanField(label=_("Welcome package handed over"), required=False)


class HelpPlanForm(forms.Form):
    goals = forms.CharField(
        label=_("Agreed goals and steps"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ProposeOfferForm(forms.Form):
    offer = forms.ModelChoiceField(
        label=_("Offer of the catalog"), queryset=Offer.all_communes.none(), to_field_name="uuid"
    )
    message_to_partner = forms.CharField(
        label=_("Message to the partner"),
        required=False,
        help_text=_("Only what the family agreed to share; it is not sent by e-mail."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, offers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = offers  # type: ignore[attr-defined]


class HealthRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=HealthProfessionalKind.choices)


class SponsorRequestForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("The family's languages"),
        choices=LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    availability = forms.MultipleChoiceField(
        label=_("When the family needs support"),
        choices=Availability.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class SupportWeekForm(forms.Form):
    week_start = forms.DateField(label=_("Week starting on Monday"), widget=DATE_WIDGET)
    planned_hours = forms.DecimalField(
        label=_("Planned service hours"), min_value=0, max_value=40, decimal_places=2
    )
    logged_hours = forms.DecimalField(
        label=_("Service hours given"), required=False, min_value=0, max_value=40, decimal_places=2
    )
    reason = forms.CharField(
        label=_("Reason (needed outside 4 to 6 hours)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CloseCaseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from lotse.referrals.models import CaseOutcome  # noqa: PLC0415

        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [  # type: ignore[attr-defined]
            (value, label)
            for value, label in CaseOutcome.choices
            if value
            in (
                CaseOutcome.HELP_IN_PLACE,
                CaseOutcome.HELP_COMPLETED,
                CaseOutcome.DECLINED,
                CaseOutcome.MOVED_AWAY,
            )
        ]


class DateForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            ("accept", _("We accept the family")),
            ("decline", _("We cannot take the family")),
        ],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Note to the team (needed when you decline)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Date of the visit"), widget=DATE_WIDGET)
    hours = forms.DecimalField(label=_("Hours"), min_value=0, max_value=12, decimal_places=2)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ConfirmSponsorForm(forms.Form):
    volunteer = forms.ModelChoiceField(
        label=_("Volunteer sponsor"),
        queryset=Volunteer.all_communes.none(),
        to_field_name="uuid",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, volunteers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = volunteers  # type: ignore[attr-defined]
