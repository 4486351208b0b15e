"""Handouts: the feedback link and its QR code, for partner staff's own offers, for the
coordination office and, for the contact form, for early-help workers."""

from __future__ import annotations

import io

import pypdf
from django.conf import settings
from django.test import Client
from django.urls import reverse

from lotse.core.permissions import Role
from lotse.offers.models import Offer
from lotse.reports.participation.handouts import qr_svg
from tests.conftest import World, log_in
from tests.network.factories import OrganisationFactory
from tests.offers.factories import OfferFactory


def handout_url(offer: Offer, pdf: bool = False) -> str:
    name = "participation:offer_handout_pdf" if pdf else "participation:offer_handout"
    return reverse(name, kwargs={"commune_slug": "bergkamen", "uuid": offer.uuid})


def feedback_link(offer: Offer) -> str:
    path = reverse(
        "participation:offer_feedback",
        kwargs={"commune_slug": "bergkamen", "offer_uuid": offer.uuid},
    )
    return f"{settings.BASE_URL}{path}"


def test_partner_staff_print_the_handout_of_their_own_offer_with_its_exact_qr_code(
    world: World, offers: dict[str, Offer]
) -> None:
    offer = offers["bergkamen"]
    client = log_in(Client(), world.user("bergkamen", Role.PARTNER_STAFF))
    response = client.get(handout_url(offer))
    page = response.content.decode()
    assert response.status_code == 200
    assert feedback_link(offer) in page
    # The QR code is qrcode's SVG of exactly the feedback link, labelled for screen readers.
    expected = qr_svg(feedback_link(offer))
    path_data = expected.split(' d="', 1)[1].split('"', 1)[0]
    assert path_data in page
    assert 'role="img" aria-label="QR-Code des Links für Rückmeldungen"' in page
    assert qr_svg(feedback_link(offer) + "x") != expected


def test_the_pdf_flyer_carries_the_link(world: World, offers: dict[str, Offer]) -> None:
    offer = offers["bergkamen"]
    client = log_in(Client(), world.user("bergkamen", Role.PARTNER_STAFF))
    response = client.get(handout_url(offer, pdf=True))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Ihre Meinung zählt!" in text
    assert offer.name in text
    assert str(offer.uuid) in text.replace("\n", "")


def test_partner_staff_cannot_get_another_organisation_s_handout(world: World) -> None:
    other = OfferFactory(
        commune=world.bergkamen, provider=OrganisationFactory(commune=world.bergkamen)
    )
    partner = log_in(Client(), world.user("bergkamen", Role.PARTNER_STAFF))
    assert partner.get(handout_url(other)).status_code == 404
    assert partner.get(handout_url(other, pdf=True)).status_code == 404
    listing = partner.get(reverse("participation:handouts", kwargs={"commune_slug": "bergkamen"}))
    assert other.name not in listing.content.decode()
    coordinator = log_in(Client(), world.user("bergkamen", Role.COORDINATOR))
    assert coordinator.get(handout_url(other)).status_code == 200


def test_another_commune_s_offer_has_no_handout(world: World, offers: dict[str, Offer]) -> None:
    coordinator = log_in(Client(), world.user("bergkamen", Role.COORDINATOR))
    assert coordinator.get(handout_url(offers["dortmund"])).status_code == 404


def test_the_contact_handout_is_for_early_help_workers_and_the_coordinator(world: World) -> None:
    url = reverse("participation:contact_handout", kwargs={"commune_slug": "bergkamen"})
    link = settings.BASE_URL + reverse(
        "participation:contact_feedback", kwargs={"commune_slug": "bergkamen"}
    )
    for role in (Role.EARLY_HELP_WORKER, Role.COORDINATOR):
        response = log_in(Client(), world.user("bergkamen", role)).get(url)
        assert response.status_code == 200
        assert link in response.content.decode()
    for role in (Role.PLANNER, Role.PARTNER_STAFF, Role.NAVIGATOR):
        assert log_in(Client(), world.user("bergkamen", role)).get(url).status_code == 404
    assert log_in(Client(), world.user("dortmund", Role.COORDINATOR)).get(url).status_code == 404
