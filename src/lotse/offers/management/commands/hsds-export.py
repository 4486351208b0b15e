"""``lotse hsds-export --commune SLUG [--output FILE]``: the commune's whole catalog as one
Open Referral HSDS 3.0 JSON document (see docs/hsds.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotse.core.models import Commune
from lotse.offers.hsds.export import export_catalog


class Command(BaseCommand):
    help = "Export a commune's offer catalog as Open Referral HSDS 3.0 JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--commune", required=True, help="The commune's URL name (slug).")
        parser.add_argument(
            "--output", default=None, help="File to write (default: standard output)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        commune = Commune.objects.filter(slug=options["commune"]).first()
        if commune is None:
            raise CommandError(f"There is no commune {options['commune']!r}.")
        text = json.dumps(export_catalog(commune), ensure_ascii=False, indent=2) + "\n"
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
