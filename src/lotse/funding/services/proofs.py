"""The proof of use (Verwendungsnachweis): the provider fills in figures and the narrative
report and submits; the coordination office accepts it (recording a repayment when less
was spent than granted) or returns it for corrections. Reminders before the due date."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.access import require_actor_capability
from lotse.core.audit import record
from lotse.core.locking import check_version
from lotse.core.models import Commune, User
from lotse.core.permissions import Capability
from lotse.funding.actions import FundingAction
from lotse.funding.models import ZERO, CostItem, ProofOfUse, ProofStatus
from lotse.funding.money import euro
from lotse.funding.notifications import tell_applicant, tell_coordinators
from lotse.funding.services.history import proof_moved

P = ProofStatus
PROOF_FIELDS: tuple[str, ...] = (
    "funding_received",
    "co_funding_received",
    "staff",
    "staff_hours",
    "participants",
    "families_reached",
    "indicators_report",
    "narrative",
)
REMIND_FIRST = timedelta(weeks=4)
REMIND_SECOND = timedelta(weeks=1)


def _lock(proof: ProofOfUse) -> ProofOfUse:
    locked: ProofOfUse = (
        ProofOfUse.objects.for_commune(proof.commune)
        .select_for_update()
        .select_related("application")
        .get(pk=proof.pk)
    )
    return locked


@transaction.atomic
def save_proof(
    *,
    actor: User,
    proof: ProofOfUse,
    values: Mapping[str, Any],
    spent: Mapping[int, Decimal | None],
    expected_version: int | None = None,
) -> ProofOfUse:
    """Save the figures and report; ``spent`` maps cost item ids to what was spent."""
    commune = proof.commune
    require_actor_capability(actor, commune, Capability.APPLY_FOR_FUNDING)
    current = _lock(proof)
    check_version(current, expected_version=expected_version, yours=values, fields=PROOF_FIELDS)
    if current.status not in (P.OPEN, P.RETURNED):
        raise ValidationError(
            _("The proof of use has been submitted and can no longer be changed.")
        )
    if any(amount is not None and amount < 0 for amount in spent.values()):
        raise ValidationError({"spent": _("An amount spent cannot be negative.")})
    changes: dict[str, tuple[Any, Any]] = {}
    for field, new in values.items():
        if field not in PROOF_FIELDS:
            raise ValueError(f"Not a field of the proof of use: {field}")
        if getattr(current, field) != new:
            changes[field] = (getattr(current, field), new)
            setattr(current, field, new)
    current.full_clean(validate_unique=False, validate_constraints=False)
    current.version += 1
    current.save()
    items = CostItem.objects.for_commune(commune).filter(application=current.application)
    for item in items:
        if item.pk in spent and item.spent_amount != spent[item.pk]:
            changes[f"spent {item.label}"] = (item.spent_amount, spent[item.pk])
            item.spent_amount = spent[item.pk]
            item.save(update_fields=["spent_amount"])
    record(
        actor=actor,
        commune=commune,
        action=FundingAction.PROOF_SAVED,
        target=current,
        changes=changes,
    )
    return current


def proof_problems(proof: ProofOfUse) -> list[str]:
    problems = []
    if not proof.narrative.strip():
        problems.append(_("Please write the narrative report."))
    if any(item.spent_amount is None for item in proof.application.cost_items.all()):
        problems.append(_("Please state what was spent for every cost item."))
    if proof.funding_received is None:
        problems.append(_("Please state the funding received."))
    return problems


@transaction.atomic
def submit_proof(*, actor: User, proof: ProofOfUse, now: datetime | None = None) -> ProofOfUse:
    commune = proof.commune
    require_actor_capability(actor, commune, Capability.APPLY_FOR_FUNDING)
    current = _lock(proof)
    if current.status not in (P.OPEN, P.RETURNED):
        raise ValidationError(_("The proof of use has been submitted already."))
    problems = proof_problems(current)
    if problems:
        raise ValidationError(problems)
    old = current.status
    proof_moved(current.application, actor=actor, from_status=old, to=P.SUBMITTED)
    current.status = P.SUBMITTED
    current.submitted_at = now or timezone.now()
    current.version += 1
    current.save()
    record(
        actor=actor,
        commune=commune,
        action=FundingAction.PROOF_SUBMITTED,
        target=current,
        changes={"status": (old, P.SUBMITTED)},
    )
    return current


@transaction.atomic
def return_proof(*, actor: User, proof: ProofOfUse, reason: str) -> ProofOfUse:
    commune = proof.commune
    require_actor_capability(actor, commune, Capability.MANAGE_FUNDING)
    if not reason.strip():
        raise ValidationError({"reason": _("Please say what needs correcting.")})
    current = _lock(proof)
    if current.status != P.SUBMITTED:
        raise ValidationError(_("Only a submitted proof of use can be returned."))
    proof_moved(
        current.application, actor=actor, from_status=P.SUBMITTED, to=P.RETURNED, reason=reason
    )
    current.status = P.RETURNED
    current.return_reason = reason
    current.version += 1
    current.save()
    tell_applicant(
        current.application,
        kind="funding.proof_returned",
        subject=_("Your proof of use needs corrections"),
        text=_("The coordination office asks you to correct your proof of use:\n\n%(reason)s")
        % {"reason": reason},
    )
    record(
        actor=actor,
        commune=commune,
        action=FundingAction.PROOF_RETURNED,
        target=current,
        changes={"status": (P.SUBMITTED, P.RETURNED)},
    )
    return current


def repayment_due(proof: ProofOfUse) -> Decimal:
    """What the provider pays back: the granted amount not spent on the measure."""
    granted = proof.application.approved_amount or ZERO
    return max(granted - proof.spent_total, ZERO)


@transaction.atomic
def accept_proof(*, actor: User, proof: ProofOfUse, now: datetime | None = None) -> ProofOfUse:
    commune = proof.commune
    require_actor_capability(actor, commune, Capability.MANAGE_FUNDING)
    current = _lock(proof)
    if current.status != P.SUBMITTED:
        raise ValidationError(_("Only a submitted proof of use can be accepted."))
    proof_moved(current.application, actor=actor, from_status=P.SUBMITTED, to=P.ACCEPTED)
    current.status = P.ACCEPTED
    current.accepted_at = now or timezone.now()
    repayment = repayment_due(current)
    current.repayment_amount = repayment or None
    current.version += 1
    current.save()
    text = _("The coordination office has accepted your proof of use.")
    if repayment:
        text += " " + _("Less was spent than granted: please pay back %(amount)s.") % {
            "amount": euro(repayment)
        }
    tell_applicant(
        current.application,
        kind="funding.proof_accepted",
        subject=_("Your proof of use has been accepted"),
        text=text,
    )
    record(
        actor=actor,
        commune=commune,
        action=FundingAction.PROOF_ACCEPTED,
        target=current,
        changes={"status": (P.SUBMITTED, P.ACCEPTED), "repayment_amount": (None, repayment)},
    )
    return current


@dataclass(frozen=True)
class ReminderReport:
    four_weeks: int = 0
    one_week: int = 0
    overdue: int = 0


def _remind(proof: ProofOfUse, *, when: str) -> None:
    tell_applicant(
        proof.application,
        kind="funding.proof_reminder",
        subject=_("Reminder: your proof of use is due on %(due)s")
        % {"due": proof.due_date.strftime("%d.%m.%Y")},
        text=_(
            "Your proof of use (figures, narrative report and receipts) is due %(when)s, "
            "on %(due)s. Please fill it in and submit it in Lotse."
        )
        % {"when": when, "due": proof.due_date.strftime("%d.%m.%Y")},
    )


@transaction.atomic
def send_reminders_for(commune: Commune, today: date) -> ReminderReport:
    """Remind providers 4 weeks and 1 week before the due date, and the coordination
    office once a proof is overdue. Each reminder goes out once."""
    now = timezone.now()
    four = one = late = 0
    open_proofs = (
        ProofOfUse.objects.for_commune(commune)
        .select_for_update()
        .filter(status__in=(P.OPEN, P.RETURNED))
        .select_related("application__organisation", "application__funding_year")
    )
    overdue: list[ProofOfUse] = []
    for proof in open_proofs:
        if today > proof.due_date:
            if proof.overdue_reported_at is None:
                overdue.append(proof)
            continue
        if today >= proof.due_date - REMIND_SECOND:
            if proof.reminded_one_week_at is None:
                _remind(proof, when=_("in one week"))
                proof.reminded_one_week_at = now
                proof.reminded_four_weeks_at = proof.reminded_four_weeks_at or now
                proof.save(update_fields=["reminded_one_week_at", "reminded_four_weeks_at"])
                one += 1
        elif today >= proof.due_date - REMIND_FIRST and proof.reminded_four_weeks_at is None:
            _remind(proof, when=_("in four weeks"))
            proof.reminded_four_weeks_at = now
            proof.save(update_fields=["reminded_four_weeks_at"])
            four += 1
    if overdue:
        lines = "\n".join(
            f"- {proof.application.organisation.name}: {proof.application.title} "
            f"({proof.due_date:%d.%m.%Y})"
            for proof in overdue
        )
        tell_coordinators(
            commune,
            kind="funding.proof_overdue",
            subject=_("Proofs of use overdue"),
            text=_("These proofs of use are overdue:\n\n%(lines)s") % {"lines": lines},
        )
        for proof in overdue:
            proof.overdue_reported_at = now
            proof.save(update_fields=["overdue_reported_at"])
        late = len(overdue)
    report = ReminderReport(four, one, late)
    if four or one or late:
        record(
            actor=None,
            commune=commune,
            action=FundingAction.REMINDERS_SENT,
            changes={"reminders": (None, f"{four}/{one}/{late}")},
        )
    return report


def send_reminders(today: date | None = None) -> ReminderReport:
    """For every active commune (the daily task and ``lotse send-funding-reminders``)."""
    today = today or timezone.localdate()
    total = ReminderReport()
    for commune in Commune.objects.filter(is_active=True):
        report = send_reminders_for(commune, today)
        total = ReminderReport(
            total.four_weeks + report.four_weeks,
            total.one_week + report.one_week,
            total.overdue + report.overdue,
        )
    return total
