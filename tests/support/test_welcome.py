"""Welcome visits in Bergkamen: the month's newborns entered or imported from CSV (all or
nothing), the visit and its outcome, coverage against births, and erasure after the
retention period."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from lotse.core.models import AuditEvent, SocialArea, SocialAreaFigures
from lotse.core.permissions import Role
from lotse.referrals.support.audit import SupportAction
from lotse.referrals.support.choices import VisitOutcome
from lotse.referrals.support.models import Newborn
from lotse.referrals.support.selectors import welcome_visit_coverage
from lotse.referrals.support.services.welcome import (
    NewbornData,
    add_newborn,
    erase_expired_welcome_visits,
    import_newborns,
    record_welcome_visit,
)
from tests.conftest import World

TODAY = date(2026, 11, 23)
GOOD_CSV = (
    "geburtsdatum;kind;eltern;adresse;telefon;sozialraum\n"
    "03.10.2026;Emil;Sara und Jan Vogel;Am Wasserpark 1;02307 1111;mitte\n"
    "2026-10-17;;Derya Kaya;Töddinghauser Str. 5;;Mitte\n"
)


def _mitte(world: World) -> SocialArea:
    return SocialArea.objects.for_commune(world.bergkamen).get(slug="mitte")


def _worker(world: World) -> object:
    return world.user("bergkamen", Role.EARLY_HELP_WORKER)


def _newborn(world: World, **changes: object) -> Newborn:
    data = {
        "birth_date": date(2026, 10, 3),
        "child_name": "Emil",
        "parents_names": "Sara und Jan Vogel",
        "address": "Am Wasserpark 1, 59192 Bergkamen",
        "phone": "02307 1111",
        "social_area": _mitte(world),
    } | changes
    return add_newborn(
        actor=_worker(world),  # type: ignore[arg-type]
        commune=world.bergkamen,
        data=NewbornData(**data),  # type: ignore[arg-type]
    )


@time_machine.travel(TODAY, tick=False)
def test_a_newborn_is_listed_in_its_month_with_the_names_encrypted(world: World) -> None:
    newborn = _newborn(world)
    assert newborn.birth_month == date(2026, 10, 1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT parents_names, address, phone FROM support_newborn")
        row = cursor.fetchone()
    assert "Vogel" not in row[0]
    assert "Wasserpark" not in row[1]
    assert "1111" not in row[2]
    assert AuditEvent.all_communes.get(action=SupportAction.NEWBORN_ADDED).changes[
        "parents_names"
    ] == {"old": "•••", "new": "•••"}


@time_machine.travel(TODAY, tick=False)
def test_a_csv_list_is_imported_whole(world: World) -> None:
    count = import_newborns(
        actor=_worker(world),  # type: ignore[arg-type]
        commune=world.bergkamen,
        month=date(2026, 10, 1),
        text=GOOD_CSV,
    )
    assert count == 2
    names = sorted(n.parents_names for n in Newborn.objects.for_commune(world.bergkamen))
    assert names == ["Derya Kaya", "Sara und Jan Vogel"]


@time_machine.travel(TODAY, tick=False)
def test_a_csv_list_with_bad_rows_imports_nothing_and_names_every_bad_row(world: World) -> None:
    text = (
        "geburtsdatum,kind,eltern,adresse,telefon,sozialraum\n"
        "03.10.2026,Emil,Sara Vogel,Am Wasserpark 1,,mitte\n"
        "31.09.2026,Ida,Eva Roth,Weg 2,,mitte\n"
        "05.11.2026,Ben,Lea Berg,Weg 3,,mitte\n"
        "06.10.2026,Tom,,Weg 4,,rünthe\n"
    )
    with pytest.raises(ValidationError) as raised:
        import_newborns(
            actor=_worker(world),  # type: ignore[arg-type]
            commune=world.bergkamen,
            month=date(2026, 10, 1),
            text=text,
        )
    assert raised.value.messages == [
        "Zeile 3: das Geburtsdatum ist kein Datum wie 31.01.2026.",
        "Zeile 4: das Geburtsdatum liegt nicht im gewählten Monat.",
        "Zeile 5: der Sozialraum ist unbekannt.",
    ]
    assert not Newborn.all_communes.exists()


def test_a_csv_without_the_expected_header_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as raised:
        import_newborns(
            actor=_worker(world),  # type: ignore[arg-type]
            commune=world.bergkamen,
            month=date(2026, 10, 1),
            text="datum;name\n01.10.2026;X\n",
        )
    assert "In der Kopfzeile fehlen die Spalten" in raised.value.messages[0]


@time_machine.travel(TODAY, tick=False)
def test_the_welcome_package_is_handed_over_only_at_a_visit(world: World) -> None:
    newborn = _newborn(world)
    with pytest.raises(ValidationError) as raised:
        record_welcome_visit(
            actor=_worker(world),  # type: ignore[arg-type]
            commune=world.bergkamen,
            newborn=newborn,
            visit_offered_on=date(2026, 10, 20),
            outcome=VisitOutcome.DECLINED,
            outcome_on=date(2026, 10, 25),
            package_handed_over=True,
        )
    assert "Begrüßungspaket wird beim Besuch übergeben" in str(
        raised.value.message_dict["package_handed_over"]
    )
    record_welcome_visit(
        actor=_worker(world),  # type: ignore[arg-type]
        commune=world.bergkamen,
        newborn=newborn,
        visit_offered_on=date(2026, 10, 20),
        outcome=VisitOutcome.VISITED,
        outcome_on=date(2026, 11, 2),
        package_handed_over=True,
    )
    newborn.refresh_from_db()
    assert newborn.outcome == VisitOutcome.VISITED
    assert newborn.package_handed_over


@time_machine.travel(TODAY, tick=False)
def test_coverage_compares_visits_per_social_area_with_the_births(world: World) -> None:
    SocialAreaFigures.all_communes.create(
        commune=world.bergkamen,
        social_area=_mitte(world),
        year=2026,
        inhabitants=12000,
        children_0_3=350,
        children_0_3_in_poverty=90,
        births=4,
    )
    for day, outcome in ((3, VisitOutcome.VISITED), (4, VisitOutcome.VISITED), (5, "declined")):
        newborn = _newborn(world, birth_date=date(2026, 10, day))
        record_welcome_visit(
            actor=_worker(world),  # type: ignore[arg-type]
            commune=world.bergkamen,
            newborn=newborn,
            visit_offered_on=date(2026, 10, 20),
            outcome=outcome,
            outcome_on=date(2026, 10, 28),
            package_handed_over=outcome == VisitOutcome.VISITED,
        )
    (row,) = welcome_visit_coverage(world.bergkamen, 2026)
    assert (row.births, row.listed, row.offered, row.visited, row.declined, row.packages) == (
        4,
        3,
        3,
        2,
        1,
        2,
    )
    assert row.coverage_percent == 50
    (empty,) = welcome_visit_coverage(world.bergkamen, 2024)
    assert (empty.births, empty.listed, empty.coverage_percent) == (None, 0, None)


def test_personal_data_are_erased_when_the_retention_period_ends(world: World) -> None:
    with time_machine.travel(date(2025, 10, 10), tick=False):
        newborn = _newborn(world, birth_date=date(2025, 10, 3))
        record_welcome_visit(
            actor=_worker(world),  # type: ignore[arg-type]
            commune=world.bergkamen,
            newborn=newborn,
            visit_offered_on=date(2025, 10, 5),
            outcome=VisitOutcome.VISITED,
            outcome_on=date(2025, 10, 9),
            package_handed_over=True,
        )
    assert erase_expired_welcome_visits(today=date(2026, 10, 8)) == 0
    assert erase_expired_welcome_visits(today=date(2026, 10, 9)) == 1
    newborn.refresh_from_db()
    assert (newborn.child_name, newborn.parents_names, newborn.address, newborn.phone) == (
        "",
        "",
        "",
        "",
    )
    assert newborn.outcome == VisitOutcome.VISITED
    assert newborn.erased_at is not None
    with connection.cursor() as cursor:
        cursor.execute("SELECT child_name, parents_names, address, phone FROM support_newborn")
        assert cursor.fetchone() == ("", "", "", "")
    assert AuditEvent.all_communes.filter(action=SupportAction.WELCOME_VISITS_ERASED).count() == 1
    assert erase_expired_welcome_visits(today=date(2026, 12, 1)) == 0


@time_machine.travel(TODAY, tick=False)
def test_the_worker_imports_a_csv_and_sees_the_month(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    client = client_for("bergkamen", Role.EARLY_HELP_WORKER)
    upload = SimpleUploadedFile("oktober.csv", GOOD_CSV.encode("utf-8"), "text/csv")
    response = client.post(
        reverse("support:newborn_import", args=["bergkamen"]),
        {"month": "2026-10", "file": upload},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Neugeborene im Oktober 2026" in page
    assert "Derya Kaya" in page


@time_machine.travel(TODAY, tick=False)
def test_a_bad_upload_lists_the_rows_and_imports_nothing(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    client = client_for("bergkamen", Role.EARLY_HELP_WORKER)
    upload = SimpleUploadedFile(
        "x.csv", b"geburtsdatum;kind;eltern;adresse;telefon;sozialraum\nkein;;A;B;;mitte\n"
    )
    response = client.post(
        reverse("support:newborn_import", args=["bergkamen"]),
        {"month": "2026-10", "file": upload},
    )
    page = response.content.decode()
    assert "Es wurde nichts importiert" in page
    assert "Zeile 2: das Geburtsdatum ist kein Datum wie 31.01.2026." in page
    assert not Newborn.all_communes.exists()


@time_machine.travel(TODAY, tick=False)
def test_the_newborn_list_does_not_grow_queries_with_rows(
    world: World,
    client_for: Callable[[str, str], Client],
    django_assert_max_num_queries: Callable[[int], object],
) -> None:
    for day in range(1, 9):
        _newborn(world, birth_date=date(2026, 10, day))
    client = client_for("bergkamen", Role.EARLY_HELP_WORKER)
    with django_assert_max_num_queries(10):  # type: ignore[attr-defined]
        response = client.get(
            reverse("support:newborn_list", args=["bergkamen"]), {"month": "2026-10"}
        )
    assert response.content.decode().count("Sara und Jan Vogel") == 8


def test_another_communes_newborn_is_not_found(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    newborn = Newborn.all_communes.create(
        commune=world.dortmund,
        birth_month=date(2026, 10, 1),
        birth_date=date(2026, 10, 3),
        parents_names="X",
        address="Y",
        social_area=SocialArea.objects.for_commune(world.dortmund).get(slug="mitte"),
    )
    client = client_for("bergkamen", Role.EARLY_HELP_WORKER)
    response = client.get(reverse("support:newborn_visit", args=["bergkamen", newborn.uuid]))
    assert response.status_code == 404
