"""``lotse remind-board-terms``: run daily from cron; reminds the coordination three
months before board terms end (each term once)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from lotse.meetings.services.reminders import send_board_term_reminders


class Command(BaseCommand):
    help = "Remind the coordination three months before board terms end."

    def handle(self, *args: Any, **options: Any) -> None:
        count = send_board_term_reminders()
        self.stdout.write(f"reminded of {count} board terms")
