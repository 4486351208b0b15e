"""Referrals made through the intake service, as the pages and the API make them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from lotse.core.models import Commune, SocialArea, User
from lotse.referrals.models import ConsentChannel, ConsentScope, ConsentText, Referral
from lotse.referrals.services.intake import (
    ChildInput,
    ConsentInput,
    FamilyInput,
    create_referral,
)


def consent_text(commune: Commune) -> ConsentText:
    text, _created = ConsentText.all_communes.get_or_create(
        commune=commune,
        version=1,
        defaults={
            "title": "Einwilligung in die Weitergabe an die Frühen Hilfen",
            "purpose": "Kontaktaufnahme durch die Frühen Hilfen",
            "data": "Name, Telefon, Anschrift, Anliegen",
            "recipients": "Fachkraft Frühe Hilfen im Familienbüro",
            "withdrawal": "Formlos beim Familienbüro",
        },
    )
    return text


def refer(
    *,
    actor: User,
    commune: Commune,
    received_at: datetime | None = None,
    name: str = "Familie Sommer",
    phone: str = "02307 555 01 23",
    need: str = "Mutter wünscht Unterstützung nach der Geburt",
    source: str = "birth_clinic",
    birth_date: date | None = None,
    social_area_slug: str = "mitte",
    **extra: Any,
) -> Referral:
    received_at = received_at or timezone.now() - timedelta(hours=1)
    return create_referral(
        actor=actor,
        commune=commune,
        source=source,
        received_at=received_at,
        family=FamilyInput(
            name=name,
            phone=phone,
            address="Musterweg 1, 59192 Bergkamen",
            social_area=SocialArea.objects.for_commune(commune).get(slug=social_area_slug),
            languages=["de", "tr"],
        ),
        children=[ChildInput(first_name="Mia", birth_date=birth_date or received_at.date())],
        need=need,
        consent=ConsentInput(
            text=consent_text(commune),
            given_at=received_at - timedelta(minutes=5),
            scope=[ConsentScope.PASS_TO_EARLY_HELP],
            channel=ConsentChannel.WRITTEN,
            given_by="Anna Sommer",
        ),
        **extra,
    )
