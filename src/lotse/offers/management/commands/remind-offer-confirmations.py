"""``lotse remind-offer-confirmations``: send the day's reminders to confirm offers; run it
once a day from cron (the same as the ``remind_offer_confirmations`` task)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from lotse.offers.services.reminders import send_confirmation_reminders
from lotse.offers.tasks import base_url


class Command(BaseCommand):
    help = "Remind providers by e-mail to confirm that their offers are still current."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url",
            default=None,
            help="Start of the links in the e-mails (default: $LOTSE_BASE_URL).",
        )
        parser.add_argument("--date", default=None, help="Act as if today were YYYY-MM-DD.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date must be YYYY-MM-DD: {error}") from error
        sent = send_confirmation_reminders(today=today, base_url=options["base_url"] or base_url())
        self.stdout.write(f"reminders sent: {sent}")
