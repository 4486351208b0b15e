"""Reads of funding for pages and exports, always scoped to one commune."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet

from lotse.core.models import Commune
from lotse.funding.models import DECIDED, Application, FundingYear, ProofOfUse, ProofStatus
from lotse.funding.services.years import committed


@dataclass(frozen=True)
class Budget:
    allocation: Decimal
    allocation_confirmed: bool
    municipal: Decimal
    other: Decimal
    total: Decimal
    approved: Decimal
    remaining: Decimal


def budget_of(funding_year: FundingYear) -> Budget:
    approved = committed(funding_year)
    return Budget(
        allocation=funding_year.allocation,
        allocation_confirmed=funding_year.allocation_confirmed,
        municipal=funding_year.municipal_funds,
        other=funding_year.other_funds,
        total=funding_year.budget,
        approved=approved,
        remaining=funding_year.budget - approved,
    )


def applications_of_year(funding_year: FundingYear) -> QuerySet[Application]:
    found: QuerySet[Application] = (
        Application.objects.for_commune(funding_year.commune)
        .filter(funding_year=funding_year)
        .select_related("organisation", "funding_year", "proof")
        .order_by("organisation__name", "title")
    )
    return found


def measure_plan(commune: Commune, year: int) -> QuerySet[Application]:
    """The funded measures of a year whose decisions have been released."""
    found: QuerySet[Application] = (
        Application.objects.for_commune(commune)
        .filter(funding_year__year=year, status__in=DECIDED)
        .select_related("organisation", "funding_year")
        .prefetch_related("social_areas")
        .order_by("funding_area", "organisation__name", "title")
    )
    return found


def proofs_due(commune: Commune, today: date) -> tuple[list[ProofOfUse], list[ProofOfUse]]:
    """(due and not yet submitted, overdue) proofs of use."""
    open_proofs = list(
        ProofOfUse.objects.for_commune(commune)
        .filter(status__in=(ProofStatus.OPEN, ProofStatus.RETURNED))
        .select_related("application__organisation", "application__funding_year")
    )
    overdue = [proof for proof in open_proofs if proof.is_overdue(today)]
    due = [proof for proof in open_proofs if not proof.is_overdue(today)]
    return due, overdue
