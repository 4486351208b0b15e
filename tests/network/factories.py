from __future__ import annotations

import factory

from lotse.network.models import Organisation, OrganisationStatus, Sector
from tests.core.factories import CommuneFactory, TenantFactory


class OrganisationFactory(TenantFactory):
    class Meta:
        model = Organisation

    commune = factory.SubFactory(CommuneFactory)
    name = factory.Sequence(lambda n: f"Einrichtung {n}")
    sector = Sector.CHILD_AND_YOUTH_WELFARE
    status = OrganisationStatus.MEMBER
    street = factory.Sequence(lambda n: f"Hauptstraße {n}")
    postal_code = "59192"
    city = "Bergkamen"
