"""The audit log page: the commune's events only, newest first, filtered, paginated."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lotse.core.audit import CoreAction, record
from lotse.core.models import AuditEvent, Commune, User
from lotse.core.permissions import Role
from tests.conftest import World
from tests.core.factories import UserFactory

ClientFor = Callable[[str, str], Client]
URL = "/bergkamen/audit/"
BERLIN = ZoneInfo("Europe/Berlin")


def event_at(
    commune: Commune,
    moment: datetime,
    *,
    action: str = CoreAction.CLOSING_DAY_ADDED,
    actor: User | None = None,
    label: str = "Betriebsferien",
) -> AuditEvent:
    with time_machine.travel(moment, tick=False):
        return record(
            actor=actor,
            commune=commune,
            action=action,
            changes={"label": (None, label)},
        )


def shown_labels(response: object) -> list[str]:
    return [str(row.changes[0].new) for row in response.context["rows"]]  # type: ignore[attr-defined]


def test_the_coordinator_sees_the_own_communes_events_newest_first(
    world: World, client_for: ClientFor
) -> None:
    coordinator = world.user("bergkamen", Role.COORDINATOR)
    event_at(
        world.bergkamen, datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN), label="older", actor=coordinator
    )
    event_at(world.bergkamen, datetime(2026, 3, 3, 9, 0, tzinfo=BERLIN), label="newer")
    event_at(world.dortmund, datetime(2026, 3, 4, 9, 0, tzinfo=BERLIN), label="Dortmund-Geheimnis")
    response = client_for("bergkamen", Role.COORDINATOR).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert shown_labels(response) == ["newer", "older"]
    assert "Dortmund-Geheimnis" not in page
    assert coordinator.email in page
    assert "02.03.2026 09:00" in page  # German format, Berlin time


def test_times_are_shown_in_berlin_time(world: World, client_for: ClientFor) -> None:
    event_at(world.bergkamen, datetime(2026, 7, 1, 22, 30, tzinfo=ZoneInfo("UTC")))
    page = client_for("bergkamen", Role.COORDINATOR).get(URL).content.decode()
    assert "02.07.2026 00:30" in page


def test_the_log_can_be_filtered_by_action(world: World, client_for: ClientFor) -> None:
    moment = datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN)
    event_at(world.bergkamen, moment, action=CoreAction.CLOSING_DAY_ADDED, label="added")
    event_at(world.bergkamen, moment, action=CoreAction.CLOSING_DAY_REMOVED, label="removed")
    response = client_for("bergkamen", Role.COORDINATOR).get(
        URL, {"action": CoreAction.CLOSING_DAY_REMOVED}
    )
    assert response.status_code == 200
    assert shown_labels(response) == ["removed"]


def test_the_log_can_be_filtered_by_part_of_the_actors_email(
    world: World, client_for: ClientFor
) -> None:
    moment = datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN)
    event_at(world.bergkamen, moment, actor=world.user("bergkamen", Role.PLANNER), label="p")
    event_at(world.bergkamen, moment, actor=world.user("bergkamen", Role.COORDINATOR), label="c")
    response = client_for("bergkamen", Role.COORDINATOR).get(URL, {"actor": "PLANNER@berg"})
    assert shown_labels(response) == ["p"]


def test_the_log_can_be_filtered_by_object_type(world: World, client_for: ClientFor) -> None:
    record(
        actor=None,
        commune=world.bergkamen,
        action=CoreAction.COMMUNE_SETTINGS_CHANGED,
        target=world.bergkamen,
        changes={"saturday_is_working_day": (False, True)},
    )
    event_at(world.bergkamen, datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN))
    client = client_for("bergkamen", Role.COORDINATOR)
    response = client.get(URL, {"object_type": "core.Commune"})
    assert [row.event.action for row in response.context["rows"]] == [
        CoreAction.COMMUNE_SETTINGS_CHANGED
    ]
    assert "saturday_is_working_day" in response.content.decode()


def test_the_log_can_be_filtered_by_german_dates_inclusive(
    world: World, client_for: ClientFor
) -> None:
    event_at(world.bergkamen, datetime(2026, 3, 1, 23, 59, tzinfo=BERLIN), label="before")
    event_at(world.bergkamen, datetime(2026, 3, 2, 0, 0, tzinfo=BERLIN), label="first")
    event_at(world.bergkamen, datetime(2026, 3, 3, 23, 59, tzinfo=BERLIN), label="last")
    event_at(world.bergkamen, datetime(2026, 3, 4, 0, 0, tzinfo=BERLIN), label="after")
    response = client_for("bergkamen", Role.COORDINATOR).get(
        URL, {"date_from": "02.03.2026", "date_to": "03.03.2026"}
    )
    assert shown_labels(response) == ["last", "first"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"date_from": "31.02.2026"}, "date_from"),
        ({"date_to": "gestern"}, "date_to"),
        ({"date_to": "31.12.9999"}, "date_to"),
        ({"date_from": "01.01.0001"}, "date_from"),
        ({"date_from": "03.03.2026", "date_to": "02.03.2026"}, "date_to"),
        ({"action": "core.no_such_action"}, "action"),
        ({"object_type": "core.NoSuchModel"}, "object_type"),
    ],
)
def test_invalid_filters_are_form_errors_not_server_errors(
    world: World, client_for: ClientFor, params: dict[str, str], field: str
) -> None:
    event_at(world.bergkamen, datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN))
    response = client_for("bergkamen", Role.COORDINATOR).get(URL, params)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert response.context["rows"] == []


def test_the_log_shows_fifty_events_a_page_with_links_that_keep_the_filter(
    world: World, client_for: ClientFor
) -> None:
    start = datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN)
    for number in range(55):
        event_at(world.bergkamen, start + timedelta(minutes=number), label=f"event {number}")
    client = client_for("bergkamen", Role.COORDINATOR)
    action = CoreAction.CLOSING_DAY_ADDED.value
    first = client.get(URL, {"action": action})
    assert len(first.context["rows"]) == 50
    assert shown_labels(first)[0] == "event 54"
    assert f"?action={action}&amp;page=2" in first.content.decode()
    second = client.get(URL, {"action": action, "page": 2})
    assert shown_labels(second) == [f"event {number}" for number in range(4, -1, -1)]
    assert client.get(URL, {"page": "nonsense"}).status_code == 200


def test_the_query_count_does_not_grow_with_the_rows(world: World, client_for: ClientFor) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    moment = datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN)
    event_at(world.bergkamen, moment, actor=world.user("bergkamen", Role.PLANNER))
    client.get(URL)
    with CaptureQueriesContext(connection) as one_event:
        client.get(URL)
    for number in range(20):
        event_at(world.bergkamen, moment, actor=UserFactory(email=f"actor{number}@example.org"))
    with CaptureQueriesContext(connection) as many_events:
        response = client.get(URL)
    assert len(response.context["rows"]) == 21
    assert len(many_events.captured_queries) == len(one_event.captured_queries)


def test_a_planner_may_not_read_the_audit_log(client_for: ClientFor) -> None:
    assert client_for("bergkamen", Role.PLANNER).get(URL).status_code == 403


def test_a_coordinator_of_another_commune_gets_404(client_for: ClientFor) -> None:
    assert client_for("dortmund", Role.COORDINATOR).get(URL).status_code == 404
