"""The demo catalog is Bergkamen's concept and Dortmund's prevention chain."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from lotse.core.models import Commune
from lotse.offers.ages import LifePhase
from lotse.offers.models import Offer, Schedule
from lotse.offers.selectors import publicly_visible

pytestmark = pytest.mark.django_db


def test_the_demo_catalog_follows_the_seeds_and_is_built_idempotently() -> None:
    call_command("demo", "--allow-production", stdout=StringIO())
    bergkamen = Commune.objects.get(slug="bergkamen")
    dortmund = Commune.objects.get(slug="dortmund")
    count = Offer.all_communes.count()
    offers = Offer.objects.for_commune(bergkamen)

    course = offers.get(name="Elternstartkurs")
    places = {item.location.social_area.slug for item in course.offer_locations.all()}
    assert places == {"mitte", "oberaden", "ruenthe"}
    sessions = Schedule.objects.filter(offer_location__offer=course)
    assert [s.count for s in sessions] == [9, 9, 9]
    assert course.is_free

    cafe = offers.get(name="Offenes Elterncafé")
    assert not cafe.registration_required
    assert cafe.is_free
    assert cafe.offer_locations.get().location.name == "Familientreff im Pestalozzihaus"
    assert (cafe.min_age_months, cafe.max_age_months) == (0, 12)

    midwives = offers.get(name="Familienhebammen")
    assert midwives.accepts_child_born(datetime.date(2025, 5, 2), datetime.date(2026, 5, 2))
    assert not midwives.accepts_child_born(datetime.date(2025, 5, 2), datetime.date(2026, 5, 3))
    assert midwives.accepts_pregnancy_week(8)
    nurse = offers.get(name__startswith="Familien-Gesundheits- und Kinderkrankenpflegerin")
    assert (nurse.max_age_months, nurse.from_pregnancy_week) == (36, 1)
    breakfast = offers.get(name="Elternfrühstück")
    assert breakfast.schedules.get().kind == "every_two_weeks"

    # A mother of a 4-month-old looking for something free without registration.
    today = timezone.localdate()
    found = set(
        publicly_visible(bergkamen, today)
        .accepting_age_months(4)
        .filter(cost_kind="free", registration_required=False)
        .values_list("name", flat=True)
    )
    assert {"Baby-Café", "Offenes Elterncafé"} <= found

    chain = Offer.objects.for_commune(dortmund)
    assert chain.filter(name__startswith="Babylotsin").count() == 4
    assert chain.filter(name__startswith="Familienbüro ").count() == 12
    assert chain.filter(name__startswith="Familiengrundschulzentrum").count() == 4
    social_work = chain.get(name="Kita-Sozialarbeit")
    assert LifePhase.AGE_3_6 in social_work.life_phases
    assert all(
        item.location.latitude is not None
        for offer in chain
        for item in offer.offer_locations.select_related("location")
    )

    call_command("demo", "--allow-production", stdout=StringIO())
    assert Offer.all_communes.count() == count
