"""Staff pages speak German or English; the families' languages are for the public pages."""

from __future__ import annotations

from django.test import Client

from tests.conftest import World


def test_a_browser_asking_for_arabic_gets_the_staff_pages_in_german(world: World) -> None:
    response = Client().get("/login/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    assert '<html lang="de" dir="ltr">' in response.content.decode()


def test_a_browser_asking_for_english_gets_the_staff_pages_in_english(world: World) -> None:
    response = Client().get("/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en"' in response.content.decode()


def test_the_staff_language_switch_offers_german_and_english_only(world: World) -> None:
    page = Client().get("/login/").content.decode()
    assert 'value="de"' in page
    assert 'value="en"' in page
    assert 'value="ar"' not in page
