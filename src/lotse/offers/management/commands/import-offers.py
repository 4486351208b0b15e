"""``lotse import-offers --commune SLUG --organisation NAME FILE``: import a filled-in
partner template (CSV or XLSX) as draft offers of one organisation. Every row is checked
first; on any problem the command lists every bad row and imports nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from lotse.core.models import Commune
from lotse.network.models import Organisation
from lotse.offers.hsds.reading import ImportRejected
from lotse.offers.hsds.template import import_template


class Command(BaseCommand):
    help = "Import a filled-in partner template (CSV/XLSX) as draft offers of an organisation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--commune", required=True, help="The commune's URL name (slug).")
        parser.add_argument(
            "--organisation", required=True, help="The provider organisation's exact name."
        )
        parser.add_argument("file", help="The template as .csv or .xlsx.")

    def handle(self, *args: Any, **options: Any) -> None:
        commune = Commune.objects.filter(slug=options["commune"]).first()
        if commune is None:
            raise CommandError(f"There is no commune {options['commune']!r}.")
        provider = (
            Organisation.objects.for_commune(commune).filter(name=options["organisation"]).first()
        )
        if provider is None:
            raise CommandError(f"There is no organisation {options['organisation']!r} there.")
        path = Path(options["file"])
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        try:
            with translation.override(settings.LANGUAGE_CODE):
                created = import_template(
                    actor=None, commune=commune, provider=provider, name=path.name, raw=raw
                )
        except ImportRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"Nothing imported: {len(rejected.problems)} problem(s) in {path}."
            ) from rejected
        self.stdout.write(f"Imported {len(created)} offers as drafts of {provider.name}.")
