"""The commune settings pages: settings, closing days and the figures of social areas."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.test import Client

from lotse.core.audit import CoreAction
from lotse.core.models import AuditEvent, ClosingDay, Commune, SocialArea, SocialAreaFigures
from lotse.core.permissions import Role
from lotse.core.services.commune import add_closing_day, update_commune_settings
from tests.conftest import World, log_in
from tests.core.factories import MembershipFactory, UserFactory

ClientFor = Callable[[str, str], Client]

SETTINGS_URL = "/bergkamen/settings/"
ADD_URL = "/bergkamen/settings/closing-days/add/"


@pytest.fixture(autouse=True)
def in_march_2026() -> Iterator[None]:
    with time_machine.travel(date(2026, 3, 2), tick=False):
        yield


def settings_data(commune: Commune, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "federal_state": commune.federal_state,
        "contact_deadline_working_days": commune.contact_deadline_working_days,
        "retention_case_months": commune.retention_case_months,
        "retention_health_documentation_years": commune.retention_health_documentation_years,
        "retention_welcome_visit_months": commune.retention_welcome_visit_months,
        "retention_volunteer_check_months": commune.retention_volunteer_check_months,
        "funding_application_deadline_month": commune.funding_application_deadline_month,
        "funding_application_deadline_day": commune.funding_application_deadline_day,
        "proof_of_use_deadline_month": commune.proof_of_use_deadline_month,
        "proof_of_use_deadline_day": commune.proof_of_use_deadline_day,
        "version": commune.version,
    }
    if commune.saturday_is_working_day:
        data["saturday_is_working_day"] = "on"
    data.update(changes)
    return data


def events(commune: Commune, action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.for_commune(commune).filter(action=action))


def closing_day(commune: Commune, day: date, label: str = "Betriebsferien") -> ClosingDay:
    created: ClosingDay = ClosingDay.all_communes.create(commune=commune, date=day, label=label)
    return created


def mitte(commune: Commune) -> SocialArea:
    area: SocialArea = SocialArea.objects.for_commune(commune).get(slug="mitte")
    return area


# The settings page


def test_the_settings_page_shows_the_settings_holidays_and_closing_days(
    world: World, client_for: ClientFor
) -> None:
    closing_day(world.bergkamen, date(2026, 12, 28))
    response = client_for("bergkamen", Role.COORDINATOR).get(SETTINGS_URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="contact_deadline_working_days"' in page
    assert "Fronleichnam" in page  # a public holiday of NRW in 2026
    assert "2027" in page  # next year's calendar too
    assert "Betriebsferien" in page
    assert "/bergkamen/settings/closing-days/2026-12-28/delete/" in page
    assert f"/bergkamen/settings/areas/{mitte(world.bergkamen).uuid}/figures/" in page


def test_a_user_of_another_commune_gets_404_on_the_settings(client_for: ClientFor) -> None:
    assert client_for("dortmund", Role.COORDINATOR).get(SETTINGS_URL).status_code == 404


def test_a_planner_may_not_change_the_settings(world: World, client_for: ClientFor) -> None:
    client = client_for("bergkamen", Role.PLANNER)
    assert client.get(SETTINGS_URL).status_code == 403
    data = settings_data(world.bergkamen, saturday_is_working_day="on")
    assert client.post(SETTINGS_URL, data).status_code == 403
    world.bergkamen.refresh_from_db()
    assert not world.bergkamen.saturday_is_working_day


def test_the_coordinator_changes_the_settings_and_the_change_is_audited(
    world: World, client_for: ClientFor
) -> None:
    data = settings_data(
        world.bergkamen, saturday_is_working_day="on", contact_deadline_working_days=5
    )
    response = client_for("bergkamen", Role.COORDINATOR).post(SETTINGS_URL, data)
    assert response.status_code == 302
    assert response["Location"] == SETTINGS_URL
    world.bergkamen.refresh_from_db()
    assert world.bergkamen.saturday_is_working_day
    assert world.bergkamen.contact_deadline_working_days == 5
    [event] = events(world.bergkamen, CoreAction.COMMUNE_SETTINGS_CHANGED)
    assert event.actor == world.user("bergkamen", Role.COORDINATOR)
    assert event.object_id == str(world.bergkamen.uuid)
    assert event.changes == {
        "saturday_is_working_day": {"old": False, "new": True},
        "contact_deadline_working_days": {"old": 3, "new": 5},
    }


def test_a_second_coordinator_saving_stale_settings_gets_both_versions_and_overwrites_nothing(
    world: World, client_for: ClientFor
) -> None:
    commune = world.bergkamen
    ilse = client_for("bergkamen", Role.COORDINATOR)
    second = UserFactory(email="zweite@bergkamen.test")
    MembershipFactory(user=second, commune=commune, role=Role.COORDINATOR)
    jonas = log_in(Client(), second)
    loaded = settings_data(commune)  # both opened the page at version 1

    ilse.post(SETTINGS_URL, {**loaded, "contact_deadline_working_days": 2})
    commune.refresh_from_db()
    assert (commune.contact_deadline_working_days, commune.version) == (2, 2)

    response = jonas.post(SETTINGS_URL, {**loaded, "retention_case_months": 24})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Jemand anderes hat diese Einstellungen gespeichert" in page
    assert "Werktage bis zur ersten Kontaktaufnahme" in page  # the differing setting
    commune.refresh_from_db()
    assert (commune.retention_case_months, commune.contact_deadline_working_days) == (36, 2)
    assert 'name="version" value="2"' in page, "saving again keeps his entries knowingly"

    jonas.post(SETTINGS_URL, {**loaded, "retention_case_months": 24, "version": 2})
    commune.refresh_from_db()
    assert (commune.retention_case_months, commune.version) == (24, 3)


def test_saving_unchanged_settings_records_no_event(world: World, client_for: ClientFor) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    assert client.post(SETTINGS_URL, settings_data(world.bergkamen)).status_code == 302
    assert events(world.bergkamen, CoreAction.COMMUNE_SETTINGS_CHANGED) == []


def test_the_31st_of_september_is_refused_as_a_funding_deadline(
    world: World, client_for: ClientFor
) -> None:
    data = settings_data(
        world.bergkamen,
        funding_application_deadline_month=9,
        funding_application_deadline_day=31,
    )
    response = client_for("bergkamen", Role.COORDINATOR).post(SETTINGS_URL, data)
    assert response.status_code == 200
    errors = response.context["settings_form"].errors
    assert list(errors) == ["funding_application_deadline_day"]
    assert "31" in errors["funding_application_deadline_day"][0]
    assert 'id="id_funding_application_deadline_day_error"' in response.content.decode()
    world.bergkamen.refresh_from_db()
    assert world.bergkamen.funding_application_deadline_day == 30
    assert events(world.bergkamen, CoreAction.COMMUNE_SETTINGS_CHANGED) == []


def test_the_29th_of_february_is_refused_since_it_is_missing_in_most_years(
    world: World, client_for: ClientFor
) -> None:
    data = settings_data(
        world.bergkamen, proof_of_use_deadline_month=2, proof_of_use_deadline_day=29
    )
    response = client_for("bergkamen", Role.COORDINATOR).post(SETTINGS_URL, data)
    assert response.status_code == 200
    assert "proof_of_use_deadline_day" in response.context["settings_form"].errors


def test_out_of_range_settings_are_form_errors_not_server_errors(
    world: World, client_for: ClientFor
) -> None:
    data = settings_data(
        world.bergkamen,
        contact_deadline_working_days=0,
        retention_volunteer_check_months=4,
        funding_application_deadline_month=13,
        federal_state="XX",
    )
    response = client_for("bergkamen", Role.COORDINATOR).post(SETTINGS_URL, data)
    assert response.status_code == 200
    assert set(response.context["settings_form"].errors) == {
        "contact_deadline_working_days",
        "retention_volunteer_check_months",
        "funding_application_deadline_month",
        "federal_state",
    }


# Closing days


def test_the_coordinator_adds_a_closing_day_with_a_german_date(
    world: World, client_for: ClientFor
) -> None:
    response = client_for("bergkamen", Role.COORDINATOR).post(
        ADD_URL, {"date": "28.12.2026", "label": "Zwischen den Jahren"}
    )
    assert response.status_code == 302
    added = ClosingDay.objects.for_commune(world.bergkamen).get()
    assert (added.date, added.label) == (date(2026, 12, 28), "Zwischen den Jahren")
    [event] = events(world.bergkamen, CoreAction.CLOSING_DAY_ADDED)
    assert event.changes["date"] == {"old": None, "new": "2026-12-28"}
    assert ClosingDay.objects.for_commune(world.dortmund).count() == 0


def test_a_closing_day_is_added_only_once(world: World, client_for: ClientFor) -> None:
    closing_day(world.bergkamen, date(2026, 12, 28))
    response = client_for("bergkamen", Role.COORDINATOR).post(
        ADD_URL, {"date": "2026-12-28", "label": "Noch einmal"}
    )
    assert response.status_code == 200
    assert "date" in response.context["closing_day_form"].errors
    assert ClosingDay.objects.for_commune(world.bergkamen).count() == 1


def test_an_impossible_closing_day_date_is_a_form_error(
    world: World, client_for: ClientFor
) -> None:
    response = client_for("bergkamen", Role.COORDINATOR).post(
        ADD_URL, {"date": "31.09.2026", "label": "Gibt es nicht"}
    )
    assert response.status_code == 200
    assert "date" in response.context["closing_day_form"].errors
    assert not ClosingDay.objects.for_commune(world.bergkamen).exists()


def test_adding_a_closing_day_is_post_only(client_for: ClientFor) -> None:
    assert client_for("bergkamen", Role.COORDINATOR).get(ADD_URL).status_code == 405


def test_a_planner_may_not_add_closing_days(world: World, client_for: ClientFor) -> None:
    response = client_for("bergkamen", Role.PLANNER).post(
        ADD_URL, {"date": "28.12.2026", "label": "Betriebsferien"}
    )
    assert response.status_code == 403
    assert not ClosingDay.objects.for_commune(world.bergkamen).exists()


def test_a_user_of_another_commune_gets_404_when_adding_closing_days(
    client_for: ClientFor,
) -> None:
    response = client_for("dortmund", Role.COORDINATOR).post(
        ADD_URL, {"date": "28.12.2026", "label": "Betriebsferien"}
    )
    assert response.status_code == 404


def test_the_coordinator_removes_a_closing_day(world: World, client_for: ClientFor) -> None:
    closing_day(world.bergkamen, date(2026, 12, 28))
    closing_day(world.dortmund, date(2026, 12, 28))
    response = client_for("bergkamen", Role.COORDINATOR).post(
        "/bergkamen/settings/closing-days/2026-12-28/delete/"
    )
    assert response.status_code == 302
    assert not ClosingDay.objects.for_commune(world.bergkamen).exists()
    assert ClosingDay.objects.for_commune(world.dortmund).count() == 1
    [event] = events(world.bergkamen, CoreAction.CLOSING_DAY_REMOVED)
    assert event.changes["label"] == {"old": "Betriebsferien", "new": None}


@pytest.mark.parametrize("day", ["2026-12-29", "2026-02-30", "28.12.2026", "20261228", "x"])
def test_removing_an_unknown_or_malformed_closing_day_gets_404(
    world: World, client_for: ClientFor, day: str
) -> None:
    closing_day(world.bergkamen, date(2026, 12, 28))
    response = client_for("bergkamen", Role.COORDINATOR).post(
        f"/bergkamen/settings/closing-days/{day}/delete/"
    )
    assert response.status_code == 404
    assert ClosingDay.objects.for_commune(world.bergkamen).count() == 1


def test_a_closing_day_of_another_commune_cannot_be_removed(
    world: World, client_for: ClientFor
) -> None:
    closing_day(world.dortmund, date(2026, 12, 28))
    response = client_for("bergkamen", Role.COORDINATOR).post(
        "/bergkamen/settings/closing-days/2026-12-28/delete/"
    )
    assert response.status_code == 404
    other = client_for("dortmund", Role.COORDINATOR).post(
        "/bergkamen/settings/closing-days/2026-12-28/delete/"
    )
    assert other.status_code == 404
    assert ClosingDay.objects.for_commune(world.dortmund).count() == 1


def test_a_planner_may_not_remove_closing_days(world: World, client_for: ClientFor) -> None:
    closing_day(world.bergkamen, date(2026, 12, 28))
    response = client_for("bergkamen", Role.PLANNER).post(
        "/bergkamen/settings/closing-days/2026-12-28/delete/"
    )
    assert response.status_code == 403
    assert ClosingDay.objects.for_commune(world.bergkamen).count() == 1


# Figures of a social area


def figures_url(area: SocialArea, commune_slug: str = "bergkamen") -> str:
    return f"/{commune_slug}/settings/areas/{area.uuid}/figures/"


FIGURES_2026 = {
    "year": 2026,
    "inhabitants": 12100,
    "children_0_3": 360,
    "children_0_3_in_poverty": 95,
    "births": 118,
}


def test_the_figures_page_lists_the_years_and_prefills_a_chosen_year(
    world: World, client_for: ClientFor
) -> None:
    area = mitte(world.bergkamen)
    response = client_for("bergkamen", Role.COORDINATOR).get(figures_url(area) + "?year=2025")
    assert response.status_code == 200
    assert "Mitte" in response.content.decode()
    assert response.context["form"].initial["inhabitants"] == 12000
    assert [item.year for item in response.context["figures"]] == [2025]


def test_the_coordinator_saves_figures_of_a_new_year(world: World, client_for: ClientFor) -> None:
    area = mitte(world.bergkamen)
    response = client_for("bergkamen", Role.COORDINATOR).post(figures_url(area), FIGURES_2026)
    assert response.status_code == 302
    saved = SocialAreaFigures.objects.for_commune(world.bergkamen).get(social_area=area, year=2026)
    assert (saved.inhabitants, saved.children_0_3_in_poverty) == (12100, 95)
    [event] = events(world.bergkamen, CoreAction.SOCIAL_AREA_FIGURES_SAVED)
    assert event.changes["year"] == {"old": None, "new": 2026}
    assert event.changes["social_area"] == {"old": None, "new": str(area.uuid)}


def test_the_coordinator_updates_figures_of_a_recorded_year(
    world: World, client_for: ClientFor
) -> None:
    area = mitte(world.bergkamen)
    data = {**FIGURES_2026, "year": 2025}
    response = client_for("bergkamen", Role.COORDINATOR).post(figures_url(area), data)
    assert response.status_code == 302
    saved = SocialAreaFigures.objects.for_commune(world.bergkamen).get(social_area=area, year=2025)
    assert saved.children_0_3 == 360
    assert SocialAreaFigures.objects.for_commune(world.bergkamen).count() == 1
    [event] = events(world.bergkamen, CoreAction.SOCIAL_AREA_FIGURES_SAVED)
    assert event.changes["children_0_3"] == {"old": 350, "new": 360}
    assert "year" not in event.changes


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"children_0_3_in_poverty": 361}, "children_0_3_in_poverty"),
        ({"children_0_3": 20000}, "children_0_3"),
        ({"year": 1999}, "year"),
        ({"year": 2101}, "year"),
        ({"births": -1}, "births"),
        ({"inhabitants": "viele"}, "inhabitants"),
    ],
)
def test_impossible_figures_are_field_errors_not_server_errors(
    world: World, client_for: ClientFor, changes: dict[str, Any], field: str
) -> None:
    area = mitte(world.bergkamen)
    response = client_for("bergkamen", Role.COORDINATOR).post(
        figures_url(area), {**FIGURES_2026, **changes}
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not SocialAreaFigures.objects.for_commune(world.bergkamen).filter(year=2026).exists()


def test_an_area_of_another_commune_gets_404(world: World, client_for: ClientFor) -> None:
    dortmund_area = mitte(world.dortmund)
    client = client_for("bergkamen", Role.COORDINATOR)
    assert client.get(figures_url(dortmund_area)).status_code == 404
    assert client.post(figures_url(dortmund_area), FIGURES_2026).status_code == 404
    assert not SocialAreaFigures.objects.for_commune(world.dortmund).filter(year=2026).exists()


def test_a_user_of_another_commune_gets_404_on_the_figures(
    world: World, client_for: ClientFor
) -> None:
    url = figures_url(mitte(world.bergkamen))
    assert client_for("dortmund", Role.COORDINATOR).get(url).status_code == 404


def test_a_planner_may_not_change_figures(world: World, client_for: ClientFor) -> None:
    url = figures_url(mitte(world.bergkamen))
    client = client_for("bergkamen", Role.PLANNER)
    assert client.get(url).status_code == 403
    assert client.post(url, FIGURES_2026).status_code == 403


def test_the_services_themselves_refuse_a_role_without_the_capability(world: World) -> None:
    planner = world.user("bergkamen", Role.PLANNER)
    with pytest.raises(PermissionDenied):
        update_commune_settings(
            actor=planner, commune=world.bergkamen, values={"retention_case_months": 1}
        )
    with pytest.raises(PermissionDenied):
        add_closing_day(actor=planner, commune=world.bergkamen, day=date(2026, 12, 28), label="x")
    world.bergkamen.refresh_from_db()
    assert world.bergkamen.retention_case_months == 36
    assert not ClosingDay.objects.for_commune(world.bergkamen).exists()
