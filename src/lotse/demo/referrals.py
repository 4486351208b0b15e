"""Demo data of the referrals app, built after the communes, their users and organisations:
intake settings, a consent text, an example screening sheet and a year of plausible
referrals with fictional families in each commune.

Deterministic and idempotent: every family and referral has a UUID derived from the commune
and its number, so a second run finds them and changes nothing."""

from __future__ import annotations

import random
import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from faker import Faker

from lotse.core.models import Commune, Membership, SocialArea, User
from lotse.core.permissions import Role
from lotse.core.workdays import add_working_days, local_date
from lotse.demo import facts
from lotse.demo import referrals_facts as rf
from lotse.demo.builders import DemoResult, demo_email
from lotse.referrals.models import (
    AsdHandover,
    CaseOutcome,
    Child,
    Consent,
    ConsentChannel,
    ConsentScope,
    ConsentText,
    ContactAttempt,
    ContactChannel,
    ContactOutcome,
    Family,
    IntakeSettings,
    Referral,
    ReferralSource,
    ReferralStatus,
    ReferralStatusChange,
    ScreeningItem,
    ScreeningSheet,
    TriageOutcome,
)

BERLIN = ZoneInfo("Europe/Berlin")
NAMESPACE = uuid.UUID("6f1c2a52-5d0e-4c59-9d51-3b1d6e0a7a10")


def build(result: DemoResult) -> None:
    """Create or update the referrals demo data (idempotent, like the rest of the demo)."""
    for slug, commune in result.communes.items():
        IntakeSettings.all_communes.update_or_create(commune=commune, defaults=rf.INTAKE[slug])
        text = _consent_text(commune)
        _screening_sheet(commune)
        _referrals(commune, text)


def _consent_text(commune: Commune) -> ConsentText:
    text: ConsentText
    text, _created = ConsentText.all_communes.update_or_create(
        commune=commune, version=1, defaults={**rf.CONSENT_TEXT, "is_current": True}
    )
    return text


def _screening_sheet(commune: Commune) -> None:
    sheet, _created = ScreeningSheet.all_communes.update_or_create(
        commune=commune,
        name=rf.SCREENING_SHEET,
        version=1,
        defaults={"threshold": rf.SCREENING_THRESHOLD, "is_active": True},
    )
    for position, (points, text) in enumerate(rf.SCREENING_ITEMS, start=1):
        ScreeningItem.all_communes.update_or_create(
            commune=commune,
            sheet=sheet,
            position=position,
            defaults={"text": text, "points": points},
        )


def _user(commune: Commune, role: Role) -> User:
    return User.objects.get(email=demo_email(role.value, commune.slug))


def _referrals(commune: Commune, text: ConsentText) -> None:
    count = rf.REFERRALS_PER_YEAR[commune.slug]
    randomness = random.Random(f"{facts.FAKER_SEED}/referrals/{commune.slug}")  # noqa: S311  # nosec B311 - demo data
    faker = Faker(facts.FAKER_LOCALE)
    faker.seed_instance(f"{facts.FAKER_SEED}/families/{commune.slug}")
    areas = list(SocialArea.objects.for_commune(commune))
    navigator = _user(commune, Role.NAVIGATOR)
    partner = _user(commune, Role.PARTNER_STAFF)
    worker = _user(commune, Role.EARLY_HELP_WORKER)
    weights = rf.SOURCE_WEIGHTS[commune.slug]
    membership = (
        Membership.objects.for_commune(commune)
        .filter(user=partner, role=Role.PARTNER_STAFF)
        .select_related("organisation")
        .first()
    )
    organisation = membership.organisation if membership else None
    today = local_date(timezone.now())
    for number in range(count):
        # Draw everything first, so each referral's data stays the same from run to run.
        days_ago = int(365 * (count - number) / count)
        source = randomness.choices(list(weights), weights=list(weights.values()))[0]
        hour = randomness.randint(8, 17)
        area = randomness.choice(areas)
        last_name = faker.last_name()
        first_names = (faker.first_name_female(), faker.first_name())
        child_name = faker.first_name()
        street = faker.street_address()
        phone = f"0{randomness.randint(150, 179)} {randomness.randint(1000000, 9999999)}"
        need = randomness.choice(rf.NEEDS)
        languages = randomness.choice([["de"], ["de"], ["de", "tr"], ["ar"], ["uk", "ru"]])
        contact_days = randomness.choice([0, 1, 1, 2, 2, 3, 3, 4, 6])
        if number >= count - 4:
            contact_days = 365  # the newest ones still wait in the queue
        fate = randomness.random()
        referral_uuid = uuid.uuid5(NAMESPACE, f"{commune.slug}/referral/{number}")
        if Referral.all_communes.filter(uuid=referral_uuid).exists():
            continue
        received_at = datetime.combine(today - timedelta(days=days_ago), time(hour), BERLIN)
        family = Family.all_communes.create(
            commune=commune,
            uuid=uuid.uuid5(NAMESPACE, f"{commune.slug}/family/{number}"),
            name=f"Familie {last_name}",
            parents=f"{first_names[0]} {last_name}, {first_names[1]} {last_name}",
            phone=phone,
            address=street,
            social_area=area,
            languages=languages,
        )
        Child.all_communes.create(
            commune=commune,
            family=family,
            first_name=child_name,
            birth_date=received_at.date() - timedelta(days=randomness.randint(1, 60)),
            premature=fate < 0.1,
        )
        referrer = {
            ReferralSource.BIRTH_CLINIC: navigator,
            ReferralSource.PARTNER: partner,
        }.get(source, worker)
        consent = None
        if source != ReferralSource.FAMILY:
            consent = Consent.all_communes.create(
                commune=commune,
                family=family,
                text=text,
                scope=[ConsentScope.PASS_TO_EARLY_HELP],
                given_at=received_at - timedelta(minutes=20),
                channel=ConsentChannel.WRITTEN,
                given_by=first_names[0] + " " + last_name,
                recorded_by=referrer,
            )
        referral = Referral.all_communes.create(
            commune=commune,
            uuid=referral_uuid,
            family=family,
            consent=consent,
            source=source,
            received_at=received_at,
            entered_at=received_at + timedelta(minutes=30),
            entered_by=referrer,
            referring_user=referrer if source != ReferralSource.FAMILY else None,
            referring_organisation=organisation if source == ReferralSource.PARTNER else None,
            need=need,
            contact_due_by=add_working_days(
                commune, received_at, commune.contact_deadline_working_days
            ),
        )
        _history(referral, worker, contact_days, fate)


def _history(referral: Referral, worker: User, contact_days: int, fate: float) -> None:
    """What happened since: a contact, a triage, help and closing, as far as time allows."""
    steps: list[tuple[str, str]] = [(ReferralStatus.RECEIVED, ReferralStatus.CONTACT_DUE)]
    contacted_at = referral.received_at + timedelta(days=contact_days, hours=2)
    if contacted_at < timezone.now():
        ContactAttempt.all_communes.create(
            commune=referral.commune,
            referral=referral,
            at=contacted_at,
            channel=ContactChannel.PHONE,
            outcome=ContactOutcome.REACHED,
            recorded_by=worker,
        )
        referral.first_contact_at = contacted_at
        referral.deadline_met = local_date(contacted_at) <= referral.contact_due_by
        referral.case_worker = worker
        steps.append((ReferralStatus.CONTACT_DUE, ReferralStatus.CONTACTED))
        referral.status = ReferralStatus.CONTACTED
    age = timezone.now() - referral.received_at
    if referral.first_contact_at and age > timedelta(days=14):
        outcome = TriageOutcome.EARLY_HELP
        if fate >= 0.93:
            outcome = TriageOutcome.HANDED_OVER_TO_ASD
        elif fate >= 0.85:
            outcome = TriageOutcome.DECLINED
        elif fate >= 0.7:
            outcome = TriageOutcome.NO_NEED
        referral.triage_outcome = outcome
        referral.triage_reason = "Im Erstgespräch geklärt."
        referral.triaged_at = contacted_at + timedelta(days=3)
        if outcome == TriageOutcome.HANDED_OVER_TO_ASD:
            AsdHandover.all_communes.create(
                commune=referral.commune,
                referral=referral,
                reason="Gewichtige Anhaltspunkte im Hausbesuch (Demo).",
                handed_over_at=referral.triaged_at,
                receiving_person="Bereitschaft ASD (Demo)",
                recorded_by=worker,
            )
        steps.append((ReferralStatus.CONTACTED, ReferralStatus.TRIAGED))
        referral.status = ReferralStatus.TRIAGED
        if outcome == TriageOutcome.EARLY_HELP:
            steps.append((ReferralStatus.TRIAGED, ReferralStatus.HELP_IN_PROGRESS))
            referral.status = ReferralStatus.HELP_IN_PROGRESS
            if age > timedelta(days=120):
                referral.outcome = CaseOutcome.HELP_COMPLETED
        else:
            referral.outcome = outcome
        if referral.outcome:
            referral.outcome_reason = "Demo"
            referral.closed_at = referral.triaged_at + timedelta(
                days=60 if age > timedelta(days=120) else 0
            )
            steps.append((referral.status, ReferralStatus.CLOSED))
            referral.status = ReferralStatus.CLOSED
    referral.save()
    for from_status, to_status in steps:
        ReferralStatusChange.all_communes.create(
            commune=referral.commune,
            referral=referral,
            from_status=from_status,
            to_status=to_status,
            actor=worker,
            at=referral.entered_at,
        )
