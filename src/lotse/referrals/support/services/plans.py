"""Help plans: opening one when the help starts, changing its goals, individual support
hours of the Fachkraft, and closing the case."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.audit import record
from lotse.core.locking import check_version
from lotse.core.models import User
from lotse.referrals.models import Referral
from lotse.referrals.services import close_case, start_help
from lotse.referrals.services.lifecycle import locked_case
from lotse.referrals.support.audit import SupportAction
from lotse.referrals.support.models import HelpPlan, SupportWeek
from lotse.referrals.support.rules import ChildFacts, weekly_hours_error

MONDAY = 0


def children_facts(referral: Referral) -> list[ChildFacts]:
    """The family's children as the pure rules see them."""
    return [
        ChildFacts(
            birth_date=child.birth_date,
            due_date=child.due_date,
            health_priority=child.has_health_priority,
        )
        for child in referral.family.children.all()
    ]


def open_help_plan(*, actor: User, referral: Referral) -> HelpPlan:
    """Start the help of a case triaged as early help and give it its help plan (again the
    same plan if it has one)."""
    with transaction.atomic():
        start_help(actor=actor, referral=referral)
        current = locked_case(actor=actor, referral=referral)
        plan, created = HelpPlan.all_communes.get_or_create(
            referral=current, defaults={"commune": current.commune, "created_by": actor}
        )
        if created:
            record(
                actor=actor,
                commune=current.commune,
                action=SupportAction.HELP_PLAN_OPENED,
                target=plan,
            )
    result: HelpPlan = plan
    return result


def locked_plan(*, actor: User, help_plan: HelpPlan) -> HelpPlan:
    """The plan locked for update, after checking the actor works its case."""
    locked_case(actor=actor, referral=help_plan.referral)
    plan: HelpPlan = (
        HelpPlan.all_communes.select_for_update()
        .select_related("referral", "commune")
        .get(pk=help_plan.pk)
    )
    if not plan.referral.is_open:
        raise ValidationError(_("This case is closed."))
    return plan


def update_help_plan(
    *, actor: User, help_plan: HelpPlan, goals: str, expected_version: int | None
) -> HelpPlan:
    """Change the agreed goals and steps; a stale edit is refused with both versions."""
    with transaction.atomic():
        plan = locked_plan(actor=actor, help_plan=help_plan)
        check_version(
            plan, expected_version=expected_version, yours={"goals": goals}, fields=["goals"]
        )
        old = plan.goals
        plan.goals = goals.strip()
        plan.version += 1
        plan.save()
        record(
            actor=actor,
            commune=plan.commune,
            action=SupportAction.HELP_PLAN_CHANGED,
            target=plan,
            changes={"goals": (old, plan.goals)},
            personal_fields=("goals",),
        )
    return plan


def record_support_week(
    *,
    actor: User,
    help_plan: HelpPlan,
    week_start: date,
    planned_hours: Decimal,
    logged_hours: Decimal | None,
    reason: str,
) -> SupportWeek:
    """Plan (and later log) the Fachkraft's service hours of one week: 4 to 6, else with a
    reason."""
    errors: dict[str, str] = {}
    if week_start.weekday() != MONDAY:
        errors["week_start"] = _("Please choose the Monday the week starts with.")
    if problem := weekly_hours_error(planned_hours, reason):
        errors["planned_hours"] = problem
    if logged_hours is not None:
        if week_start > timezone.localdate():
            errors["logged_hours"] = _("Hours can be logged once the week has begun.")
        elif problem := weekly_hours_error(logged_hours, reason):
            errors["logged_hours"] = problem
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        plan = locked_plan(actor=actor, help_plan=help_plan)
        week, _created = SupportWeek.all_communes.update_or_create(
            help_plan=plan,
            week_start=week_start,
            defaults={
                "commune": plan.commune,
                "planned_hours": planned_hours,
                "logged_hours": logged_hours,
                "reason": reason.strip(),
                "recorded_by": actor,
            },
        )
        record(
            actor=actor,
            commune=plan.commune,
            action=SupportAction.SUPPORT_WEEK,
            target=plan,
            changes={
                "week_start": (None, week_start),
                "planned_hours": (None, planned_hours),
                "logged_hours": (None, logged_hours),
                "reason": (None, reason),
            },
            personal_fields=("reason",),
        )
    result: SupportWeek = week
    return result


def close_help_case(
    *, actor: User, help_plan: HelpPlan, outcome: str, reason: str, expected_version: int | None
) -> Referral:
    """Close the case with its outcome; a health professional's support ends with it and
    her place goes to the next family on the waiting list."""
    from lotse.referrals.support.services.health import (  # noqa: PLC0415 - cycle
        end_open_assignments,
    )

    with transaction.atomic():
        referral = close_case(
            actor=actor,
            referral=help_plan.referral,
            outcome=outcome,
            reason=reason,
            expected_version=expected_version,
        )
        end_open_assignments(referral=referral, on=timezone.localdate())
        record(
            actor=actor,
            commune=referral.commune,
            action=SupportAction.CASE_CLOSED,
            target=help_plan,
            changes={"outcome": (None, outcome)},
        )
    return referral
