"""``lotse end-memberships``: run daily from cron; ends memberships whose written
termination takes effect today or earlier (the organisation becomes a former member)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from lotse.network.services.agreements import end_due_memberships


class Command(BaseCommand):
    help = "End the memberships whose termination has taken effect."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"memberships ended: {end_due_memberships()}")
