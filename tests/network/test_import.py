"""The import validates every row and imports nothing if any row is bad, listing every bad
row with its reason; duplicates (same name and address) are refused; it runs in one
transaction, so a killed process leaves nothing behind."""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from lotse.core.models import AuditEvent
from lotse.core.permissions import Role
from lotse.network.actions import NetworkAction
from lotse.network.models import Organisation, OrganisationStatus
from lotse.network.services.organisations import network_settings
from lotse.network.services.transfer import ImportRefused, import_organisations
from tests.conftest import World
from tests.network.conftest import coordinator

ClientFor = Callable[[str, str], Client]
HEADER = (
    "Name;Handlungsfeld;Einrichtungsart;Straße und Hausnummer;PLZ;Ort;E-Mail;Sozialräume;"
    "Mitglied seit\n"
)


def _csv(*rows: str) -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode("utf-8")


def _count(world: World) -> int:
    return Organisation.objects.for_commune(world.bergkamen).count()


def test_a_good_file_imports_every_row_with_types_areas_and_membership(world: World) -> None:
    content = _csv(
        "Hebammenpraxis Rünthe;Gesundheit;(Familien-)Hebammen;Rünther Str. 3;59192;Bergkamen;"
        "info@hebamme.example;Mitte;01.02.2024",
        "Kita Pusteblume;child_youth_welfare;;Am Wald 2;59192;Bergkamen;;;",
    )
    created = import_organisations(
        actor=coordinator(world), commune=world.bergkamen, content=content, filename="neu.csv"
    )
    assert [o.name for o in created] == ["Hebammenpraxis Rünthe", "Kita Pusteblume"]
    midwives, kita = created
    assert midwives.sector == "health"
    assert midwives.institution_type is not None
    assert [a.slug for a in midwives.social_areas.all()] == ["mitte"]
    assert midwives.status == OrganisationStatus.MEMBER
    assert str(midwives.member_since) == "2024-02-01"
    assert kita.status == OrganisationStatus.CANDIDATE
    assert (
        AuditEvent.objects.for_commune(world.bergkamen)
        .filter(action=NetworkAction.ORGANISATIONS_IMPORTED)
        .count()
        == 1
    )


def test_a_bad_file_imports_nothing_and_lists_every_bad_row_with_its_reason(
    world: World,
) -> None:
    existing = world.organisations["bergkamen"]
    content = _csv(
        "Gute Einrichtung;Gesundheit;;Weg 1;59192;Bergkamen;;;",
        ";Gesundheit;;;;;;;",
        "Praxis;Astrologie;Hexenhaus;;;;kein-mail;Atlantis;31.9.2025",
        f"{existing.name};Gesundheit;;{existing.street};{existing.postal_code};Bergkamen;;;",
        "Gute Einrichtung;Gesundheit;;Weg 1;59192;Bergkamen;;;",
    )
    with pytest.raises(ImportRefused) as refused:
        import_organisations(
            actor=coordinator(world), commune=world.bergkamen, content=content, filename="x.csv"
        )
    errors = {error.row: error.messages for error in refused.value.errors}
    assert sorted(errors) == [3, 4, 5, 6]
    assert errors[3] == ["Der Name fehlt."]
    assert errors[4][0].startswith("„Astrologie“ ist kein Handlungsfeld.")
    assert "„Hexenhaus“ ist keine Einrichtungsart dieser Kommune." in errors[4]
    assert "„kein-mail“ ist keine E-Mail-Adresse." in errors[4]
    assert "„Atlantis“ ist kein Sozialraum dieser Kommune." in errors[4]
    assert "„31.9.2025“ ist kein Datum (TT.MM.JJJJ)." in errors[4]
    assert errors[5] == [
        "Eine Einrichtung mit diesem Namen und dieser Anschrift existiert bereits."
    ]
    assert errors[6] == ["Zeile 2 hat denselben Namen und dieselbe Anschrift."]
    assert _count(world) == 1


def test_an_xlsx_file_is_imported_like_a_csv_file(world: World) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Name", "Handlungsfeld", "PLZ"])
    sheet.append(["Familienzentrum Oberaden", "Kinder- und Jugendhilfe", 59192])
    buffer = io.BytesIO()
    workbook.save(buffer)
    [created] = import_organisations(
        actor=coordinator(world),
        commune=world.bergkamen,
        content=buffer.getvalue(),
        filename="a.xlsx",
    )
    assert (created.name, created.postal_code) == ("Familienzentrum Oberaden", "59192")


def test_the_import_page_lists_the_bad_rows_and_imports_nothing(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    url = reverse("network:organisation_import", kwargs={"commune_slug": "bergkamen"})
    upload = SimpleUploadedFile("x.csv", _csv("A;Gesundheit;;;;;;;", "B;Mond;;;;;;;"))
    response = client.post(url, {"file": upload})
    page = response.content.decode()
    assert "Es wurde nichts importiert" in page
    assert "„Mond“ ist kein Handlungsfeld." in page
    assert _count(world) == 1
    response = client.post(url, {"file": SimpleUploadedFile("x.csv", _csv("A;Gesundheit;;;;;;;"))})
    assert response.status_code == 302
    assert _count(world) == 2


def test_the_command_reports_bad_rows_and_fails(world: World, tmp_path: Path) -> None:
    path = tmp_path / "partner.csv"
    path.write_bytes(_csv("A;Mond;;;;;;;"))
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="1 bad rows"):
        call_command(
            "import-organisations",
            "bergkamen",
            str(path),
            actor=coordinator(world).email,
            stderr=stderr,
        )
    assert "row 2:" in stderr.getvalue()
    path.write_bytes(_csv("A;Gesundheit;;;;;;;"))
    stdout = io.StringIO()
    call_command(
        "import-organisations",
        "bergkamen",
        str(path),
        actor=coordinator(world).email,
        stdout=stdout,
    )
    assert "imported 1 organisations" in stdout.getvalue()


def _database_url(tmp_path: Path) -> str:
    """A URL another process can open with the data of this test: the in-memory SQLite
    database copied to a file, or the PostgreSQL test database itself."""
    if connection.vendor == "sqlite":
        copy = tmp_path / "kill.sqlite3"
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(copy)])
        return f"sqlite:///{copy}"
    params = connection.settings_dict
    auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    return f"postgres://{auth}@{params['HOST']}:{params['PORT'] or 5432}/{params['NAME']}"


def _import_is_writing(database_url: str) -> bool:
    if database_url.startswith("sqlite"):
        return Path(database_url.removeprefix("sqlite:///") + "-journal").exists()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND xact_start IS NOT NULL"
        )
        return bool(cursor.fetchone()[0])


@pytest.mark.django_db(transaction=True)
def test_killing_the_import_midway_leaves_nothing(world: World, tmp_path: Path) -> None:
    """A real ``lotse import-organisations`` process, killed while it writes its rows:
    nothing of the file is in the database afterwards."""
    network_settings(world.bergkamen)
    before = Organisation.all_communes.count()
    database_url = _database_url(tmp_path)
    rows = [f"Einrichtung {n};Gesundheit;;Weg {n};59192;Bergkamen;;;" for n in range(4000)]
    path = tmp_path / "big.csv"
    path.write_bytes(_csv(*rows))
    process = subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
        [
            sys.executable,
            "-m",
            "lotse",
            "import-organisations",
            "bergkamen",
            str(path),
            "--actor",
            coordinator(world).email,
        ],
        env={**os.environ, "DATABASE_URL": database_url, "DEBUG": "true"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not _import_is_writing(database_url) and time.monotonic() < deadline:
        assert process.poll() is None, "the import ended before it was killed"
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    if database_url.startswith("sqlite"):
        check = sqlite3.connect(database_url.removeprefix("sqlite:///"))
        [(count,)] = check.execute("SELECT count(*) FROM network_organisation").fetchall()
        check.close()
    else:
        count = Organisation.all_communes.count()
    assert count == before
