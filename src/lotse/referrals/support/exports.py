"""The help for families' part of a family's Art. 15 GDPR export: its help plans,
brokered help, family-midwife/FGKiKP care with visits, sponsorships and support hours."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from lotse.referrals.models import Family
from lotse.referrals.support.models import (
    BrokeredHelp,
    HealthAssignment,
    HealthVisit,
    HelpPlan,
    Sponsorship,
    SupportWeek,
)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _brokered(help_plan: HelpPlan) -> list[dict[str, Any]]:
    rows: list[BrokeredHelp] = list(
        help_plan.brokerages.select_related("offer", "organisation").order_by("proposed_at")
    )
    return [
        {
            "offer": row.offer.name,
            "organisation": row.organisation.name,
            "status": row.get_status_display(),
            "message_to_partner": row.message_to_partner,
            "partner_answer": row.partner_answer,
            "proposed_at": _plain(row.proposed_at),
            "started_on": _plain(row.started_on),
            "ended_on": _plain(row.ended_on),
        }
        for row in rows
    ]


def _visits(assignment: HealthAssignment) -> list[dict[str, Any]]:
    visits: list[HealthVisit] = list(assignment.visits.order_by("visited_on"))
    return [
        {"date": _plain(visit.visited_on), "hours": str(visit.hours), "notes": visit.notes}
        for visit in visits
    ]


def family_help(family: Family) -> dict[str, Any]:
    """Plain data ``json.dumps`` can write, for
    :func:`lotse.referrals.services.exports.register_family_export`."""
    plans: list[HelpPlan] = list(
        HelpPlan.objects.for_commune(family.commune)
        .filter(referral__family=family)
        .order_by("created_at")
    )
    care: list[HealthAssignment] = list(
        HealthAssignment.objects.for_commune(family.commune)
        .filter(referral__family=family)
        .order_by("requested_at")
    )
    sponsorships: list[Sponsorship] = list(
        Sponsorship.objects.for_commune(family.commune).filter(help_plan__referral__family=family)
    )
    weeks: list[SupportWeek] = list(
        SupportWeek.objects.for_commune(family.commune)
        .filter(help_plan__referral__family=family)
        .order_by("week_start")
    )
    return {
        "help_plans": [
            {
                "case": str(plan.referral.uuid),
                "goals": plan.goals,
                "created_at": _plain(plan.created_at),
                "brokered_help": _brokered(plan),
            }
            for plan in plans
        ],
        "health_care": [
            {
                "kind": assignment.get_kind_display(),
                "status": assignment.get_status_display(),
                "started_on": _plain(assignment.started_on),
                "ended_on": _plain(assignment.ended_on),
                "visits": _visits(assignment),
            }
            for assignment in care
        ],
        "sponsorships": [
            {
                "status": sponsorship.get_status_display(),
                "requested_at": _plain(sponsorship.requested_at),
                "ended_on": _plain(sponsorship.ended_on),
            }
            for sponsorship in sponsorships
        ],
        "support_hours": [
            {
                "week": _plain(week.week_start),
                "planned_hours": str(week.planned_hours),
                "logged_hours": str(week.logged_hours) if week.logged_hours is not None else None,
                "reason": week.reason,
            }
            for week in weeks
        ],
    }
