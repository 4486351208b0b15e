"""The finder's pages as a family uses them: no login, no cookie, every language."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lotse.offers.finder.models import EmptySearchCount
from lotse.offers.models import Offer, OfferTranslation
from tests.conftest import World
from tests.finder.conftest import MakeOffer

pytestmark = pytest.mark.django_db

START = "/bergkamen/angebote/"


def test_a_mother_of_a_four_month_old_finds_free_offers_without_registration(
    world: World, bergkamen_offers: dict[str, Offer]
) -> None:
    response = Client().get(START, {"age_months": "4", "free": "1", "no_registration": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 Angebote gefunden" in html
    assert "Baby-Café" in html
    assert "Offenes Elterncafé" in html
    assert "Still-Café" not in html  # needs registration
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize(
    "url_name", ["finder:start", "finder:print", "finder:easy_language", "finder:accessibility"]
)
def test_finder_pages_set_no_cookie_at_all(
    world: World, bergkamen_offers: dict[str, Offer], url_name: str
) -> None:
    url = reverse(url_name, kwargs={"commune_slug": "bergkamen"})
    response = Client().get(url, {"q": "Baby", "lang": "tr"})
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers


def test_detail_page_sets_no_cookie_and_links_to_the_problem_report(
    world: World, bergkamen_offers: dict[str, Offer]
) -> None:
    offer = bergkamen_offers["still_cafe"]
    response = Client().get(f"{START}{offer.uuid}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert "Still-Café" in html
    assert "/bergkamen/angebote/barriere-melden/?seite=Still-Caf%C3%A9" in html
    assert "Anmeldung erforderlich" in html


def test_a_logged_in_coordinator_gets_no_new_cookie_either(
    world: World, bergkamen_offers: dict[str, Offer], client_for
) -> None:
    client = client_for("bergkamen", "coordinator")
    response = client.get(START, {"q": "Café"})
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers


def test_detail_of_a_draft_or_another_communes_offer_is_not_found(
    world: World, make_offer: MakeOffer
) -> None:
    draft = make_offer("Entwurf", status="draft")
    dortmund = make_offer("Dortmunder Angebot", commune=world.dortmund)
    assert Client().get(f"{START}{draft.uuid}/").status_code == 404
    assert Client().get(f"{START}{dortmund.uuid}/").status_code == 404
    assert Client().get(f"/dortmund/angebote/{dortmund.uuid}/").status_code == 200


def test_arabic_finder_runs_right_to_left_and_shows_the_translation(
    world: World, bergkamen_offers: dict[str, Offer]
) -> None:
    offer = bergkamen_offers["baby_cafe"]
    OfferTranslation.objects.create(
        offer=offer, language="ar", name="مقهى الأطفال", summary="لقاء للآباء مع الرضع."
    )
    response = Client().get(START, {"lang": "ar", "age_months": "4"})
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "مقهى الأطفال" in html
    # Offers without an Arabic translation keep their German text, marked as German.
    assert 'lang="de" dir="ltr">Offenes Café im Pestalozzihaus' in html
    detail = Client().get(f"{START}{offer.uuid}/", {"lang": "ar"}).content.decode()
    assert "مقهى الأطفال" in detail


def test_the_persian_finder_runs_right_to_left(world: World) -> None:
    html = Client().get(START, {"lang": "fa"}).content.decode()
    assert '<html lang="fa" dir="rtl">' in html


def test_the_search_is_a_shareable_link_without_the_familys_position(
    world: World, bergkamen_offers: dict[str, Offer]
) -> None:
    html = (
        Client()
        .get(START, {"q": "Café", "lat": "51.616", "lon": "7.634", "lang": "en"})
        .content.decode()
    )
    assert 'href="/bergkamen/angebote/?q=Caf%C3%A9&amp;lang=en"' in html
    assert "Sorted by distance from your location" in html


def test_freshness_and_closure_are_shown_on_the_card(world: World, make_offer: MakeOffer) -> None:
    import datetime  # noqa: PLC0415

    make_offer("Spielgruppe", last_confirmed_at=datetime.date(2026, 5, 1))
    make_offer("Krabbelgruppe", temporarily_closed=True, closed_note="Bis zum 1. Dezember.")
    make_offer("Kursreihe", free_places=3)
    html = Client().get(START).content.decode()
    assert "nicht bestätigt" in html
    assert "vorübergehend geschlossen" in html
    assert "Bis zum 1. Dezember." in html
    assert "3 Plätze frei" in html
    assert "zuletzt bestätigt am" in html


def test_a_bad_value_is_named_in_german_and_nothing_is_counted(
    world: World, bergkamen_offers: dict[str, Offer]
) -> None:
    response = Client().get(START, {"age_months": "viele", "birth_date": "2999-01-01"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_age_months_error"' in html
    assert "Das Geburtsdatum liegt in der Zukunft" in html
    assert not EmptySearchCount.objects.for_commune(world.bergkamen).exists()


def test_an_empty_search_is_counted_without_its_words(
    world: World, bergkamen_offers: dict[str, Offer]
) -> None:
    Client().get(START, {"q": "Familie Müller Reitstunde", "social_area": "mitte"})
    row = EmptySearchCount.objects.for_commune(world.bergkamen).get()
    assert row.social_area is not None
    assert row.social_area.slug == "mitte"
    assert row.life_phase == "any"


def test_the_start_page_lists_every_visible_offer_in_pages_of_ten(
    world: World, make_offer: MakeOffer
) -> None:
    for number in range(25):
        make_offer(f"Gruppe {number:02d}")
    first = Client().get(START).content.decode()
    assert "25 Angebote gefunden" in first
    assert "Seite 1 von 3" in first
    last = Client().get(START, {"page": "3"}).content.decode()
    assert "Gruppe 24" in last
    assert "Gruppe 00" not in last
    # A page past the end shows the last one.
    assert "Gruppe 24" in Client().get(START, {"page": "9"}).content.decode()


def test_a_known_street_or_place_sorts_by_distance_from_it(
    world: World, bergkamen_offers: dict[str, Offer]
) -> None:
    html = Client().get(START, {"place": "Hebammenpraxis"}).content.decode()
    assert html.index("Still-Café") < html.index("Baby-Café")
    assert "etwa 0,0 km entfernt" in html
    unknown = Client().get(START, {"place": "Atlantisweg"}).content.decode()
    assert 'id="id_place_error"' in unknown
    assert "Diesen Ort kennen wir nicht" in unknown


def test_query_count_does_not_grow_with_results(
    world: World, make_offer: MakeOffer, django_assert_max_num_queries, mitte
) -> None:
    def load() -> None:
        response = Client().get(START, {"q": "Gruppe", "age_months": "4", "social_area": "mitte"})
        assert response.status_code == 200

    for number in range(2):
        make_offer(f"Gruppe {number}", place="Haus", area=mitte, weekdays="MO", languages=("de",))
    with django_assert_max_num_queries(20) as few:
        load()
    for number in range(2, 20):
        make_offer(f"Gruppe {number}", place="Haus", area=mitte, weekdays="MO", languages=("tr",))
    with django_assert_max_num_queries(len(few.captured_queries)):
        load()


def test_print_view_lists_all_results(world: World, bergkamen_offers: dict[str, Offer]) -> None:
    response = Client().get(reverse("finder:print", kwargs={"commune_slug": "bergkamen"}))
    assert response.status_code == 200
    assert response.content.decode().count('class="offer-card"') == 6


def test_a_cached_page_is_served_again_until_the_catalog_changes(
    world: World, bergkamen_offers: dict[str, Offer]
) -> None:
    first = Client().get(START, {"q": "Baby"})
    again = Client().get(START, {"q": "Baby"})
    assert again["X-Finder-Cache"] == "hit"
    assert again.content == first.content
    offer = bergkamen_offers["baby_cafe"]
    offer.name = "Baby-Treff"
    offer.save()
    changed = Client().get(START, {"q": "Baby"})
    assert "X-Finder-Cache" not in changed
    assert "Baby-Treff" in changed.content.decode()
    # A schedule changes the card but not the words: the page is fresh too.
    link = offer.offer_locations.get()
    link.schedules.update(weekdays="FR")
    link.schedules.get().save()
    assert "Freitag" in Client().get(f"{START}{offer.uuid}/").content.decode()


def test_an_empty_search_served_from_the_cache_is_counted_again(
    world: World, bergkamen_offers: dict[str, Offer]
) -> None:
    for _ in range(3):
        Client().get(START, {"q": "Reitstunde", "age_months": "40"})
    row = EmptySearchCount.objects.for_commune(world.bergkamen).get()
    assert (row.life_phase, row.searches) == ("3-6", 3)


def test_kontakt_wuenschen_links_to_the_contact_request_for_the_offer(
    world: World, bergkamen_offers: dict[str, Offer]
) -> None:
    offer = bergkamen_offers["baby_cafe"]
    contact = reverse("referrals:contact_request", kwargs={"commune_slug": "bergkamen"})
    start = Client().get(START, {"q": "Baby-Café"}).content.decode()
    assert f'href="{contact}"' in start
    assert f'href="{contact}?angebot={offer.uuid}"' in start
    arabic = Client().get(f"{START}{offer.uuid}/", {"lang": "ar"}).content.decode()
    assert f'href="{contact}?angebot={offer.uuid}&amp;lang=ar"' in arabic


def test_neither_the_access_log_nor_djangos_log_holds_the_familys_position(
    world: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import os  # noqa: PLC0415

    from django.core.management import call_command  # noqa: PLC0415

    started: list[list[str]] = []
    monkeypatch.setattr(os, "execv", lambda path, argv: started.append(argv))
    call_command("serve", "--no-collectstatic")
    log_format = started[0][started[0].index("--access-logformat") + 1]
    assert "%(U)s" in log_format  # the path only
    assert "%(r)s" not in log_format
    assert "%(q)s" not in log_format
    assert "%(f)s" not in log_format  # the referrer would carry the previous query
    with caplog.at_level("INFO"):
        Client().get(f"{START}00000000-0000-0000-0000-000000000000/", {"lat": "51.6167"})
    assert "51.6167" not in caplog.text
