"""Audit actions of the help for families."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SupportAction(models.TextChoices):
    VOLUNTEER_SAVED = "support.volunteer_saved", _("Volunteer sponsor saved")
    VOLUNTEER_CHECK_RECORDED = "support.volunteer_check_recorded", _("§ 72a check recorded")
    VOLUNTEER_CHECKS_DELETED = "support.volunteer_checks_deleted", _("§ 72a checks deleted")
    PROFESSIONAL_SAVED = "support.professional_saved", _("Health professional saved")
    NEWBORN_ADDED = "support.newborn_added", _("Newborn added to the welcome-visit list")
    NEWBORNS_IMPORTED = "support.newborns_imported", _("Newborns imported")
    WELCOME_VISIT_RECORDED = "support.welcome_visit_recorded", _("Welcome visit recorded")
    WELCOME_VISITS_ERASED = "support.welcome_visits_erased", _("Welcome-visit data erased")
    HELP_PLAN_OPENED = "support.help_plan_opened", _("Help plan opened")
    HELP_PLAN_CHANGED = "support.help_plan_changed", _("Help plan changed")
    HELP_PROPOSED = "support.help_proposed", _("Offer proposed to the family")
    HELP_SENT_TO_PARTNER = "support.help_sent", _("Request sent to the partner")
    HELP_ANSWERED = "support.help_answered", _("Partner answered a request")
    HELP_STARTED = "support.help_started", _("Partner reported that the family started")
    HELP_ENDED = "support.help_ended", _("Brokered help ended")
    BROKERED_CASE_READ = "support.brokered_case_read", _("Partner read a brokered family")
    HEALTH_REQUESTED = "support.health_requested", _("Health professional requested")
    HEALTH_ASSIGNED = "support.health_assigned", _("Health professional assigned")
    HEALTH_VISIT = "support.health_visit", _("Visit documented")
    HEALTH_ENDED = "support.health_ended", _("Health professional's support ended")
    ASSIGNED_FAMILY_READ = "support.assigned_family_read", _("Assigned family read")
    SPONSOR_REQUESTED = "support.sponsor_requested", _("Volunteer sponsor requested")
    SPONSOR_CONFIRMED = "support.sponsor_confirmed", _("Volunteer sponsor confirmed")
    SUPPORT_WEEK = "support.support_week", _("Individual support hours recorded")
    CASE_CLOSED = "support.case_closed", _("Case closed from the help plan")
    HELP_ENDED_CONSENT_WITHDRAWN = (
        "support.help_ended_consent_withdrawn",
        _("Help ended because the family withdrew its consent"),
    )
