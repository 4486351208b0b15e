"""The referral's lifecycle: received → contact_due → contacted (deadline met or missed) →
triaged → help_in_progress → closed; consent withdrawn stops it at any point.

Each change checks the capability and that the actor may read the case, refuses a
transition the table does not allow, writes a history row and one audit event."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.access import require_actor_capability
from lotse.core.audit import record
from lotse.core.locking import check_version
from lotse.core.models import User
from lotse.core.permissions import Capability
from lotse.core.workdays import local_date
from lotse.referrals.access import case_readable_by
from lotse.referrals.audit import ReferralAction
from lotse.referrals.models import (
    AsdHandover,
    CaseOutcome,
    ContactAttempt,
    ContactOutcome,
    Referral,
    ReferralStatus,
    ReferralStatusChange,
    TriageOutcome,
)

S = ReferralStatus

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.CONTACT_DUE, S.CONSENT_WITHDRAWN}),
    S.CONTACT_DUE: frozenset({S.CONTACTED, S.CLOSED, S.CONSENT_WITHDRAWN}),
    S.CONTACTED: frozenset({S.TRIAGED, S.CLOSED, S.CONSENT_WITHDRAWN}),
    S.TRIAGED: frozenset({S.HELP_IN_PROGRESS, S.CLOSED, S.CONSENT_WITHDRAWN}),
    S.HELP_IN_PROGRESS: frozenset({S.CLOSED, S.CONSENT_WITHDRAWN}),
    S.CLOSED: frozenset({S.CONSENT_WITHDRAWN}),
    S.CONSENT_WITHDRAWN: frozenset(),
}

# Triage outcomes that end the early-help case at once, and the outcome they close with.
TRIAGE_CLOSES: dict[str, str] = {
    TriageOutcome.HANDED_OVER_TO_ASD: CaseOutcome.HANDED_OVER_TO_ASD,
    TriageOutcome.NO_NEED: CaseOutcome.NO_NEED,
    TriageOutcome.DECLINED: CaseOutcome.DECLINED,
}

# Outcomes a case may be closed with before any help started (the family was never
# reached or moved away); the others need the help to have started or been triaged.
CLOSE_BEFORE_TRIAGE = frozenset({CaseOutcome.NOT_REACHED, CaseOutcome.MOVED_AWAY})
CLOSE_AFTER_HELP = frozenset({CaseOutcome.HELP_IN_PLACE, CaseOutcome.HELP_COMPLETED})


def status_label(status: str) -> str:
    return str(ReferralStatus(status).label)


def change_status(
    *, referral: Referral, to: str, actor: User | None, reason: str = "", at: datetime | None = None
) -> ReferralStatusChange:
    """Move ``referral`` to ``to`` (saved) and write the history row; refuses a
    transition the table does not allow. Callers hold the transaction and the lock."""
    if to not in ALLOWED_TRANSITIONS[referral.status]:
        raise ValidationError(
            _("A referral cannot go from “%(old)s” to “%(new)s”.")
            % {"old": status_label(referral.status), "new": status_label(to)}
        )
    change: ReferralStatusChange = ReferralStatusChange.all_communes.create(
        commune=referral.commune,
        referral=referral,
        from_status=referral.status,
        to_status=to,
        actor=actor,
        at=at or timezone.now(),
        reason=reason,
    )
    referral.status = to
    referral.version += 1
    referral.save()
    return change


def locked_case(*, actor: User, referral: Referral) -> Referral:
    """The referral locked for update, after checking the actor works it and may read it."""
    require_actor_capability(actor, referral.commune, Capability.WORK_CASES)
    current: Referral = (
        Referral.all_communes.select_for_update().select_related("commune").get(pk=referral.pk)
    )
    if not case_readable_by(actor, current):
        raise Http404(_("Not found."))
    return current


def _required_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Please give a reason.")})
    return reason


def take_on_case(*, actor: User, referral: Referral) -> Referral:
    """The worker becomes the case worker (the queue shows who works which case)."""
    with transaction.atomic():
        current = locked_case(actor=actor, referral=referral)
        old = current.case_worker
        current.case_worker = actor
        current.version += 1
        current.save(update_fields=["case_worker", "version"])
        record(
            actor=actor,
            commune=current.commune,
            action=ReferralAction.CASE_TAKEN_ON,
            target=current,
            changes={"case_worker": (old, actor)},
        )
    return current


def log_contact_attempt(
    *,
    actor: User,
    referral: Referral,
    at: datetime,
    channel: str,
    outcome: str,
    note: str = "",
) -> ContactAttempt:
    """Log one attempt to reach the family. The first successful one closes the contact
    deadline: met when it happened on or before ``contact_due_by`` (Europe/Berlin)."""
    with transaction.atomic():
        current = locked_case(actor=actor, referral=referral)
        if not current.is_open:
            raise ValidationError(_("This case is closed; no more contact attempts are logged."))
        if at > timezone.now():
            raise ValidationError({"at": _("A contact attempt cannot lie in the future.")})
        if at < current.received_at:
            raise ValidationError(
                {"at": _("A contact attempt cannot lie before the referral was received.")}
            )
        attempt: ContactAttempt = ContactAttempt.all_communes.create(
            commune=current.commune,
            referral=current,
            at=at,
            channel=channel,
            outcome=outcome,
            note=note,
            recorded_by=actor,
        )
        changes: dict[str, tuple[object, object]] = {
            "channel": (None, channel),
            "outcome": (None, outcome),
            "note": (None, note),
        }
        if outcome == ContactOutcome.REACHED and current.first_contact_at is None:
            current.first_contact_at = at
            current.deadline_met = local_date(at) <= current.contact_due_by
            if current.case_worker_id is None:
                current.case_worker = actor
            change_status(referral=current, to=S.CONTACTED, actor=actor)
            changes["deadline_met"] = (None, current.deadline_met)
        record(
            actor=actor,
            commune=current.commune,
            action=ReferralAction.CONTACT_ATTEMPT_LOGGED,
            target=current,
            changes=changes,
            personal_fields={"note"},
        )
    referral.refresh_from_db()
    return attempt


def triage(
    *,
    actor: User,
    referral: Referral,
    outcome: str,
    reason: str,
    expected_version: int | None,
    asd_reason: str = "",
    asd_handed_over_at: datetime | None = None,
    asd_receiving_person: str = "",
) -> Referral:
    """Decide after the first contact: early help, hand-over to the ASD (§ 8a SGB VIII:
    indications, time, receiving person; the case leaves early help), no need, or the
    family declines (early help is an offer: nothing follows)."""
    if outcome not in TriageOutcome.values:
        raise ValidationError({"outcome": _("Please choose a triage outcome.")})
    reason = _required_reason(reason)
    with transaction.atomic():
        current = locked_case(actor=actor, referral=referral)
        check_version(
            current,
            expected_version=expected_version,
            yours={"triage_outcome": outcome},
            fields=["triage_outcome", "status"],
        )
        if current.status != S.CONTACTED:
            raise ValidationError(_("Only a referral whose family was contacted can be triaged."))
        if outcome == TriageOutcome.HANDED_OVER_TO_ASD:
            _hand_over(
                actor=actor,
                referral=current,
                reason=asd_reason,
                at=asd_handed_over_at,
                receiving_person=asd_receiving_person,
            )
        now = timezone.now()
        current.triage_outcome = outcome
        current.triage_reason = reason
        current.triaged_at = now
        change_status(referral=current, to=S.TRIAGED, actor=actor, reason=reason)
        if outcome in TRIAGE_CLOSES:
            current.outcome = TRIAGE_CLOSES[outcome]
            current.outcome_reason = reason
            current.closed_at = now
            change_status(referral=current, to=S.CLOSED, actor=actor, reason=reason)
        record(
            actor=actor,
            commune=current.commune,
            action=(
                ReferralAction.HANDED_OVER_TO_ASD
                if outcome == TriageOutcome.HANDED_OVER_TO_ASD
                else ReferralAction.TRIAGED
            ),
            target=current,
            changes={"triage_outcome": ("", outcome), "triage_reason": ("", reason)},
            personal_fields={"triage_reason"},
        )
    return current


def _hand_over(
    *,
    actor: User,
    referral: Referral,
    reason: str,
    at: datetime | None,
    receiving_person: str,
) -> AsdHandover:
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["asd_reason"] = _("Please name the indications of child endangerment.")
    if at is None:
        errors["asd_handed_over_at"] = _("Please give the time of the hand-over.")
    elif at > timezone.now():
        errors["asd_handed_over_at"] = _("The hand-over cannot lie in the future.")
    if not receiving_person.strip():
        errors["asd_receiving_person"] = _("Please name the person at the ASD who took over.")
    if errors or at is None:
        raise ValidationError(errors)
    handover: AsdHandover = AsdHandover.all_communes.create(
        commune=referral.commune,
        referral=referral,
        reason=reason.strip(),
        handed_over_at=at,
        receiving_person=receiving_person.strip(),
        recorded_by=actor,
    )
    return handover


def start_help(*, actor: User, referral: Referral) -> Referral:
    """The family agreed to early help and the help begins (help plans build on this)."""
    with transaction.atomic():
        current = locked_case(actor=actor, referral=referral)
        if current.status == S.HELP_IN_PROGRESS:
            return current
        if current.status != S.TRIAGED or current.triage_outcome != TriageOutcome.EARLY_HELP:
            raise ValidationError(_("Help can start only after the triage decided on early help."))
        change_status(referral=current, to=S.HELP_IN_PROGRESS, actor=actor)
        record(
            actor=actor,
            commune=current.commune,
            action=ReferralAction.HELP_STARTED,
            target=current,
            changes={"status": (S.TRIAGED, S.HELP_IN_PROGRESS)},
        )
    referral.refresh_from_db()
    return current


def close_case(
    *,
    actor: User,
    referral: Referral,
    outcome: str,
    reason: str,
    expected_version: int | None = None,
) -> Referral:
    """Close the case with its outcome and a reason. The retention period starts now."""
    if outcome not in CaseOutcome.values or outcome == CaseOutcome.CONSENT_WITHDRAWN:
        raise ValidationError({"outcome": _("Please choose an outcome.")})
    reason = _required_reason(reason)
    with transaction.atomic():
        current = locked_case(actor=actor, referral=referral)
        check_version(
            current,
            expected_version=expected_version,
            yours={"outcome": outcome},
            fields=["outcome", "status"],
        )
        if not current.is_open:
            raise ValidationError(_("This case is already closed."))
        if current.status in {S.RECEIVED, S.CONTACT_DUE, S.CONTACTED}:
            if outcome not in CLOSE_BEFORE_TRIAGE:
                raise ValidationError(
                    {
                        "outcome": _(
                            "Before the triage a case can only be closed because the family "
                            "was not reached or moved away."
                        )
                    }
                )
        elif outcome in CLOSE_BEFORE_TRIAGE - {CaseOutcome.MOVED_AWAY}:
            raise ValidationError(
                {"outcome": _("The family was reached: please choose another outcome.")}
            )
        current.outcome = outcome
        current.outcome_reason = reason
        current.closed_at = timezone.now()
        old_status = current.status
        change_status(referral=current, to=S.CLOSED, actor=actor, reason=reason)
        record(
            actor=actor,
            commune=current.commune,
            action=ReferralAction.CASE_CLOSED,
            target=current,
            changes={
                "status": (old_status, S.CLOSED),
                "outcome": ("", outcome),
                "outcome_reason": ("", reason),
            },
            personal_fields={"outcome_reason"},
        )
    referral.refresh_from_db()
    return current


def set_confidential(
    *, actor: User, referral: Referral, confidential: bool, expected_version: int | None = None
) -> Referral:
    """§ 65 SGB VIII: mark the case as entrusted to the actor personally (colleagues no
    longer see it), or lift the mark because the family agreed to share it."""
    with transaction.atomic():
        current = locked_case(actor=actor, referral=referral)
        check_version(
            current,
            expected_version=expected_version,
            yours={"confidential_to": actor if confidential else None},
            fields=["confidential_to"],
        )
        old = current.confidential_to
        current.confidential_to = actor if confidential else None
        if confidential:
            current.case_worker = actor
        current.version += 1
        current.save(update_fields=["confidential_to", "case_worker", "version"])
        record(
            actor=actor,
            commune=current.commune,
            action=ReferralAction.CONFIDENTIALITY_CHANGED,
            target=current,
            changes={"confidential_to": (old, current.confidential_to)},
        )
    return current


FAMILY_FIELDS = (
    "name",
    "parents",
    "phone",
    "email",
    "address",
    "reach_notes",
    "notes",
    "social_area",
    "languages",
)


def update_family(
    *,
    actor: User,
    referral: Referral,
    values: dict[str, object],
    expected_version: int | None,
) -> Referral:
    """Correct the family's details (a new phone number, a move). Versioned through the
    referral: a worker who loaded an older version is refused and overwrites nothing."""
    if not str(values.get("name", "")).strip():
        raise ValidationError({"name": _("Please give the family's name.")})
    if not any(str(values.get(field, "")).strip() for field in ("phone", "email", "address")):
        raise ValidationError({"phone": _("Please give at least one way to reach the family.")})
    with transaction.atomic():
        current = locked_case(actor=actor, referral=referral)
        check_version(current, expected_version=expected_version, yours={}, fields=[])
        family = current.family
        area = values.get("social_area")
        if area is not None and getattr(area, "commune_id", None) != current.commune_id:
            raise ValidationError(
                {"social_area": _("This social area does not belong to the commune.")}
            )
        changes: dict[str, tuple[object, object]] = {}
        for field in FAMILY_FIELDS:
            if field not in values:
                continue
            old, new = getattr(family, field), values[field]
            if old != new:
                changes[field] = (old, new)
                setattr(family, field, new)
        family.save()
        current.version += 1
        current.save(update_fields=["version"])
        record(
            actor=actor,
            commune=current.commune,
            action=ReferralAction.FAMILY_CHANGED,
            target=current,
            changes=changes,
            personal_fields=set(FAMILY_FIELDS) - {"social_area"},
        )
    return current
