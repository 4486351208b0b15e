"""``lotse send-referral-digest``: the daily e-mail to the early-help teams (counts only)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lotse.referrals.digest import send_all_digests


class Command(BaseCommand):
    help = "Queue the daily digest of due and overdue referrals for every commune."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url", default="", help="Address of Lotse for the link in the e-mail."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_all_digests(base_url=options["base_url"])
        self.stdout.write(f"queued {sent} digests")
