"""The audit actions of the referrals app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferralAction(models.TextChoices):
    REFERRAL_RECEIVED = "referrals.referral_received", _("Referral received")
    CASE_READ = "referrals.case_read", _("Case read")
    CASE_EXPORTED = "referrals.case_exported", _("Family data exported (Art. 15 GDPR)")
    CASE_SUMMARY_PRODUCED = "referrals.case_summary", _("Anonymised case summary produced")
    CONTACT_ATTEMPT_LOGGED = "referrals.contact_attempt", _("Contact attempt logged")
    TRIAGED = "referrals.triaged", _("Referral triaged")
    HANDED_OVER_TO_ASD = "referrals.asd_handover", _("Handed over to the ASD (§ 8a SGB VIII)")
    HELP_STARTED = "referrals.help_started", _("Help started")
    CASE_CLOSED = "referrals.case_closed", _("Case closed")
    CASE_TAKEN_ON = "referrals.case_taken_on", _("Case taken on")
    CONFIDENTIALITY_CHANGED = "referrals.confidentiality", _("§ 65 marking changed")
    FAMILY_CHANGED = "referrals.family_changed", _("Family details changed")
    CONSENT_WITHDRAWN = "referrals.consent_withdrawn", _("Consent withdrawn")
    CASE_DELETED = "referrals.case_deleted", _("Case deleted after the retention period")
    SETTINGS_CHANGED = "referrals.settings_changed", _("Intake settings changed")
    PROCEDURE_OPENED = "referrals.kkg_opened", _("§ 4 KKG procedure opened")
    PROCEDURE_STEP = "referrals.kkg_step", _("§ 4 KKG procedure step documented")
    PROCEDURE_READ = "referrals.kkg_read", _("§ 4 KKG procedure read")
