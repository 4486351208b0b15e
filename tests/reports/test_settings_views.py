"""The report settings (weight of the poverty share, children per age group) and the gap
analysis page."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from lotse.core.models import AuditEvent
from lotse.core.permissions import Role
from lotse.reports.models import AgeGroupFigures, ReportSettings
from tests.conftest import World
from tests.reports.dashboard_fakes import fake_gaps  # noqa: F401 - fixture

ClientFor = Callable[[str, str], Client]
URL = "/bergkamen/reports/settings/"


def test_the_coordinator_sets_the_poverty_weight_and_it_is_audited(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"save_settings": "1", "poverty_weight": "1,5"})
    assert response.status_code == 302
    assert ReportSettings.objects.for_commune(world.bergkamen).get().poverty_weight == Decimal(
        "1.5"
    )
    [event] = AuditEvent.objects.for_commune(world.bergkamen).filter(
        action="reports.settings_changed"
    )
    assert event.changes["poverty_weight"]["new"] == "1.5"


def test_a_negative_weight_is_a_german_error_and_nothing_is_saved(
    world: World, client_for: ClientFor
) -> None:
    response = client_for("bergkamen", Role.COORDINATOR).post(
        URL, {"save_settings": "1", "poverty_weight": "-1"}
    )
    assert response.status_code == 400
    assert "Das Gewicht muss zwischen 0 und 10 liegen." in response.content.decode()
    assert not ReportSettings.objects.for_commune(world.bergkamen).exists()
    assert not AuditEvent.objects.for_commune(world.bergkamen).exists()


def test_children_per_age_group_are_saved_changed_and_removed(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    url = f"{URL}?year=2025"
    response = client.post(
        url, {"save_figures": "1", "children-mitte-0-1": "110", "children-mitte-1-3": "230"}
    )
    assert response.status_code == 302
    figures = AgeGroupFigures.objects.for_commune(world.bergkamen).filter(year=2025)
    assert sorted((f.life_phase, f.children) for f in figures) == [("0-1", 110), ("1-3", 230)]
    page = client.get(url).content.decode()
    assert 'value="230"' in page
    client.post(url, {"save_figures": "1", "children-mitte-0-1": "120"})
    assert sorted((f.life_phase, f.children) for f in figures.all()) == [("0-1", 120)]
    assert (
        AuditEvent.objects.for_commune(world.bergkamen)
        .filter(action="reports.age_group_figures_saved")
        .count()
        == 2
    )
    assert not AgeGroupFigures.objects.for_commune(world.dortmund).exists()


def test_negative_children_are_refused_with_a_german_error(
    world: World, client_for: ClientFor
) -> None:
    response = client_for("bergkamen", Role.COORDINATOR).post(
        f"{URL}?year=2025", {"save_figures": "1", "children-mitte-0-1": "-4"}
    )
    assert response.status_code == 400
    assert "Eine Zahl von Kindern kann nicht negativ sein." in response.content.decode()
    assert not AgeGroupFigures.objects.for_commune(world.bergkamen).exists()


def test_a_bad_year_on_the_settings_page_is_a_form_error(
    world: World, client_for: ClientFor
) -> None:
    response = client_for("bergkamen", Role.COORDINATOR).get(URL, {"year": "3000"})
    assert response.status_code == 400
    assert "Wählen Sie ein Jahr von 2000 bis 2100." in response.content.decode()


def test_the_planner_may_not_change_settings(world: World, client_for: ClientFor) -> None:
    planner = client_for("bergkamen", Role.PLANNER)
    assert planner.get(URL).status_code == 403
    assert planner.post(URL, {"save_settings": "1", "poverty_weight": "2"}).status_code == 403
    assert not ReportSettings.objects.for_commune(world.bergkamen).exists()


@pytest.mark.usefixtures("fake_gaps")
def test_the_gap_page_ranks_the_cells_and_links_each_to_its_offers(
    world: World, client_for: ClientFor
) -> None:
    response = client_for("bergkamen", Role.PLANNER).get("/bergkamen/reports/gaps/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lückenanalyse der Präventionskette" in html
    assert "/bergkamen/praeventionskette/mitte/1-3/" in html
    assert "/bergkamen/praeventionskette/mitte/0-1/" in html
    ranking = html[html.index("Rangfolge") :]
    assert ranking.index("1 bis 3 Jahre") < ranking.index("0 bis 1 Jahr")
    assert "gap-level-5" in html
    assert "25,0\u00a0%" in html
    assert "290,9" in html
    assert "1 + 1,50 ×" in html


@pytest.mark.usefixtures("fake_gaps")
def test_a_bad_year_on_the_gap_page_is_a_form_error(world: World, client_for: ClientFor) -> None:
    response = client_for("bergkamen", Role.PLANNER).get(
        "/bergkamen/reports/gaps/", {"year": "zwei"}
    )
    assert response.status_code == 400
    assert "Geben Sie das Jahr als Zahl ein" in response.content.decode()
