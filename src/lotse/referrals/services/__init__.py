"""Every change to referrals: one function per use case, one transaction, one audit event.

``lifecycle`` moves a case through its statuses (DESIGN.md, "referral"), ``intake`` takes
referrals in, ``consent`` withdraws consent, ``retention`` deletes what is due."""

from lotse.referrals.services.lifecycle import (
    close_case,
    log_contact_attempt,
    set_confidential,
    start_help,
    take_on_case,
    triage,
    update_family,
)

__all__ = [
    "close_case",
    "log_contact_attempt",
    "set_confidential",
    "start_help",
    "take_on_case",
    "triage",
    "update_family",
]
