"""Models of the help for families: volunteers, health professionals, welcome visits."""

from lotse.referrals.support.choices import Availability, HealthProfessionalKind, VisitOutcome
from lotse.referrals.support.models.help import (
    BROKERED_HELP_TRANSITIONS,
    AssignmentStatus,
    BrokeredHelp,
    BrokeredHelpChange,
    BrokeredHelpStatus,
    HealthAssignment,
    HealthVisit,
    HelpPlan,
    Sponsorship,
    SponsorshipStatus,
    SupportWeek,
)
from lotse.referrals.support.models.professionals import HealthProfessional
from lotse.referrals.support.models.volunteers import CriminalRecordCheck, Volunteer
from lotse.referrals.support.models.welcome import Newborn

__all__ = [
    "BROKERED_HELP_TRANSITIONS",
    "AssignmentStatus",
    "Availability",
    "BrokeredHelp",
    "BrokeredHelpChange",
    "BrokeredHelpStatus",
    "CriminalRecordCheck",
    "HealthAssignment",
    "HealthProfessional",
    "HealthProfessionalKind",
    "HealthVisit",
    "HelpPlan",
    "Newborn",
    "Sponsorship",
    "SponsorshipStatus",
    "SupportWeek",
    "VisitOutcome",
    "Volunteer",
]
