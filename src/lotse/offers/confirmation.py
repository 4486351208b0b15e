"""The signed one-click link in reminder e-mails with which a provider confirms an offer.

The link names the offer and the confirmation date it was sent for: once the offer has
been confirmed again, older links no longer work. It is valid for 120 days."""

from __future__ import annotations

import datetime

from django.core import signing
from django.urls import reverse

from lotse.offers.models import Offer

SALT = "lotse.offers.confirm"
MAX_AGE = datetime.timedelta(days=120)


def _state(offer: Offer) -> str:
    return offer.last_confirmed_at.isoformat() if offer.last_confirmed_at else ""


def make_token(offer: Offer) -> str:
    return signing.dumps({"offer": str(offer.uuid), "since": _state(offer)}, salt=SALT)


def offer_uuid_from_token(token: str) -> tuple[str, str] | None:
    """(offer uuid, confirmation state) of a valid token, else None."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("offer"), str):
        return None
    return data["offer"], str(data.get("since", ""))


def token_matches(offer: Offer, since: str) -> bool:
    return _state(offer) == since


def confirmation_url(offer: Offer, base_url: str) -> str:
    path = reverse(
        "offers:offer_confirm_link",
        kwargs={"commune_slug": offer.commune.slug, "token": make_token(offer)},
    )
    return base_url.rstrip("/") + path
