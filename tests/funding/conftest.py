"""Funding fixtures: a funding year of Bergkamen with its 37,240 EUR (seed 001), and
applications of the Bergkamen partner organisation in any state of the lifecycle."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pytest_django import Settings

from lotse.core.models import SocialArea
from lotse.core.permissions import Role
from lotse.funding.models import (
    Application,
    ApplicationStatus,
    CostItem,
    Decision,
    FundingYear,
    ProofOfUse,
    default_funding_areas,
)
from lotse.network.models import CooperationAgreement, Obligation, ObligationKind, Organisation
from tests.conftest import World

YEAR = 2027
FB_II = default_funding_areas()[1]


@pytest.fixture(autouse=True)
def private_media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def make_year(world: World, *, commune: str = "bergkamen", budget: str = "37240") -> FundingYear:
    year: FundingYear = FundingYear.all_communes.create(
        commune=getattr(world, commune),
        year=YEAR,
        allocation=Decimal(budget),
        allocation_confirmed=True,
        priorities="Familien in Armutslagen erreichen\nGesundheitsfachkräfte einbinden",
    )
    return year


def sign_agreement(organisation: Organisation, on: date = date(2020, 3, 1)) -> None:
    """A cooperation agreement in force, with every obligation fulfilled."""
    agreement = CooperationAgreement.all_communes.create(
        commune=organisation.commune,
        organisation=organisation,
        text="Kooperationsvereinbarung",
        partner_signed_on=on,
        countersigned_on=on,
    )
    for kind in ObligationKind.values:
        Obligation.all_communes.create(
            commune=organisation.commune, agreement=agreement, kind=kind, fulfilled_on=on
        )


@pytest.fixture(autouse=True)
def agreements_signed(world: World) -> None:
    """Both communes' partner organisations are eligible unless a test says otherwise."""
    for organisation in world.organisations.values():
        sign_agreement(organisation)


@pytest.fixture
def funding_year(world: World) -> FundingYear:
    return make_year(world)


MakeApplication = Callable[..., Application]


@pytest.fixture
def make_application(world: World, funding_year: FundingYear) -> MakeApplication:
    """A complete application of the Bergkamen partner organisation, in ``status``."""

    def make(
        *,
        status: str = ApplicationStatus.DRAFT,
        amount: str = "10000",
        title: str = "Familienhebammen im Stadtteil",
        approved: str | None = None,
        year: FundingYear | None = None,
        **extra: Any,
    ) -> Application:
        year = year or funding_year
        organisation = world.organisations[year.commune.slug]
        application: Application = Application.all_communes.create(
            commune=year.commune,
            funding_year=year,
            organisation=organisation,
            status=status,
            told_status=status if status != ApplicationStatus.DECISION_PENDING else "in_review",
            title=title,
            funding_area=FB_II,
            goals="Belastete Familien im ersten Lebensjahr begleiten.",
            target_group="Schwangere und Familien mit Säuglingen",
            life_phase="pregnancy_to_three",
            period_start=date(YEAR, 1, 1),
            period_end=date(YEAR, 12, 31),
            requested_amount=Decimal(amount),
            created_by=world.user(year.commune.slug, Role.PARTNER_STAFF),
            **extra,
        )
        CostItem.all_communes.create(
            commune=year.commune,
            application=application,
            label="Personalkosten Familienhebamme",
            planned_amount=Decimal(amount),
        )
        area = SocialArea.objects.for_commune(year.commune).get(slug="mitte")
        application.social_areas.add(area)
        if approved is not None:
            application.decision = Decision.APPROVED
            application.approved_amount = Decimal(approved)
            application.decision_reason = "Passt zu den Zielen."
            application.save()
        if status in (ApplicationStatus.APPROVED, ApplicationStatus.PARTIALLY_APPROVED):
            ProofOfUse.all_communes.create(
                commune=year.commune, application=application, due_date=date(YEAR + 1, 1, 31)
            )
        return application

    return make
