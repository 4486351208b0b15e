from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.conftest import World
from tests.core.factories import SocialAreaFactory, SocialAreaFiguresFactory


def test_coordinator_sees_the_social_areas_with_their_figures(
    client_for: Callable[[str, str], Client],
) -> None:
    response = client_for("bergkamen", "coordinator").get("/bergkamen/")
    assert response.status_code == 200
    assert "Mitte" in response.content.decode()
    assert "12.000" in response.content.decode(), "German thousands separator"


def test_a_user_of_another_commune_gets_404(client_for: Callable[[str, str], Client]) -> None:
    assert client_for("dortmund", "coordinator").get("/bergkamen/").status_code == 404


def test_an_unknown_commune_slug_gets_a_german_404(
    client_for: Callable[[str, str], Client],
) -> None:
    response = client_for("bergkamen", "coordinator").get("/gibt-es-nicht/")
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(world: World, client: Client) -> None:
    response = client.get("/bergkamen/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_start_page_issues_as_many_queries_for_eleven_areas_as_for_one(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    client = client_for("bergkamen", "coordinator")
    client.get("/bergkamen/")
    with CaptureQueriesContext(connection) as one_area:
        client.get("/bergkamen/")
    for number in range(10):
        area = SocialAreaFactory(commune=world.bergkamen, slug=f"area-{number}")
        SocialAreaFiguresFactory(social_area=area)
    with CaptureQueriesContext(connection) as eleven_areas:
        response = client.get("/bergkamen/")
    assert response.content.decode().count("<tr>") >= 12
    assert len(eleven_areas.captured_queries) == len(one_area.captured_queries)
