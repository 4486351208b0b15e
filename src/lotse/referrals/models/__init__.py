"""Families, their consent, referrals (Zugänge) and what happens to them until the case is
closed; the § 4 KKG procedure apart from the voluntary case; anonymous counts that outlive
deleted cases.

Every personal value (names, contact data, notes, the need in the referrer's words, the
children's dates and health details) is encrypted at rest (:mod:`lotse.core.fields`,
:mod:`lotse.referrals.fields`). What stays in clear text is what the figures need and
identifies nobody on its own: the source, the social area, dates of the process, statuses.
"""

from __future__ import annotations

from lotse.referrals.models.cases import (
    AsdHandover,
    ContactAttempt,
    Referral,
    ReferralStatusChange,
)
from lotse.referrals.models.choices import (
    LANGUAGE_CODE_LENGTH,
    CaseOutcome,
    ConsentChannel,
    ConsentScope,
    ContactChannel,
    ContactOutcome,
    ProcedureStage,
    ReferralSource,
    ReferralStatus,
    TriageOutcome,
)
from lotse.referrals.models.families import (
    Child,
    Consent,
    ConsentText,
    Family,
    IntakeSettings,
)
from lotse.referrals.models.procedures import (
    ChildProtectionProcedure,
    ChildProtectionStep,
)
from lotse.referrals.models.records import (
    ArchivedReferralCount,
    IdempotencyKey,
    anonymous_dimensions,
)
from lotse.referrals.models.screening import (
    ScreeningItem,
    ScreeningResult,
    ScreeningSheet,
)

__all__ = [
    "LANGUAGE_CODE_LENGTH",
    "ArchivedReferralCount",
    "AsdHandover",
    "CaseOutcome",
    "Child",
    "ChildProtectionProcedure",
    "ChildProtectionStep",
    "Consent",
    "ConsentChannel",
    "ConsentScope",
    "ConsentText",
    "ContactAttempt",
    "ContactChannel",
    "ContactOutcome",
    "Family",
    "IdempotencyKey",
    "IntakeSettings",
    "ProcedureStage",
    "Referral",
    "ReferralSource",
    "ReferralStatus",
    "ReferralStatusChange",
    "ScreeningItem",
    "ScreeningResult",
    "ScreeningSheet",
    "TriageOutcome",
    "anonymous_dimensions",
]
