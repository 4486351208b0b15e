"""The network (KKG § 3): partner organisations, their people and delegates, admissions,
mentoring and cooperation agreements."""

from lotse.network.models.agreements import (
    AgreementStatus,
    AgreementTransition,
    CooperationAgreement,
    Obligation,
    ObligationKind,
)
from lotse.network.models.membership import (
    Admission,
    AdmissionStatus,
    AdmissionTransition,
    Mentorship,
    MentorshipKind,
    Objection,
)
from lotse.network.models.organisations import (
    Delegation,
    DelegationKind,
    InstitutionType,
    NetworkSettings,
    Organisation,
    OrganisationStatus,
    Person,
    Sector,
)

__all__ = [
    "Admission",
    "AdmissionStatus",
    "AdmissionTransition",
    "AgreementStatus",
    "AgreementTransition",
    "CooperationAgreement",
    "Delegation",
    "DelegationKind",
    "InstitutionType",
    "Mentorship",
    "MentorshipKind",
    "NetworkSettings",
    "Objection",
    "Obligation",
    "ObligationKind",
    "Organisation",
    "OrganisationStatus",
    "Person",
    "Sector",
]
