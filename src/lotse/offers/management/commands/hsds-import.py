"""``lotse hsds-import --commune SLUG FILE``: import an Open Referral HSDS 3.0 JSON file
into a commune's catalog. Every record is checked first; on any problem the command lists
every one and imports nothing. The import runs in one transaction, so an interrupted run
leaves nothing behind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from lotse.core.models import Commune
from lotse.offers.hsds.importer import import_catalog
from lotse.offers.hsds.reading import ImportRejected, parse_json


class Command(BaseCommand):
    help = "Import an Open Referral HSDS 3.0 JSON file into a commune's offer catalog."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--commune", required=True, help="The commune's URL name (slug).")
        parser.add_argument("file", help="The HSDS JSON file.")

    def handle(self, *args: Any, **options: Any) -> None:
        commune = Commune.objects.filter(slug=options["commune"]).first()
        if commune is None:
            raise CommandError(f"There is no commune {options['commune']!r}.")
        path = Path(options["file"])
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        try:
            # The problems are for the people who keep the catalog: in German.
            with translation.override(settings.LANGUAGE_CODE):
                result = import_catalog(
                    actor=None, commune=commune, document=parse_json(raw), source=path.name
                )
        except ImportRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"Nothing imported: {len(rejected.problems)} problem(s) in {path}."
            ) from rejected
        self.stdout.write(
            f"Imported {result.offers} offers, {result.organisations_created} new "
            f"organisations, {result.locations_created} new locations, "
            f"{result.terms_created} new taxonomy terms; {len(result.reviews)} organisations "
            "wait for a decision in the review queue."
        )
