"""``lotse apply-retention``: delete or anonymise closed cases after the commune's
retention period, and cases whose consent was withdrawn; run it daily from cron."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotse.core.models import Commune
from lotse.referrals.services.retention import apply_retention


class Command(BaseCommand):
    help = "Delete or anonymise the referral cases whose retention period has ended."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Run as of this date (YYYY-MM-DD); default today.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as error:
                raise CommandError("--today must be a date like 2027-01-31") from error
        for commune in Commune.objects.all():
            report = apply_retention(commune=commune, today=today)
            self.stdout.write(
                f"{commune.slug}: deleted {report.deleted}, anonymised {report.anonymised}, "
                f"expired idempotency keys {report.expired_keys}"
            )
