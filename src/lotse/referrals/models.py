"""Families, their consent, referrals (Zugänge) and what happens to them until the case is
closed; the § 4 KKG procedure apart from the voluntary case; anonymous counts that outlive
deleted cases.

Every personal value (names, contact data, notes, the need in the referrer's words, the
children's dates and health details) is encrypted at rest (:mod:`lotse.core.fields`,
:mod:`lotse.referrals.fields`). What stays in clear text is what the figures need and
identifies nobody on its own: the source, the social area, dates of the process, statuses.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.fields import EncryptedTextField
from lotse.core.locking import VersionedModel
from lotse.core.tenancy import TenantModel
from lotse.core.workdays import local_date
from lotse.referrals.fields import EncryptedBooleanField, EncryptedDateField

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


class IntakeSettings(TenantModel):
    """A commune's settings for the intake: the numbers every staff form shows (early
    help is not child protection), and the team's contact a referrer may hand a family
    that does not consent."""

    asd_name = models.CharField(
        _("general social service (ASD)"), max_length=200, default="Allgemeiner Sozialer Dienst"
    )
    asd_phone = models.CharField(_("ASD phone"), max_length=40)
    asd_out_of_hours_phone = models.CharField(
        _("ASD phone out of office hours"), max_length=40, blank=True
    )
    police_phone = models.CharField(_("police phone"), max_length=40, default="110")
    team_name = models.CharField(_("early-help team"), max_length=200)
    team_phone = models.CharField(_("team phone"), max_length=40)
    team_email = models.EmailField(_("team e-mail address"), blank=True)
    team_address = models.CharField(_("team address"), max_length=250, blank=True)
    digest_recipients = models.TextField(
        _("recipients of the daily digest"),
        blank=True,
        help_text=_("One e-mail address per line. Empty: all early-help workers."),
    )

    class Meta:
        verbose_name = _("intake settings")
        verbose_name_plural = _("intake settings")
        constraints = [
            models.UniqueConstraint(fields=["commune"], name="intake_settings_once_per_commune")
        ]

    def __str__(self) -> str:
        return str(self.team_name)


class Family(TenantModel):
    """A family known to the early-help team. Everything that names or locates the
    family is encrypted; the social area stays clear for the figures."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = EncryptedTextField(_("family name"))
    parents = EncryptedTextField(_("parents"), blank=True, help_text=_("Names of the parents."))
    phone = EncryptedTextField(_("phone"), blank=True)
    email = EncryptedTextField(_("e-mail address"), blank=True)
    address = EncryptedTextField(_("address"), blank=True)
    reach_notes = EncryptedTextField(
        _("how to reach the family"), blank=True, help_text=_("For example: best after 4 pm.")
    )
    notes = EncryptedTextField(_("notes"), blank=True)
    social_area = models.ForeignKey(
        "core.SocialArea",
        verbose_name=_("social area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("family")
        verbose_name_plural = _("families")

    def __str__(self) -> str:
        return str(self.name)


class Child(TenantModel):
    """A child or an expected child. Its dates and health details are health data and
    encrypted; the flags decide the FGKiKP's priority (seed 001)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(
        Family, verbose_name=_("family"), on_delete=models.CASCADE, related_name="children"
    )
    first_name = EncryptedTextField(_("first name"), blank=True)
    birth_date = EncryptedDateField(_("birth date"), null=True, blank=True)
    due_date = EncryptedDateField(_("due date"), null=True, blank=True)
    premature = EncryptedBooleanField(_("born prematurely"))
    malformation = EncryptedBooleanField(_("malformation"))
    syndromic_illness = EncryptedBooleanField(_("syndromic illness"))
    other_illness = EncryptedBooleanField(_("other illness"))
    health_notes = EncryptedTextField(_("health details"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("child")
        verbose_name_plural = _("children")

    def __str__(self) -> str:
        return str(self.first_name) or str(_("child"))

    @property
    def is_expected(self) -> bool:
        return self.birth_date is None

    @property
    def has_health_priority(self) -> bool:
        """Premature, malformation, syndromic or other illness: FGKiKP priority."""
        return bool(
            self.premature or self.malformation or self.syndromic_illness or self.other_illness
        )

    def age_in_days(self, on: date) -> int | None:
        return None if self.birth_date is None else (on - self.birth_date).days


class ConsentText(TenantModel):
    """A versioned consent text of a commune: the purpose, the data and the recipients
    (§ 67b SGB X: no blanket consent). A new version never changes an old one."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"))
    data = models.TextField(_("data passed on"))
    recipients = models.TextField(_("recipients"))
    withdrawal = models.TextField(
        _("how to withdraw"), help_text=_("How the family can withdraw its consent.")
    )
    # Translations of the four texts for the printable form: {"en": {"purpose": ...}, ...}.
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    is_current = models.BooleanField(_("current version"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "version"], name="consent_text_version_per_commune"
            ),
            models.UniqueConstraint(
                fields=["commune"],
                condition=Q(is_current=True),
                name="one_current_consent_text_per_commune",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    def text_in(self, language: str) -> dict[str, str]:
        """The four texts in ``language``, falling back to German part by part."""
        translated = self.translations.get(language, {}) if language != "de" else {}
        return {
            part: translated.get(part) or getattr(self, part)
            for part in ("title", "purpose", "data", "recipients", "withdrawal")
        }


class Consent(TenantModel):
    """A family's consent to pass its data on, in the scopes named. Withdrawal keeps the
    record (proof of what was allowed when) and stops the processing."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(
        Family, verbose_name=_("family"), on_delete=models.CASCADE, related_name="consents"
    )
    text = models.ForeignKey(
        ConsentText, verbose_name=_("consent text"), on_delete=models.PROTECT, related_name="+"
    )
    scope = models.JSONField(_("scope"), default=list)
    given_at = models.DateTimeField(_("given at"))
    channel = models.CharField(_("channel"), max_length=16, choices=ConsentChannel.choices)
    given_by = EncryptedTextField(_("given by"), help_text=_("Who gave the consent."))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawal_channel = models.CharField(
        _("withdrawal channel"), max_length=16, choices=ConsentChannel.choices, blank=True
    )

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.text} {self.given_at:%d.%m.%Y}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None

    def allows(self, scope: str) -> bool:
        return self.is_active and scope in self.scope


class Referral(TenantModel, VersionedModel):
    """A Zugang: how a family reached the early-help team, and the case until it is
    closed. Status changes go through :mod:`lotse.referrals.services` only."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(
        Family, verbose_name=_("family"), on_delete=models.CASCADE, related_name="referrals"
    )
    consent = models.ForeignKey(
        Consent,
        verbose_name=_("consent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
    )
    source = models.CharField(_("source"), max_length=16, choices=ReferralSource.choices)
    received_at = models.DateTimeField(_("received at"))
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    referring_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    referring_organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("referring organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    need = EncryptedTextField(_("need in the referrer's words"))
    # The offer the family asked about (the finder's "Kontakt wünschen" on an offer).
    offer = models.ForeignKey(
        "offers.Offer",
        verbose_name=_("offer asked about"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    contact_due_by = models.DateField(_("contact due by"))
    first_contact_at = models.DateTimeField(_("first contact"), null=True, blank=True)
    deadline_met = models.BooleanField(_("deadline met"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ReferralStatus.choices,
        default=ReferralStatus.CONTACT_DUE,
        db_index=True,
    )
    case_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("case worker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # § 65 SGB VIII: data the family entrusted to this worker personally; colleagues do
    # not see the case unless the family agreed and the mark is lifted.
    confidential_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entrusted personally to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    triage_outcome = models.CharField(
        _("triage"), max_length=20, choices=TriageOutcome.choices, blank=True
    )
    triage_reason = EncryptedTextField(_("reason for the triage"), blank=True)
    triaged_at = models.DateTimeField(_("triaged at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=CaseOutcome.choices, blank=True)
    outcome_reason = EncryptedTextField(_("reason for closing"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Set when consent is withdrawn: the case is deleted on that day by the retention task.
    delete_on = models.DateField(_("to be deleted on"), null=True, blank=True)
    # Set when the retention run blanked the personal values but had to keep the row.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        ordering = ["contact_due_by", "received_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["commune", "status", "contact_due_by"]),
            models.Index(fields=["commune", "closed_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline_met__isnull=True) | Q(first_contact_at__isnull=False),
                name="deadline_decided_by_first_contact",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.received_at:%d.%m.%Y}"

    @property
    def is_open(self) -> bool:
        return self.status not in {ReferralStatus.CLOSED, ReferralStatus.CONSENT_WITHDRAWN}

    @property
    def awaits_contact(self) -> bool:
        return self.status == ReferralStatus.CONTACT_DUE and self.first_contact_at is None

    def due_state(self, today: date) -> str:
        """ "overdue", "due_today" or "" for a referral still waiting for contact."""
        if not self.awaits_contact:
            return ""
        if self.contact_due_by < today:
            return "overdue"
        if self.contact_due_by == today:
            return "due_today"
        return ""


class ReferralStatusChange(TenantModel):
    """History of a referral's status: who, when, from, to, why."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ReferralStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    reason = EncryptedTextField(_("reason"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class ContactAttempt(TenantModel):
    """One attempt to reach the family: phone, letter, e-mail, home visit, and how it went."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="contact_attempts"
    )
    at = models.DateTimeField(_("when"))
    channel = models.CharField(_("how"), max_length=16, choices=ContactChannel.choices)
    outcome = models.CharField(_("result"), max_length=16, choices=ContactOutcome.choices)
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("contact attempt")
        verbose_name_plural = _("contact attempts")

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.at:%d.%m.%Y}"

    @property
    def successful(self) -> bool:
        return self.outcome == ContactOutcome.REACHED


class AsdHandover(TenantModel):
    """§ 8a SGB VIII: the hand-over to the general social service because of indications
    of child endangerment. The case leaves early help."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    referral = models.OneToOneField(Referral, on_delete=models.CASCADE, related_name="asd_handover")
    reason = EncryptedTextField(_("indications (§ 8a SGB VIII)"))
    handed_over_at = models.DateTimeField(_("handed over at"))
    receiving_person = EncryptedTextField(_("received by (ASD)"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("hand-over to the ASD")
        verbose_name_plural = _("hand-overs to the ASD")

    def __str__(self) -> str:
        return f"ASD {self.handed_over_at:%d.%m.%Y}"


class ScreeningSheet(TenantModel):
    """A screening sheet a commune defines for its clinic navigators: items with points,
    a threshold, and a free observation that can flag a family whatever the score."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    version = models.PositiveIntegerField(_("version"), default=1)
    threshold = models.PositiveSmallIntegerField(
        _("threshold"), help_text=_("From this score on, a conversation is suggested.")
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["name", "-version"]
        verbose_name = _("screening sheet")
        verbose_name_plural = _("screening sheets")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "name", "version"], name="screening_sheet_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class ScreeningItem(TenantModel):
    sheet = models.ForeignKey(ScreeningSheet, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("item"), max_length=300)
    points = models.PositiveSmallIntegerField(_("points"))

    class Meta:
        ordering = ["sheet", "position"]
        verbose_name = _("screening item")
        verbose_name_plural = _("screening items")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "position"], name="screening_item_position")
        ]

    def __str__(self) -> str:
        return self.text


class ScreeningResult(TenantModel):
    """The filled-in sheet, kept with the referral. Which items were ticked is health
    data and encrypted (as a list of positions); the score and the flag are not."""

    referral = models.OneToOneField(
        Referral, on_delete=models.CASCADE, related_name="screening_result"
    )
    sheet = models.ForeignKey(ScreeningSheet, on_delete=models.PROTECT, related_name="+")
    ticked_positions = EncryptedTextField(_("ticked items"), blank=True)
    score = models.PositiveSmallIntegerField(_("score"))
    observation = EncryptedTextField(_("observation of the ward staff"), blank=True)
    flagged_by_observation = models.BooleanField(_("flagged by the observation"), default=False)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("screening result")
        verbose_name_plural = _("screening results")

    def __str__(self) -> str:
        return f"{self.sheet}: {self.score}"

    @property
    def positions(self) -> list[int]:
        return [int(part) for part in str(self.ticked_positions).split(",") if part]

    @property
    def above_threshold(self) -> bool:
        return self.score >= self.sheet.threshold

    @property
    def suggests_conversation(self) -> bool:
        return self.above_threshold or self.flagged_by_observation


class ChildProtectionProcedure(TenantModel, VersionedModel):
    """§ 4 KKG: a health professional's suspicion of child endangerment, handled in
    stages (talk with the parents, pseudonymised advice, report to the youth office).

    Kept apart from the voluntary early-help case: no link to a referral, readable only
    by the person who opened it. The family is named by a pseudonym until a report."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    pseudonym = models.CharField(_("pseudonym"), max_length=80)
    family_details = EncryptedTextField(
        _("family"), blank=True, help_text=_("Only needed once the youth office is informed.")
    )
    indications = EncryptedTextField(_("indications"))
    stage = models.CharField(
        _("stage"),
        max_length=32,
        choices=ProcedureStage.choices,
        default=ProcedureStage.TALK_WITH_PARENTS,
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("§ 4 KKG procedure")
        verbose_name_plural = _("§ 4 KKG procedures")

    def __str__(self) -> str:
        return self.pseudonym


class ChildProtectionStep(TenantModel):
    procedure = models.ForeignKey(
        ChildProtectionProcedure, on_delete=models.CASCADE, related_name="steps"
    )
    stage = models.CharField(_("stage"), max_length=32, choices=ProcedureStage.choices)
    at = models.DateTimeField(_("when"))
    notes = EncryptedTextField(_("notes"))
    specialist = EncryptedTextField(_("specialist consulted"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("step of a § 4 KKG procedure")
        verbose_name_plural = _("steps of § 4 KKG procedures")

    def __str__(self) -> str:
        return self.get_stage_display()


class IdempotencyKey(TenantModel):
    """An answered ``POST /api/v1/referrals``: the same key with the same body gets the
    same answer again; keys belong to one token and expire after 24 hours."""

    token = models.ForeignKey("core.ApiToken", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField()
    response_body = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [
            models.UniqueConstraint(fields=["token", "key"], name="idempotency_key_per_token")
        ]

    def __str__(self) -> str:
        return self.key


class ArchivedReferralCount(TenantModel):
    """Anonymous counts of deleted cases, so figures survive the retention task. One row
    per combination of the figures' dimensions; nothing here identifies a family."""

    month = models.DateField(_("month received"))
    source = models.CharField(max_length=16, choices=ReferralSource.choices)
    social_area = models.ForeignKey(
        "core.SocialArea", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    triage_outcome = models.CharField(max_length=20, choices=TriageOutcome.choices, blank=True)
    outcome = models.CharField(max_length=20, choices=CaseOutcome.choices, blank=True)
    deadline_met = models.BooleanField(null=True)
    handed_over_to_asd = models.BooleanField(default=False)
    count = models.PositiveIntegerField(default=0)
    # Sum of calendar days from receipt to first contact of the contacted ones, and how many.
    days_to_first_contact = models.PositiveIntegerField(default=0)
    contacted = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("anonymous count of deleted cases")
        verbose_name_plural = _("anonymous counts of deleted cases")

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} {self.source}: {self.count}"


def anonymous_dimensions(referral: Referral) -> dict[str, Any]:
    """The dimensions under which a case is counted once it is deleted."""
    return {
        "month": local_date(referral.received_at).replace(day=1),
        "source": referral.source,
        "social_area_id": referral.family.social_area_id,
        "triage_outcome": referral.triage_outcome,
        "outcome": referral.outcome,
        "deadline_met": referral.deadline_met,
        "handed_over_to_asd": hasattr(referral, "asd_handover"),
    }
