from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from lotse.offers.models import (
    Location,
    Offer,
    OfferLocation,
    OfferStatus,
    Schedule,
    ScheduleKind,
)
from tests.core.factories import CommuneFactory, TenantFactory
from tests.network.factories import OrganisationFactory


class OfferFactory(TenantFactory):
    class Meta:
        model = Offer

    commune = factory.SubFactory(CommuneFactory)
    provider = factory.SubFactory(OrganisationFactory, commune=factory.SelfAttribute("..commune"))
    name = factory.Sequence(lambda n: f"Angebot {n}")
    description = "Ein Angebot für Familien."
    status = OfferStatus.PUBLISHED
    last_confirmed_at = factory.LazyFunction(timezone.localdate)


class LocationFactory(TenantFactory):
    class Meta:
        model = Location

    commune = factory.SubFactory(CommuneFactory)
    name = factory.Sequence(lambda n: f"Ort {n}")
    street = "Rathausplatz 1"
    postal_code = "59192"
    city = "Bergkamen"
    latitude = 51.6167
    longitude = 7.6339


class OfferLocationFactory(factory.django.DjangoModelFactory[OfferLocation]):
    class Meta:
        model = OfferLocation

    offer = factory.SubFactory(OfferFactory)
    location = factory.SubFactory(LocationFactory, commune=factory.SelfAttribute("..offer.commune"))


class ScheduleFactory(factory.django.DjangoModelFactory[Schedule]):
    class Meta:
        model = Schedule

    offer = factory.SubFactory(OfferFactory)
    kind = ScheduleKind.WEEKLY
    weekdays = "WE"
    opens_at = datetime.time(9, 30)
    closes_at = datetime.time(11, 30)
