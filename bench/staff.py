"""Staff for the load benchmark, in the database named by ``DATABASE_URL`` (run with the
benchmark server's environment, after ``lotse demo``):

    python bench/staff.py workers --commune dortmund --count 8
    python bench/staff.py referral-body --commune dortmund

``workers`` gives ``--count`` early-help workers of the commune, each with a confirmed
TOTP device (django-otp), and prints them as JSON: e-mail, password and the device's key
(hex), step, t0 and digits, from which the load generator computes the current code. The
first is the demo's own early-help worker (its device is created, or read if it has one);
the others are created. django-otp refuses a code that was used before (each device
remembers its last time step), so every client of the load generator logs in as its own
worker: two clients with one device in the same 30 s would refuse each other.

``referral-body`` prints what a clinic system's ``POST /api/v1/referrals`` needs from the
commune: the current consent text's version and a social area's slug.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from lotse.core.models import Commune, Membership, SocialArea, User  # noqa: E402
from lotse.core.permissions import Role  # noqa: E402
from lotse.referrals.models import ConsentText  # noqa: E402

DEMO_PASSWORD = "lotse-demo"  # noqa: S105 (the public demo login, see README)


def _device(user: User) -> TOTPDevice:
    device: TOTPDevice | None = (
        TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    )
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Benchmark", confirmed=True)
    return device


@transaction.atomic
def workers(commune_slug: str, count: int) -> list[dict[str, Any]]:
    commune = Commune.objects.get(slug=commune_slug)
    users = [User.objects.get(email=f"{Role.EARLY_HELP_WORKER.value}@{commune_slug}.example")]
    for number in range(1, count):
        email = f"bench-worker-{number}@{commune_slug}.example"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email, DEMO_PASSWORD, full_name=f"Fachkraft Last {number}"
            )
            Membership.objects.for_commune(commune).create(
                commune=commune, user=user, role=Role.EARLY_HELP_WORKER.value
            )
        users.append(user)
    accounts = []
    for user in users:
        device = _device(user)
        accounts.append(
            {
                "email": user.email,
                "password": DEMO_PASSWORD,
                "key": device.key,
                "step": device.step,
                "t0": device.t0,
                "digits": device.digits,
            }
        )
    return accounts


def referral_body(commune_slug: str) -> dict[str, Any]:
    commune = Commune.objects.get(slug=commune_slug)
    text = ConsentText.objects.for_commune(commune).get(is_current=True)
    area = SocialArea.objects.for_commune(commune).order_by("pk").first()
    return {"text_version": text.version, "social_area": area.slug if area else None}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("action", choices=["workers", "referral-body"])
    parser.add_argument("--commune", default="dortmund")
    parser.add_argument("--count", type=int, default=1)
    options = parser.parse_args(argv)
    if options.action == "workers":
        print(json.dumps(workers(options.commune, max(1, options.count))))
    else:
        print(json.dumps(referral_body(options.commune)))


if __name__ == "__main__":
    main(sys.argv[1:])
