"""``lotse send-outbox``: deliver due e-mails; run it from cron every few minutes, so
retries happen even when no task worker runs."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from lotse.core.outbox import deliver_due


class Command(BaseCommand):
    help = "Send the e-mails in the outbox that are due (with retries after failures)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = deliver_due()
        self.stdout.write(
            f"sent {report.sent}, to retry {report.retried}, failed for good {report.failed}"
        )
