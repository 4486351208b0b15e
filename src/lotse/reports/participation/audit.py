"""The audit actions of participation."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipationAction(models.TextChoices):
    FEEDBACK_RECEIVED = "participation.feedback_received", _("Anonymous feedback received")
    SURVEY_CREATED = "participation.survey_created", _("Survey created")
    SURVEY_CHANGED = "participation.survey_changed", _("Survey changed")
    QUESTION_ADDED = "participation.question_added", _("Survey question added")
    QUESTION_CHANGED = "participation.question_changed", _("Survey question changed")
    QUESTION_REMOVED = "participation.question_removed", _("Survey question removed")
    QUESTION_MOVED = "participation.question_moved", _("Survey question moved")
    SURVEY_OPENED = "participation.survey_opened", _("Survey opened and sent")
    SURVEY_CLOSED = "participation.survey_closed", _("Survey closed")
    SURVEY_ANSWERED = "participation.survey_answered", _("Survey answered")
