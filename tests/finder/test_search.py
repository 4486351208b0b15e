"""The finder's search rules: words, umlauts, ages, pregnancy, filters and order of fit."""

from __future__ import annotations

import datetime

import pytest

from lotse.core.models import SocialArea
from lotse.offers.finder.models import EmptySearchCount, SearchDocument
from lotse.offers.finder.search import Filters, matching, search
from lotse.offers.finder.text import document, query_terms
from lotse.offers.models import Offer, TaxonomyTerm
from tests.conftest import World
from tests.finder.conftest import MITTE, OBERADEN, TODAY, MakeOffer, category

pytestmark = pytest.mark.django_db


def names(world: World, filters: Filters, today: datetime.date = TODAY) -> list[str]:
    return [offer.name for offer in matching(world.bergkamen, filters, today)]


# Words


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("Fruehfoerderung", "Frühförderung"),
        ("Frühförderung", "Fruehfoerderung"),
        ("stillen", "Still-Café"),
        ("Stillcafe", "Still-Café"),
        ("Babys", "Baby-Café"),
        ("Hebamme", "Familienhebamme"),
        ("Kurs", "Elternstartkurse"),
        ("STRASSE", "Straße"),
        ("Café", "Elterncafe"),
    ],
)
def test_a_query_word_finds_its_german_forms(query: str, text: str) -> None:
    doc = document(text)
    assert all(term.matches(doc) for term in query_terms(query))


@pytest.mark.parametrize(("query", "text"), [("Kurs", "Kita"), ("Hebamme", "Kinderarzt")])
def test_a_query_word_does_not_find_other_words(query: str, text: str) -> None:
    doc = document(text)
    assert not all(term.matches(doc) for term in query_terms(query))


def test_stop_words_do_not_count() -> None:
    assert [term.patterns[0] for term in query_terms("Café für Eltern und Babys")] == [
        "caf",
        "elt",
        "babys",
    ]


def test_umlauts_and_word_forms_find_the_offers(
    world: World, bergkamen_offers: dict[str, Offer]
) -> None:
    assert names(world, Filters(query="Fruehfoerderung")) == ["Interdisziplinäre Frühförderung"]
    assert names(world, Filters(query="stillen")) == ["Still-Café"]
    assert names(world, Filters(query="Elterncafe")) == ["Offenes Elterncafé"]


def test_every_word_of_the_query_must_fit(world: World, bergkamen_offers: dict[str, Offer]) -> None:
    assert names(world, Filters(query="Café Oberaden")) == ["Still-Café"]


def test_a_word_in_the_name_ranks_before_a_word_in_the_text(
    world: World, bergkamen_offers: dict[str, Offer]
) -> None:
    # "Baby" is the name of the Baby-Café but only in the Elterncafé's summary.
    found = names(world, Filters(query="Baby"))
    assert found[0] == "Baby-Café"
    assert "Offenes Elterncafé" in found


def test_a_changed_name_is_found_at_once(world: World, bergkamen_offers: dict[str, Offer]) -> None:
    offer = bergkamen_offers["baby_cafe"]
    offer.name = "Krabbelgruppe"
    offer.description = "Spielen und Krabbeln."
    offer.save()
    assert names(world, Filters(query="Krabbelgruppe")) == ["Krabbelgruppe"]
    document = SearchDocument.objects.for_commune(world.bergkamen).get(offer=offer)
    assert " krabbelgrupp " in document.title
    assert "baby" not in document.title


def test_a_category_added_later_is_searchable(
    world: World, bergkamen_offers: dict[str, Offer]
) -> None:
    term = TaxonomyTerm.objects.for_commune(world.bergkamen).create(
        commune=world.bergkamen, code="erziehungsberatung", name="Erziehungsberatung"
    )
    bergkamen_offers["baby_cafe"].categories.add(term)
    assert names(world, Filters(query="Erziehungsberatung")) == ["Baby-Café"]
    term.name = "Elternberatung"
    term.save()
    assert names(world, Filters(query="Elternberatung")) == ["Baby-Café"]


# Age and pregnancy


def test_the_first_birthday_is_the_last_day_of_an_offer_up_to_twelve_months(
    world: World, bergkamen_offers: dict[str, Offer]
) -> None:
    assert "Baby-Café" in names(world, Filters(age_months=12))
    assert "Baby-Café" not in names(world, Filters(age_months=13))


def test_an_offer_from_six_months_does_not_take_younger_children(
    world: World, make_offer: MakeOffer
) -> None:
    make_offer("Krabbelgruppe", min_age_months=6, max_age_months=18)
    assert names(world, Filters(age_months=5)) == []
    assert names(world, Filters(age_months=6)) == ["Krabbelgruppe"]
    assert names(world, Filters(age_months=18)) == ["Krabbelgruppe"]


def test_a_pregnancy_only_offer_is_not_shown_for_a_born_child(
    world: World, make_offer: MakeOffer
) -> None:
    make_offer("Geburtsvorbereitung", from_pregnancy_week=20)
    assert names(world, Filters(age_months=0)) == []
    assert names(world, Filters(pregnancy_week=19)) == []
    assert names(world, Filters(pregnancy_week=20)) == ["Geburtsvorbereitung"]


def test_pregnancy_finds_the_family_midwife_and_the_still_cafe(
    world: World, bergkamen_offers: dict[str, Offer]
) -> None:
    assert sorted(names(world, Filters(pregnancy_week=30))) == ["Familienhebamme", "Still-Café"]


def test_the_offer_made_for_the_age_comes_before_one_for_all_ages(
    world: World, make_offer: MakeOffer
) -> None:
    make_offer("Erziehungsberatung")
    make_offer("Krabbelgruppe", min_age_months=6, max_age_months=18)
    assert names(world, Filters(age_months=8)) == ["Krabbelgruppe", "Erziehungsberatung"]


# Other filters


def test_free_without_registration_for_a_four_month_old(
    world: World, bergkamen_offers: dict[str, Offer]
) -> None:
    found = names(world, Filters(age_months=4, free=True, no_registration=True))
    assert sorted(found) == ["Baby-Café", "Familienhebamme", "Offenes Elterncafé"]


def test_social_area_shows_its_offers_first_then_those_for_the_whole_commune(
    world: World, bergkamen_offers: dict[str, Offer], oberaden: SocialArea
) -> None:
    found = names(world, Filters(social_area=oberaden))
    assert found == [
        "Elternstartkurs Oberaden",
        "Still-Café",
        "Familienhebamme",
        "Interdisziplinäre Frühförderung",
    ]


def test_category_language_weekday_and_accessibility(
    world: World, bergkamen_offers: dict[str, Offer]
) -> None:
    cafe = category(world.bergkamen, "cafe-treffpunkt")
    assert sorted(names(world, Filters(category=cafe))) == [
        "Baby-Café",
        "Offenes Elterncafé",
        "Still-Café",
    ]
    assert names(world, Filters(language="ar")) == ["Baby-Café"]
    # An offer without a language listed is held in German.
    assert len(names(world, Filters(language="de"))) == 6
    assert names(world, Filters(weekday="TH")) == ["Offenes Elterncafé"]
    assert names(world, Filters(accessibility="step_free")) == ["Offenes Elterncafé"]


def test_nearest_first_and_offers_without_a_place_last(
    world: World, bergkamen_offers: dict[str, Offer]
) -> None:
    near_oberaden = names(world, Filters(latitude=OBERADEN[0], longitude=OBERADEN[1]))
    assert near_oberaden[:2] == ["Elternstartkurs Oberaden", "Still-Café"]
    assert near_oberaden[-2:] == ["Familienhebamme", "Interdisziplinäre Frühförderung"]
    near_mitte = names(world, Filters(latitude=MITTE[0], longitude=MITTE[1]))
    assert near_mitte[:2] == ["Baby-Café", "Offenes Elterncafé"]


def test_distance_is_shown_in_kilometres(world: World, bergkamen_offers: dict[str, Offer]) -> None:
    result = search(world.bergkamen, Filters(latitude=MITTE[0], longitude=MITTE[1]), TODAY)
    assert result.offers[0].distance_km == pytest.approx(0.0, abs=0.01)  # type: ignore[attr-defined]
    assert 5.0 < result.offers[2].distance_km < 6.0  # type: ignore[attr-defined]


def test_temporarily_closed_offers_come_last(world: World, make_offer: MakeOffer) -> None:
    make_offer("A-Gruppe", temporarily_closed=True)
    make_offer("B-Gruppe")
    assert names(world, Filters()) == ["B-Gruppe", "A-Gruppe"]


# Visibility


def test_only_published_offers_of_this_commune_inside_their_window(
    world: World, make_offer: MakeOffer
) -> None:
    make_offer("Entwurf", status="draft")
    make_offer("Später", publish_from=TODAY + datetime.timedelta(days=1))
    make_offer("Vorbei", publish_until=TODAY - datetime.timedelta(days=1))
    make_offer("Dortmunder Angebot", commune=world.dortmund)
    make_offer("Sichtbar")
    assert names(world, Filters()) == ["Sichtbar"]


def test_an_offer_long_unconfirmed_is_hidden(world: World, make_offer: MakeOffer) -> None:
    make_offer("Vergessen", last_confirmed_at=TODAY - datetime.timedelta(days=365))
    make_offer("Überfällig", last_confirmed_at=TODAY - datetime.timedelta(days=200))
    assert names(world, Filters()) == ["Überfällig"]


# Statistics of empty searches


def test_a_search_that_finds_nothing_is_counted_by_area_and_life_phase_only(
    world: World, bergkamen_offers: dict[str, Offer], mitte: SocialArea
) -> None:
    for _ in range(2):
        search(
            world.bergkamen, Filters(query="Schwimmkurs", age_months=30, social_area=mitte), TODAY
        )
    search(world.bergkamen, Filters(query="Reiten", pregnancy_week=12), TODAY)
    counts = {
        (row.social_area_id, row.life_phase): row.searches
        for row in EmptySearchCount.objects.for_commune(world.bergkamen)
    }
    assert counts == {(mitte.pk, "1-3"): 2, (None, "pregnancy"): 1}
    fields = {f.name for f in EmptySearchCount._meta.get_fields()}
    assert fields == {"id", "commune", "day", "social_area", "life_phase", "searches"}


def test_a_search_with_results_or_without_filters_is_not_counted(
    world: World, bergkamen_offers: dict[str, Offer]
) -> None:
    search(world.bergkamen, Filters(query="Baby"), TODAY)
    search(world.dortmund, Filters(), TODAY)
    assert not EmptySearchCount.objects.for_commune(world.bergkamen).exists()
    assert not EmptySearchCount.objects.for_commune(world.dortmund).exists()


def test_empty_searches_are_summed_per_area_and_life_phase_for_the_gap_analysis(
    world: World, bergkamen_offers: dict[str, Offer], mitte: SocialArea
) -> None:
    from lotse.offers.finder.selectors import empty_searches  # noqa: PLC0415

    search(world.bergkamen, Filters(query="Reiten", age_months=50, social_area=mitte), TODAY)
    search(
        world.bergkamen,
        Filters(query="Reiten", age_months=50, social_area=mitte),
        TODAY - datetime.timedelta(days=1),
    )
    search(world.dortmund, Filters(query="Reiten"), TODAY)
    week = (TODAY - datetime.timedelta(days=7), TODAY)
    assert empty_searches(world.bergkamen, *week) == {(mitte.pk, "3-6"): 2}
    assert empty_searches(world.bergkamen, TODAY, TODAY) == {(mitte.pk, "3-6"): 1}
