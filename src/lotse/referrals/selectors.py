"""Reads shared by the pages, the digest and the API; always tenant-scoped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from lotse.core.models import Commune, User
from lotse.referrals.access import readable_referrals
from lotse.referrals.models import ContactAttempt, IntakeSettings, Referral, ReferralStatus

OPEN_STATUSES = [
    ReferralStatus.RECEIVED,
    ReferralStatus.CONTACT_DUE,
    ReferralStatus.CONTACTED,
    ReferralStatus.TRIAGED,
    ReferralStatus.HELP_IN_PROGRESS,
]


def queue(user: User, commune: Commune) -> QuerySet[Referral]:
    """The early-help worker's queue: open cases, earliest due date first."""
    attempts = (
        ContactAttempt.objects.for_commune(commune)
        .filter(referral=OuterRef("pk"))
        .order_by()
        .values("referral")
        .annotate(n=Count("*"))
        .values("n")
    )
    return (
        readable_referrals(user, commune)
        .filter(status__in=OPEN_STATUSES)
        .select_related("family", "family__social_area", "case_worker", "referring_organisation")
        # A subquery, not a join with GROUP BY over every open case: the page shows 50.
        .annotate(attempts=Coalesce(Subquery(attempts, output_field=IntegerField()), Value(0)))
        .order_by("contact_due_by", "received_at", "id")
    )


@dataclass(frozen=True)
class DigestCounts:
    """What the daily digest says: counts only, no personal data."""

    overdue: int
    due_today: int
    due_later: int
    awaiting_triage: int


def digest_counts(commune: Commune, today: date) -> DigestCounts:
    waiting = Referral.objects.for_commune(commune).filter(
        status=ReferralStatus.CONTACT_DUE, first_contact_at__isnull=True
    )
    counts = waiting.aggregate(
        overdue=Count("id", filter=Q(contact_due_by__lt=today)),
        due_today=Count("id", filter=Q(contact_due_by=today)),
        due_later=Count("id", filter=Q(contact_due_by__gt=today)),
    )
    awaiting = Referral.objects.for_commune(commune).filter(status=ReferralStatus.CONTACTED).count()
    return DigestCounts(
        overdue=counts["overdue"],
        due_today=counts["due_today"],
        due_later=counts["due_later"],
        awaiting_triage=awaiting,
    )


def intake_settings(commune: Commune) -> IntakeSettings:
    """The commune's intake settings; an unsaved default until a coordinator saves them."""
    found: IntakeSettings | None = IntakeSettings.objects.for_commune(commune).first()
    if found is not None:
        return found
    return IntakeSettings(
        commune=commune,
        asd_phone="",
        team_name=commune.youth_office_name or commune.name,
        team_phone="",
    )
