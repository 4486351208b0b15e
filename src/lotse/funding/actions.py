"""The audit actions of funding."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FundingAction(models.TextChoices):
    SETTINGS_CHANGED = "funding.settings_changed", _("Funding settings changed")
    YEAR_CREATED = "funding.year_created", _("Funding year created")
    YEAR_CHANGED = "funding.year_changed", _("Funding year changed")
    APPLICATION_CREATED = "funding.application_created", _("Funding application started")
    APPLICATION_SAVED = "funding.application_saved", _("Funding application saved")
    ATTACHMENT_ADDED = "funding.attachment_added", _("Document attached")
    APPLICATION_SUBMITTED = "funding.application_submitted", _("Funding application submitted")
    APPLICATION_WITHDRAWN = "funding.application_withdrawn", _("Funding application withdrawn")
    APPLICATION_REOPENED = (
        "funding.application_reopened",
        _("Submission reopened after the deadline"),
    )
    REVIEW_STARTED = "funding.review_started", _("Review started")
    COMMENT_ADDED = "funding.comment_added", _("Review comment added")
    QUESTION_ASKED = "funding.question_asked", _("Question sent to the applicant")
    QUESTION_ANSWERED = "funding.question_answered", _("Applicant answered")
    SCORED = "funding.scored", _("Application scored")
    DECIDED = "funding.decided", _("Application decided")
    DECISION_UNDONE = "funding.decision_undone", _("Decision undone")
    DECISIONS_RELEASED = "funding.decisions_released", _("Decisions released")
    PROOF_SAVED = "funding.proof_saved", _("Proof of use saved")
    PROOF_SUBMITTED = "funding.proof_submitted", _("Proof of use submitted")
    PROOF_RETURNED = "funding.proof_returned", _("Proof of use returned for corrections")
    PROOF_ACCEPTED = "funding.proof_accepted", _("Proof of use accepted")
    REMINDERS_SENT = "funding.reminders_sent", _("Proof-of-use reminders sent")
