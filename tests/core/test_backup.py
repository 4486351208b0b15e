"""``lotse backup`` and ``lotse restore``: a backup restored into an empty database equals the
original, a damaged or foreign archive changes nothing, and no clear text of an encrypted
field is in the archive.

Runs against the test database's vendor: SQLite restores into a new file, PostgreSQL into a
separate database on the same server. Both sides are compared through the plain drivers
(sqlite3, psycopg), not through Django."""

from __future__ import annotations

import errno
import gzip
import hashlib
import io
import json
import sqlite3
import tarfile
from collections.abc import Callable, Iterator
from contextlib import closing
from io import StringIO
from pathlib import Path
from typing import Any

import dj_database_url
import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from psycopg import sql
from pytest_django import Settings

from lotse.core import backup
from lotse.core.audit import CoreAction, record
from lotse.core.backup import DUMP_NAMES, FORMAT, FORMAT_VERSION, database_from_url
from lotse.core.fields import multi_fernet
from lotse.core.models import (
    AuditEvent,
    Commune,
    OutboxMessage,
    SocialArea,
    SocialAreaFigures,
    User,
)
from lotse.core.outbox import queue_email
from lotse.core.permissions import Role
from tests.conftest import World

SECRET_SUBJECT = "Einladung für Familie Qwertzuiop"
SECRET_BODY = "Geheimer Text 4711: Entbindung im Mai, Tel. 0151 9876543"
SECRET_RECIPIENT = "ilse.qwertzuiop@example.org"
CLEAR_KIND = "backup-test-kind-0815"
UPLOAD_NAME = "uploads/2025/protokoll.pdf"
UPLOAD_BYTES = b"%PDF-1.7\n" + bytes(range(256)) * 8
KEYS_NOTE = "(LOTSE_FIELD_KEYS) are NOT in it"
MATCHES_NOTE = "The database schema matches this Lotse version."


# --- the target database and a driver-level view of it ------------------------------------


def _driver_connection(settings_dict: dict[str, Any]) -> Any:
    """A plain sqlite3 or psycopg connection (autocommit) to the database of the dict."""
    if connection.vendor == "sqlite":
        name = str(settings_dict["NAME"])
        return sqlite3.connect(name, uri=name.startswith("file:"), isolation_level=None)
    return psycopg.connect(
        dbname=settings_dict["NAME"],
        host=settings_dict.get("HOST") or None,
        port=settings_dict.get("PORT") or None,
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        autocommit=True,
    )


def _rows(settings_dict: dict[str, Any], query: str) -> list[tuple[Any, ...]]:
    with closing(_driver_connection(settings_dict)) as raw:
        return [tuple(row) for row in raw.execute(query).fetchall()]


def _execute(settings_dict: dict[str, Any], statement: str) -> None:
    with closing(_driver_connection(settings_dict)) as raw:
        raw.execute(statement)


def _tables(settings_dict: dict[str, Any]) -> list[str]:
    if connection.vendor == "sqlite":
        query = (
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    else:
        query = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
    return [name for (name,) in _rows(settings_dict, query)]


def _snapshot(settings_dict: dict[str, Any]) -> dict[str, list[str]]:
    """Every row of every table (and PostgreSQL's sequence positions), order-independent."""
    snapshot: dict[str, list[str]] = {}
    for table in _tables(settings_dict):
        # Table names come from the database's own catalogue.
        rows = _rows(settings_dict, f'SELECT * FROM "{table}"')  # noqa: S608
        snapshot[table] = sorted(repr(row) for row in rows)
    if connection.vendor == "postgresql":
        sequences = "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
        snapshot["(sequences)"] = sorted(map(repr, _rows(settings_dict, sequences)))
    return snapshot


def _source() -> dict[str, Any]:
    return dict(connection.settings_dict)


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database of the test database's vendor."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    source = _source()
    name = f"{source['NAME']}_restore"
    server = {**source, "NAME": "postgres"}
    with closing(_driver_connection(server)) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield (
            f"postgres://{source.get('USER') or ''}:{source.get('PASSWORD') or ''}"
            f"@{source.get('HOST') or 'localhost'}:{source.get('PORT') or 5432}/{name}"
        )
    finally:
        with closing(_driver_connection(server)) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def _target(url: str) -> dict[str, Any]:
    return dict(dj_database_url.parse(url))


# --- data, backup, restore -----------------------------------------------------------------


@pytest.fixture
def media_root(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def held_mail(settings: Settings) -> None:
    """E-mails stay in the outbox (with their encrypted body) instead of being sent."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def committed_world(
    transactional_db: None, world: World, media_root: Path, held_mail: None
) -> World:
    """The shared personas, committed (a dump cannot see an open test transaction), with an
    audit event, an e-mail waiting in the outbox and an uploaded file."""
    assert not connection.in_atomic_block
    coordinator = world.user("bergkamen", Role.COORDINATOR)
    record(
        actor=coordinator,
        commune=world.bergkamen,
        action=CoreAction.COMMUNE_SETTINGS_CHANGED,
        target=world.bergkamen,
        changes={"name": ("Bergkamen", "Bergkamen")},
    )
    queue_email(
        kind=CLEAR_KIND,
        to=[SECRET_RECIPIENT],
        subject=SECRET_SUBJECT,
        body=SECRET_BODY,
        commune=world.bergkamen,
    )
    upload = media_root / UPLOAD_NAME
    upload.parent.mkdir(parents=True)
    upload.write_bytes(UPLOAD_BYTES)
    return world


def _backup(output: Path) -> str:
    out = StringIO()
    call_command("backup", output=str(output), stdout=out, stderr=StringIO())
    return out.getvalue()


def _restore(archive: Path, *args: str, **options: Any) -> str:
    out = StringIO()
    call_command("restore", str(archive), *args, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def _members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive, "r:gz") as tar:
        return {
            member.name: tar.extractfile(member).read()  # type: ignore[union-attr]
            for member in tar.getmembers()
        }


def _write_archive(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


# --- the round trip ------------------------------------------------------------------------


def test_a_backup_restored_into_an_empty_database_equals_the_original(
    committed_world: World, empty_database: str, tmp_path: Path
) -> None:
    archive = tmp_path / "backups" / "lotse.tar.gz"
    backup_output = _backup(archive)
    assert KEYS_NOTE in backup_output
    assert archive.stat().st_mode & 0o077 == 0, "the archive holds personal data"

    restored_media = tmp_path / "restored-media"
    output = _restore(archive, database_url=empty_database, media_root=str(restored_media))

    source, target = _source(), _target(empty_database)
    assert _snapshot(target) == _snapshot(source)
    assert MATCHES_NOTE in output
    assert (restored_media / UPLOAD_NAME).read_bytes() == UPLOAD_BYTES

    communes = _rows(target, f"SELECT slug, name FROM {Commune._meta.db_table} ORDER BY slug")  # noqa: S608
    assert communes == [("bergkamen", "Bergkamen"), ("dortmund", "Dortmund")]
    figures = _rows(
        target,
        f"SELECT a.slug, f.year, f.inhabitants, f.births FROM {SocialAreaFigures._meta.db_table} f "  # noqa: S608
        f"JOIN {SocialArea._meta.db_table} a ON a.id = f.social_area_id",
    )
    assert figures == [("mitte", 2025, 12000, 115)] * 2
    emails = _rows(target, f"SELECT email FROM {User._meta.db_table}")  # noqa: S608
    assert sorted(email for (email,) in emails) == sorted(
        user.email for user in committed_world.users.values()
    )
    actions = _rows(target, f"SELECT action FROM {AuditEvent._meta.db_table}")  # noqa: S608
    assert actions == [(CoreAction.COMMUNE_SETTINGS_CHANGED.value,)]

    [(recipients, subject, body)] = _rows(
        target,
        f"SELECT recipients, subject, body FROM {OutboxMessage._meta.db_table}",  # noqa: S608
    )
    assert SECRET_BODY not in body, "the restored row stays encrypted"
    assert multi_fernet().decrypt(body.encode()).decode() == SECRET_BODY
    assert multi_fernet().decrypt(subject.encode()).decode() == SECRET_SUBJECT
    assert multi_fernet().decrypt(recipients.encode()).decode() == SECRET_RECIPIENT


def test_the_manifest_names_vendor_version_migrations_and_a_checksum_per_file(
    committed_world: World, tmp_path: Path
) -> None:
    archive = tmp_path / "lotse.tar.gz"
    _backup(archive)
    members = _members(archive)
    manifest = json.loads(members.pop("manifest.json"))
    assert manifest["format"] == FORMAT
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["created_at"].endswith("Z")
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["lotse_version"]
    assert "0001_initial" in manifest["migrations"]["core"]
    assert set(members) == {DUMP_NAMES[connection.vendor], f"media/{UPLOAD_NAME}"}
    for name, data in members.items():
        assert manifest["files"][name] == {
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
        }


def test_the_archive_holds_no_clear_text_of_an_encrypted_field(
    committed_world: World, tmp_path: Path
) -> None:
    archive = tmp_path / "lotse.tar.gz"
    _backup(archive)
    everything = gzip.decompress(archive.read_bytes())
    # The dump is not compressed on its own, so clear text would be found:
    assert CLEAR_KIND.encode() in everything
    for secret in (SECRET_BODY, SECRET_SUBJECT, SECRET_RECIPIENT, "Qwertzuiop", "0151 9876543"):
        assert secret.encode() not in everything


def test_a_backup_without_uploaded_files_restores(
    transactional_db: None, settings: Settings, empty_database: str, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "no-media-yet"
    archive = tmp_path / "lotse.tar.gz"
    assert "database and 0 uploaded files." in _backup(archive)
    _restore(archive, database_url=empty_database, media_root=str(tmp_path / "restored"))
    assert _snapshot(_target(empty_database)) == _snapshot(_source())


# --- refusals that change nothing ----------------------------------------------------------


def test_a_corrupted_archive_is_refused_and_changes_nothing(
    committed_world: World, empty_database: str, tmp_path: Path
) -> None:
    archive = tmp_path / "lotse.tar.gz"
    _backup(archive)
    damaged = bytearray(archive.read_bytes())
    damaged[len(damaged) // 2] ^= 0x01
    archive.write_bytes(bytes(damaged))
    restored_media = tmp_path / "restored-media"
    with pytest.raises(CommandError, match="damaged or not a Lotse backup"):
        _restore(archive, database_url=empty_database, media_root=str(restored_media))
    assert _tables(_target(empty_database)) == []
    assert not restored_media.exists()


def test_a_restore_into_a_database_with_tables_is_refused_without_force(
    committed_world: World, tmp_path: Path
) -> None:
    archive = tmp_path / "lotse.tar.gz"
    _backup(archive)
    before = _snapshot(_source())
    restored_media = tmp_path / "restored-media"
    with pytest.raises(CommandError, match=r"not empty .*--force"):
        _restore(archive, media_root=str(restored_media))
    assert _snapshot(_source()) == before
    assert not restored_media.exists()


def test_force_replaces_the_tables_of_a_database_that_is_not_empty(
    committed_world: World, empty_database: str, tmp_path: Path
) -> None:
    archive = tmp_path / "lotse.tar.gz"
    _backup(archive)
    media = str(tmp_path / "restored-media")
    _restore(archive, database_url=empty_database, media_root=media)
    target = _target(empty_database)
    _execute(target, f"UPDATE {Commune._meta.db_table} SET name = 'Changed since'")  # noqa: S608
    _execute(target, "DELETE FROM django_migrations WHERE app = 'network'")
    with database_from_url(empty_database) as restored:
        assert "network.0001_initial" in backup.migration_state(restored).pending

    output = _restore(archive, "--force", database_url=empty_database, media_root=media)
    assert _snapshot(target) == _snapshot(_source())
    assert MATCHES_NOTE in output


def test_an_interrupted_backup_leaves_no_file_under_the_final_name(
    transactional_db: None, media_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "add_media", disk_full)
    archive = tmp_path / "backups" / "lotse.tar.gz"
    with pytest.raises(CommandError, match="No space left on device"):
        _backup(archive)
    assert list(archive.parent.iterdir()) == [], "no partial archive, no temporary files"


def test_an_existing_archive_is_never_overwritten(transactional_db: None, tmp_path: Path) -> None:
    archive = tmp_path / "lotse.tar.gz"
    archive.write_bytes(b"an earlier backup")
    with pytest.raises(CommandError, match="exists already"):
        _backup(archive)
    assert archive.read_bytes() == b"an earlier backup"


def _manifest(files: dict[str, bytes], vendor: str | None = None, **changes: Any) -> bytes:
    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": "2025-05-05T08:00:00Z",
        "lotse_version": "0.1.0",
        "database": {"vendor": vendor or connection.vendor},
        "migrations": {},
        "files": {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            for name, data in files.items()
        },
        **changes,
    }
    return json.dumps(data).encode()


def _other_vendor() -> str:
    return "postgresql" if connection.vendor == "sqlite" else "sqlite"


def _archive_of(files: dict[str, bytes], manifest: bytes | None = None) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        members = dict(files)
        if manifest is not None:
            members["manifest.json"] = manifest
        return _write_archive(path, members)

    return build


def _foreign_vendor_archive(path: Path) -> Path:
    files = {DUMP_NAMES[_other_vendor()]: b"a dump"}
    return _write_archive(path, {**files, "manifest.json": _manifest(files, _other_vendor())})


def _unsafe_name_archive(path: Path) -> Path:
    files = {DUMP_NAMES[connection.vendor]: b"a dump", "media/../../../etc/cron.d/x": b"* * *"}
    return _write_archive(path, {**files, "manifest.json": _manifest(files)})


def _wrong_checksum_archive(path: Path) -> Path:
    files = {DUMP_NAMES[connection.vendor]: b"a dump"}
    manifest = _manifest({DUMP_NAMES[connection.vendor]: b"another dump"})
    return _write_archive(path, {**files, "manifest.json": manifest})


def _unlisted_file_archive(path: Path) -> Path:
    files = {DUMP_NAMES[connection.vendor]: b"a dump"}
    extra = {**files, "media/smuggled.txt": b"not in the manifest"}
    return _write_archive(path, {**extra, "manifest.json": _manifest(files)})


def _newer_format_archive(path: Path) -> Path:
    files = {DUMP_NAMES[connection.vendor]: b"a dump"}
    manifest = _manifest(files, format_version=FORMAT_VERSION + 1)
    return _write_archive(path, {**files, "manifest.json": manifest})


def _not_gzip(path: Path) -> Path:
    path.write_bytes(b"PGDMP this is a plain pg_dump file, not a Lotse backup")
    return path


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (_archive_of({"notes.txt": b"hello"}), "has no manifest.json"),
        (_foreign_vendor_archive, "can only be restored into"),
        (_unsafe_name_archive, "unsafe path"),
        (_wrong_checksum_archive, "checksum of database/"),
        (_unlisted_file_archive, r"not listed: media/smuggled\.txt"),
        (_newer_format_archive, "this Lotse reads version 1"),
        (_not_gzip, "damaged or not a Lotse backup"),
    ],
    ids=[
        "no-manifest",
        "other-vendor",
        "unsafe-name",
        "wrong-checksum",
        "unlisted-file",
        "newer-format",
        "not-gzip",
    ],
)
def test_a_foreign_or_tampered_archive_is_refused_before_anything_changes(
    db: None,
    empty_database: str,
    tmp_path: Path,
    build: Callable[[Path], Path],
    message: str,
) -> None:
    archive = build(tmp_path / "archive.tar.gz")
    restored_media = tmp_path / "restored-media"
    with pytest.raises(CommandError, match=message):
        _restore(archive, database_url=empty_database, media_root=str(restored_media))
    assert _tables(_target(empty_database)) == []
    assert not restored_media.exists()
    assert not (tmp_path / "etc").exists()
