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

import gzip
import hashlib
import io
import json
import logging
import os
import re
import shutil
import sqlite3
import subprocess  # nosec B404
import tarfile
import tempfile
import zlib
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath
from typing import IO, Any

import dj_database_url
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import load_backend
from psycopg.conninfo import make_conninfo

logger = logging.getLogger(__name__)

FORMAT = "lotse-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
MEDIA_DIR = "media"
DUMP_NAMES = {
    "postgresql": "database/postgresql.dump",
    "sqlite": "database/sqlite3.db",
}
VENDOR_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
# Connection options that libpq understands and that are no secret; the password goes to
# pg_dump/pg_restore through PGPASSWORD, never on the command line.
_LIBPQ_OPTIONS = frozenset(
    {
        "sslmode",
        "sslrootcert",
        "sslcert",
        "sslkey",
        "sslcrl",
        "connect_timeout",
        "application_name",
        "options",
        "target_session_attrs",
        "service",
        "passfile",
        "gssencmode",
        "channel_binding",
    }
)
_SHA256 = re.compile(r"[0-9a-f]{64}")
_CHUNK = 1024 * 1024
# A temporary alias for a database named by URL (``lotse restore --database-url``).
_URL_ALIAS = "lotse_backup_target"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class FileEntry:
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    created_at: str
    lotse_version: str
    vendor: str
    migrations: dict[str, list[str]]
    files: dict[str, FileEntry]

    @property
    def dump_name(self) -> str:
        return DUMP_NAMES[self.vendor]

    @property
    def media_files(self) -> int:
        return sum(1 for name in self.files if name.startswith(f"{MEDIA_DIR}/"))

    def to_json(self) -> bytes:
        data = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": self.created_at,
            "lotse_version": self.lotse_version,
            "database": {"vendor": self.vendor, "dump": self.dump_name},
            "migrations": self.migrations,
            "files": {
                name: {"sha256": entry.sha256, "size": entry.size}
                for name, entry in sorted(self.files.items())
            },
            "encryption": (
                "Encrypted fields are stored as Fernet tokens; the keys (LOTSE_FIELD_KEYS) "
                "are not in this archive."
            ),
        }
        return json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise BackupError(f"The manifest is not valid JSON: {error}") from error
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BackupError("This is not a Lotse backup (the manifest is of another kind).")
        if data.get("format_version") != FORMAT_VERSION:
            raise BackupError(
                f"The backup has format version {data.get('format_version')!r}; this Lotse "
                f"reads version {FORMAT_VERSION}. Restore it with the Lotse version that "
                "wrote it."
            )
        try:
            vendor = data["database"]["vendor"]
            migrations = data["migrations"]
            files = {
                name: FileEntry(sha256=entry["sha256"], size=entry["size"])
                for name, entry in data["files"].items()
            }
            manifest = cls(
                created_at=data["created_at"],
                lotse_version=data["lotse_version"],
                vendor=vendor,
                migrations={app: list(names) for app, names in migrations.items()},
                files=files,
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise BackupError(f"The manifest is incomplete: {error!r}") from error
        if vendor not in DUMP_NAMES:
            raise BackupError(f"The manifest names an unknown database vendor {vendor!r}.")
        if manifest.dump_name not in files:
            raise BackupError("The manifest lists no database dump.")
        for name, entry in files.items():
            if not isinstance(entry.sha256, str) or not _SHA256.fullmatch(entry.sha256):
                raise BackupError(f"The manifest has no valid SHA-256 for {name!r}.")
        return manifest


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    manifest: Manifest


@dataclass(frozen=True)
class MigrationState:
    applied: dict[str, list[str]]
    pending: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RestoreResult:
    manifest: Manifest
    media_root: Path
    migrations: MigrationState


def default_backup_path(now: datetime | None = None) -> Path:
    now = now or datetime.now(UTC)
    return Path(settings.VAR_DIR) / "backups" / f"lotse-{now:%Y%m%dT%H%M%SZ}.tar.gz"


def count_files(number: int) -> str:
    return f"{number} uploaded file{'' if number == 1 else 's'}"


def lotse_version() -> str:
    try:
        return version("lotse")
    except PackageNotFoundError:
        return "unknown"


def applied_migrations(connection: BaseDatabaseWrapper) -> dict[str, list[str]]:
    """The applied migrations per app, in name order (which is their order)."""
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return {}
    result: dict[str, list[str]] = {}
    for app, name in sorted(recorder.applied_migrations()):
        result.setdefault(app, []).append(name)
    return result


def migration_state(connection: BaseDatabaseWrapper) -> MigrationState:
    """What ``lotse migrate`` would still apply, and what this code does not know."""
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    plan = executor.migration_plan(graph.leaf_nodes())
    pending = [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
    known_apps = executor.loader.migrated_apps
    unknown = sorted(
        f"{app}.{name}"
        for app, name in executor.loader.applied_migrations
        if app in known_apps and (app, name) not in graph.nodes
    )
    return MigrationState(applied=applied_migrations(connection), pending=pending, unknown=unknown)


@contextmanager
def database_from_url(url: str) -> Iterator[BaseDatabaseWrapper]:
    """A connection to the database named by ``url`` (as ``DATABASE_URL``).

    While in use it is known to ``connections`` under a temporary alias (not in
    ``settings.DATABASES``), because Django's migration recorder looks connections up by
    alias; closed and forgotten afterwards."""
    try:
        parsed = dict(dj_database_url.parse(url))
    except ValueError as error:
        raise BackupError(f"--database-url cannot be read: {error}") from error
    settings_dict = connections.configure_settings({DEFAULT_DB_ALIAS: parsed})[DEFAULT_DB_ALIAS]
    wrapper: BaseDatabaseWrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(
        settings_dict, _URL_ALIAS
    )
    connections[_URL_ALIAS] = wrapper
    try:
        yield wrapper
    finally:
        wrapper.close()
        del connections[_URL_ALIAS]


# --- writing a backup ----------------------------------------------------------------------


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
    vendor = _supported_vendor(connection)
    if output.exists():
        raise BackupError(f"{output} exists already; choose another --output.")
    output.parent.mkdir(parents=True, exist_ok=True)
    created_at = datetime.now(UTC).replace(microsecond=0)
    migrations = applied_migrations(connection)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=f".{output.name}.") as work:
        dump = Path(work) / "database"
        if vendor == "postgresql":
            _pg_dump(connection.settings_dict, dump)
        else:
            _sqlite_dump(connection, dump)
        partial = Path(work) / "archive.tar.gz"
        files: dict[str, FileEntry] = {}
        # Level 6 (gzip's default): level 9 costs much more time for a few per cent.
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
            files[DUMP_NAMES[vendor]] = _add_file(tar, dump, DUMP_NAMES[vendor])
            dump.unlink()
            _add_media(tar, media_root, files)
            manifest = Manifest(
                created_at=created_at.isoformat().replace("+00:00", "Z"),
                lotse_version=lotse_version(),
                vendor=vendor,
                migrations=migrations,
                files=files,
            )
            _add_bytes(tar, MANIFEST_NAME, manifest.to_json(), mtime=created_at.timestamp())
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


def _supported_vendor(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(
            f"Lotse backs up PostgreSQL and SQLite databases, not {connection.vendor!r}."
        )
    return str(connection.vendor)


def _pg_dump(settings_dict: Mapping[str, Any], target: Path) -> None:
    # --compress=0: the archive is gzipped as a whole, so the dump is compressed once.
    _run_pg_tool(
        "pg_dump",
        [
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--compress=0",
            f"--file={target}",
            f"--dbname={_conninfo(settings_dict)}",
        ],
        settings_dict,
    )


def _sqlite_dump(connection: BaseDatabaseWrapper, target: Path) -> None:
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        # One step (pages=-1): a consistent snapshot even while others write.
        connection.connection.backup(copy)


def _add_file(tar: tarfile.TarFile, path: Path, name: str) -> FileEntry:
    """Add the file and return the SHA-256 of exactly the bytes written."""
    with path.open("rb") as source:
        info = tar.gettarinfo(arcname=name, fileobj=source)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = _HashingReader(source)
        tar.addfile(info, reader)
    return FileEntry(sha256=reader.hexdigest(), size=info.size)


def _add_media(tar: tarfile.TarFile, media_root: Path, files: dict[str, FileEntry]) -> None:
    """Add the regular files below ``media_root`` (a missing directory is no error)."""
    if not media_root.is_dir():
        return
    for directory, subdirectories, names in os.walk(media_root):
        subdirectories.sort()
        for file_name in sorted(names):
            path = Path(directory) / file_name
            if path.is_symlink() or not path.is_file():
                continue
            name = f"{MEDIA_DIR}/{path.relative_to(media_root).as_posix()}"
            files[name] = _add_file(tar, path, name)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes, *, mtime: float) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(mtime)
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


class _HashingReader:
    def __init__(self, source: IO[bytes]) -> None:
        self._source = source
        self._hash = hashlib.sha256()

    def read(self, size: int = -1, /) -> bytes:
        data = self._source.read(size)
        self._hash.update(data)
        return data

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


# --- reading and restoring -----------------------------------------------------------------


def verify_and_extract(archive: Path, into: Path) -> Manifest:
    """Check the whole archive and unpack it into ``into`` (an empty directory).

    Raises :class:`BackupError` for a damaged or foreign archive: a broken gzip stream, no
    or an invalid manifest, files missing from or not listed in the manifest, unsafe
    member names, or a file whose SHA-256 differs from the manifest's."""
    if not archive.is_file():
        raise BackupError(f"{archive} is not a file.")
    damaged = f"{archive} is damaged or not a Lotse backup"
    try:
        _read_whole_gzip_stream(archive)
        with tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
            manifest = _read_manifest(tar, members)
            # filter="data" refuses absolute paths, "..", links out of the tree and devices.
            tar.extractall(into, filter="data")
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise BackupError(f"{damaged}: {error}") from error
    for name, entry in manifest.files.items():
        path = into / name
        if path.stat().st_size != entry.size or _sha256_of(path) != entry.sha256:
            raise BackupError(f"{damaged}: the checksum of {name} does not match the manifest.")
    return manifest


def _read_whole_gzip_stream(archive: Path) -> None:
    """Decompress to the end, so gzip checks its CRC over every byte of the archive."""
    with gzip.open(archive, "rb") as stream:
        while stream.read(_CHUNK):
            pass


def _read_manifest(tar: tarfile.TarFile, members: list[tarfile.TarInfo]) -> Manifest:
    names = [member.name for member in members]
    if MANIFEST_NAME not in names:
        raise BackupError("The archive has no manifest.json: it is not a Lotse backup.")
    if len(set(names)) != len(names):
        raise BackupError("The archive holds a file twice.")
    for member in members:
        if not member.isfile():
            raise BackupError(f"The archive holds {member.name!r}, which is not a file.")
        _check_member_name(member.name)
    extracted = tar.extractfile(MANIFEST_NAME)
    if extracted is None:  # pragma: no cover - isfile() was checked above
        raise BackupError("The manifest cannot be read.")
    manifest = Manifest.from_json(extracted.read())
    listed, present = set(manifest.files), set(names) - {MANIFEST_NAME}
    if listed != present:
        missing = ", ".join(sorted(listed - present)) or "none"
        extra = ", ".join(sorted(present - listed)) or "none"
        raise BackupError(
            f"The archive's files differ from its manifest (missing: {missing}; "
            f"not listed: {extra})."
        )
    return manifest


def _check_member_name(name: str) -> None:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or str(path) != name:
        raise BackupError(f"The archive holds an unsafe path {name!r}.")
    if name != MANIFEST_NAME and name not in DUMP_NAMES.values() and path.parts[0] != MEDIA_DIR:
        raise BackupError(f"The archive holds {name!r}, which a Lotse backup does not have.")


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


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
    vendor = _supported_vendor(connection)
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
            _pg_restore(connection.settings_dict, dump, clean=bool(tables))
        else:
            _sqlite_restore(dump, connection)
        try:
            _restore_media(unpacked / MEDIA_DIR, media_root)
        except OSError as error:
            raise BackupError(
                f"The database is restored, but the uploaded files could not be written to "
                f"{media_root}: {error}. Fix that and restore again with --force."
            ) from error
    logger.info("Backup of %s restored (%d media files)", manifest.created_at, manifest.media_files)
    return RestoreResult(
        manifest=manifest, media_root=media_root, migrations=migration_state(connection)
    )


def _pg_restore(settings_dict: Mapping[str, Any], dump: Path, *, clean: bool) -> None:
    # One transaction: a restore that fails halfway leaves the target as it was.
    arguments = ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
    if clean:
        arguments += ["--clean", "--if-exists"]
    arguments += [f"--dbname={_conninfo(settings_dict)}", str(dump)]
    _run_pg_tool("pg_restore", arguments, settings_dict)


def _sqlite_restore(dump: Path, connection: BaseDatabaseWrapper) -> None:
    connection.ensure_connection()
    with closing(sqlite3.connect(dump)) as source:
        # The backup API replaces the target's whole content, pages and schema alike.
        source.backup(connection.connection)


def _restore_media(unpacked_media: Path, media_root: Path) -> None:
    """Copy the unpacked files into ``media_root``; files only there are kept."""
    if unpacked_media.is_dir():
        shutil.copytree(unpacked_media, media_root, dirs_exist_ok=True)


def _conninfo(settings_dict: Mapping[str, Any]) -> str:
    """A libpq connection string for pg_dump/pg_restore, without the password."""
    params: dict[str, Any] = {
        "dbname": settings_dict["NAME"],
        "host": settings_dict.get("HOST") or None,
        "port": settings_dict.get("PORT") or None,
        "user": settings_dict.get("USER") or None,
    }
    options = settings_dict.get("OPTIONS") or {}
    params.update({key: value for key, value in options.items() if key in _LIBPQ_OPTIONS})
    return make_conninfo("", **{key: value for key, value in params.items() if value})


def _run_pg_tool(tool: str, arguments: list[str], settings_dict: Mapping[str, Any]) -> None:
    executable = shutil.which(tool)
    if executable is None:
        raise BackupError(
            f"{tool} was not found: install the PostgreSQL client programs (Debian: "
            "postgresql-client) in the server's major version or newer."
        )
    environment = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    # The executable is a resolved path and the arguments a list: no shell is involved.
    completed = subprocess.run(  # noqa: S603  # nosec B603
        [executable, *arguments],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        # libpq's messages name host, port and user, never the password.
        raise BackupError(f"{tool} failed: {completed.stderr.strip()}")
