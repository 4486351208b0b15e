"""Audit actions of the network app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NetworkAction(models.TextChoices):
    ORGANISATION_CREATED = "network.organisation_created", _("Organisation created")
    ORGANISATION_UPDATED = "network.organisation_updated", _("Organisation updated")
    ORGANISATIONS_IMPORTED = "network.organisations_imported", _("Organisations imported")
    INSTITUTION_TYPE_SAVED = "network.institution_type_saved", _("Institution type saved")
    SETTINGS_CHANGED = "network.settings_changed", _("Network settings changed")
    PERSON_SAVED = "network.person_saved", _("Person saved")
    DELEGATION_APPOINTED = "network.delegation_appointed", _("Delegate or deputy named")
    DELEGATION_ENDED = "network.delegation_ended", _("Delegation ended")
    ADMISSION_OPENED = "network.admission_opened", _("Admission opened")
    MEMBERS_CONSULTED = "network.members_consulted", _("Members consulted on an admission")
    OBJECTION_RAISED = "network.objection_raised", _("Objection raised")
    ADMISSION_DECIDED = "network.admission_decided", _("Board decision on an admission")
    ADMISSION_WITHDRAWN = "network.admission_withdrawn", _("Admission withdrawn")
    MENTORSHIP_RECORDED = "network.mentorship_recorded", _("Mentoring recorded")
    AGREEMENT_CREATED = "network.agreement_created", _("Cooperation agreement drafted")
    AGREEMENT_SENT = "network.agreement_sent", _("Cooperation agreement sent")
    AGREEMENT_SIGNED = "network.agreement_signed", _("Cooperation agreement signed by the partner")
    AGREEMENT_COUNTERSIGNED = (
        "network.agreement_countersigned",
        _("Cooperation agreement countersigned"),
    )
    OBLIGATION_RECORDED = "network.obligation_recorded", _("Obligation recorded")
    TERMINATION_RECEIVED = "network.termination_received", _("Written notice received")
    MEMBERSHIP_ENDED = "network.membership_ended", _("Membership ended")
