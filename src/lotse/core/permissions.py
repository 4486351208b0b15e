"""Roles and capabilities: the one table that says who may do what.

Views, templates and API operations ask for a capability, never for a role name. A user's
capabilities in a commune are the union over their active roles there.
"""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Network coordination")
    PARTNER_STAFF = "partner_staff", _("Partner staff")
    EARLY_HELP_WORKER = "early_help_worker", _("Early-help worker")
    NAVIGATOR = "navigator", _("Clinic navigator")
    HEALTH_PROFESSIONAL = "health_professional", _("Health professional")
    VOLUNTEER_COORDINATOR = "volunteer_coordinator", _("Volunteer coordination")
    PLANNER = "planner", _("Youth-welfare planning")


class Capability(StrEnum):
    VIEW_COMMUNE_HOME = "view_commune_home"
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT_LOG = "view_audit_log"
    MANAGE_COMMUNE_SETTINGS = "manage_commune_settings"
    # Network, meetings, funding: the coordinator runs them, partners take part.
    VIEW_NETWORK = "view_network"
    MANAGE_NETWORK = "manage_network"
    EDIT_OWN_ORGANISATION = "edit_own_organisation"
    MANAGE_MEETINGS = "manage_meetings"
    TAKE_PART_IN_MEETINGS = "take_part_in_meetings"
    MANAGE_OFFERS = "manage_offers"
    EDIT_OWN_OFFERS = "edit_own_offers"
    MANAGE_FUNDING = "manage_funding"
    APPLY_FOR_FUNDING = "apply_for_funding"
    VIEW_MEASURE_PLAN = "view_measure_plan"
    VIEW_REPORTS = "view_reports"
    # Report texts, the gap weighting, surveys: the coordinator shapes what is reported.
    MANAGE_REPORTS = "manage_reports"
    # Families: only the roles that work a case read personal data.
    REFER_FAMILIES = "refer_families"
    READ_OWN_REFERRALS = "read_own_referrals"
    WORK_CASES = "work_cases"
    DOCUMENT_ASSIGNED_FAMILIES = "document_assigned_families"
    MATCH_VOLUNTEERS = "match_volunteers"
    # A provider sees the family brokered to its offer (with the family's consent).
    RECEIVE_BROKERED_HELP = "receive_brokered_help"


C = Capability

ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.COORDINATOR: frozenset(
        {
            C.VIEW_COMMUNE_HOME,
            C.MANAGE_USERS,
            C.VIEW_AUDIT_LOG,
            C.MANAGE_COMMUNE_SETTINGS,
            C.VIEW_NETWORK,
            C.MANAGE_NETWORK,
            C.MANAGE_MEETINGS,
            C.TAKE_PART_IN_MEETINGS,
            C.MANAGE_OFFERS,
            C.EDIT_OWN_OFFERS,
            C.MANAGE_FUNDING,
            C.VIEW_MEASURE_PLAN,
            C.VIEW_REPORTS,
            C.MANAGE_REPORTS,
        }
    ),
    Role.PARTNER_STAFF: frozenset(
        {
            C.VIEW_COMMUNE_HOME,
            C.VIEW_NETWORK,
            C.EDIT_OWN_ORGANISATION,
            C.TAKE_PART_IN_MEETINGS,
            C.EDIT_OWN_OFFERS,
            C.APPLY_FOR_FUNDING,
            C.VIEW_MEASURE_PLAN,
            C.REFER_FAMILIES,
            C.RECEIVE_BROKERED_HELP,
        }
    ),
    Role.EARLY_HELP_WORKER: frozenset(
        {C.VIEW_COMMUNE_HOME, C.VIEW_NETWORK, C.REFER_FAMILIES, C.WORK_CASES}
    ),
    Role.NAVIGATOR: frozenset({C.VIEW_COMMUNE_HOME, C.REFER_FAMILIES, C.READ_OWN_REFERRALS}),
    Role.HEALTH_PROFESSIONAL: frozenset(
        {C.VIEW_COMMUNE_HOME, C.VIEW_NETWORK, C.DOCUMENT_ASSIGNED_FAMILIES}
    ),
    Role.VOLUNTEER_COORDINATOR: frozenset(
        {C.VIEW_COMMUNE_HOME, C.VIEW_NETWORK, C.MATCH_VOLUNTEERS}
    ),
    Role.PLANNER: frozenset(
        {C.VIEW_COMMUNE_HOME, C.VIEW_NETWORK, C.VIEW_MEASURE_PLAN, C.VIEW_REPORTS}
    ),
}

# Capabilities that reveal personal data of families: whoever holds one must use TOTP.
FAMILY_DATA_CAPABILITIES: frozenset[Capability] = frozenset(
    {
        C.READ_OWN_REFERRALS,
        C.WORK_CASES,
        C.DOCUMENT_ASSIGNED_FAMILIES,
        C.MATCH_VOLUNTEERS,
        C.RECEIVE_BROKERED_HELP,
    }
)


def capabilities_for_roles(roles: set[str] | list[str]) -> frozenset[Capability]:
    found: set[Capability] = set()
    for role in roles:
        found |= ROLE_CAPABILITIES[role]
    return frozenset(found)


def requires_two_factor(capabilities: frozenset[Capability]) -> bool:
    return bool(capabilities & FAMILY_DATA_CAPABILITIES)
