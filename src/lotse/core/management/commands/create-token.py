"""``lotse create-token``: create a personal API token for a user in a commune.

Run by an operator on the server. Only the token is written to stdout, so a script can
capture it; it is shown this once. The token's owner is recorded as the actor in the
audit log."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotse.core.models import Commune, User, active_roles
from lotse.core.services.tokens import create_api_token

DEFAULT_NAME = "Command line"


class Command(BaseCommand):
    help = (
        "Create a personal API token for a user with an active role in a commune and "
        "print it once (only the token, on stdout)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--commune", required=True, help="URL name (slug) of the commune.")
        parser.add_argument("--email", required=True, help="E-mail address of the token's owner.")
        parser.add_argument(
            "--name",
            default=DEFAULT_NAME,
            help=f"Name of the token, to recognise it later (default: {DEFAULT_NAME!r}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        slug: str = options["commune"]
        email: str = options["email"].strip()
        commune = Commune.objects.filter(slug=slug).first()
        if commune is None:
            raise CommandError(f"There is no commune with the URL name {slug!r}.")
        if not commune.is_active:
            raise CommandError(f"The commune {slug!r} is deactivated.")
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"There is no user with the e-mail address {email!r}.")
        if not user.is_active:
            raise CommandError(f"The user {email!r} is deactivated.")
        if not active_roles(user, commune):
            raise CommandError(f"The user {email!r} has no active role in {slug!r}.")
        try:
            _token, clear_text = create_api_token(actor=user, commune=commune, name=options["name"])
        except ValidationError as error:
            raise CommandError(f"--name: {' '.join(error.messages)}") from error
        except PermissionDenied as error:
            raise CommandError(str(error)) from error
        self.stdout.write(clear_text)
