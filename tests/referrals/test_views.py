"""The pages: staff and clinic forms with check-your-answers, the public contact form,
the queue, the printable consent form, exports and the digest e-mail."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pypdf
import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lotse.core.models import SocialArea, User
from lotse.core.permissions import Role
from lotse.referrals.digest import send_digest
from lotse.referrals.models import (
    IntakeSettings,
    Referral,
    ReferralSource,
    ScreeningItem,
    ScreeningSheet,
)
from lotse.referrals.views import cases
from lotse.referrals.views.public import issue_token
from tests.conftest import World
from tests.mail import SmtpServer
from tests.referrals.factories import consent_text, refer

Callbacks = Callable[..., object]


def _settings(world: World) -> None:
    IntakeSettings.all_communes.create(
        commune=world.bergkamen,
        asd_phone="02307 965-111",
        police_phone="110",
        team_name="Familienbüro Bergkamen",
        team_phone="02307 965-222",
    )


def _form(world: World, **changes: Any) -> dict[str, Any]:
    consent_text(world.bergkamen)
    now = timezone.localtime()
    data = {
        "source": ReferralSource.PARTNER,
        "received_at": now.strftime("%Y-%m-%dT%H:%M"),
        "family_name": "Familie Formular",
        "phone": "02307 1234",
        "social_area": SocialArea.objects.for_commune(world.bergkamen).get(slug="mitte").pk,
        "languages": ["de"],
        "child1_first_name": "Ben",
        "child1_birth_date": (now.date() - timedelta(days=30)).isoformat(),
        "need": "Sucht Kontakt zu anderen Eltern",
        "consent_given": "on",
        "consent_scope": ["pass_to_early_help"],
        "consent_channel": "written",
        "consent_given_by": "Mutter",
        "consent_given_at": (now - timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M"),
    }
    data.update(changes)
    return data


def test_the_staff_form_starts_with_the_emergency_numbers(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    _settings(world)
    page = client_for("bergkamen", Role.PARTNER_STAFF).get("/bergkamen/zugaenge/melden/")
    text = page.content.decode()
    assert "Nicht für Meldungen einer Kindeswohlgefährdung" in text
    assert "02307 965-111" in text
    assert "110" in text
    assert text.index("02307 965-111") < text.index('name="family_name"')


def test_the_staff_form_shows_the_answers_before_it_sends(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    client = client_for("bergkamen", Role.PARTNER_STAFF)
    url = "/bergkamen/zugaenge/melden/"
    check = client.post(url, _form(world))
    assert check.status_code == 200
    assert "Angaben prüfen" in check.content.decode()
    assert "Familie Formular" in check.content.decode()
    assert not Referral.objects.for_commune(world.bergkamen).exists()
    sent = client.post(url, {**_form(world), "confirm": "1"})
    referral = Referral.objects.for_commune(world.bergkamen).get()
    assert sent["Location"] == reverse("referrals:referral_sent", args=["bergkamen", referral.uuid])
    assert referral.family.name == "Familie Formular"
    assert referral.referring_organisation == world.organisations["bergkamen"]
    confirmation = client.get(sent["Location"]).content.decode()
    assert referral.contact_due_by.strftime("%Y") in confirmation


def test_without_consent_the_form_explains_and_stores_nothing(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    client = client_for("bergkamen", Role.PARTNER_STAFF)
    data = _form(world)
    del data["consent_given"]
    response = client.post("/bergkamen/zugaenge/melden/", {**data, "confirm": "1"})
    assert response.status_code == 200
    assert "Ohne Einwilligung der Familie" in response.content.decode()
    assert not Referral.objects.for_commune(world.bergkamen).exists()


def test_the_clinic_form_keeps_the_screening_result(
    world: World, client_for: Callable[[str, str], Client], navigator: User
) -> None:
    sheet = ScreeningSheet.all_communes.create(
        commune=world.bergkamen, name="Beispielbogen", threshold=2
    )
    ScreeningItem.all_communes.create(
        commune=world.bergkamen, sheet=sheet, position=1, text="Wenig Unterstützung", points=2
    )
    client = client_for("bergkamen", Role.NAVIGATOR)
    data = _form(
        world, source=ReferralSource.BIRTH_CLINIC, screening_items=["1"], child1_premature="on"
    )
    response = client.post("/bergkamen/zugaenge/klinik/", {**data, "confirm": "1"})
    assert response.status_code == 302, response.content.decode()
    referral = Referral.objects.for_commune(world.bergkamen).get()
    assert referral.source == ReferralSource.BIRTH_CLINIC
    assert referral.screening_result.score == 2
    assert referral.family.children.get().premature is True
    mine = client.get("/bergkamen/zugaenge/meine/").content.decode()
    assert "Familie Formular" not in mine, "navigators see the status only"


def test_the_queue_marks_overdue_and_does_not_grow_in_queries(
    world: World,
    client_for: Callable[[str, str], Client],
    navigator: User,
    django_assert_max_num_queries: Any,
) -> None:
    old = refer(
        actor=navigator, commune=world.bergkamen, received_at=timezone.now() - timedelta(days=14)
    )
    for number in range(5):
        refer(actor=navigator, commune=world.bergkamen, name=f"Familie {number}")
    client = client_for("bergkamen", Role.EARLY_HELP_WORKER)
    with django_assert_max_num_queries(12):
        page = client.get("/bergkamen/faelle/")
    text = page.content.decode()
    assert "überfällig" in text
    assert text.index(old.family.name) < text.index("Familie 0"), "earliest due date first"


def test_the_queue_shows_a_page_at_a_time_with_the_same_queries_on_every_page(
    world: World,
    client_for: Callable[[str, str], Client],
    navigator: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cases, "QUEUE_PER_PAGE", 3)
    now = timezone.now()
    for number in range(7):  # received a day apart: family 0 is due first
        refer(
            actor=navigator,
            commune=world.bergkamen,
            name=f"Familie Seite {number}",
            received_at=now - timedelta(days=10 - number),
        )
    client = client_for("bergkamen", Role.EARLY_HELP_WORKER)
    client.get("/bergkamen/faelle/")  # the session's first request loads more
    queries: dict[str, int] = {}
    texts: dict[str, str] = {}
    for page in ("1", "3"):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/bergkamen/faelle/?page={page}")
        assert response.status_code == 200
        queries[page] = len(captured.captured_queries)
        texts[page] = response.content.decode()
    first, last = texts["1"], texts["3"]
    assert [f"Familie Seite {n}" in first for n in range(7)] == [True] * 3 + [False] * 4
    assert [f"Familie Seite {n}" in last for n in range(7)] == [False] * 6 + [True]
    assert "Seite 1 von 3" in first
    assert 'rel="next"' in first
    assert 'rel="prev"' not in first
    assert "Seite 3 von 3" in last
    assert 'rel="prev"' in last
    assert 'rel="next"' not in last
    assert queries["1"] == queries["3"], "three rows cost no more queries than one"
    beyond = client.get("/bergkamen/faelle/?page=99").content.decode()
    assert "Familie Seite 6" in beyond, "a page beyond the end shows the last page"


def test_the_public_contact_form_sets_no_cookie_and_stores_a_request(
    world: World,
) -> None:
    client = Client()
    page = client.get("/bergkamen/kontakt/?lang=tr")
    assert page.status_code == 200
    assert not page.cookies
    assert page["Content-Language"] == "tr"
    token = issue_token()
    with time_machine.travel(time.time() + 10):
        response = client.post(
            "/bergkamen/kontakt/",
            {
                "name": "Olena Koval",
                "phone": "0157 1111",
                "message": "Suche Hebamme",
                "due_date": (timezone.localdate() + timedelta(days=40)).isoformat(),
                "languages": ["uk"],
                "consent": "on",
                "token": token,
            },
        )
    assert response.status_code == 200
    assert not response.cookies
    referral = Referral.objects.for_commune(world.bergkamen).get()
    assert referral.source == ReferralSource.FAMILY
    assert referral.family.languages == ["uk"]


def test_the_public_form_needs_consent_and_ignores_robots(world: World) -> None:
    client = Client()
    token = issue_token()
    base = {
        "name": "X",
        "phone": "1",
        "message": "Hallo",
        "token": token,
        "youngest_birth_date": "2026-01-01",
    }
    with time_machine.travel(time.time() + 10):
        refused = client.post("/bergkamen/kontakt/", base)
        robot = client.post("/bergkamen/kontakt/", {**base, "consent": "on", "website": "spam"})
    assert "Ohne Ihre Zustimmung" in refused.content.decode()
    assert robot.status_code == 200
    assert not Referral.objects.for_commune(world.bergkamen).exists()


def test_the_public_form_refuses_floods(world: World) -> None:
    client = Client()
    for _attempt in range(6):
        response = client.post("/bergkamen/kontakt/", {"name": "X", "token": "x"})
    assert "Zu viele Anfragen" in response.content.decode()


def test_the_consent_form_prints_in_the_familys_language(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    consent_text(world.bergkamen)
    client = client_for("bergkamen", Role.NAVIGATOR)
    response = client.get("/bergkamen/zugaenge/einwilligung/?format=pdf&lang=en")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Consent to pass on data" in text
    german = client.get("/bergkamen/zugaenge/einwilligung/?format=pdf&lang=de")
    text = "".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(german.content)).pages
    )
    assert "Einwilligung" in text
    assert "Kontaktaufnahme durch die Frühen Hilfen" in text


def test_the_art_15_export_holds_everything_and_the_summary_nothing_identifying(
    world: World, client_for: Callable[[str, str], Client], referral: Referral
) -> None:
    client = client_for("bergkamen", Role.EARLY_HELP_WORKER)
    exported = client.get(f"/bergkamen/faelle/{referral.uuid}/auskunft/?format=json")
    data = json.loads(exported.content)
    assert data["family"]["name"] == "Familie Sommer"
    assert data["children"][0]["first_name"] == "Mia"
    assert data["consents"][0]["given_by"] == "Anna Sommer"
    pdf = client.get(f"/bergkamen/faelle/{referral.uuid}/auskunft/")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Familie Sommer" in text
    summary = client.get(f"/bergkamen/faelle/{referral.uuid}/fallberatung/").content.decode()
    for identifying in ("Sommer", "Mia", "Musterweg", "02307"):
        assert identifying not in summary


def test_the_daily_digest_counts_without_personal_data(
    world: World,
    navigator: User,
    smtp_server: SmtpServer,
    django_capture_on_commit_callbacks: Callbacks,
) -> None:
    refer(actor=navigator, commune=world.bergkamen, received_at=timezone.now() - timedelta(days=10))
    refer(actor=navigator, commune=world.bergkamen, name="Familie Neu")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        assert send_digest(commune=world.bergkamen, base_url="https://lotse.example")
    [message] = smtp_server.messages
    assert message["To"] == "early_help_worker@bergkamen.test"
    [body] = smtp_server.bodies()
    assert "Überfällig" in body
    assert "https://lotse.example/bergkamen/faelle/" in body
    for name in ("Sommer", "Familie Neu"):
        assert name not in body
        assert name not in message["Subject"]
