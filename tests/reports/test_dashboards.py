"""The dashboards: overview, group and indicator pages, the drill-down, the filter."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from lotse.core.permissions import Role
from lotse.reports.indicators import ALL
from tests.conftest import World
from tests.core.factories import SocialAreaFactory
from tests.network.factories import OrganisationFactory
from tests.offers.factories import OfferFactory
from tests.reports.dashboard_fakes import (  # noqa: F401 - fixture
    ASKED,
    OFFER,
    ORGANISATION,
    fake_indicators,
)

ClientFor = Callable[[str, str], Client]
NOW = "2026-06-15 10:00"


@time_machine.travel(NOW, tick=False)
@pytest.mark.usefixtures("fake_indicators")
def test_the_overview_shows_every_group_with_title_value_definition_and_chart(
    world: World, client_for: ClientFor
) -> None:
    response = client_for("bergkamen", Role.PLANNER).get("/bergkamen/reports/")
    assert response.status_code == 200
    html = response.content.decode()
    for title in ("Netzwerk", "Zugänge", "Förderung"):
        assert title in html
    assert "Anteil eingehaltener Fristen (Test)" in html
    assert "42,5\u00a0%" in html
    assert "17 von 40" in html
    assert "Gezählt werden Zugänge des Jahres" in html
    assert "1.234,56\u00a0€" in html
    assert 'role="img"' in html
    assert "Figures of 2026" not in html  # translated
    assert "Zahlen von 2026 für die ganze Kommune." in html
    assert [scope.year for scope in ASKED] == [2026, 2026]


@pytest.mark.usefixtures("fake_indicators")
def test_the_coordinator_sees_the_settings_link_the_planner_does_not(
    world: World, client_for: ClientFor
) -> None:
    coordinator = client_for("bergkamen", Role.COORDINATOR).get("/bergkamen/reports/")
    planner = client_for("bergkamen", Role.PLANNER).get("/bergkamen/reports/")
    assert "/bergkamen/reports/settings/" in coordinator.content.decode()
    assert "/bergkamen/reports/settings/" not in planner.content.decode()


@pytest.mark.usefixtures("fake_indicators")
def test_the_area_filter_computes_the_area_and_commune_wide_indicators_say_so(
    world: World, client_for: ClientFor
) -> None:
    response = client_for("bergkamen", Role.PLANNER).get(
        "/bergkamen/reports/", {"year": "2025", "area": "mitte"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "50,0\u00a0%" in html
    assert "Diese Zahl gibt es nur für die ganze Kommune" in html
    assert [(s.year, s.social_area.slug if s.social_area else None) for s in ASKED] == [
        (2025, "mitte"),
        (2025, None),
    ]
    assert "/bergkamen/reports/fake_deadlines_met/details/?year=2025&amp;area=mitte" in html


@pytest.mark.usefixtures("fake_indicators")
def test_a_bad_year_or_area_is_a_german_form_error_not_a_crash(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", Role.PLANNER)
    bad_year = client.get("/bergkamen/reports/", {"year": "zwanzig"})
    assert bad_year.status_code == 400
    assert "Geben Sie das Jahr als Zahl ein" in bad_year.content.decode()
    too_early = client.get("/bergkamen/reports/fake_members/", {"year": "1999"})
    assert too_early.status_code == 400
    assert "Wählen Sie ein Jahr von 2000 bis 2100." in too_early.content.decode()
    other_area = client.get("/bergkamen/reports/", {"area": "nirgendwo"})
    assert other_area.status_code == 400
    assert "Wählen Sie einen der Sozialräume der Kommune." in other_area.content.decode()
    assert ASKED == []


@pytest.mark.usefixtures("fake_indicators")
def test_a_social_area_of_the_other_commune_is_refused(world: World, client_for: ClientFor) -> None:
    SocialAreaFactory(commune=world.dortmund, name="Innenstadt-West", slug="innenstadt-west")
    response = client_for("bergkamen", Role.PLANNER).get(
        "/bergkamen/reports/", {"area": "innenstadt-west"}
    )
    assert response.status_code == 400


@pytest.mark.usefixtures("fake_indicators")
def test_a_group_page_shows_only_its_indicators(world: World, client_for: ClientFor) -> None:
    client = client_for("bergkamen", Role.PLANNER)
    html = client.get("/bergkamen/reports/groups/access/").content.decode()
    assert "Anteil eingehaltener Fristen (Test)" in html
    assert "Mitglieder (Test)" not in html
    assert client.get("/bergkamen/reports/groups/weather/").status_code == 404


@pytest.mark.usefixtures("fake_indicators")
def test_the_indicator_page_has_chart_data_table_definition_and_drilldown_links(
    world: World, client_for: ClientFor
) -> None:
    response = client_for("bergkamen", Role.PLANNER).get(
        "/bergkamen/reports/fake_deadlines_met/", {"year": "2025"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html
    assert "Daten des Diagramms: Anteil eingehaltener Fristen (Test)" in html
    assert "Gezählt werden Zugänge des Jahres" in html
    assert "/bergkamen/reports/fake_deadlines_met/details/?year=2025" in html
    assert "/bergkamen/reports/fake_deadlines_met/details/?row=sued&amp;year=2025" in html
    assert "13 von 32" in html
    assert "40,6\u00a0%" in html
    assert "keine Angabe" in html


@pytest.mark.usefixtures("fake_indicators")
def test_the_drilldown_of_a_row_renders_its_table_with_links(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", Role.PLANNER)
    response = client.get(
        "/bergkamen/reports/fake_deadlines_met/details/", {"row": "mitte", "year": "2025"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Anteil eingehaltener Fristen (Test): Mitte" in html
    assert f'<a href="/bergkamen/network/organisations/{ORGANISATION}/">Januar</a>' in html
    assert "1.234" in html
    assert "Nur Summen, keine einzelnen Familien." in html
    headline = client.get("/bergkamen/reports/fake_deadlines_met/details/", {"year": "2025"})
    assert headline.status_code == 200
    assert "Februar" in headline.content.decode()
    # A planner may not open an offer's editing page, so February's row is not a link.
    assert f"/bergkamen/katalog/{OFFER}/" not in headline.content.decode()


@pytest.mark.usefixtures("fake_indicators")
def test_the_coordinator_follows_drilldown_links_the_planner_may_not(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    html = client.get(
        "/bergkamen/reports/fake_deadlines_met/details/", {"year": "2025"}
    ).content.decode()
    assert f'<a href="/bergkamen/katalog/{OFFER}/">Februar</a>' in html


@pytest.mark.usefixtures("fake_indicators")
def test_an_unknown_indicator_row_or_drilldown_is_not_found(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", Role.PLANNER)
    assert client.get("/bergkamen/reports/no_such_thing/").status_code == 404
    assert client.get("/bergkamen/reports/no_such_thing/details/").status_code == 404
    assert (
        client.get("/bergkamen/reports/fake_deadlines_met/details/", {"row": "x"}).status_code
        == 404
    )
    # An indicator without a drill-down has no list behind it.
    assert client.get("/bergkamen/reports/fake_funding_spent/details/").status_code == 404


@pytest.mark.usefixtures("fake_indicators")
def test_partners_and_other_communes_get_no_dashboard(world: World, client_for: ClientFor) -> None:
    assert client_for("bergkamen", Role.PARTNER_STAFF).get("/bergkamen/reports/").status_code == 403
    assert client_for("dortmund", Role.PLANNER).get("/bergkamen/reports/").status_code == 404


@time_machine.travel(NOW, tick=False)
def test_the_dashboards_render_the_real_indicators_for_coordinator_and_planner(
    world: World, client_for: ClientFor
) -> None:
    for role in (Role.COORDINATOR, Role.PLANNER):
        client = client_for("bergkamen", role)
        overview = client.get("/bergkamen/reports/", {"area": "mitte"})
        assert overview.status_code == 200
        for indicator in ALL:
            assert escape(str(indicator.title)) in overview.content.decode()
            page = client.get(f"/bergkamen/reports/{indicator.key}/")
            assert page.status_code == 200, indicator.key
            if indicator.drilldown is not None:
                details = client.get(f"/bergkamen/reports/{indicator.key}/details/")
                assert details.status_code == 200, indicator.key


@time_machine.travel(NOW, tick=False)
def test_the_overview_needs_no_more_queries_for_more_offers_and_organisations(
    world: World,
    client_for: ClientFor,
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    client = client_for("bergkamen", Role.PLANNER)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/bergkamen/reports/").status_code == 200
        return len(captured)

    OfferFactory(commune=world.bergkamen)
    before = queries()
    for _index in range(4):
        OfferFactory(commune=world.bergkamen)
        OrganisationFactory(commune=world.bergkamen)
    assert queries() <= before


def test_the_docs_name_every_indicator_key() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "reports.md").read_text()
    missing = [indicator.key for indicator in ALL if f"`{indicator.key}`" not in doc]
    assert not missing, f"docs/reports.md does not describe: {missing}"


@time_machine.travel(NOW, tick=False)
def test_the_overview_computes_its_figures_once_per_scope_and_language_within_the_cache_time(
    world: World, client_for: ClientFor, settings: Any
) -> None:
    settings.LOTSE_REPORTS_CACHE_SECONDS = 300
    cache.clear()
    client = client_for("bergkamen", Role.PLANNER)

    def visit(**params: str) -> tuple[str, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/bergkamen/reports/", params)
        assert response.status_code == 200
        return response.content.decode(), len(captured)

    first, computing = visit()
    assert "Berechnet am 15.06.2026, 10:00" in first
    OrganisationFactory(commune=world.bergkamen, name="Neu im Netzwerk")
    again, served = visit()
    # Served from the cache: the same figures, without the indicators' queries.
    assert served < computing
    assert again.count("figure-value") == first.count("figure-value")
    # Another social area is another computation.
    _other, other_area = visit(area="mitte")
    assert other_area > served
