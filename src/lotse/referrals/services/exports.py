"""What leaves the case file: the family's own data for a request under Art. 15 GDPR,
and an anonymised summary for the network's case consultations (seed 001)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from lotse.core.audit import record
from lotse.core.models import User
from lotse.referrals.audit import ReferralAction
from lotse.referrals.models import Child, Family, Referral
from lotse.referrals.services.lifecycle import locked_case

# Other apps add what they keep about a family to the Art. 15 export (e.g. the help plans
# in ``referrals.support``): key in the export → function of the family giving plain data.
_CONTRIBUTORS: dict[str, Callable[[Family], Any]] = {}


def register_family_export(key: str, contributor: Callable[[Family], Any]) -> None:
    """Call from an AppConfig's ``ready()``: ``contributor(family)`` must return data that
    ``json.dumps`` can write (dates as ISO strings)."""
    _CONTRIBUTORS[key] = contributor


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def family_export(*, actor: User, referral: Referral) -> dict[str, Any]:
    """Everything Lotse stores about the family of ``referral`` (Art. 15 GDPR): the family,
    its children, consents and all its cases with their contacts, history and triage."""
    with transaction.atomic():
        locked_case(actor=actor, referral=referral)
        family: Family = referral.family
        cases = []
        for case in (
            family.referrals.all().order_by("received_at").select_related("referring_organisation")
        ):
            cases.append(
                {
                    "id": str(case.uuid),
                    "source": case.get_source_display(),
                    "referring_organisation": str(case.referring_organisation or ""),
                    "received_at": _plain(case.received_at),
                    "need": case.need,
                    "contact_due_by": _plain(case.contact_due_by),
                    "first_contact_at": _plain(case.first_contact_at),
                    "status": case.get_status_display(),
                    "triage": case.get_triage_outcome_display(),
                    "triage_reason": case.triage_reason,
                    "outcome": case.get_outcome_display(),
                    "outcome_reason": case.outcome_reason,
                    "closed_at": _plain(case.closed_at),
                    "contact_attempts": [
                        {
                            "at": _plain(attempt.at),
                            "channel": attempt.get_channel_display(),
                            "outcome": attempt.get_outcome_display(),
                            "note": attempt.note,
                        }
                        for attempt in case.contact_attempts.all()
                    ],
                    "history": [
                        {
                            "at": _plain(change.at),
                            "from": change.get_from_status_display(),
                            "to": change.get_to_status_display(),
                            "reason": change.reason,
                        }
                        for change in case.history.all()
                    ],
                    "asd_handover": _handover(case),
                }
            )
        data: dict[str, Any] = {
            "exported_at": _plain(datetime.now().astimezone()),
            "family": {
                "name": family.name,
                "parents": family.parents,
                "phone": family.phone,
                "email": family.email,
                "address": family.address,
                "reach_notes": family.reach_notes,
                "notes": family.notes,
                "social_area": str(family.social_area or ""),
                "languages": family.languages,
            },
            "children": [_child(child) for child in family.children.all()],
            "consents": [
                {
                    "text_version": consent.text.version,
                    "purpose": consent.text.purpose,
                    "data": consent.text.data,
                    "recipients": consent.text.recipients,
                    "scope": consent.scope,
                    "given_at": _plain(consent.given_at),
                    "given_by": consent.given_by,
                    "channel": consent.get_channel_display(),
                    "withdrawn_at": _plain(consent.withdrawn_at),
                }
                for consent in family.consents.select_related("text")
            ],
            "cases": cases,
        }
        for key, contributor in sorted(_CONTRIBUTORS.items()):
            data[key] = contributor(family)
        record(
            actor=actor,
            commune=referral.commune,
            action=ReferralAction.CASE_EXPORTED,
            target=referral,
        )
    return data


def _handover(case: Referral) -> dict[str, Any] | None:
    handover = getattr(case, "asd_handover", None)
    if handover is None:
        return None
    return {
        "reason": handover.reason,
        "handed_over_at": _plain(handover.handed_over_at),
        "receiving_person": handover.receiving_person,
    }


def _child(child: Child) -> dict[str, Any]:
    return {
        "first_name": child.first_name,
        "birth_date": _plain(child.birth_date),
        "due_date": _plain(child.due_date),
        "premature": child.premature,
        "malformation": child.malformation,
        "syndromic_illness": child.syndromic_illness,
        "other_illness": child.other_illness,
        "health_notes": child.health_notes,
    }


def _age_band(child: Child, on: date) -> str:
    if child.birth_date is None:
        return _("expected")
    months = (on.year - child.birth_date.year) * 12 + on.month - child.birth_date.month
    if months < 12:
        return _("under 1 year")
    if months < 36:
        return _("1 to 3 years")
    return _("3 years or older")


def anonymised_summary(*, actor: User, referral: Referral, on: date) -> dict[str, Any]:
    """A case for the network's case consultation without anything that identifies the
    family: no names, contact data, dates of birth, free texts or exact dates. The
    worker adds what is needed by word of mouth."""
    with transaction.atomic():
        locked_case(actor=actor, referral=referral)
        family = referral.family
        summary = {
            "source": referral.get_source_display(),
            "received": referral.received_at.strftime("%m/%Y"),
            "social_area": str(family.social_area or _("not known")),
            "children": [_age_band(child, on) for child in family.children.all()],
            "needs_interpreter": bool(family.languages) and "de" not in family.languages,
            "status": referral.get_status_display(),
            "triage": referral.get_triage_outcome_display(),
            "contact_attempts": referral.contact_attempts.count(),
            "deadline_met": referral.deadline_met,
        }
        record(
            actor=actor,
            commune=referral.commune,
            action=ReferralAction.CASE_SUMMARY_PRODUCED,
            target=referral,
        )
    return summary
