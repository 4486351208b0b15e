"""What the coordination office does with applications: review, ask, score, decide,
release the round's decisions together, undo a decision, reopen a late submission."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.access import require_actor_capability
from lotse.core.audit import record
from lotse.core.models import User
from lotse.core.permissions import Capability
from lotse.funding.actions import FundingAction
from lotse.funding.deadlines import proof_of_use_due
from lotse.funding.models import (
    DECIDED,
    Application,
    ApplicationStatus,
    Comment,
    CommentKind,
    Decision,
    FundingYear,
    ProofOfUse,
)
from lotse.funding.money import euro
from lotse.funding.notifications import tell_applicant
from lotse.funding.services.history import move
from lotse.funding.services.years import committed

S = ApplicationStatus
REVIEWABLE = (S.SUBMITTED, S.IN_REVIEW)
MAX_SCORE = 3


def _lock(application: Application) -> Application:
    locked: Application = (
        Application.objects.for_commune(application.commune)
        .select_for_update()
        .get(pk=application.pk)
    )
    return locked


@transaction.atomic
def start_review(*, actor: User, application: Application) -> Application:
    require_actor_capability(actor, application.commune, Capability.MANAGE_FUNDING)
    current = _lock(application)
    move(current, actor=actor, to=S.IN_REVIEW, allowed_from=(S.SUBMITTED,))
    current.told_status = S.IN_REVIEW
    current.version += 1
    current.save()
    record(
        actor=actor,
        commune=current.commune,
        action=FundingAction.REVIEW_STARTED,
        target=current,
        changes={"status": (S.SUBMITTED, S.IN_REVIEW)},
    )
    return current


@transaction.atomic
def add_comment(*, actor: User, application: Application, text: str) -> Comment:
    """An internal comment: the applicant never sees it."""
    require_actor_capability(actor, application.commune, Capability.MANAGE_FUNDING)
    if not text.strip():
        raise ValidationError({"text": _("Please write a comment.")})
    comment: Comment = Comment.all_communes.create(
        commune=application.commune,
        application=application,
        kind=CommentKind.INTERNAL,
        text=text,
        author=actor,
    )
    record(
        actor=actor,
        commune=application.commune,
        action=FundingAction.COMMENT_ADDED,
        target=application,
    )
    return comment


@transaction.atomic
def ask_question(*, actor: User, application: Application, text: str) -> Application:
    """Send a question back; the applicant may change the form until answering."""
    require_actor_capability(actor, application.commune, Capability.MANAGE_FUNDING)
    if not text.strip():
        raise ValidationError({"text": _("Please write your question.")})
    current = _lock(application)
    old = current.status
    move(current, actor=actor, to=S.MORE_INFO, allowed_from=REVIEWABLE)
    Comment.all_communes.create(
        commune=current.commune,
        application=current,
        kind=CommentKind.QUESTION,
        text=text,
        author=actor,
    )
    current.told_status = S.MORE_INFO
    current.told_at = timezone.now()
    current.version += 1
    current.save()
    tell_applicant(
        current,
        kind="funding.question",
        subject=_("A question about your funding application"),
        text=_("The coordination office asks:\n\n%(question)s") % {"question": text},
    )
    record(
        actor=actor,
        commune=current.commune,
        action=FundingAction.QUESTION_ASKED,
        target=current,
        changes={"status": (old, S.MORE_INFO)},
    )
    return current


@transaction.atomic
def save_scores(*, actor: User, application: Application, scores: Mapping[str, int]) -> Application:
    """Score the application against each of the year's priorities (0 to 3)."""
    require_actor_capability(actor, application.commune, Capability.MANAGE_FUNDING)
    priorities = application.funding_year.priority_list
    if set(scores) - set(priorities):
        raise ValidationError(_("Please score only the year's priorities."))
    if any(not 0 <= value <= MAX_SCORE for value in scores.values()):
        raise ValidationError(_("A score lies between 0 and 3."))
    current = _lock(application)
    old = dict(current.scores)
    current.scores = dict(scores)
    current.save(update_fields=["scores"])
    record(
        actor=actor,
        commune=current.commune,
        action=FundingAction.SCORED,
        target=current,
        changes={"scores": (old, current.scores)},
    )
    return current


def _decide_one(
    *,
    actor: User,
    application: Application,
    funding_year: FundingYear,
    decision: str,
    amount: Decimal | None,
    reason: str,
) -> Application:
    current = _lock(application)
    if current.funding_year_id != funding_year.pk:
        raise ValueError("application of another funding year")
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Please choose a decision.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Please give the reason for the decision.")})
    if decision == Decision.APPROVED:
        amount = current.requested_amount
    elif decision == Decision.REJECTED:
        amount = None
    elif amount is None or not 0 < amount < current.requested_amount:
        raise ValidationError(
            {
                "amount": _("A lower amount lies between 0 and the %(requested)s requested.")
                % {"requested": euro(current.requested_amount)}
            }
        )
    if amount is not None:
        remaining = funding_year.budget - committed(funding_year)
        if amount > remaining:
            raise ValidationError(
                _(
                    "%(title)s: %(amount)s would exceed the budget of %(year)s; "
                    "only %(remaining)s remain."
                )
                % {
                    "title": current.title,
                    "amount": euro(amount),
                    "year": funding_year.year,
                    "remaining": euro(remaining),
                }
            )
    old = current.status
    move(current, actor=actor, to=S.DECISION_PENDING, allowed_from=REVIEWABLE, reason=reason)
    current.decision = decision
    current.approved_amount = amount
    current.decision_reason = reason
    current.decided_at = timezone.now()
    current.version += 1
    current.save()
    record(
        actor=actor,
        commune=current.commune,
        action=FundingAction.DECIDED,
        target=current,
        changes={
            "status": (old, S.DECISION_PENDING),
            "decision": ("", decision),
            "approved_amount": (None, amount),
        },
    )
    return current


def _lock_year(funding_year: FundingYear) -> FundingYear:
    """Lock the year's row: two coordinators approving at once are served one after the
    other, so the second sees the first's amount and the budget cannot be over-committed."""
    locked: FundingYear = (
        FundingYear.objects.for_commune(funding_year.commune)
        .select_for_update()
        .get(pk=funding_year.pk)
    )
    return locked


@transaction.atomic
def decide(
    *,
    actor: User,
    application: Application,
    decision: str,
    reason: str,
    amount: Decimal | None = None,
) -> Application:
    """Record the internal decision; the applicant learns it when the round is released."""
    require_actor_capability(actor, application.commune, Capability.MANAGE_FUNDING)
    funding_year = _lock_year(application.funding_year)
    return _decide_one(
        actor=actor,
        application=application,
        funding_year=funding_year,
        decision=decision,
        amount=amount,
        reason=reason,
    )


@transaction.atomic
def decide_many(
    *,
    actor: User,
    funding_year: FundingYear,
    applications: Sequence[Application],
    decision: str,
    reason: str,
) -> list[Application]:
    """Approve (in full) or reject several applications in one step: all or none."""
    require_actor_capability(actor, funding_year.commune, Capability.MANAGE_FUNDING)
    if decision == Decision.PARTIALLY_APPROVED:
        raise ValidationError(_("A lower amount is decided one application at a time."))
    if not applications:
        raise ValidationError(_("Please choose at least one application."))
    locked_year = _lock_year(funding_year)
    return [
        _decide_one(
            actor=actor,
            application=application,
            funding_year=locked_year,
            decision=decision,
            amount=None,
            reason=reason,
        )
        for application in applications
    ]


def _decision_text(application: Application) -> str:
    if application.status == S.REJECTED:
        return _("Your application has been rejected.\n\nReason: %(reason)s") % {
            "reason": application.decision_reason
        }
    return _(
        "Your application has been approved with %(amount)s.\n\nReason: %(reason)s\n\n"
        "The decision letter is available in Lotse. The proof of use is due on %(due)s."
    ) % {
        "amount": euro(application.approved_amount or Decimal(0)),
        "reason": application.decision_reason,
        "due": application.proof.due_date.strftime("%d.%m.%Y"),
    }


@transaction.atomic
def release_decisions(
    *, actor: User, funding_year: FundingYear, now: datetime | None = None
) -> list[Application]:
    """Tell every applicant of the round their decision at once; approved measures get
    their proof of use with its due date."""
    commune = funding_year.commune
    require_actor_capability(actor, commune, Capability.MANAGE_FUNDING)
    now = now or timezone.now()
    locked_year = _lock_year(funding_year)
    pending = list(
        Application.objects.for_commune(commune)
        .select_for_update()
        .filter(funding_year=locked_year, status=S.DECISION_PENDING)
        .select_related("organisation", "funding_year")
    )
    if not pending:
        raise ValidationError(_("There are no decisions waiting to be released."))
    for application in pending:
        move(application, actor=actor, to=application.decision, allowed_from=(S.DECISION_PENDING,))
        application.told_status = application.status
        application.told_at = now
        application.version += 1
        application.save()
        if application.status in DECIDED:
            ProofOfUse.objects.for_commune(commune).get_or_create(
                application=application,
                defaults={
                    "commune": commune,
                    "due_date": proof_of_use_due(commune, locked_year.year),
                },
            )
        tell_applicant(
            application,
            kind="funding.decision",
            subject=_("Decision on your funding application"),
            text=_decision_text(application),
        )
    locked_year.decisions_released_at = now
    locked_year.save(update_fields=["decisions_released_at"])
    record(
        actor=actor,
        commune=commune,
        action=FundingAction.DECISIONS_RELEASED,
        target=locked_year,
        changes={"released": (None, len(pending))},
    )
    return pending


@transaction.atomic
def undo_decision(*, actor: User, application: Application, reason: str) -> Application:
    """Take a decision back into review, with a reason. An applicant who was told the
    decision is told that it has been withdrawn; a proof of use not yet begun goes."""
    require_actor_capability(actor, application.commune, Capability.MANAGE_FUNDING)
    if not reason.strip():
        raise ValidationError({"reason": _("Please give the reason for undoing the decision.")})
    _lock_year(application.funding_year)
    current = _lock(application)
    old = current.status
    proof = ProofOfUse.objects.for_commune(current.commune).filter(application=current).first()
    if proof is not None and proof.submitted_at is not None:
        raise ValidationError(_("The proof of use has been submitted: the decision stands."))
    move(
        current,
        actor=actor,
        to=S.IN_REVIEW,
        allowed_from=(S.DECISION_PENDING, *DECIDED, S.REJECTED),
        reason=reason,
    )
    was_told = old != S.DECISION_PENDING
    if proof is not None:
        proof.delete()
    current.decision = ""
    current.approved_amount = None
    current.decided_at = None
    current.version += 1
    if was_told:
        current.told_status = S.IN_REVIEW
        current.told_at = timezone.now()
    current.save()
    if was_told:
        tell_applicant(
            current,
            kind="funding.decision_undone",
            subject=_("The decision on your funding application has been withdrawn"),
            text=_(
                "The decision on your application has been withdrawn and the application "
                "is in review again.\n\nReason: %(reason)s"
            )
            % {"reason": reason},
        )
    record(
        actor=actor,
        commune=current.commune,
        action=FundingAction.DECISION_UNDONE,
        target=current,
        changes={"status": (old, S.IN_REVIEW), "reason": ("", reason)},
    )
    return current


@transaction.atomic
def reopen_submission(
    *, actor: User, application: Application, until: datetime, reason: str
) -> Application:
    """Let this one applicant submit after the deadline, until ``until`` (recorded)."""
    require_actor_capability(actor, application.commune, Capability.MANAGE_FUNDING)
    if not reason.strip():
        raise ValidationError({"reason": _("Please give the reason for reopening.")})
    if until <= timezone.now():
        raise ValidationError({"until": _("Please choose a time in the future.")})
    current = _lock(application)
    if current.status != S.DRAFT:
        raise ValidationError(_("Only an application not yet submitted can be reopened."))
    old = current.reopened_until
    current.reopened_until = until
    current.save(update_fields=["reopened_until"])
    record(
        actor=actor,
        commune=current.commune,
        action=FundingAction.APPLICATION_REOPENED,
        target=current,
        changes={"reopened_until": (old, until), "reason": ("", reason)},
    )
    return current
