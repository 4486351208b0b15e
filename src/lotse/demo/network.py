"""Demo data of the network app, built after the communes, their users and organisations.

Dortmund gets the members its network profile counts (seed 003); Bergkamen one
institution of each kind its concept lists (seed 001). Every member gets a delegate (most
a deputy too) and a signed agreement; a few are left with gaps so the overview has to-dos,
and Bergkamen has one admission under way."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from itertools import cycle

from django.utils import timezone

from lotse.core.models import Commune, SocialArea
from lotse.demo import facts as core_facts
from lotse.demo import network_facts as facts
from lotse.demo.builders import DemoResult
from lotse.network.models import (
    Admission,
    AdmissionStatus,
    AgreementStatus,
    CooperationAgreement,
    Delegation,
    DelegationKind,
    InstitutionType,
    Obligation,
    ObligationKind,
    Organisation,
    OrganisationStatus,
    Person,
)
from lotse.network.services.agreements import agreement_text
from lotse.network.services.organisations import network_settings


def build(result: DemoResult) -> None:
    """Create or update the network demo data (idempotent, like the rest of the demo)."""
    for slug, commune in result.communes.items():
        network_settings(commune)
        if slug == "dortmund":
            _dortmund(commune)
        elif slug == "bergkamen":
            _bergkamen(commune)
        _members_with_people(commune)


def _type(commune: Commune, name: str) -> InstitutionType | None:
    if not name:
        return None
    found: InstitutionType | None = (
        InstitutionType.objects.for_commune(commune).filter(name=name).first()
    )
    return found


def _member(commune: Commune, name: str, sector: str, type_name: str, **extra: str) -> Organisation:
    organisation: Organisation
    organisation, _created = Organisation.all_communes.update_or_create(
        commune=commune,
        name=name,
        defaults={
            "sector": sector,
            "institution_type": _type(commune, type_name),
            "status": OrganisationStatus.MEMBER,
            "member_since": facts.MEMBERS_SINCE,
            "member_until": None,
            **extra,
        },
    )
    return organisation


def _dortmund(commune: Commune) -> None:
    areas = list(SocialArea.objects.for_commune(commune))
    _type_core_organisations(commune)
    core = [o for c in core_facts.COMMUNES if c.slug == commune.slug for o in c.organisations]
    existing = Counter(str(o.sector) for o in core)
    used: set[str] = {o.name for o in core}
    for sector, kinds in facts.DORTMUND_KINDS.items():
        names = _names(kinds, areas)
        for index in range(facts.DORTMUND_SECTORS[sector] - existing[sector]):
            label, type_name, area = next(names)
            name = f"{label} {area.name}"
            while name in used:
                name = f"{name} II"
            used.add(name)
            organisation = _member(
                commune,
                name,
                sector,
                type_name,
                city="Dortmund",
                postal_code="44135",
                street=f"{('Hauptstraße', 'Marktweg', 'Parkstraße')[index % 3]} {index + 2}",
            )
            organisation.social_areas.set([area])


def _type_core_organisations(commune: Commune) -> None:
    for name, type_name in facts.CORE_ORGANISATION_TYPES.items():
        Organisation.objects.for_commune(commune).filter(name=name).update(
            institution_type=_type(commune, type_name)
        )


def _names(
    kinds: tuple[tuple[str, str], ...], areas: list[SocialArea]
) -> Iterator[tuple[str, str, SocialArea]]:
    area_cycle = cycle(areas)
    for label, type_name in cycle(kinds):
        yield label, type_name, next(area_cycle)


def _bergkamen(commune: Commune) -> None:
    areas = list(SocialArea.objects.for_commune(commune))
    _type_core_organisations(commune)
    for index, (name, type_name, sector, carrier) in enumerate(facts.BERGKAMEN_INSTITUTIONS):
        organisation = _member(
            commune,
            name,
            sector,
            type_name,
            legal_carrier=carrier,
            city="Bergkamen",
            postal_code="59192",
        )
        organisation.social_areas.set([areas[index % len(areas)]] if areas else [])
    name, type_name = facts.BERGKAMEN_CANDIDATE
    candidate, _created = Organisation.all_communes.update_or_create(
        commune=commune,
        name=name,
        defaults={
            "sector": "child_youth_welfare",
            "institution_type": _type(commune, type_name),
            "status": OrganisationStatus.CANDIDATE,
            "member_since": None,
            "city": "Bergkamen",
            "postal_code": "59192",
            "street": "Overberger Weg 9",
        },
    )
    today = timezone.localdate()
    Admission.all_communes.update_or_create(
        commune=commune,
        organisation=candidate,
        defaults={
            "status": AdmissionStatus.CONSENT_PENDING,
            "applied_on": today - timedelta(days=5),
            "consulted_at": timezone.now() - timedelta(days=4),
            "objection_deadline": today + timedelta(days=10),
            "motivation": "Die Kita möchte ihre Elterncafés mit den Frühen Hilfen verbinden.",
        },
    )


def _members_with_people(commune: Commune) -> None:
    """Delegate and deputy for members, and a signed agreement; every seventh member
    lacks a deputy and every eleventh an obligation, so the overview shows to-dos."""
    # The core demo marks its organisations as members; membership needs its start date.
    Organisation.objects.for_commune(commune).filter(
        status=OrganisationStatus.MEMBER, member_since__isnull=True
    ).update(member_since=facts.MEMBERS_SINCE)
    members = Organisation.objects.for_commune(commune).filter(member_since__isnull=False)
    for index, organisation in enumerate(members.order_by("name")):
        delegate = _person(commune, organisation, index * 2)
        _delegation(commune, organisation, delegate, DelegationKind.DELEGATE)
        if index % 7 != 3:
            deputy = _person(commune, organisation, index * 2 + 1)
            _delegation(commune, organisation, deputy, DelegationKind.DEPUTY)
        _agreement(commune, organisation, complete=index % 11 != 5)


def _person(commune: Commune, organisation: Organisation, number: int) -> Person:
    first = facts.FIRST_NAMES[number % len(facts.FIRST_NAMES)]
    last = facts.LAST_NAMES[(number * 7 + len(organisation.name)) % len(facts.LAST_NAMES)]
    local = f"{first}.{last}".lower().replace("ü", "ue").replace("ß", "ss").replace("ö", "oe")
    person: Person
    person, _created = Person.all_communes.update_or_create(
        commune=commune,
        organisation=organisation,
        name=f"{first} {last}",
        defaults={
            "function": facts.FUNCTIONS[number % len(facts.FUNCTIONS)],
            "email": f"{local}@{commune.slug}-netzwerk.example",
            "has_network_knowledge": True,
        },
    )
    return person


def _delegation(commune: Commune, organisation: Organisation, person: Person, kind: str) -> None:
    Delegation.all_communes.get_or_create(
        commune=commune,
        organisation=organisation,
        kind=kind,
        valid_from=facts.MEMBERS_SINCE,
        defaults={"person": person},
    )


def _agreement(commune: Commune, organisation: Organisation, *, complete: bool) -> None:
    agreement = (
        CooperationAgreement.objects.for_commune(commune).filter(organisation=organisation).first()
    )
    if agreement is None:
        agreement = CooperationAgreement.all_communes.create(
            commune=commune,
            organisation=organisation,
            text=agreement_text(organisation),
            status=AgreementStatus.ACTIVE,
            sent_on=facts.AGREEMENTS_SIGNED_ON - timedelta(days=14),
            partner_signed_on=facts.AGREEMENTS_SIGNED_ON,
            countersigned_on=facts.AGREEMENTS_SIGNED_ON + timedelta(days=3),
        )
    for kind in ObligationKind.values:
        missing = not complete and kind == ObligationKind.CRIMINAL_RECORDS_72A
        Obligation.all_communes.update_or_create(
            commune=commune,
            agreement=agreement,
            kind=kind,
            defaults={"fulfilled_on": None if missing else facts.AGREEMENTS_SIGNED_ON},
        )
