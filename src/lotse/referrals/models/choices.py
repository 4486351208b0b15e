"""Choices and limits of the referral models."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# The languages a family may speak: ISO 639-1 codes (the finder's ten and more).
LANGUAGE_CODE_LENGTH = 2


class ReferralSource(models.TextChoices):
    BIRTH_CLINIC = "birth_clinic", _("Birth clinic / clinic navigator")
    PARTNER = "partner", _("Partner organisation")
    WELCOME_VISIT = "welcome_visit", _("Welcome visit")
    FAMILY = "family", _("The family itself")
    OTHER = "other", _("Other")


class ReferralStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    CONTACT_DUE = "contact_due", _("Contact due")
    CONTACTED = "contacted", _("Contacted")
    TRIAGED = "triaged", _("Triaged")
    HELP_IN_PROGRESS = "help_in_progress", _("Help in progress")
    CLOSED = "closed", _("Closed")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")


class TriageOutcome(models.TextChoices):
    EARLY_HELP = "early_help", _("Early help")
    HANDED_OVER_TO_ASD = "handed_over_to_asd", _("Handed over to the ASD (§ 8a SGB VIII)")
    NO_NEED = "no_need", _("No need")
    DECLINED = "declined", _("Family declines")


class CaseOutcome(models.TextChoices):
    HELP_IN_PLACE = "help_in_place", _("Help in place")
    HELP_COMPLETED = "help_completed", _("Help completed")
    HANDED_OVER_TO_ASD = "handed_over_to_asd", _("Handed over to the ASD")
    NO_NEED = "no_need", _("No need")
    DECLINED = "declined", _("Family declined")
    NOT_REACHED = "not_reached", _("Family not reached")
    MOVED_AWAY = "moved_away", _("Family moved away")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")


class ConsentScope(models.TextChoices):
    """What a consent allows: each purpose is named, there is no blanket consent."""

    PASS_TO_EARLY_HELP = (
        "pass_to_early_help",
        _("Passing the contact data and the need to the early-help team"),
    )
    HEALTH_DATA = "health_data", _("Passing health details of the mother and child")
    BROKER_TO_PARTNERS = (
        "broker_to_partners",
        _("Passing contact data to a partner the family is brokered to"),
    )


class ConsentChannel(models.TextChoices):
    WRITTEN = "written", _("Signed form")
    VERBAL = "verbal", _("In conversation (documented)")
    ONLINE = "online", _("Online form")
    CLINIC_SYSTEM = "clinic_system", _("Clinic system (API)")
    PHONE = "phone", _("By phone")
    EMAIL = "email", _("By e-mail")


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Phone")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("E-mail")
    HOME_VISIT = "home_visit", _("Home visit")
    IN_PERSON = "in_person", _("In person at the office")
    MESSENGER = "messenger", _("Text message")


class ContactOutcome(models.TextChoices):
    REACHED = "reached", _("Reached")
    NOT_REACHED = "not_reached", _("Not reached")
    MESSAGE_LEFT = "message_left", _("Message left")
    WRONG_DETAILS = "wrong_details", _("Contact details wrong")


class ProcedureStage(models.TextChoices):
    """§ 4 KKG: the staged procedure of a health professional with a suspicion."""

    TALK_WITH_PARENTS = "talk_with_parents", _("Talk with the parents")
    SPECIALIST_ADVICE = (
        "specialist_advice",
        _("Pseudonymised advice by an experienced child protection specialist"),
    )
    REPORTED_TO_YOUTH_OFFICE = "reported_to_youth_office", _("Reported to the youth office")
    CLOSED = "closed", _("Closed")
