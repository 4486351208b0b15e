"""Forms of participation: the public feedback and survey forms (no CSRF cookie: a signed
timestamp and a honeypot instead) and the coordinator's survey editor."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lotse.core.models import Commune, SocialArea
from lotse.reports.participation.models import (
    CHOICE_KINDS,
    Audience,
    ContactSpeed,
    FeedbackSubject,
    FeltWelcome,
    HeardFrom,
    Helped,
    QuestionKind,
    Survey,
    SurveyQuestion,
    WouldRecommend,
)

RATING_CHOICES = [
    (1, _("1 – very bad")),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, _("5 – very good")),
]
CHOOSE = {
    "required": _("Please choose an answer."),
    "invalid_choice": _("Please choose one of the answers."),
}


def _radio(label: Any, choices: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, error_messages=CHOOSE
    )


class PublicFormMixin(forms.Form):
    # Humans do not see this field; bots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)


def social_area_field(commune: Commune) -> forms.ModelChoiceField[SocialArea]:
    return forms.ModelChoiceField(
        queryset=SocialArea.objects.for_commune(commune),
        label=_("Your part of town (optional)"),
        required=False,
        empty_label=_("Not stated"),
        error_messages={"invalid_choice": _("Please choose one of the answers.")},
    )


class FeedbackForm(PublicFormMixin):
    """The fixed questions; no free text, so no personal data can be entered."""

    def __init__(self, *args: Any, commune: Commune, subject: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        contact = subject == FeedbackSubject.CONTACT
        self.fields["rating"] = forms.TypedChoiceField(
            label=_("How satisfied are you with the early-help contact overall?")
            if contact
            else _("How satisfied are you with the offer overall?"),
            choices=RATING_CHOICES,
            coerce=int,
            widget=forms.RadioSelect,
            error_messages=CHOOSE,
        )
        self.fields["felt_welcome"] = _radio(
            _("Did you feel understood?") if contact else _("Did you feel welcome?"),
            FeltWelcome.choices,
        )
        if contact:
            self.fields["contact_speed"] = _radio(
                _("How quickly did someone get in touch with you?"), ContactSpeed.choices
            )
            self.fields["helped"] = _radio(_("Did the contact help you?"), Helped.choices)
        self.fields["would_recommend"] = _radio(
            _("Would you recommend it to other families?"), WouldRecommend.choices
        )
        self.fields["heard_from"] = _radio(_("How did you hear of it?"), HeardFrom.choices)
        self.fields["social_area"] = social_area_field(commune)
        # The honeypot and the token last, after the questions.
        self.order_fields([name for name in self.fields if name not in ("website", "token")])


class SurveyAnswerForm(PublicFormMixin):
    """One field per question of the survey, named by the question's UUID."""

    def __init__(
        self,
        *args: Any,
        survey: Survey,
        questions: list[SurveyQuestion],
        ask_social_area: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[self.field_name(question)] = self._field(question)
        if ask_social_area:
            self.fields["social_area"] = social_area_field(survey.commune)
        self.order_fields([name for name in self.fields if name not in ("website", "token")])

    @staticmethod
    def field_name(question: SurveyQuestion) -> str:
        return f"q_{question.uuid.hex}"

    @staticmethod
    def _field(question: SurveyQuestion) -> forms.Field:
        required = question.required
        errors = {**CHOOSE}
        if question.kind == QuestionKind.SINGLE:
            choices = [(choice, choice) for choice in question.choice_list]
            return forms.ChoiceField(
                label=question.text,
                choices=choices,
                widget=forms.RadioSelect,
                required=required,
                error_messages=errors,
            )
        if question.kind == QuestionKind.MULTIPLE:
            choices = [(choice, choice) for choice in question.choice_list]
            return forms.MultipleChoiceField(
                label=question.text,
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
                required=required,
                error_messages={**errors, "invalid_choice": _("Please choose one of the answers.")},
            )
        if question.kind == QuestionKind.RATING:
            return forms.TypedChoiceField(
                label=question.text,
                choices=RATING_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                required=required,
                empty_value=None,
                error_messages=errors,
            )
        if question.kind == QuestionKind.NUMBER:
            return forms.IntegerField(
                label=question.text,
                required=required,
                min_value=0,
                max_value=1_000_000,
                error_messages={
                    "required": _("Please enter a number."),
                    "invalid": _("Please enter a whole number."),
                },
            )
        return forms.CharField(
            label=question.text,
            required=required,
            max_length=500,
            widget=forms.Textarea(attrs={"rows": 3}),
            error_messages={"required": _("Please answer this question.")},
        )

    def answers(self) -> dict[str, Any]:
        """The answers by question UUID; unanswered optional questions are left out."""
        found: dict[str, Any] = {}
        for question in self.questions:
            value = self.cleaned_data.get(self.field_name(question))
            if value in (None, "", []):
                continue
            found[str(question.uuid)] = list(value) if isinstance(value, list) else value
        return found


class SurveyForm(forms.ModelForm[Survey]):
    class Meta:
        model = Survey
        fields = ["title", "intro", "audience", "social_area", "opens_on", "closes_on"]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "intro": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, commune: Commune, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["social_area"]
        if not isinstance(field, forms.ModelChoiceField):  # pragma: no cover - the model's
            raise TypeError(field)
        field.queryset = SocialArea.objects.for_commune(commune)
        field.empty_label = gettext("Whole commune")

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", gettext("The survey cannot close before it opens."))
        return cleaned

    def _post_clean(self) -> None:
        # The service checks the model; the form only parses the input.
        pass


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=QuestionKind.choices)
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One choice per line (only for single and multiple choice)."),
    )
    required = forms.BooleanField(label=_("Answer required"), required=False, initial=True)

    def __init__(self, *args: Any, audience: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.audience = audience

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        kind = cleaned.get("kind")
        lines = [line.strip() for line in cleaned.get("choices", "").splitlines() if line.strip()]
        if kind in CHOICE_KINDS and len(lines) < 2:
            self.add_error("choices", gettext("Please enter at least two choices, one per line."))
        if kind == QuestionKind.TEXT and self.audience == Audience.FAMILIES:
            self.add_error(
                "kind",
                gettext("Family surveys have no free-text questions, so no names can be entered."),
            )
        return cleaned


def problem_of(error: ValidationError) -> str:
    return " ".join(error.messages)
