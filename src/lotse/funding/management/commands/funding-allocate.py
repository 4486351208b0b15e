"""``lotse funding-allocate --amount EUR --csv FILE``: each youth office's share of the
state's amount, by the largest-remainder method; prints ``youth_office,allocation``."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotse.funding.allocation import AllocationError, allocate, parse_table, shares_csv


class Command(BaseCommand):
    help = (
        "Share an amount among youth offices by their children under 3 in SGB II "
        "(CSV columns youth_office,children_under_3_sgb2); prints youth_office,allocation."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--amount", required=True, help="the state's amount in EUR")
        parser.add_argument("--csv", required=True, type=Path, help="the table of youth offices")
        parser.add_argument(
            "--cents", action="store_true", help="round to cents instead of whole euros"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            amount = Decimal(options["amount"])
        except InvalidOperation:
            raise CommandError(f"--amount: {options['amount']!r} is not a number") from None
        try:
            text = options["csv"].read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"--csv: {error}") from None
        try:
            shares = allocate(amount, parse_table(text), to_cents=options["cents"])
        except AllocationError as error:
            raise CommandError("\n".join(error.errors)) from None
        self.stdout.write(shares_csv(shares, to_cents=options["cents"]), ending="")
