"""The `lotse` console script: Django's management commands with Lotse's settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")
    # Imported late so DJANGO_SETTINGS_MODULE is set before Django loads.
    from django.core.management import execute_from_command_line  # noqa: PLC0415

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
