"""The public search API: the finder's search as JSON, for a city app to embed."""

from __future__ import annotations

import pytest
from django.test import Client

from lotse.offers.models import Offer, OfferTranslation
from tests.conftest import World
from tests.finder.conftest import MITTE, MakeOffer

pytestmark = pytest.mark.django_db

URL = "/api/v1/communes/bergkamen/offers"


def test_searches_without_a_token_and_sets_no_cookie(
    world: World, bergkamen_offers: dict[str, Offer]
) -> None:
    response = Client().get(URL, {"age_months": "4", "free": "true", "no_registration": "true"})
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    body = response.json()
    assert body["total"] == 3
    assert sorted(card["name"] for card in body["results"]) == [
        "Baby-Café",
        "Familienhebamme",
        "Offenes Elterncafé",
    ]
    card = next(card for card in body["results"] if card["name"] == "Baby-Café")
    assert card["min_age_months"] == 0
    assert card["max_age_months"] == 12
    assert card["free_of_charge"] is True
    assert card["registration_required"] is False
    assert card["languages"] == ["ar", "de"]
    assert card["places"][0]["social_area"] == "mitte"
    assert card["url"] == f"/bergkamen/angebote/{card['uuid']}/"
    assert card["life_phases"] == [
        phase.value for phase in bergkamen_offers["baby_cafe"].life_phases
    ]
    assert card["confirmed"] is True


def test_every_parameter_filters_as_in_the_finder(
    world: World, bergkamen_offers: dict[str, Offer]
) -> None:
    def names(**params: str) -> list[str]:
        return [card["name"] for card in Client().get(URL, params).json()["results"]]

    assert names(q="stillen") == ["Still-Café"]
    assert names(q="Fruehfoerderung") == ["Interdisziplinäre Frühförderung"]
    assert sorted(names(pregnancy_week="30")) == ["Familienhebamme", "Still-Café"]
    assert names(social_area="oberaden")[:2] == ["Elternstartkurs Oberaden", "Still-Café"]
    assert names(category="kurs") == ["Elternstartkurs Oberaden"]
    assert names(language="ar") == ["Baby-Café"]
    assert names(weekday="th") == ["Offenes Elterncafé"]
    assert names(lat=str(MITTE[0]), lon=str(MITTE[1]))[0] == "Baby-Café"
    assert names(language="tr") == []


def test_texts_in_the_requested_language(world: World, bergkamen_offers: dict[str, Offer]) -> None:
    OfferTranslation.objects.create(
        offer=bergkamen_offers["baby_cafe"], language="tr", name="Bebek Kafe", summary="Buluşma."
    )
    body = Client().get(URL, {"q": "Baby-Café", "lang": "tr"}).json()
    assert body["results"][0]["name"] == "Bebek Kafe"
    assert body["results"][0]["url"].endswith("?lang=tr")


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"age_months": "vier"}, "age_months", "ganze Zahl"),
        ({"age_months": "-1"}, "age_months", "größer oder gleich 0"),
        ({"pregnancy_week": "43"}, "pregnancy_week", "kleiner oder gleich 42"),
        ({"social_area": "atlantis"}, "social_area", "gültige Auswahl"),
        ({"category": "reiten"}, "category", "gültige Auswahl"),
        ({"language": "xx"}, "language", "ISO-639-1"),
        ({"free": "vielleicht"}, "free", "true oder false"),
        ({"weekday": "XY"}, "weekday", "gültige Auswahl"),
        ({"lat": "95", "lon": "7"}, "lat", "kleiner oder gleich 90"),
        ({"lat": "51.6"}, "lon", "Breiten- und Längengrad"),
        ({"page": "0"}, "page", "größer oder gleich 1"),
    ],
)
def test_a_bad_value_gets_422_naming_the_parameter_in_german(
    world: World, params: dict[str, str], field: str, message: str
) -> None:
    response = Client().get(URL, params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    errors = response.json()["detail"]
    assert [error["loc"] for error in errors] == [[field]]
    assert message in errors[0]["msg"]


def test_an_unknown_commune_is_a_json_404(world: World) -> None:
    response = Client().get("/api/v1/communes/atlantis/offers")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_query_count_does_not_grow_with_results(
    world: World, make_offer: MakeOffer, django_assert_max_num_queries
) -> None:
    make_offer("Gruppe 0", place="Haus", weekdays="MO", languages=("de",))
    with django_assert_max_num_queries(20) as few:
        Client().get(URL, {"q": "Gruppe"})
    for number in range(1, 15):
        make_offer(f"Gruppe {number}", place="Haus", weekdays="MO", languages=("de",))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert Client().get(URL, {"q": "Gruppe"}).json()["total"] == 15


def test_the_operation_is_documented_in_openapi(world: World) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/communes/{slug}/offers"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"q", "age_months", "pregnancy_week", "social_area", "category", "language"} <= names
    assert {"free", "no_registration", "weekday", "lat", "lon", "page"} <= names
    assert not operation.get("security")
