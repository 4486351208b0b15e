"""``lotse backup``: write one archive with the database and the uploaded files.

See :mod:`lotse.core.backup` for what the archive holds and why it is consistent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotse.core.backup import (
    VENDOR_NAMES,
    BackupError,
    count_files,
    create_backup,
    default_backup_path,
)


class Command(BaseCommand):
    help = (
        "Write a backup archive (tar.gz) of the database and the uploaded files, with a "
        "manifest and a SHA-256 checksum per file. The field keys are not included."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help=(
                "Where to write the archive (default: "
                "$LOTSE_VAR_DIR/backups/lotse-<UTC time>.tar.gz). An existing file is "
                "never overwritten."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Path() again: call_command() passes keyword options without argparse's type.
        output = Path(options["output"]) if options["output"] else default_backup_path()
        try:
            result = create_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(
                f"The backup failed: {error}. Nothing was written to {output}."
            ) from error
        manifest = result.manifest
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {result.path} ({result.size:,} bytes): the "
                f"{VENDOR_NAMES[manifest.vendor]} database and "
                f"{count_files(manifest.media_files)}."
            )
        )
        self.stdout.write(
            "Encrypted fields are in the archive as stored (encrypted). The keys "
            "(LOTSE_FIELD_KEYS) are NOT in it: back them up separately; without them the "
            "encrypted data cannot be read after a restore."
        )
        self.stdout.write(
            "The archive holds personal data: keep it as protected as the database itself."
        )
