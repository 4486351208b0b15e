"""``lotse serve``: the production server (gunicorn), with static files from WhiteNoise."""

from __future__ import annotations

import os
import shutil
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


def default_workers() -> int:
    # Gunicorn's rule of thumb for synchronous workers: two per core plus one.
    return int(os.environ.get("LOTSE_WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)


class Command(BaseCommand):
    help = "Serve Lotse with gunicorn (collects static files first)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("LOTSE_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=default_workers())
        parser.add_argument("--timeout", type=int, default=30)
        parser.add_argument(
            "--no-collectstatic", action="store_true", help="Static files are collected already."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or "gunicorn"
        argv = [
            gunicorn,
            "lotse.wsgi:application",
            "--bind",
            options["bind"],
            "--workers",
            str(options["workers"]),
            "--timeout",
            str(options["timeout"]),
            "--access-logfile",
            "-",
            # The path without its query string: the finder's searches (a child's age, a
            # pregnancy week, the family's coordinates) must not end up in the log.
            "--access-logformat",
            '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s',
            "--forwarded-allow-ips",
            os.environ.get("LOTSE_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]
        self.stdout.write(
            f"Lotse serves on http://{options['bind']} with {options['workers']} workers"
        )
        self.stdout.flush()
        # Replaces this process with gunicorn; the arguments are ours.
        os.execv(argv[0], argv)  # noqa: S606  # nosec B606
