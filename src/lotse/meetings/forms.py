"""Forms of the meetings pages: they parse and validate input; services save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.forms.commune import GermanDateField
from lotse.core.models import Commune, SocialArea
from lotse.meetings.models import (
    AgendaItemKind,
    AttendanceKind,
    Body,
    BodyKind,
    Candidacy,
    GuestRequest,
    Meeting,
    MeetingKind,
    MeetingSettings,
    Reply,
    SeatKind,
)
from lotse.meetings.models.bodies import AgendaOutcome
from lotse.network.models import Organisation

DATETIME_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M"]


class DateTimeField(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATETIME_INPUT_FORMATS)
        super().__init__(**kwargs)


class BodyForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=BodyKind.choices)
    social_area = forms.ModelChoiceField(
        label=_("Social area"), queryset=SocialArea.all_communes.none(), required=False
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Member organisations"),
        queryset=Organisation.all_communes.none(),
        required=False,
        help_text=_("Not needed for the plenary: all current members belong to it."),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, commune: Commune, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["social_area"].queryset = SocialArea.objects.for_commune(commune)  # type: ignore[attr-defined]
        self.fields["organisations"].queryset = Organisation.objects.for_commune(commune)  # type: ignore[attr-defined]


class CloseBodyForm(forms.Form):
    closed_on = GermanDateField(label=_("Closed on"))
    results = forms.CharField(label=_("Results"), widget=forms.Textarea)


class MeetingForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.all_communes.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = DateTimeField(label=_("Starts at"))
    ends_at = DateTimeField(label=_("Ends at"))
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    capacity = forms.IntegerField(
        label=_("Capacity (Fachtag)"), min_value=1, max_value=10000, required=False
    )
    is_template = forms.BooleanField(label=_("Keep as template for later meetings"), required=False)

    def __init__(self, *args: Any, commune: Commune, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.for_commune(commune).filter(  # type: ignore[attr-defined]
            closed_on=None
        )


class CloneForm(forms.Form):
    starts_at = DateTimeField(label=_("New date and time"))
    title = forms.CharField(label=_("Title"), max_length=200, required=False)


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=AgendaItemKind.choices)
    speaker = forms.CharField(label=_("Speaker"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, office document, image or text; at most 10 MB.")
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ReplyForm(forms.Form):
    reply = forms.ChoiceField(
        label=_("Your answer"),
        choices=[c for c in Reply.choices if c[0] != Reply.NONE],
        widget=forms.RadioSelect,
    )


class GuestForm(forms.Form):
    name = forms.CharField(label=_("Name of the guest"), max_length=200)
    affiliation = forms.CharField(label=_("Institution"), max_length=200, required=False)
    reason = forms.CharField(label=_("Why the guest should come"), max_length=300, required=False)


class GuestDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approved by the network")), ("0", _("Rejected"))],
        coerce=lambda value: value == "1",
    )
    note = forms.CharField(label=_("How the network agreed"), max_length=300, required=False)


class AttendanceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Role"), choices=AttendanceKind.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.all_communes.none(), required=False
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    guest = forms.ModelChoiceField(
        label=_("Guest"), queryset=GuestRequest.all_communes.none(), required=False
    )

    def __init__(self, *args: Any, commune: Commune, guests: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.for_commune(commune)  # type: ignore[attr-defined]
        self.fields["guest"].queryset = guests  # type: ignore[attr-defined]


class PresenceForm(forms.Form):
    present = forms.TypedChoiceField(
        choices=[("1", _("present")), ("0", _("absent"))], coerce=lambda value: value == "1"
    )
    kind = forms.ChoiceField(
        choices=[("", "")] + [(k, label) for k, label in AttendanceKind.choices], required=False
    )


class ApproveMinutesForm(forms.Form):
    approved_how = forms.CharField(
        label=_("Approved by"),
        max_length=200,
        help_text=_("E.g. “network meeting of 12 June” or “board on 3 May”."),
    )


class ActionItemForm(forms.Form):
    description = forms.CharField(label=_("Task"), max_length=300)
    owner = forms.CharField(label=_("Responsible"), max_length=200)
    due_on = GermanDateField(label=_("Due on"), required=False)


OUTCOME_CHOICES = AgendaOutcome.choices


class MeetingSettingsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = MeetingSettings
        fields = [
            "attendance_window",
            "attendance_threshold",
            "tie_rule",
            "election_quorum",
            "topic_votes_per_organisation",
        ]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search decisions and tasks"), max_length=100, required=False)


class TopicCallForm(forms.Form):
    year = forms.IntegerField(label=_("Year of the Fachtag"), min_value=2000, max_value=2100)
    opens_on = GermanDateField(label=_("Wishes from"))
    closes_on = GermanDateField(label=_("Wishes until"))


class TopicForm(forms.Form):
    title = forms.CharField(label=_("Topic"), max_length=200)
    description = forms.CharField(
        label=_("Why this topic"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.all_communes.none()
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class ElectionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    meeting = forms.ModelChoiceField(
        label=_("Election meeting"), queryset=Meeting.all_communes.none()
    )
    seats = forms.IntegerField(label=_("Seats to fill"), min_value=1, max_value=10, initial=3)
    nominations_open_on = GermanDateField(label=_("Nominations from"))
    nominations_close_on = GermanDateField(label=_("Nominations until"))
    term_starts_on = GermanDateField(label=_("Term starts on"))

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]


class NominationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Free provider"), queryset=Organisation.all_communes.none()
    )
    nominee = forms.CharField(label=_("Nominated person"), max_length=200)

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class BallotForm(forms.Form):
    yes = forms.ModelMultipleChoiceField(
        label=_("Yes votes"),
        queryset=Candidacy.all_communes.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, candidacies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["yes"].queryset = candidacies  # type: ignore[attr-defined]


class FixedSeatForm(forms.Form):
    seat = forms.ChoiceField(
        label=_("Seat"),
        choices=[
            (SeatKind.YOUTH_OFFICE.value, SeatKind.YOUTH_OFFICE.label),
            (SeatKind.HEALTH_OFFICE.value, SeatKind.HEALTH_OFFICE.label),
        ],
    )
    holder = forms.CharField(label=_("Person"), max_length=200)
    starts_on = GermanDateField(label=_("From"))
