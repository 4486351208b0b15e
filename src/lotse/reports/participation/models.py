"""Anonymous feedback of families and needs-assessment surveys.

Nothing here can identify a person: feedback keeps only the answers to fixed questions,
the offer, the social area, the language and the day (no time, no address, no browser).
A family survey has no free-text questions; a partner survey's answers belong to an
organisation (one response per organisation), not to a person."""

from __future__ import annotations

import datetime
import secrets
import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.tenancy import TenantModel


class FeedbackSubject(models.TextChoices):
    OFFER = "offer", _("Offer")
    CONTACT = "contact", _("Early-help contact")


class FeltWelcome(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


class WouldRecommend(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNSURE = "unsure", _("Not sure")


class HeardFrom(models.TextChoices):
    FINDER = "finder", _("This website (offer finder)")
    CLINIC = "clinic", _("Birth clinic or midwife")
    KITA = "kita", _("Day nursery (Kita)")
    FRIENDS = "friends", _("Friends or family")
    OTHER = "other", _("Somewhere else")


class ContactSpeed(models.TextChoices):
    WITHIN_THREE_DAYS = "three_days", _("Within three working days")
    WITHIN_A_WEEK = "week", _("Within a week")
    LATER = "later", _("Later than a week")
    NOT_YET = "not_yet", _("Nobody has got in touch yet")


class Helped(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


class Feedback(TenantModel):
    """One family's anonymous answers about an offer or about the early-help contact."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    subject = models.CharField(_("about"), max_length=16, choices=FeedbackSubject.choices)
    # Kept when the offer is removed from the catalogue: the answers still count.
    offer = models.ForeignKey(
        "offers.Offer",
        verbose_name=_("offer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    social_area = models.ForeignKey(
        "core.SocialArea",
        verbose_name=_("social area"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8)
    # The day only: no time of day, so an answer cannot be matched to a visit.
    submitted_on = models.DateField(_("submitted on"), default=timezone.localdate)
    rating = models.PositiveSmallIntegerField(
        _("overall rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    felt_welcome = models.CharField(
        _("felt understood and welcome"), max_length=8, choices=FeltWelcome.choices
    )
    would_recommend = models.CharField(
        _("would recommend"), max_length=8, choices=WouldRecommend.choices
    )
    heard_from = models.CharField(
        _("heard of it through"), max_length=16, choices=HeardFrom.choices
    )
    # Only for the early-help contact.
    contact_speed = models.CharField(
        _("got in touch"), max_length=16, choices=ContactSpeed.choices, blank=True
    )
    helped = models.CharField(_("it helped"), max_length=8, choices=Helped.choices, blank=True)

    class Meta:
        ordering = ["-submitted_on", "-id"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_subject_display()} {self.submitted_on:%d.%m.%Y}"


class Audience(models.TextChoices):
    PARTNERS = "partners", _("Partner organisations")
    FAMILIES = "families", _("Families")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Survey(TenantModel):
    """A needs assessment the coordination office designs, sends and evaluates."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices)
    social_area = models.ForeignKey(
        "core.SocialArea",
        verbose_name=_("social area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty for a survey of the whole commune."),
    )
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"))
    status = models.CharField(
        _("status"), max_length=8, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-opens_on", "title"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="survey_closes_after_it_opens",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def accepts_answers(self, today: datetime.date | None = None) -> bool:
        """Open, and today is within the dates."""
        day = today or timezone.localdate()
        return self.status == SurveyStatus.OPEN and self.opens_on <= day <= self.closes_on


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    RATING = "rating", _("Rating from 1 to 5")
    NUMBER = "number", _("Number")
    TEXT = "text", _("Short text (partner surveys only)")


CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE})


class SurveyQuestion(TenantModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind of answer"), max_length=8, choices=QuestionKind.choices)
    choices = models.TextField(
        _("choices"),
        blank=True,
        help_text=_("One choice per line (only for single and multiple choice)."),
    )
    required = models.BooleanField(_("answer required"), default=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


def new_token() -> str:
    return secrets.token_urlsafe(24)


class SurveyInvitation(TenantModel):
    """A partner organisation's link to a survey: one response per organisation."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    sent_to = models.EmailField(_("sent to"))
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "organisation"], name="one_invitation_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey} – {self.organisation}"


class SurveyResponse(TenantModel):
    """The answers of one family (anonymous) or one partner organisation, by question UUID."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    invitation = models.OneToOneField(
        SurveyInvitation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="response",
    )
    social_area = models.ForeignKey(
        "core.SocialArea", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    language = models.CharField(max_length=8)
    submitted_on = models.DateField(default=timezone.localdate)
    # {question uuid: answer}: a string, a list of strings, or an integer.
    answers = models.JSONField(default=dict)

    class Meta:
        ordering = ["submitted_on", "id"]

    def __str__(self) -> str:
        return f"{self.survey} {self.submitted_on:%d.%m.%Y}"
