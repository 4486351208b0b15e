"""Builders for the access and reach indicators: cases written straight to the tables
with exactly the dates a figure depends on, so that every figure can be computed by hand."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext

from lotse.core.models import Commune, SocialArea, User
from lotse.offers.models import Offer
from lotse.referrals.models import ArchivedReferralCount, AsdHandover, Family, Referral
from lotse.referrals.support.choices import VisitOutcome
from lotse.referrals.support.models import (
    BrokeredHelp,
    HealthAssignment,
    HelpPlan,
    Newborn,
    Sponsorship,
    SponsorshipStatus,
    SupportWeek,
)
from lotse.reports.indicators import BY_KEY, Scope, Table

BERLIN = ZoneInfo("Europe/Berlin")


def at(year: int, month: int, day: int, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=BERLIN)


def family(commune: Commune, area: SocialArea | None, name: str, email: str = "") -> Family:
    found: Family = Family.all_communes.create(
        commune=commune, name=name, email=email, phone="02307 555 01 23", social_area=area
    )
    return found


def case(
    family: Family,
    source: str,
    received: datetime,
    due: date,
    *,
    contacted: datetime | None = None,
    asd_by: User | None = None,
) -> Referral:
    """A referral; the deadline is met when the first contact came by ``due``."""
    found: Referral = Referral.all_communes.create(
        commune=family.commune,
        family=family,
        source=source,
        received_at=received,
        contact_due_by=due,
        first_contact_at=contacted,
        deadline_met=None if contacted is None else contacted.date() <= due,
    )
    if asd_by is not None:
        AsdHandover.all_communes.create(
            commune=family.commune,
            referral=found,
            reason="Anzeichen",
            handed_over_at=received,
            receiving_person="ASD",
            recorded_by=asd_by,
        )
    return found


def archived(
    commune: Commune,
    area: SocialArea | None,
    month: date,
    source: str,
    count: int,
    *,
    deadline_met: bool | None = None,
    asd: bool = False,
    contacted: int = 0,
    days: int = 0,
) -> ArchivedReferralCount:
    found: ArchivedReferralCount = ArchivedReferralCount.all_communes.create(
        commune=commune,
        month=month,
        source=source,
        social_area=area,
        deadline_met=deadline_met,
        handed_over_to_asd=asd,
        count=count,
        contacted=contacted,
        days_to_first_contact=days,
    )
    return found


def plan(referral: Referral) -> HelpPlan:
    found, _created = HelpPlan.all_communes.get_or_create(
        commune=referral.commune, referral=referral
    )
    return found


def brokered(referral: Referral, offer: Offer, sent: datetime, status: str) -> BrokeredHelp:
    found: BrokeredHelp = BrokeredHelp.all_communes.create(
        commune=referral.commune,
        help_plan=plan(referral),
        offer=offer,
        organisation=offer.provider,
        status=status,
        sent_at=sent,
    )
    return found


def health(referral: Referral, kind: str, requested: datetime, status: str) -> HealthAssignment:
    found: HealthAssignment = HealthAssignment.all_communes.create(
        commune=referral.commune,
        referral=referral,
        kind=kind,
        status=status,
        requested_at=requested,
    )
    return found


def sponsor(referral: Referral, area: SocialArea, confirmed: datetime) -> Sponsorship:
    found: Sponsorship = Sponsorship.all_communes.create(
        commune=referral.commune,
        help_plan=plan(referral),
        social_area=area,
        status=SponsorshipStatus.CONFIRMED,
        confirmed_at=confirmed,
    )
    return found


def support_week(referral: Referral, monday: date, hours: str, by: User) -> SupportWeek:
    found: SupportWeek = SupportWeek.all_communes.create(
        commune=referral.commune,
        help_plan=plan(referral),
        week_start=monday,
        planned_hours=Decimal(5),
        logged_hours=Decimal(hours),
        recorded_by=by,
    )
    return found


def newborn(
    commune: Commune, area: SocialArea, born: date, outcome: str = VisitOutcome.OPEN
) -> Newborn:
    found: Newborn = Newborn.all_communes.create(
        commune=commune,
        birth_month=born.replace(day=1),
        birth_date=born,
        child_name="Mia Sommer",
        parents_names="Anna Sommer",
        social_area=area,
        visit_offered_on=born if outcome != VisitOutcome.OPEN else None,
        outcome=outcome,
    )
    return found


def all_tables(keys: Iterable[str], scope: Scope) -> list[Table]:
    """Every drill-down of the indicators: the headline's and each breakdown row's."""
    tables = []
    for key in keys:
        indicator = BY_KEY[key]
        assert indicator.drilldown is not None
        tables.append(indicator.drilldown(scope, None))
        for figure in indicator.compute(scope).breakdown:
            tables.append(indicator.drilldown(scope, figure.key))
    return tables


def queries_of(keys: Iterable[str], scope: Scope) -> int:
    """Queries of each indicator's figure, its headline drill-down and the drill-down of
    its first breakdown row (each must not grow with the data)."""
    with CaptureQueriesContext(connection) as captured:
        for key in keys:
            indicator = BY_KEY[key]
            assert indicator.drilldown is not None
            result = indicator.compute(scope)
            indicator.drilldown(scope, None)
            indicator.drilldown(scope, result.breakdown[0].key)
    return len(captured)
