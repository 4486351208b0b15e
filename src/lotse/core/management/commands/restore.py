"""``lotse restore``: bring back a backup written by ``lotse backup``.

The archive is verified completely (checksums, manifest) before anything is changed. The
target database must be empty unless ``--force`` is given, and of the same vendor as the
backup's (SQLite or PostgreSQL)."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from lotse.core.backup import (
    VENDOR_NAMES,
    BackupError,
    RestoreResult,
    count_files,
    database_from_url,
    lotse_version,
    restore_backup,
)


class Command(BaseCommand):
    help = (
        "Restore a backup archive written by `lotse backup` into an empty database (or, "
        "with --force, over an existing one) and its uploaded files into the media directory."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="The backup archive (.tar.gz).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the tables of a database that is not empty.",
        )
        parser.add_argument(
            "--database-url",
            default=None,
            help=(
                "Restore into this database (a URL like DATABASE_URL) instead of the "
                "configured one, e.g. to check a backup in a scratch database."
            ),
        )
        parser.add_argument(
            "--media-root",
            type=Path,
            default=None,
            help="Restore the uploaded files here instead of LOTSE_MEDIA_ROOT.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with ExitStack() as stack:
            url: str | None = options["database_url"]
            try:
                connection = (
                    stack.enter_context(database_from_url(url))
                    if url
                    else connections[DEFAULT_DB_ALIAS]
                )
                # Path() again: call_command() passes keyword options without argparse's type.
                result = restore_backup(
                    Path(options["archive"]),
                    connection=connection,
                    media_root=Path(options["media_root"]) if options["media_root"] else None,
                    force=options["force"],
                )
            except BackupError as error:
                raise CommandError(str(error)) from error
            except OSError as error:
                raise CommandError(f"The restore failed: {error}") from error
            except DatabaseError as error:
                raise CommandError(f"The target database cannot be used: {error}") from error
            self._report(result)

    def _report(self, result: RestoreResult) -> None:
        manifest = result.manifest
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the {VENDOR_NAMES[manifest.vendor]} backup of {manifest.created_at} "
                f"(Lotse {manifest.lotse_version}) and {count_files(manifest.media_files)} "
                f"into {result.media_root}."
            )
        )
        state = result.migrations
        self.stdout.write("Migrations applied in the restored database:")
        for app, names in sorted(state.applied.items()):
            self.stdout.write(f"  {app}: {names[-1]} ({len(names)} applied)")
        if state.unknown:
            self.stdout.write(
                self.style.WARNING(
                    f"The backup has migrations this Lotse ({lotse_version()}) does not know: "
                    f"{', '.join(state.unknown)}. Run the Lotse version that wrote it "
                    f"({manifest.lotse_version}) or newer."
                )
            )
        if state.pending:
            self.stdout.write(
                self.style.WARNING(
                    f"This Lotse ({lotse_version()}) is newer than the backup: "
                    f"{len(state.pending)} migrations are not applied yet. Run `lotse migrate`."
                )
            )
        elif not state.unknown:
            self.stdout.write("The database schema matches this Lotse version.")
        self.stdout.write(
            "Encrypted fields need the LOTSE_FIELD_KEYS that were in use when the backup was made."
        )
