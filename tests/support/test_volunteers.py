"""Volunteer sponsors: § 72a blocking, matching, the deletion of the § 72a entry at the
latest three months after a volunteer stops, and the coordination's pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from lotse.core.models import AuditEvent, SocialArea
from lotse.core.permissions import Role
from lotse.referrals.support.audit import SupportAction
from lotse.referrals.support.models import CriminalRecordCheck, Volunteer
from lotse.referrals.support.selectors import match_volunteers
from lotse.referrals.support.services.volunteers import (
    delete_expired_volunteer_checks,
    record_volunteer_check,
    save_volunteer,
)
from tests.conftest import World
from tests.support.factories import make_volunteer

TODAY = date(2026, 11, 23)


def _mitte(world: World) -> SocialArea:
    return SocialArea.objects.for_commune(world.bergkamen).get(slug="mitte")


@time_machine.travel(TODAY, tick=False)
def test_matching_proposes_only_volunteers_with_a_valid_72a_check(world: World) -> None:
    valid = make_volunteer(world.bergkamen, name="Anna Gültig", certificate=date(2024, 5, 1))
    make_volunteer(world.bergkamen, name="Bernd Ohne")
    make_volunteer(world.bergkamen, name="Clara Alt", certificate=date(2021, 11, 22))
    make_volunteer(
        world.bergkamen, name="Dieter Verurteilt", certificate=date(2025, 1, 1), conviction=True
    )
    proposals, blocked = match_volunteers(
        world.bergkamen, social_area=_mitte(world), languages=["de"], availability=[], on=TODAY
    )
    assert [p.volunteer for p in proposals] == [valid]
    assert {b.volunteer.name: b.reason for b in blocked} == {
        "Bernd Ohne": "Es liegt kein erweitertes Führungszeugnis vor (§ 72a SGB VIII).",
        "Clara Alt": "Das erweiterte Führungszeugnis ist älter als fünf Jahre.",
        "Dieter Verurteilt": (
            "Das erweiterte Führungszeugnis enthält eine einschlägige Verurteilung."
        ),
    }


@time_machine.travel(TODAY, tick=False)
def test_matching_needs_the_social_area_a_shared_language_and_time(world: World) -> None:
    other_area = SocialArea.all_communes.create(
        commune=world.bergkamen, name="Oberaden", slug="oberaden"
    )
    turkish = make_volunteer(
        world.bergkamen,
        name="Ayşe",
        languages=["de", "tr"],
        availability=["weekday_afternoons", "weekends"],
        certificate=date(2025, 1, 1),
    )
    make_volunteer(world.bergkamen, name="Nur Deutsch", certificate=date(2025, 1, 1))
    make_volunteer(
        world.bergkamen,
        name="Anderswo",
        languages=["tr"],
        areas=[other_area],
        certificate=date(2025, 1, 1),
        availability=["weekends"],
    )
    make_volunteer(
        world.bergkamen,
        name="Aufgehört",
        languages=["tr"],
        availability=["weekends"],
        certificate=date(2025, 1, 1),
        stopped_on=date(2026, 10, 1),
    )
    proposals, _blocked = match_volunteers(
        world.bergkamen,
        social_area=_mitte(world),
        languages=["tr"],
        availability=["weekends"],
        on=TODAY,
    )
    assert [p.volunteer for p in proposals] == [turkish]
    assert proposals[0].shared_languages == ["tr"]


def test_the_72a_entry_is_deleted_three_months_after_the_volunteer_stops(world: World) -> None:
    stopped = make_volunteer(
        world.bergkamen, certificate=date(2024, 1, 1), stopped_on=date(2026, 8, 31)
    )
    active = make_volunteer(world.bergkamen, name="Aktiv", certificate=date(2024, 1, 1))
    assert delete_expired_volunteer_checks(today=date(2026, 11, 29)) == 0
    assert CriminalRecordCheck.objects.for_commune(world.bergkamen).count() == 2
    # 31 August + 3 months = 30 November (the month's last day).
    assert delete_expired_volunteer_checks(today=date(2026, 11, 30)) == 1
    assert not CriminalRecordCheck.all_communes.filter(volunteer=stopped).exists()
    assert CriminalRecordCheck.all_communes.filter(volunteer=active).exists()
    event = AuditEvent.all_communes.get(action=SupportAction.VOLUNTEER_CHECKS_DELETED)
    assert event.commune == world.bergkamen
    assert event.changes == {"count": {"old": None, "new": 1}}
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM support_criminalrecordcheck")
        assert cursor.fetchone()[0] == 1


def test_a_commune_may_delete_the_72a_entry_sooner(world: World) -> None:
    world.bergkamen.retention_volunteer_check_months = 1
    world.bergkamen.save()
    make_volunteer(world.bergkamen, certificate=date(2024, 1, 1), stopped_on=date(2026, 8, 31))
    assert delete_expired_volunteer_checks(today=date(2026, 9, 30)) == 1


@time_machine.travel(date(2026, 12, 1), tick=False)
def test_the_daily_command_deletes_expired_72a_entries(world: World) -> None:
    make_volunteer(world.bergkamen, certificate=date(2024, 1, 1), stopped_on=date(2026, 8, 31))
    call_command("apply-support-retention")
    assert CriminalRecordCheck.objects.for_commune(world.bergkamen).count() == 0


@time_machine.travel(TODAY, tick=False)
def test_only_the_date_and_the_conviction_flag_are_kept_and_audited_masked(world: World) -> None:
    coordinator = world.user("bergkamen", Role.VOLUNTEER_COORDINATOR)
    volunteer = make_volunteer(world.bergkamen)
    record_volunteer_check(
        actor=coordinator,
        commune=world.bergkamen,
        volunteer=volunteer,
        issued_on=date(2026, 10, 1),
        shows_relevant_conviction=False,
    )
    fields = {f.name for f in CriminalRecordCheck._meta.concrete_fields}
    assert fields == {
        "id",
        "commune",
        "volunteer",
        "issued_on",
        "shows_relevant_conviction",
        "recorded_at",
    }
    event = AuditEvent.all_communes.get(action=SupportAction.VOLUNTEER_CHECK_RECORDED)
    assert event.changes["issued_on"] == {"old": "•••", "new": "•••"}


@time_machine.travel(TODAY, tick=False)
def test_a_certificate_dated_in_the_future_is_refused(world: World) -> None:
    coordinator = world.user("bergkamen", Role.VOLUNTEER_COORDINATOR)
    volunteer = make_volunteer(world.bergkamen)
    with pytest.raises(ValidationError) as raised:
        record_volunteer_check(
            actor=coordinator,
            commune=world.bergkamen,
            volunteer=volunteer,
            issued_on=date(2026, 11, 24),
            shows_relevant_conviction=False,
        )
    assert raised.value.message_dict["issued_on"] == [
        "Das Datum des Führungszeugnisses kann nicht in der Zukunft liegen."
    ]
    assert not CriminalRecordCheck.all_communes.exists()


def test_saving_a_volunteer_checks_input_and_role(world: World) -> None:
    coordinator = world.user("bergkamen", Role.VOLUNTEER_COORDINATOR)
    with pytest.raises(ValidationError) as raised:
        save_volunteer(
            actor=coordinator,
            commune=world.bergkamen,
            name=" ",
            social_areas=[SocialArea.objects.for_commune(world.dortmund).get(slug="mitte")],
            languages=["xx"],
            availability=["nachts"],
            started_on=date(2026, 1, 1),
            stopped_on=date(2025, 1, 1),
        )
    assert set(raised.value.message_dict) == {
        "name",
        "social_areas",
        "languages",
        "availability",
        "stopped_on",
    }
    assert not Volunteer.all_communes.exists()
    with pytest.raises(PermissionDenied):
        save_volunteer(
            actor=world.user("bergkamen", Role.EARLY_HELP_WORKER),
            commune=world.bergkamen,
            name="Helga",
            social_areas=[_mitte(world)],
            languages=["de"],
            availability=[],
            started_on=date(2026, 1, 1),
        )


@time_machine.travel(TODAY, tick=False)
def test_the_coordination_adds_a_volunteer_and_records_the_check(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    client = client_for("bergkamen", Role.VOLUNTEER_COORDINATOR)
    response = client.post(
        reverse("support:volunteer_create", args=["bergkamen"]),
        {
            "name": "Helga Brandt",
            "contact": "0170 1234567",
            "social_areas": [_mitte(world).pk],
            "languages": ["de", "pl"],
            "availability": ["weekends"],
            "started_on": "2026-11-01",
        },
    )
    volunteer = Volunteer.objects.for_commune(world.bergkamen).get()
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Wird Familien nicht vorgeschlagen:" in page
    response = client.post(
        reverse("support:volunteer_check", args=["bergkamen", volunteer.uuid]),
        {"issued_on": "2026-10-15", "shows_relevant_conviction": "no"},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Die Prüfung ist gültig" in page
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, contact FROM support_volunteer")
        stored = cursor.fetchone()
    assert "Helga" not in stored[0]
    assert "0170" not in stored[1]


def test_a_bad_volunteer_form_shows_german_errors(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    client = client_for("bergkamen", Role.VOLUNTEER_COORDINATOR)
    response = client.post(reverse("support:volunteer_create", args=["bergkamen"]), {"name": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_name_error"' in page
    assert "erforderlich" in page
    assert not Volunteer.all_communes.exists()


def test_the_volunteer_list_does_not_grow_queries_with_rows(
    world: World,
    client_for: Callable[[str, str], Client],
    django_assert_max_num_queries: Callable[[int], object],
) -> None:
    client = client_for("bergkamen", Role.VOLUNTEER_COORDINATOR)
    for number in range(8):
        make_volunteer(world.bergkamen, name=f"Pate {number}", certificate=date(2025, 1, 1))
    with django_assert_max_num_queries(12):  # type: ignore[attr-defined]
        response = client.get(reverse("support:volunteer_list", args=["bergkamen"]))
    assert response.status_code == 200
    assert "Pate 7" in response.content.decode()


def test_another_communes_volunteer_is_not_found(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    volunteer = make_volunteer(world.dortmund)
    client = client_for("bergkamen", Role.VOLUNTEER_COORDINATOR)
    response = client.get(reverse("support:volunteer_edit", args=["bergkamen", volunteer.uuid]))
    assert response.status_code == 404


@time_machine.travel(TODAY, tick=False)
def test_the_match_page_lists_proposals_and_blocked_volunteers(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    make_volunteer(world.bergkamen, name="Anna Gültig", certificate=date(2024, 5, 1))
    make_volunteer(world.bergkamen, name="Bernd Ohne")
    client = client_for("bergkamen", Role.VOLUNTEER_COORDINATOR)
    response = client.get(
        reverse("support:volunteer_match", args=["bergkamen"]),
        {"social_area": _mitte(world).pk, "languages": ["de"]},
    )
    page = response.content.decode()
    assert "Anna Gültig" in page
    assert "Würden passen, sind aber nach § 72a gesperrt" in page
    assert "Bernd Ohne: Es liegt kein erweitertes Führungszeugnis vor" in page
