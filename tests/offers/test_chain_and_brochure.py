"""The prevention-chain matrix and the brochure "Wegweiser Frühe Hilfen"."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from django.test import Client
from pypdf import PdfReader

from lotse.core.models import SocialArea
from lotse.core.permissions import Role
from lotse.offers.models import OfferStatus
from tests.conftest import World
from tests.core.factories import SocialAreaFactory
from tests.offers.factories import LocationFactory, OfferFactory, OfferLocationFactory

ClientFor = Callable[[str, str], Client]


def _catalog(world: World) -> None:
    mitte = SocialArea.objects.for_commune(world.bergkamen).get(slug="mitte")
    SocialAreaFactory(commune=world.bergkamen, name="Oberaden", slug="oberaden")
    cafe = OfferFactory(
        commune=world.bergkamen, name="Baby-Café", min_age_months=0, max_age_months=12
    )
    OfferLocationFactory(
        offer=cafe, location=LocationFactory(commune=world.bergkamen, social_area=mitte)
    )
    midwife = OfferFactory(
        commune=world.bergkamen,
        name="Familienhebammen",
        min_age_months=0,
        max_age_months=12,
        from_pregnancy_week=1,
    )
    midwife.service_areas.add(mitte)
    OfferFactory(commune=world.bergkamen, name="Familienpaten", min_age_months=0, max_age_months=36)
    OfferFactory(commune=world.bergkamen, name="Entwurf", status=OfferStatus.DRAFT)


def test_the_matrix_counts_offers_per_area_and_phase_and_marks_gaps(
    world: World, client_for: ClientFor
) -> None:
    _catalog(world)
    page = client_for("bergkamen", Role.PLANNER).get("/bergkamen/praeventionskette/")
    assert page.status_code == 200
    rows = {row.area.slug: [cell.count for cell in row.cells] for row in page.context["rows"]}
    # Pregnancy, 0–1, 1–3, 3–6, 6–10, 10–16, 16–27. Familienpaten serve the whole commune.
    assert rows["mitte"] == [1, 3, 1, 0, 0, 0, 0]
    assert rows["oberaden"] == [0, 1, 1, 0, 0, 0, 0]
    assert page.context["gaps"] == 9
    cell = client_for("bergkamen", Role.PLANNER).get(
        "/bergkamen/praeventionskette/mitte/pregnancy/"
    )
    assert "Familienhebammen" in cell.content.decode()
    gap = client_for("bergkamen", Role.PLANNER).get("/bergkamen/praeventionskette/oberaden/3-6/")
    assert "eine Lücke in der Präventionskette" in gap.content.decode()
    assert (
        client_for("bergkamen", Role.PLANNER)
        .get("/bergkamen/praeventionskette/mitte/7-9/")
        .status_code
        == 404
    )


def test_the_matrix_needs_the_same_queries_for_few_and_many_offers(
    world: World, client_for: ClientFor, django_assert_max_num_queries: Any
) -> None:
    _catalog(world)
    client = client_for("bergkamen", Role.COORDINATOR)
    client.get("/bergkamen/praeventionskette/")
    with django_assert_max_num_queries(20) as few:
        client.get("/bergkamen/praeventionskette/")
    for _ in range(20):
        OfferLocationFactory(offer=OfferFactory(commune=world.bergkamen))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/bergkamen/praeventionskette/")


def test_the_brochure_by_social_area_has_a_table_of_contents_and_the_offers(
    world: World, client_for: ClientFor
) -> None:
    _catalog(world)
    response = client_for("bergkamen", Role.COORDINATOR).get(
        "/bergkamen/katalog/wegweiser/", {"arrangement": "area"}
    )
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    cover = reader.pages[0].extract_text()
    assert "Wegweiser Frühe Hilfen" in cover
    assert "Inhalt" in cover
    assert "Mitte" in cover
    assert "Oberaden" in cover
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Baby-Café" in text
    assert "Kinder bis einschließlich 1 Jahr" in text
    assert "Entwurf" not in text, "drafts are not handed out"


def test_the_brochure_by_life_phase_for_pregnancy_lists_only_pregnancy_offers(
    world: World, client_for: ClientFor
) -> None:
    _catalog(world)
    response = client_for("bergkamen", Role.COORDINATOR).get(
        "/bergkamen/katalog/wegweiser/", {"arrangement": "phase", "life_phase": "pregnancy"}
    )
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Familienhebammen" in text
    assert "Baby-Café" not in text


def test_a_bad_brochure_choice_is_refused(world: World, client_for: ClientFor) -> None:
    response = client_for("bergkamen", Role.COORDINATOR).get(
        "/bergkamen/katalog/wegweiser/", {"arrangement": "alphabet"}
    )
    assert response.status_code == 400
