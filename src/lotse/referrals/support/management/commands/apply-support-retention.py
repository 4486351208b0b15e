"""``lotse apply-support-retention``: the daily deletion run of the help for families."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from lotse.referrals.support.services.volunteers import delete_expired_volunteer_checks
from lotse.referrals.support.services.welcome import erase_expired_welcome_visits


class Command(BaseCommand):
    help = (
        "Delete the § 72a entries of volunteers who stopped (at the latest three months "
        "later) and erase welcome-visit personal data after the retention period. Run daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        checks = delete_expired_volunteer_checks()
        visits = erase_expired_welcome_visits()
        self.stdout.write(f"{checks} § 72a entries deleted, {visits} welcome visits erased.")
