"""The databases a backup reads and a restore writes: pg_dump/pg_restore for PostgreSQL,
the online backup API for SQLite, and the migration state of either."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess  # nosec B404
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import dj_database_url
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import load_backend
from psycopg.conninfo import make_conninfo

from lotse.core.backup.archive import DUMP_NAMES, BackupError

logger = logging.getLogger(__name__)

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
# A temporary alias for a database named by URL (``lotse restore --database-url``).
URL_ALIAS = "lotse_backup_target"


@dataclass(frozen=True)
class MigrationState:
    applied: dict[str, list[str]]
    pending: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


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
        settings_dict, URL_ALIAS
    )
    connections[URL_ALIAS] = wrapper
    try:
        yield wrapper
    finally:
        wrapper.close()
        del connections[URL_ALIAS]


# --- writing a backup ----------------------------------------------------------------------


def supported_vendor(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(
            f"Lotse backs up PostgreSQL and SQLite databases, not {connection.vendor!r}."
        )
    return str(connection.vendor)


def pg_dump(settings_dict: Mapping[str, Any], target: Path) -> None:
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


def sqlite_dump(connection: BaseDatabaseWrapper, target: Path) -> None:
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        # One step (pages=-1): a consistent snapshot even while others write.
        connection.connection.backup(copy)


def pg_restore(settings_dict: Mapping[str, Any], dump: Path, *, clean: bool) -> None:
    # One transaction: a restore that fails halfway leaves the target as it was.
    arguments = ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
    if clean:
        arguments += ["--clean", "--if-exists"]
    arguments += [f"--dbname={_conninfo(settings_dict)}", str(dump)]
    _run_pg_tool("pg_restore", arguments, settings_dict)


def sqlite_restore(dump: Path, connection: BaseDatabaseWrapper) -> None:
    connection.ensure_connection()
    with closing(sqlite3.connect(dump)) as source:
        # The backup API replaces the target's whole content, pages and schema alike.
        source.backup(connection.connection)


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
