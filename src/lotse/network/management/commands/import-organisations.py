"""``lotse import-organisations <commune> <file> --actor <e-mail>``: import partner
organisations from a CSV or XLSX file, all or nothing, in one transaction (a process
killed midway leaves nothing behind)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotse.core.models import Commune, User
from lotse.network.services.transfer import ImportRefused, import_organisations


class Command(BaseCommand):
    help = "Import organisations from a CSV or XLSX file; nothing is imported if a row is bad."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("commune", help="the commune's URL name (slug)")
        parser.add_argument("file", type=Path, help="a .csv or .xlsx file")
        parser.add_argument(
            "--actor",
            required=True,
            help="e-mail address of the coordinator the import is recorded for",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        commune = Commune.objects.filter(slug=options["commune"]).first()
        if commune is None:
            raise CommandError(f"no commune {options['commune']!r}")
        actor = User.objects.filter(email__iexact=options["actor"]).first()
        if actor is None:
            raise CommandError(f"no user {options['actor']!r}")
        path: Path = options["file"]
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error}") from None
        try:
            created = import_organisations(
                actor=actor, commune=commune, content=content, filename=path.name
            )
        except PermissionDenied:
            raise CommandError(f"{actor.email} may not manage the network of {commune}") from None
        except ImportRefused as refused:
            for row_error in refused.errors:
                for message in row_error.messages:
                    self.stderr.write(f"row {row_error.row}: {message}")
            raise CommandError(f"{len(refused.errors)} bad rows; nothing imported") from None
        self.stdout.write(f"imported {len(created)} organisations into {commune.slug}")
