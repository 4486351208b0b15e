"""Demo data of the funding app, built after the communes, their users and organisations:
per commune the previous year (released decisions, one rejection, proofs of use checked or
submitted), the current year (measures running, proofs due) and next year (applications in
review, deadline passed on 30 September)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from lotse.core.models import Commune, Membership, SocialArea, User
from lotse.core.permissions import Role
from lotse.demo import funding_facts as facts
from lotse.demo.builders import DemoResult
from lotse.funding.deadlines import BERLIN, application_deadline, proof_of_use_due
from lotse.funding.models import (
    Application,
    ApplicationStatus,
    CostItem,
    Decision,
    FundingYear,
    LifePhase,
    ProofOfUse,
    ProofStatus,
    default_funding_areas,
    settings_of,
)
from lotse.network.models import Organisation

S = ApplicationStatus


def build(result: DemoResult) -> None:
    """Create or update the funding demo data (idempotent, like the rest of the demo)."""
    this_year = timezone.localdate().year
    for slug, commune in result.communes.items():
        if slug not in facts.ALLOCATION:
            continue
        settings_of(commune)
        organisations = sorted(
            (org for (org_slug, _name), org in result.organisations.items() if org_slug == slug),
            key=lambda org: org.name,
        )[: len(facts.MEASURES)]
        author = _author(commune)
        if not organisations or author is None:
            continue
        _year(commune, slug, this_year - 1, organisations, author, stage="closed")
        _year(commune, slug, this_year, organisations, author, stage="running")
        _year(commune, slug, this_year + 1, organisations, author, stage="review")


def _author(commune: Commune) -> User | None:
    membership = (
        Membership.objects.for_commune(commune)
        .filter(role=Role.COORDINATOR)
        .select_related("user")
        .first()
    )
    return membership.user if membership is not None else None


def _year(
    commune: Commune,
    slug: str,
    year: int,
    organisations: list[Organisation],
    author: User,
    *,
    stage: str,
) -> None:
    funding_year, _created = FundingYear.all_communes.update_or_create(
        commune=commune,
        year=year,
        defaults={
            "allocation": facts.ALLOCATION[slug],
            "allocation_confirmed": True,
            "municipal_funds": facts.MUNICIPAL_FUNDS[slug],
            "other_funds": facts.OTHER_FUNDS[slug],
            "other_funds_note": facts.OTHER_FUNDS_NOTE[slug],
            "priorities": facts.PRIORITIES[slug],
            "decisions_released_at": None if stage == "review" else _released(commune, year),
        },
    )
    areas = default_funding_areas()
    submitted_at = datetime.combine(
        application_deadline(commune, year) - timedelta(days=3), time(9, 0), tzinfo=BERLIN
    )
    for index, (organisation, (title, area, percent)) in enumerate(
        zip(organisations, facts.MEASURES, strict=False)
    ):
        requested = (facts.ALLOCATION[slug] * percent / 100).quantize(Decimal("1"))
        status = _status(stage, index)
        decision, approved = _decision(status, requested)
        told = status if status not in (S.DECISION_PENDING,) else S.IN_REVIEW
        application, _created = Application.all_communes.update_or_create(
            commune=commune,
            funding_year=funding_year,
            organisation=organisation,
            title=title,
            defaults={
                "status": status,
                "told_status": told,
                "told_at": funding_year.decisions_released_at,
                "funding_area": areas[area],
                "goals": "Familien mit Kindern bis drei Jahre früh und niedrigschwellig erreichen.",
                "priority_fit": facts.PRIORITIES[slug].splitlines()[index % 3],
                "target_group": "Schwangere und Familien mit Kindern von 0 bis 3 Jahren",
                "life_phase": LifePhase.PREGNANCY_TO_THREE,
                "period_start": date(year, 1, 1),
                "period_end": date(year, 12, 31),
                "requested_amount": requested,
                "co_funding": (requested / 10).quantize(Decimal("1")),
                "indicators": "Zahl der erreichten Familien; Zufriedenheit der Familien",
                "created_by": author,
                "submitted_at": submitted_at,
                "decision": decision,
                "approved_amount": approved,
                "decision_reason": _reason(decision),
                "decided_at": funding_year.decisions_released_at,
            },
        )
        application.social_areas.set(_areas(commune))
        spent = _spent(stage, index, approved)
        CostItem.all_communes.update_or_create(
            commune=commune,
            application=application,
            position=0,
            defaults={
                "label": "Personalkosten",
                "planned_amount": requested,
                "spent_amount": spent,
            },
        )
        if status in (S.APPROVED, S.PARTIALLY_APPROVED):
            _proof(
                commune=commune,
                application=application,
                year=year,
                stage=stage,
                index=index,
                spent=spent,
            )


def _released(commune: Commune, year: int) -> datetime:
    deadline = application_deadline(commune, year)
    return datetime(deadline.year, 11, 20, 10, 0, tzinfo=BERLIN)


def _status(stage: str, index: int) -> str:
    if stage == "review":
        return [S.DECISION_PENDING, S.IN_REVIEW, S.SUBMITTED, S.MORE_INFO, S.SUBMITTED][index]
    return [S.APPROVED, S.REJECTED, S.PARTIALLY_APPROVED, S.APPROVED, S.APPROVED][index]


def _decision(status: str, requested: Decimal) -> tuple[str, Decimal | None]:
    if status in (S.APPROVED, S.DECISION_PENDING):
        return Decision.APPROVED, requested
    if status == S.PARTIALLY_APPROVED:
        return Decision.PARTIALLY_APPROVED, (requested * Decimal("0.8")).quantize(Decimal("1"))
    if status == S.REJECTED:
        return Decision.REJECTED, None
    return "", None


def _reason(decision: str) -> str:
    reasons: dict[str, str] = {
        Decision.APPROVED: "Die Maßnahme entspricht den Zielen der Kommune.",
        Decision.PARTIALLY_APPROVED: "Bewilligt im Rahmen des verbleibenden Budgets.",
        Decision.REJECTED: "Kein ausreichender Bezug zu den Frühen Hilfen (0 bis 3 Jahre).",
    }
    return reasons.get(decision, "")


def _spent(stage: str, index: int, approved: Decimal | None) -> Decimal | None:
    if stage != "closed" or approved is None:
        return None
    return approved - Decimal("850") if index == 0 else approved


def _proof(
    *,
    commune: Commune,
    application: Application,
    year: int,
    stage: str,
    index: int,
    spent: Decimal | None,
) -> None:
    status = ProofStatus.OPEN
    if stage == "closed":
        status = ProofStatus.ACCEPTED if index in (0, 3) else ProofStatus.SUBMITTED
    accepted = status == ProofStatus.ACCEPTED
    granted = application.approved_amount or Decimal(0)
    ProofOfUse.all_communes.update_or_create(
        commune=commune,
        application=application,
        defaults={
            "status": status,
            "due_date": proof_of_use_due(commune, year),
            "funding_received": granted if stage == "closed" else None,
            "staff": "Familienhebamme (0,5 Stelle)" if stage == "closed" else "",
            "staff_hours": Decimal("780") if stage == "closed" else None,
            "participants": 64 if stage == "closed" else None,
            "families_reached": 41 if stage == "closed" else None,
            "narrative": "Die Angebote wurden gut angenommen." if stage == "closed" else "",
            "submitted_at": datetime(year + 1, 1, 20, 9, 0, tzinfo=BERLIN)
            if stage == "closed"
            else None,
            "accepted_at": datetime(year + 1, 2, 10, 9, 0, tzinfo=BERLIN) if accepted else None,
            "repayment_amount": (granted - spent)
            if accepted and spent and spent < granted
            else None,
        },
    )


def _areas(commune: Commune) -> list[SocialArea]:
    return list(SocialArea.objects.for_commune(commune)[:2])
