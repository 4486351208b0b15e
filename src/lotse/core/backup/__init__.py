"""Backups: one ``tar.gz`` archive with a consistent dump of the database, the uploaded files
(``MEDIA_ROOT``) and a manifest with a SHA-256 per file, written by ``lotse backup`` and read
back by ``lotse restore``.

Layout of an archive::

    database/postgresql.dump   pg_dump --format=custom (or database/sqlite3.db, a SQLite file)
    media/…                    the uploaded files, relative to MEDIA_ROOT
    manifest.json              format version, time, database vendor, Lotse version,
                               applied migrations, SHA-256 and size of every file above

Consistency: PostgreSQL's ``pg_dump`` reads one snapshot; SQLite's online backup API copies
one snapshot even while the application writes. The database is dumped before the files are
read, so every file a dumped row refers to was on disk already; a file uploaded meanwhile may
be in the archive without its row, which is harmless.

Encrypted fields are dumped as stored (Fernet tokens). The keys (``LOTSE_FIELD_KEYS``) are
never in the archive: they are backed up separately, or the archive could be read by anyone
who holds it.

A restore verifies the whole archive (gzip checksum, manifest, the SHA-256 of every file,
safe member names) before it touches the target, refuses a target with tables unless forced,
and refuses an archive of the other database vendor: a SQLite backup cannot be restored into
PostgreSQL or the other way round.
"""

from __future__ import annotations

import logging
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper

from lotse.core.backup.archive import (
    DUMP_NAMES,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST_NAME,
    MEDIA_DIR,
    BackupError,
    FileEntry,
    Manifest,
    add_bytes,
    add_file,
    add_media,
    count_files,
    default_backup_path,
    verify_and_extract,
)
from lotse.core.backup.databases import (
    VENDOR_NAMES,
    MigrationState,
    applied_migrations,
    database_from_url,
    lotse_version,
    migration_state,
    pg_dump,
    pg_restore,
    sqlite_dump,
    sqlite_restore,
    supported_vendor,
)

logger = logging.getLogger(__name__)

__all__ = [
    "DUMP_NAMES",
    "FORMAT",
    "FORMAT_VERSION",
    "VENDOR_NAMES",
    "BackupError",
    "BackupResult",
    "RestoreResult",
    "count_files",
    "create_backup",
    "database_from_url",
    "default_backup_path",
    "lotse_version",
    "migration_state",
    "restore_backup",
]


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    manifest: Manifest


@dataclass(frozen=True)
class RestoreResult:
    manifest: Manifest
    media_root: Path
    migrations: MigrationState


def create_backup(
    output: Path,
    *,
    connection: BaseDatabaseWrapper | None = None,
    media_root: Path | None = None,
) -> BackupResult:
    """Write the archive to ``output``; refuses to overwrite an existing file.

    Everything is written in a temporary directory next to ``output`` and renamed at the
    end, so an interrupted backup never leaves a partial archive under the final name."""
    connection = connection or connections[DEFAULT_DB_ALIAS]
    media_root = Path(media_root or settings.MEDIA_ROOT)
    vendor = supported_vendor(connection)
    if output.exists():
        raise BackupError(f"{output} exists already; choose another --output.")
    output.parent.mkdir(parents=True, exist_ok=True)
    created_at = datetime.now(UTC).replace(microsecond=0)
    migrations = applied_migrations(connection)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=f".{output.name}.") as work:
        dump = Path(work) / "database"
        if vendor == "postgresql":
            pg_dump(connection.settings_dict, dump)
        else:
            sqlite_dump(connection, dump)
        partial = Path(work) / "archive.tar.gz"
        files: dict[str, FileEntry] = {}
        # Level 6 (gzip's default): level 9 costs much more time for a few per cent.
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
            files[DUMP_NAMES[vendor]] = add_file(tar, dump, DUMP_NAMES[vendor])
            dump.unlink()
            add_media(tar, media_root, files)
            manifest = Manifest(
                created_at=created_at.isoformat().replace("+00:00", "Z"),
                lotse_version=lotse_version(),
                vendor=vendor,
                migrations=migrations,
                files=files,
            )
            add_bytes(tar, MANIFEST_NAME, manifest.to_json(), mtime=created_at.timestamp())
        # The archive holds personal data: readable by its owner only.
        partial.chmod(0o600)
        with partial.open("rb") as written:
            os.fsync(written.fileno())
        partial.replace(output)
    size = output.stat().st_size
    logger.info(
        "Backup written to %s (%d bytes, %d media files)", output, size, manifest.media_files
    )
    return BackupResult(path=output, size=size, manifest=manifest)


def restore_backup(
    archive: Path,
    *,
    connection: BaseDatabaseWrapper | None = None,
    media_root: Path | None = None,
    force: bool = False,
) -> RestoreResult:
    """Verify ``archive``, then restore its database into ``connection``'s database and its
    files into ``media_root``. Nothing is changed when the archive fails the check, is of
    the other database vendor, or the target has tables and ``force`` is not given."""
    connection = connection or connections[DEFAULT_DB_ALIAS]
    media_root = Path(media_root or settings.MEDIA_ROOT)
    vendor = supported_vendor(connection)
    with tempfile.TemporaryDirectory(prefix="lotse-restore-") as work:
        unpacked = Path(work)
        manifest = verify_and_extract(archive, unpacked)
        if manifest.vendor != vendor:
            raise BackupError(
                f"This is a backup of a {VENDOR_NAMES[manifest.vendor]} database; it can "
                f"only be restored into {VENDOR_NAMES[manifest.vendor]}, not into "
                f"{VENDOR_NAMES[vendor]}."
            )
        tables = connection.introspection.table_names()
        if tables and not force:
            raise BackupError(
                f"The target database is not empty ({len(tables)} tables). Restore into an "
                "empty database, or give --force to replace its tables with the backup's."
            )
        dump = unpacked / manifest.dump_name
        if vendor == "postgresql":
            pg_restore(connection.settings_dict, dump, clean=bool(tables))
        else:
            sqlite_restore(dump, connection)
        try:
            restore_media(unpacked / MEDIA_DIR, media_root)
        except OSError as error:
            raise BackupError(
                f"The database is restored, but the uploaded files could not be written to "
                f"{media_root}: {error}. Fix that and restore again with --force."
            ) from error
    logger.info("Backup of %s restored (%d media files)", manifest.created_at, manifest.media_files)
    return RestoreResult(
        manifest=manifest, media_root=media_root, migrations=migration_state(connection)
    )


def restore_media(unpacked_media: Path, media_root: Path) -> None:
    """Copy the unpacked files into ``media_root``; files only there are kept."""
    if unpacked_media.is_dir():
        shutil.copytree(unpacked_media, media_root, dirs_exist_ok=True)
