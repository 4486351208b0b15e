"""The participation indicators against a hand-computed fixture.

Bergkamen, 2026: offers A (category "Eltern-Kind-Gruppe", area Mitte) and B (no
category, no area); feedback on A: ratings 5 (yes, March, Mitte), 4 (unsure, March, Mitte),
2 (no, May, no area); on B: 3 (yes, May, no area); one answer on A in 2025 and one in
Dortmund that must not count. Contact feedback: 5/yes/three_days (Mitte), 3/partly/week,
1/no/week. Surveys: two responses in Mitte and one without an area in 2026, one in 2025.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from lotse.core.models import SocialArea
from lotse.offers.models import Offer, TaxonomyTerm
from lotse.reports.indicators import BY_KEY, Scope
from lotse.reports.participation.models import (
    Audience,
    Feedback,
    Survey,
    SurveyResponse,
    SurveyStatus,
)
from tests.conftest import World
from tests.core.factories import SocialAreaFactory
from tests.offers.factories import OfferFactory


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(datetime.datetime(2026, 11, 1, 12, tzinfo=datetime.UTC)):
        yield


def _feedback(world: World, day: str, rating: int, recommend: str, **extra: Any) -> None:
    Feedback.all_communes.create(
        commune=extra.pop("commune", world.bergkamen),
        subject=extra.pop("subject", "offer"),
        submitted_on=datetime.date.fromisoformat(day),
        rating=rating,
        felt_welcome="yes",
        would_recommend=recommend,
        heard_from="finder",
        language="de",
        **extra,
    )


@pytest.fixture
def fixture(world: World) -> dict[str, Any]:
    mitte = SocialArea.objects.for_commune(world.bergkamen).get(slug="mitte")
    SocialAreaFactory(commune=world.bergkamen, name="Weddinghofen", slug="weddinghofen")
    category = TaxonomyTerm.all_communes.create(
        commune=world.bergkamen, code="eltern-kind", name="Eltern-Kind-Gruppe"
    )
    a: Offer = OfferFactory(
        commune=world.bergkamen, name="A", provider=world.organisations["bergkamen"]
    )
    a.categories.add(category)
    b: Offer = OfferFactory(
        commune=world.bergkamen, name="B", provider=world.organisations["bergkamen"]
    )
    _feedback(world, "2026-03-03", 5, "yes", offer=a, social_area=mitte)
    _feedback(world, "2026-03-20", 4, "unsure", offer=a, social_area=mitte)
    _feedback(world, "2026-05-02", 2, "no", offer=a)
    _feedback(world, "2026-05-09", 3, "yes", offer=b)
    _feedback(world, "2025-12-31", 1, "no", offer=a)
    dortmund_offer = OfferFactory(commune=world.dortmund, provider=world.organisations["dortmund"])
    _feedback(world, "2026-03-03", 1, "no", offer=dortmund_offer, commune=world.dortmund)
    for rating, helped, speed, area in (
        (5, "yes", "three_days", mitte),
        (3, "partly", "week", None),
        (1, "no", "week", None),
    ):
        _feedback(
            world,
            "2026-04-01",
            rating,
            "yes",
            subject="contact",
            helped=helped,
            contact_speed=speed,
            social_area=area,
        )
    survey = Survey.all_communes.create(
        commune=world.bergkamen,
        title="Bedarfe",
        audience=Audience.FAMILIES,
        status=SurveyStatus.CLOSED,
        opens_on=datetime.date(2026, 2, 1),
        closes_on=datetime.date(2026, 2, 28),
    )
    for day, area in (
        ("2026-02-02", mitte),
        ("2026-02-03", mitte),
        ("2026-02-04", None),
        ("2025-02-04", mitte),
    ):
        SurveyResponse.all_communes.create(
            commune=world.bergkamen,
            survey=survey,
            social_area=area,
            language="de",
            submitted_on=datetime.date.fromisoformat(day),
        )
    return {"mitte": mitte, "a": a, "b": b, "survey": survey}


def test_the_average_rating_of_offers_by_category(world: World, fixture: dict[str, Any]) -> None:
    indicator = BY_KEY["participation.offer_rating"]
    result = indicator.compute(Scope(world.bergkamen, 2026))
    assert result.value == Decimal("3.50")  # (5 + 4 + 2 + 3) / 4
    assert (result.numerator, result.denominator) == (14, 4)
    assert [(f.key, f.value, f.denominator) for f in result.breakdown] == [
        ("eltern-kind", Decimal("3.67"), 3)  # (5 + 4 + 2) / 3; B has no category
    ]
    in_mitte = indicator.compute(Scope(world.bergkamen, 2026, fixture["mitte"]))
    assert in_mitte.value == Decimal("4.50")
    assert indicator.compute(Scope(world.bergkamen, 2024)).value is None
    table = indicator.drilldown(Scope(world.bergkamen, 2026), None)  # type: ignore[misc]
    assert [list(row) for row in table.rows] == [
        ["A", 3, Decimal("3.67"), 1 / 3],
        ["B", 1, Decimal("3.00"), 1.0],
    ]
    assert table.links[0].endswith(f"/katalog/{fixture['a'].uuid}/")
    only_category = indicator.drilldown(Scope(world.bergkamen, 2026), "eltern-kind")  # type: ignore[misc]
    assert [row[0] for row in only_category.rows] == ["A"]


def test_the_share_who_would_recommend_by_month(world: World, fixture: dict[str, Any]) -> None:
    indicator = BY_KEY["participation.offer_recommend"]
    result = indicator.compute(Scope(world.bergkamen, 2026))
    assert result.value == Decimal(2) / Decimal(4)
    by_month = {f.key: (f.value, f.numerator, f.denominator) for f in result.breakdown}
    assert by_month["2026-03"] == (Decimal("0.5"), 1, 2)
    assert by_month["2026-05"] == (Decimal("0.5"), 1, 2)
    assert by_month["2026-01"] == (None, 0, 0)
    assert len(result.breakdown) == 12
    march = indicator.drilldown(Scope(world.bergkamen, 2026), "2026-03")  # type: ignore[misc]
    assert [list(row) for row in march.rows] == [["A", 2, 0.5]]


def test_the_share_the_contact_helped_by_speed(world: World, fixture: dict[str, Any]) -> None:
    indicator = BY_KEY["participation.contact_helped"]
    result = indicator.compute(Scope(world.bergkamen, 2026))
    assert result.value == 1 / 3
    assert (result.numerator, result.denominator) == (1, 3)
    by_speed = {f.key: (f.value, f.numerator, f.denominator) for f in result.breakdown}
    assert by_speed["three_days"] == (Decimal(1), 1, 1)
    assert by_speed["week"] == (Decimal(0), 0, 2)
    assert by_speed["not_yet"] == (None, 0, 0)
    table = indicator.drilldown(Scope(world.bergkamen, 2026), None)  # type: ignore[misc]
    assert list(table.rows[3]) == ["April", 3, 1, 1, 1, Decimal("3.00")]
    assert indicator.compute(Scope(world.bergkamen, 2026, fixture["mitte"])).value == 1.0


def test_survey_responses_by_social_area(world: World, fixture: dict[str, Any]) -> None:
    indicator = BY_KEY["participation.survey_responses"]
    result = indicator.compute(Scope(world.bergkamen, 2026))
    assert result.value == 3
    assert [(f.key, f.value) for f in result.breakdown] == [
        ("mitte", 2),
        ("weddinghofen", 0),
        ("none", 1),
    ]
    assert indicator.compute(Scope(world.bergkamen, 2026, fixture["mitte"])).value == 2
    table = indicator.drilldown(Scope(world.bergkamen, 2026), None)  # type: ignore[misc]
    assert [list(row) for row in table.rows] == [["Bedarfe", "Familien", 3, 0]]
    assert str(fixture["survey"].uuid) in (table.links[0] or "")


def test_every_participation_indicator_has_a_definition_and_runs_in_a_fixed_number_of_queries(
    world: World, fixture: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    for key in (
        "participation.offer_rating",
        "participation.offer_recommend",
        "participation.contact_helped",
        "participation.survey_responses",
    ):
        indicator = BY_KEY[key]
        assert len(str(indicator.definition)) > 40
        with django_assert_max_num_queries(4):
            indicator.compute(Scope(world.bergkamen, 2026))
