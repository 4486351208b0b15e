from __future__ import annotations

from datetime import date

import factory

from lotse.network.models import (
    Delegation,
    DelegationKind,
    Organisation,
    OrganisationStatus,
    Person,
    Sector,
)
from tests.core.factories import CommuneFactory, TenantFactory


class OrganisationFactory(TenantFactory):
    class Meta:
        model = Organisation

    commune = factory.SubFactory(CommuneFactory)
    name = factory.Sequence(lambda n: f"Einrichtung {n}")
    sector = Sector.CHILD_AND_YOUTH_WELFARE
    status = OrganisationStatus.MEMBER
    # Membership is derived from these dates; a "member" has been one for a while.
    member_since = factory.LazyAttribute(
        lambda o: date(2020, 1, 1) if o.status != OrganisationStatus.CANDIDATE else None
    )
    member_until = factory.LazyAttribute(
        lambda o: date(2024, 1, 1) if o.status == OrganisationStatus.FORMER_MEMBER else None
    )
    street = factory.Sequence(lambda n: f"Hauptstraße {n}")
    postal_code = "59192"
    city = "Bergkamen"


class PersonFactory(TenantFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    commune = factory.LazyAttribute(lambda o: o.organisation.commune)
    name = factory.Sequence(lambda n: f"Vera Beispiel {n}")
    function = "Fachberatung"
    email = factory.Sequence(lambda n: f"person{n}@traeger.example")
    has_network_knowledge = True


class DelegationFactory(TenantFactory):
    class Meta:
        model = Delegation

    person = factory.SubFactory(PersonFactory)
    organisation = factory.LazyAttribute(lambda o: o.person.organisation)
    commune = factory.LazyAttribute(lambda o: o.person.organisation.commune)
    kind = DelegationKind.DELEGATE
    valid_from = date(2020, 1, 1)
