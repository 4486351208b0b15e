"""Providers are reminded to confirm their offers, and confirm with one click."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from typing import Any

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from lotse.core.models import AuditEvent
from lotse.core.permissions import Role
from lotse.offers.confirmation import make_token
from lotse.offers.models import Offer, OfferRevision
from lotse.offers.services.reminders import send_confirmation_reminders
from tests.conftest import World
from tests.mail import SmtpServer
from tests.network.factories import OrganisationFactory
from tests.offers.factories import OfferFactory

D = datetime.date
BASE = "https://lotse.example"
Callbacks = Callable[..., Any]


def _remind(today: datetime.date, callbacks: Callbacks) -> int:
    with callbacks(execute=True):
        return send_confirmation_reminders(today=today, base_url=BASE)


def test_three_reminders_before_on_and_after_the_due_date_go_to_the_partner_staff(
    world: World,
    own_offer: Offer,
    smtp_server: SmtpServer,
    django_capture_on_commit_callbacks: Callbacks,
) -> None:
    Offer.all_communes.filter(pk=own_offer.pk).update(last_confirmed_at=D(2026, 1, 31))
    assert _remind(D(2026, 7, 16), django_capture_on_commit_callbacks) == 0
    assert _remind(D(2026, 7, 17), django_capture_on_commit_callbacks) == 1
    assert _remind(D(2026, 7, 18), django_capture_on_commit_callbacks) == 0, "only once"
    assert _remind(D(2026, 7, 31), django_capture_on_commit_callbacks) == 1
    assert _remind(D(2026, 9, 26), django_capture_on_commit_callbacks) == 1
    first, second, third = smtp_server.messages
    assert first["To"] == "partner_staff@bergkamen.test"
    assert first["Subject"].strip() == "Bitte bestätigen Sie Ihr Angebot „Baby-Café“"
    assert "bis zum 31. Juli 2026" in first.get_content()
    assert f"{BASE}/bergkamen/katalog/bestaetigung/" in first.get_content()
    assert second["Subject"].strip() == "Nicht bestätigt: Ihr Angebot „Baby-Café“"
    assert "ab dem 26. September 2026 ausgeblendet" in second.get_content()
    assert third["Subject"].strip() == "Im Angebotsfinder ausgeblendet: Ihr Angebot „Baby-Café“"
    events = AuditEvent.objects.for_commune(world.bergkamen).filter(
        action="offers.confirmation_reminder_sent"
    )
    assert events.count() == 3


def test_without_partner_staff_the_organisations_address_is_reminded(
    world: World, smtp_server: SmtpServer, django_capture_on_commit_callbacks: Callbacks
) -> None:
    provider = OrganisationFactory(commune=world.bergkamen, email="info@traeger.example")
    OfferFactory(commune=world.bergkamen, provider=provider, last_confirmed_at=D(2026, 1, 31))
    _remind(D(2026, 7, 20), django_capture_on_commit_callbacks)
    [message] = smtp_server.messages
    assert message["To"] == "info@traeger.example"


def test_the_one_click_link_confirms_once_and_then_expires(world: World, own_offer: Offer) -> None:
    Offer.all_communes.filter(pk=own_offer.pk).update(last_confirmed_at=D(2026, 1, 31))
    own_offer.refresh_from_db()
    url = f"/bergkamen/katalog/bestaetigung/{make_token(own_offer)}/"
    anonymous = Client()
    page = anonymous.get(url)
    assert "Ja, das Angebot ist noch so wie beschrieben" in page.content.decode()
    own_offer.refresh_from_db()
    assert own_offer.last_confirmed_at == D(2026, 1, 31), "a GET (a mail scanner) confirms nothing"
    done = anonymous.post(url)
    assert "Vielen Dank" in done.content.decode()
    own_offer.refresh_from_db()
    assert own_offer.last_confirmed_at == timezone.localdate()
    revision = OfferRevision.objects.filter(offer=own_offer).first()
    assert revision is not None
    assert revision.actor is None
    again = anonymous.post(url)
    assert "Dieser Link gilt nicht mehr" in again.content.decode()


def test_a_forged_or_foreign_link_is_not_found(world: World, own_offer: Offer) -> None:
    assert Client().get("/bergkamen/katalog/bestaetigung/kaputt/").status_code == 404
    token = make_token(own_offer)
    assert Client().get(f"/dortmund/katalog/bestaetigung/{token}/").status_code == 404


def test_the_command_runs_the_reminders_for_a_given_day(
    world: World,
    own_offer: Offer,
    smtp_server: SmtpServer,
    django_capture_on_commit_callbacks: Callbacks,
) -> None:
    Offer.all_communes.filter(pk=own_offer.pk).update(last_confirmed_at=D(2026, 1, 31))
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "remind-offer-confirmations", "--date", "2026-07-31", "--base-url", BASE, stdout=out
        )
    assert out.getvalue().strip() == "reminders sent: 1"
    assert len(smtp_server.messages) == 1


def test_the_partner_confirms_on_the_offer_page(
    world: World, own_offer: Offer, client_for: Callable[[str, str], Client]
) -> None:
    Offer.all_communes.filter(pk=own_offer.pk).update(last_confirmed_at=D(2026, 1, 31))
    client = client_for("bergkamen", Role.PARTNER_STAFF)
    response = client.post(f"/bergkamen/katalog/{own_offer.uuid}/bestaetigen/", follow=True)
    assert "Vielen Dank: Das Angebot ist als aktuell bestätigt." in response.content.decode()
