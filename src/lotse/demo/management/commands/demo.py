"""`lotse demo`: load (or refresh) the demo communes and print their logins."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from lotse.core.permissions import ROLE_CAPABILITIES, Role, requires_two_factor
from lotse.demo import facts
from lotse.demo.builders import DemoLogin, build_demo


def _rows(logins: list[DemoLogin]) -> list[tuple[str, str, str]]:
    rows = [("E-Mail", "Rolle", "Kommune")]
    for login in logins:
        role = str(login.role.label) if login.role else "Betrieb (Superuser)"
        commune = login.commune.name if login.commune else "alle"
        rows.append((login.email, role, commune))
    return rows


class Command(BaseCommand):
    help = "Creates the demo communes Bergkamen and Dortmund with one user per role (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load the demo although DEBUG is off (benchmarks, a public demo instance).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The demo's logins, an operator among them, have a published password.
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "The demo creates accounts with the published password "
                f"{facts.DEMO_PASSWORD!r}, an operator among them; it runs only with "
                "DEBUG=true, or with --allow-production on an instance meant as a demo."
            )
        result = build_demo()
        # The output is for the person who just ran `make run`; Lotse speaks German.
        with translation.override("de"):
            rows = _rows(result.logins)
        # The e-mail addresses start with these role names.
        two_factor_roles = [
            role.value for role in Role if requires_two_factor(ROLE_CAPABILITIES[role.value])
        ]
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        lines = [
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            for row in rows
        ]
        lines.insert(1, "  ".join("-" * width for width in widths))
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo geladen: {len(result.communes)} Kommunen, {len(result.logins)} Konten."
            )
        )
        self.stdout.write(f"Passwort für alle Demo-Konten: {facts.DEMO_PASSWORD}\n")
        self.stdout.write("\n".join(line.rstrip() for line in lines))
        self.stdout.write(
            "\nHinweis: Rollen, die Familiendaten lesen ("
            + ", ".join(two_factor_roles)
            + ") und der Betrieb,\nrichten bei der ersten Anmeldung "
            + "eine Authenticator-App (TOTP) ein."
        )
