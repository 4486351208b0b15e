"""Builders for the help for families: cases in early help, offers, volunteers,
professionals. They write through the models, like the other apps' factories."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from lotse.core.models import Commune, SocialArea, User
from lotse.network.models import Organisation
from lotse.offers.models import Offer, OfferStatus
from lotse.referrals.models import (
    Child,
    Consent,
    ConsentChannel,
    ConsentScope,
    ConsentText,
    Family,
    Referral,
    ReferralSource,
    ReferralStatus,
    TriageOutcome,
)
from lotse.referrals.support.choices import HealthProfessionalKind
from lotse.referrals.support.models import CriminalRecordCheck, HealthProfessional, Volunteer

ALL_SCOPES = [scope.value for scope in ConsentScope]


@dataclass(frozen=True)
class ChildSpec:
    birth_date: date | None = None
    due_date: date | None = None
    premature: bool = False


def consent_text(commune: Commune) -> ConsentText:
    text, _created = ConsentText.all_communes.get_or_create(
        commune=commune,
        version=1,
        defaults={
            "title": "Einwilligung",
            "purpose": "Frühe Hilfen",
            "data": "Kontaktdaten",
            "recipients": "Team Frühe Hilfen, Partner",
            "withdrawal": "Formlos beim Familienbüro",
        },
    )
    return text


def make_case(
    commune: Commune,
    *,
    children: list[ChildSpec] | None = None,
    name: str = "Familie Sonnenschein",
    social_area: SocialArea | None = None,
    status: str = ReferralStatus.TRIAGED,
    scopes: list[str] | None = None,
    case_worker: User | None = None,
) -> Referral:
    """A case triaged as early help (or in the ``status`` given)."""
    area = social_area or SocialArea.objects.for_commune(commune).get(slug="mitte")
    family = Family.all_communes.create(
        commune=commune,
        name=name,
        parents="Mara und Tom Sonnenschein",
        phone="02307 123456",
        email="sonnenschein@example.org",
        address="Rosenweg 3, 59192 Bergkamen",
        social_area=area,
        languages=["de", "tr"],
    )
    for spec in children if children is not None else [ChildSpec(birth_date=date(2026, 9, 1))]:
        Child.all_communes.create(
            commune=commune,
            family=family,
            first_name="Lina",
            birth_date=spec.birth_date,
            due_date=spec.due_date,
            premature=spec.premature,
            malformation=False,
            syndromic_illness=False,
            other_illness=False,
        )
    consent = Consent.all_communes.create(
        commune=commune,
        family=family,
        text=consent_text(commune),
        scope=ALL_SCOPES if scopes is None else scopes,
        given_at=timezone.now() - timedelta(days=3),
        channel=ConsentChannel.WRITTEN,
        given_by="Mara Sonnenschein",
    )
    referral: Referral = Referral.all_communes.create(
        commune=commune,
        family=family,
        consent=consent,
        source=ReferralSource.BIRTH_CLINIC,
        received_at=timezone.now() - timedelta(days=3),
        need="Unterstützung im Alltag mit dem Baby",
        contact_due_by=timezone.localdate(),
        first_contact_at=timezone.now() - timedelta(days=2),
        deadline_met=True,
        status=status,
        triage_outcome=TriageOutcome.EARLY_HELP,
        triaged_at=timezone.now() - timedelta(days=1),
        case_worker=case_worker,
    )
    return referral


def make_offer(commune: Commune, provider: Organisation, name: str = "Baby-Café") -> Offer:
    offer: Offer = Offer.all_communes.create(
        commune=commune,
        provider=provider,
        name=name,
        description="Offener Elterntreff mit Babys von 0 bis 12 Monaten.",
        status=OfferStatus.PUBLISHED,
        last_confirmed_at=timezone.localdate(),
    )
    return offer


def make_volunteer(
    commune: Commune,
    *,
    name: str = "Helga Brandt",
    languages: list[str] | None = None,
    availability: list[str] | None = None,
    certificate: date | None = None,
    conviction: bool = False,
    started_on: date = date(2024, 1, 1),
    stopped_on: date | None = None,
    areas: list[SocialArea] | None = None,
) -> Volunteer:
    volunteer: Volunteer = Volunteer.all_communes.create(
        commune=commune,
        name=name,
        languages=languages if languages is not None else ["de"],
        availability=availability if availability is not None else ["weekday_mornings"],
        started_on=started_on,
        stopped_on=stopped_on,
    )
    volunteer.social_areas.set(areas or [SocialArea.objects.for_commune(commune).get(slug="mitte")])
    if certificate is not None:
        CriminalRecordCheck.all_communes.create(
            commune=commune,
            volunteer=volunteer,
            issued_on=certificate,
            shows_relevant_conviction=conviction,
        )
    return volunteer


def make_professional(
    commune: Commune,
    user: User,
    *,
    kind: str = HealthProfessionalKind.FAMILY_MIDWIFE,
    capacity: int = 2,
) -> HealthProfessional:
    professional: HealthProfessional = HealthProfessional.all_communes.create(
        commune=commune, user=user, kind=kind, caseload_capacity=capacity
    )
    professional.social_areas.set(SocialArea.objects.for_commune(commune))
    return professional
