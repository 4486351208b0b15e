"""The finder's information pages: public, in every language, without any cookie."""

from __future__ import annotations

import time

import pytest
from django.core import signing
from django.test import Client

from lotse.core.models import AuditEvent
from lotse.offers.finder import feedback as feedback_module
from lotse.offers.finder.models import BarrierFeedback
from tests.conftest import World

pytestmark = pytest.mark.django_db

PAGES = ["finder:easy_language", "finder:accessibility", "finder:feedback"]


@pytest.fixture(autouse=True)
def _clear_rate_limit() -> None:
    from django.core.cache import cache  # noqa: PLC0415

    cache.clear()


@pytest.mark.parametrize("name", PAGES)
def test_information_pages_are_public_and_set_no_cookie(world: World, name: str) -> None:
    from django.urls import reverse  # noqa: PLC0415

    response = Client().get(reverse(name, kwargs={"commune_slug": "bergkamen"}))
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    assert '<html lang="de" dir="ltr">' in response.content.decode()


def test_arabic_pages_run_right_to_left_and_keep_the_language_in_links(world: World) -> None:
    response = Client().get("/bergkamen/angebote/barrierefreiheit/?lang=ar")
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert 'href="/bergkamen/angebote/barriere-melden/?lang=ar"' in html
    assert response["Content-Language"] == "ar"
    # The language switch links to the same page in every other language.
    assert 'href="/bergkamen/angebote/barrierefreiheit/?lang=fa"' in html
    assert 'href="/bergkamen/angebote/barrierefreiheit/"' in html


def test_an_unknown_language_falls_back_to_german(world: World) -> None:
    response = Client().get("/bergkamen/angebote/barrierefreiheit/?lang=xx")
    assert '<html lang="de" dir="ltr">' in response.content.decode()


def test_accessibility_statement_names_the_enforcement_body(world: World) -> None:
    html = Client().get("/bergkamen/angebote/barrierefreiheit/").content.decode()
    assert "Erklärung zur Barrierefreiheit" in html
    assert "Ombudsstelle für Barrierefreie Informationstechnik" in html
    assert "/bergkamen/angebote/barriere-melden/" in html


def test_unknown_commune_is_not_found(world: World) -> None:
    assert Client().get("/nirgendwo/angebote/barrierefreiheit/").status_code == 404


def _old_token() -> str:
    """A token issued a minute ago, as if a person had filled in the form."""
    return signing.dumps(int(time.time()) - 60, salt=feedback_module.GUARD.salt)


def test_barrier_report_is_kept_and_mailed_to_the_coordinators(
    world: World, smtp_server, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            "/bergkamen/angebote/barriere-melden/?lang=en",
            {
                "page": "Startseite",
                "description": "Der Filter ist mit der Tastatur nicht erreichbar.",
                "contact_email": "mutter@example.org",
                "website": "",
                "token": _old_token(),
            },
        )
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    feedback = BarrierFeedback.objects.for_commune(world.bergkamen).get()
    assert feedback.contact_email == "mutter@example.org"
    event = AuditEvent.objects.for_commune(world.bergkamen).get(action="finder.barrier_reported")
    assert "mutter@example.org" not in str(event.changes)
    messages = smtp_server.messages
    assert len(messages) == 1
    assert "coordinator@bergkamen.test" in messages[0]["To"]
    assert "Barriere" in messages[0]["Subject"]
    assert "nicht erreichbar" in messages[0].get_payload(decode=True).decode()


def test_barrier_report_with_the_honeypot_filled_is_refused(world: World) -> None:
    response = Client().post(
        "/bergkamen/angebote/barriere-melden/",
        {"description": "Spam", "website": "http://spam.example", "token": _old_token()},
    )
    assert response.status_code == 400
    assert not BarrierFeedback.objects.for_commune(world.bergkamen).exists()


def test_barrier_report_without_a_valid_token_is_refused_in_german(world: World) -> None:
    response = Client().post(
        "/bergkamen/angebote/barriere-melden/", {"description": "Etwas", "token": "forged"}
    )
    assert response.status_code == 400
    assert "Das Formular ist abgelaufen" in response.content.decode()
    assert not BarrierFeedback.objects.for_commune(world.bergkamen).exists()


def test_barrier_report_sent_within_a_second_counts_as_a_bot(world: World) -> None:
    response = Client().post(
        "/bergkamen/angebote/barriere-melden/",
        {"description": "Etwas", "token": feedback_module.issue_token()},
    )
    assert response.status_code == 400
    assert not BarrierFeedback.objects.for_commune(world.bergkamen).exists()


def test_barrier_report_without_a_description_names_the_field(world: World) -> None:
    response = Client().post(
        "/bergkamen/angebote/barriere-melden/", {"description": "", "token": _old_token()}
    )
    assert response.status_code == 400
    assert 'id="id_description_error"' in response.content.decode()


def test_more_than_five_reports_an_hour_from_one_address_are_refused(world: World) -> None:
    client = Client()
    data = {"description": "Etwas", "token": _old_token()}
    statuses = [
        client.post("/bergkamen/angebote/barriere-melden/", data).status_code for _ in range(6)
    ]
    assert statuses == [200] * 5 + [429]
    assert BarrierFeedback.objects.for_commune(world.bergkamen).count() == 5
