"""Funding years and settings: the coordination office sets the allocation, funds and
priorities; the budget never drops below what is approved; stale saves overwrite nothing."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.test import Client

from lotse.core.permissions import Role
from lotse.funding.models import ApplicationStatus, FundingYear, settings_of
from tests.conftest import World
from tests.funding.conftest import YEAR, MakeApplication


def _year_form(year: FundingYear, **changes: str) -> dict[str, str]:
    data = {
        "version": str(year.version),
        "federal_fund": "51000000",
        "state_share_percent": "22.7",
        "allocation": "37240",
        "allocation_confirmed": "on",
        "municipal_funds": "12000",
        "other_funds": "0",
        "other_funds_note": "",
        "priorities": "Familien früh erreichen",
    }
    data.update(changes)
    return data


def test_a_coordinator_creates_a_year_and_the_budget_adds_the_confirmed_allocation_and_funds(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    response = client.post("/bergkamen/funding/", {"year": "2028"})
    assert response["Location"] == "/bergkamen/funding/2028/edit/"
    year = FundingYear.objects.for_commune(world.bergkamen).get(year=2028)
    assert year.budget == Decimal(0)
    client.post("/bergkamen/funding/2028/edit/", _year_form(year))
    year.refresh_from_db()
    assert year.budget == Decimal("49240")
    client.post(
        "/bergkamen/funding/2028/edit/",
        _year_form(year, allocation_confirmed="", municipal_funds="12000"),
    )
    year.refresh_from_db()
    assert year.budget == Decimal("12000"), "an unconfirmed allocation is only an estimate"
    response = client.post("/bergkamen/funding/", {"year": "2028"})
    assert "Das Förderjahr 2028 gibt es bereits." in response.content.decode()


def test_the_budget_cannot_drop_below_what_is_approved(
    world: World, make_application: MakeApplication, client_for: Callable[[str, str], Client]
) -> None:
    application = make_application(status=ApplicationStatus.DECISION_PENDING, approved="30000")
    year = application.funding_year
    response = client_for("bergkamen", Role.COORDINATOR).post(
        f"/bergkamen/funding/{YEAR}/edit/",
        _year_form(year, allocation="20000", municipal_funds="0"),
    )
    assert response.status_code == 200
    assert "Das Budget wäre kleiner als die bereits bewilligten 30.000,00 €." in (
        response.content.decode()
    )
    year.refresh_from_db()
    assert year.allocation == Decimal("37240")


def test_a_stale_save_of_the_year_overwrites_nothing(
    world: World, funding_year: FundingYear, client_for: Callable[[str, str], Client]
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    stale = _year_form(funding_year, municipal_funds="5000")
    client.post(
        f"/bergkamen/funding/{YEAR}/edit/", _year_form(funding_year, municipal_funds="9000")
    )
    response = client.post(f"/bergkamen/funding/{YEAR}/edit/", stale)
    assert "Jemand anderes hat dies gespeichert" in response.content.decode()
    funding_year.refresh_from_db()
    assert funding_year.municipal_funds == Decimal("9000")


def test_the_funding_areas_are_a_setting(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    response = client.post(
        "/bergkamen/funding/settings/",
        {
            "funding_areas": "FB I – Netzwerke\n\nFB II – Lotsendienste\n",
            "max_upload_megabytes": "5",
        },
    )
    assert response.status_code == 302
    settings = settings_of(world.bergkamen)
    assert settings.funding_areas == ["FB I – Netzwerke", "FB II – Lotsendienste"]
    assert settings.round_to_cents is False
    response = client.post(
        "/bergkamen/funding/settings/", {"funding_areas": " ", "max_upload_megabytes": "5"}
    )
    assert "Dieses Feld ist erforderlich." in response.content.decode()


def test_an_unknown_year_is_not_found(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    assert (
        client_for("bergkamen", Role.COORDINATOR).get("/bergkamen/funding/1999/").status_code == 404
    )
