"""An HSDS import killed in the middle leaves nothing: a real ``lotse hsds-import`` process
is killed while it writes, and the catalog is still empty afterwards.

The process needs a database it can open itself: on SQLite a file copy of the test
database, on PostgreSQL the test database (this test commits its data)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from lotse.offers.models import Offer
from tests.core.factories import CommuneFactory

SERVICES = 600
ORGANISATION = "0c9b1a2e-3d4f-4a5b-8c6d-7e8f9a0b1c2d"


def big_document() -> dict[str, Any]:
    organization = {"id": ORGANISATION, "name": "Großer Träger", "description": ""}
    services = [
        {
            "id": str(uuid.uuid4()),
            "name": f"Angebot {number}",
            "description": "Ein Angebot aus einer großen Datei.",
            "status": "active",
            "organization": organization,
            "languages": [{"id": str(uuid.uuid4()), "code": "de"}],
            "cost_options": [{"id": str(uuid.uuid4()), "option": "kostenlos"}],
            "schedules": [
                {"id": str(uuid.uuid4()), "freq": "WEEKLY", "interval": 1, "byday": "MO"}
            ],
        }
        for number in range(SERVICES)
    ]
    return {"organizations": [organization], "services": services}


def _database_url(tmp_path: Path) -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        path = tmp_path / "import.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}"
    user, password = settings["USER"], settings["PASSWORD"]
    auth = f"{user}:{password}@" if password else f"{user}@"
    return f"postgres://{auth}{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


def _writing(url: str) -> bool:
    """Whether the import has started to write its transaction."""
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///") + "-journal").exists()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND query ILIKE 'INSERT INTO %%offers_offer%%'"
        )
        row = cursor.fetchone()
    return bool(row and row[0])


def _offer_count(url: str, commune_id: int) -> int:
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as database:
            # Opening the file rolls back the killed process's hot journal.
            row = database.execute(
                "SELECT count(*) FROM offers_offer WHERE commune_id = ?", (commune_id,)
            ).fetchone()
        return int(row[0])
    return int(Offer.all_communes.filter(commune_id=commune_id).count())


@pytest.mark.django_db(transaction=True)
def test_an_import_killed_while_it_writes_leaves_nothing(tmp_path: Path) -> None:
    commune = CommuneFactory(slug="gross")
    url = _database_url(tmp_path)
    file = tmp_path / "gross.json"
    file.write_text(json.dumps(big_document()), encoding="utf-8")
    environment = {**os.environ, "DATABASE_URL": url, "LOTSE_LOG_LEVEL": "WARNING"}
    log = tmp_path / "import.log"
    with log.open("wb") as errors:
        process = subprocess.Popen(  # noqa: S603 - our own command with fixed arguments
            [sys.executable, "-m", "lotse", "hsds-import", "--commune", "gross", str(file)],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
    try:
        deadline = time.monotonic() + 120
        while not _writing(url):
            assert process.poll() is None, (
                process.stderr.read().decode()[-3000:] if process.stderr else ""
            )
            assert time.monotonic() < deadline, "the import never started to write"
            time.sleep(0.05)
        time.sleep(0.5)  # let it write a good part of the offers
        assert process.poll() is None, "the import finished before it could be killed"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    assert process.returncode == -signal.SIGKILL
    assert _offer_count(url, commune.pk) == 0
