"""``lotse send-funding-reminders``: run daily from cron."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from lotse.funding.services.proofs import send_reminders


class Command(BaseCommand):
    help = "Remind providers of proofs of use due in 4 weeks or 1 week; report overdue ones."

    def handle(self, *args: Any, **options: Any) -> None:
        report = send_reminders()
        self.stdout.write(
            f"4 weeks {report.four_weeks}, 1 week {report.one_week}, overdue {report.overdue}"
        )
