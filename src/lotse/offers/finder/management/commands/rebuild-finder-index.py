"""Rebuild the finder's search documents of every offer (after an upgrade that changes
the word normalisation, or a bulk load that bypassed the signals)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from lotse.core.models import Commune
from lotse.offers.finder import index


class Command(BaseCommand):
    help = "Rebuild the finder's search documents of every offer."

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        for commune in Commune.objects.order_by("slug"):
            total += index.refresh_commune(commune)
        self.stdout.write(f"{total}")
