"""Forms of the network pages. They validate input; the services save."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from lotse.core.models import Commune, SocialArea
from lotse.network.models import (
    DelegationKind,
    InstitutionType,
    MentorshipKind,
    ObligationKind,
    Organisation,
    OrganisationStatus,
    Person,
    Sector,
)

DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"]


def date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=help_text,
    )


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name contains"), required=False, max_length=100)
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("all")), *Sector.choices]
    )
    institution_type = forms.ModelChoiceField(
        label=_("Institution type"),
        required=False,
        queryset=InstitutionType.all_communes.none(),
        empty_label=_("all"),
        to_field_name="uuid",
    )
    social_area = forms.ModelChoiceField(
        label=_("Social area"),
        required=False,
        queryset=SocialArea.all_communes.none(),
        empty_label=_("all"),
        to_field_name="uuid",
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("all")), *OrganisationStatus.choices],
    )

    def __init__(self, *args: Any, commune: Commune, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        type_field = cast(forms.ModelChoiceField, self.fields["institution_type"])  # type: ignore[type-arg]
        area_field = cast(forms.ModelChoiceField, self.fields["social_area"])  # type: ignore[type-arg]
        type_field.queryset = InstitutionType.objects.for_commune(commune)
        area_field.queryset = SocialArea.objects.for_commune(commune)


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    legal_carrier = forms.CharField(label=_("Legal carrier"), max_length=200, required=False)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    institution_type = forms.ModelChoiceField(
        label=_("Institution type"),
        required=False,
        queryset=InstitutionType.all_communes.none(),
    )
    social_areas = forms.ModelMultipleChoiceField(
        label=_("Social areas served"),
        required=False,
        queryset=SocialArea.all_communes.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    street = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=10, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        commune: Commune,
        organisation: Organisation | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        type_field = cast(forms.ModelChoiceField, self.fields["institution_type"])  # type: ignore[type-arg]
        area_field = cast(forms.ModelMultipleChoiceField, self.fields["social_areas"])  # type: ignore[type-arg]
        # A retired type is no longer offered, but an organisation that has it keeps it.
        in_use = Q(is_active=True)
        if organisation is not None and organisation.institution_type_id is not None:
            in_use |= Q(pk=organisation.institution_type_id)
        type_field.queryset = InstitutionType.objects.for_commune(commune).filter(in_use)
        area_field.queryset = SocialArea.objects.for_commune(commune)

    @classmethod
    def initial_for(cls, organisation: Organisation) -> dict[str, Any]:
        return {
            "name": organisation.name,
            "legal_carrier": organisation.legal_carrier,
            "sector": organisation.sector,
            "institution_type": organisation.institution_type_id,
            "social_areas": [area.pk for area in organisation.social_areas.all()],
            "street": organisation.street,
            "postal_code": organisation.postal_code,
            "city": organisation.city,
            "website": organisation.website,
            "phone": organisation.phone,
            "email": organisation.email,
            "version": organisation.version,
        }


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "First row: column headers. Required columns: Name, Handlungsfeld. Optional: "
            "Träger, Einrichtungsart, Straße und Hausnummer, PLZ, Ort, Website, Telefon, "
            "E-Mail, Sozialräume (separated by “;”), Mitglied seit (DD.MM.YYYY)."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Please upload a CSV or XLSX file."))
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    function = forms.CharField(label=_("Function"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    has_network_knowledge = forms.BooleanField(label=_("Knows the network"), required=False)
    is_active = forms.BooleanField(
        label=_("Still works for the organisation"), required=False, initial=True
    )


class AppointForm(forms.Form):
    kind = forms.ChoiceField(label=_("Role in the network"), choices=DelegationKind.choices)
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.all_communes.none(), to_field_name="uuid"
    )
    valid_from = date_field(_("Valid from"))

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person_field = cast(forms.ModelChoiceField, self.fields["person"])  # type: ignore[type-arg]
        person_field.queryset = Person.objects.for_commune(organisation.commune).filter(
            organisation=organisation, is_active=True
        )


class EndDelegationForm(forms.Form):
    valid_until = date_field(_("Last day"))


class AdmissionForm(forms.Form):
    applied_on = date_field(_("Applied on"))
    motivation = forms.CharField(
        label=_("Why the organisation wants to join"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ObjectionForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4}))


class DecisionForm(forms.Form):
    admitted = forms.TypedChoiceField(
        label=_("Decision of the board"),
        choices=[("yes", _("Admitted")), ("no", _("Rejected"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    decided_on = date_field(_("Decided on"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4}))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)


class MentorshipForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("How the newcomer gets to know the network"),
        choices=MentorshipKind.choices,
        widget=forms.RadioSelect,
    )
    mentor = forms.ModelChoiceField(
        label=_("Mentor (for a mentor from the network)"),
        required=False,
        queryset=Person.all_communes.none(),
        to_field_name="uuid",
    )
    event_name = forms.CharField(
        label=_("Information event (for the information event)"),
        required=False,
        max_length=200,
    )
    starts_on = date_field(_("From"))
    ends_on = date_field(_("Until"), required=False)

    def __init__(self, *args: Any, mentors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        mentor_field = cast(forms.ModelChoiceField, self.fields["mentor"])  # type: ignore[type-arg]
        mentor_field.queryset = mentors
        mentor_field.label_from_instance = _mentor_label  # type: ignore[method-assign,assignment]


def _mentor_label(person: Person) -> str:
    return f"{person.name} ({person.organisation})"


class DateForm(forms.Form):
    day = date_field(_("Date"))


class UploadForm(forms.Form):
    day = date_field(_("Signed by the partner on"))
    document = forms.FileField(
        label=_("Signed document (PDF, JPEG or PNG, at most 10 MB)"), required=False
    )


class TerminationForm(forms.Form):
    notice_received_on = date_field(_("Written notice received on"))
    effective_on = date_field(_("Termination effective on"))
    document = forms.FileField(
        label=_("Written notice (PDF, JPEG or PNG, at most 10 MB)"), required=False
    )


class ObligationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Obligation"), choices=ObligationKind.choices)
    fulfilled_on = date_field(_("Signed or confirmed on"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class NetworkSettingsForm(forms.Form):
    objection_period_days = forms.IntegerField(
        label=_("Objection period (days)"), min_value=1, max_value=90
    )
    mentor_deadline_days = forms.IntegerField(
        label=_("Days until a newcomer needs a mentor or the information event"),
        min_value=1,
        max_value=365,
    )
    coordination_office_address = forms.CharField(
        label=_("Address of the coordination office"), max_length=300, required=False
    )
    agreement_template = forms.CharField(
        label=_("Cooperation agreement template"),
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=_(
            "“# ” starts a heading, “- ” a list item, an empty line a new paragraph. "
            "Placeholders: {{ commune_name }}, {{ youth_office }}, "
            "{{ coordination_office_address }}, {{ partner_name }}, "
            "{{ partner_legal_carrier }}, {{ partner_address }}."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class InstitutionTypeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    default_sector = forms.ChoiceField(
        label=_("Usual sector"), choices=[("", "–"), *Sector.choices], required=False
    )


class InstitutionTypeEditForm(InstitutionTypeForm):
    is_active = forms.BooleanField(
        label=_("In use (offered for new choices)"),
        required=False,
        help_text=_("Organisations that already have a retired type keep it."),
    )


class RecordObjectionForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Member organisation"), queryset=Organisation.all_communes.none()
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, members: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["organisation"])  # type: ignore[type-arg]
        field.queryset = members
