"""``lotse rotate-field-keys``: re-encrypt every encrypted field with the first key.

Put a new key first in ``LOTSE_FIELD_KEYS`` (keep the old ones), run this command, then
remove the old keys. Each model is rotated in one transaction, in batches of rows."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotse.core.fields import models_with_encrypted_fields, rotate_model_keys


class Command(BaseCommand):
    help = "Re-encrypt all encrypted fields with the first key in LOTSE_FIELD_KEYS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check that every value decrypts with one of the keys; write nothing.",
        )
        parser.add_argument(
            "--batch-size", type=int, default=500, help="Rows per batch (default 500)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run: bool = options["dry_run"]
        batch_size: int = options["batch_size"]
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        total = 0
        models_seen = 0
        for model, field_names in models_with_encrypted_fields():
            models_seen += 1
            rows = rotate_model_keys(model, field_names, batch_size=batch_size, dry_run=dry_run)
            total += rows
            verb = "would re-encrypt" if dry_run else "re-encrypted"
            self.stdout.write(f"{model._meta.label}: {verb} {rows} rows ({', '.join(field_names)})")
        if models_seen == 0:
            self.stdout.write("No model has encrypted fields; nothing to do.")
            return
        summary = "Dry run: nothing written" if dry_run else "Done"
        self.stdout.write(self.style.SUCCESS(f"{summary}; {total} rows in {models_seen} models."))
