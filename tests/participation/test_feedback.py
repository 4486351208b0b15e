"""The public feedback forms: anonymous, without cookies, in ten languages, refusing bad
input in the family's language with nothing stored."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse

from lotse.core.models import AuditEvent, SocialArea
from lotse.offers.models import Offer
from lotse.reports.participation.models import Feedback, FeedbackSubject
from tests.conftest import World
from tests.core.factories import SocialAreaFactory
from tests.participation.conftest import fresh_token

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def offer_url(offer: Offer, slug: str = "bergkamen") -> str:
    return reverse(
        "participation:offer_feedback", kwargs={"commune_slug": slug, "offer_uuid": offer.uuid}
    )


def contact_url(slug: str = "bergkamen") -> str:
    return reverse("participation:contact_feedback", kwargs={"commune_slug": slug})


def answers(**overrides: Any) -> dict[str, Any]:
    data = {
        "rating": "4",
        "felt_welcome": "yes",
        "would_recommend": "yes",
        "heard_from": "kita",
        "social_area": "",
        "website": "",
        "token": fresh_token(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def stored(world: World) -> int:
    return Feedback.objects.for_commune(world.bergkamen).count()


def test_the_feedback_pages_set_no_cookie_at_all(world: World, offers: dict[str, Offer]) -> None:
    client = Client()
    for url in (offer_url(offers["bergkamen"]), contact_url()):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies
        assert 'name="csrfmiddlewaretoken"' not in response.content.decode()
    posted = client.post(offer_url(offers["bergkamen"]), answers())
    assert posted.status_code == 200
    assert not posted.cookies
    assert not client.cookies


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_feedback_form_speaks_every_language_of_the_finder(
    world: World, offers: dict[str, Offer], language: str
) -> None:
    response = Client().get(f"{offer_url(offers['bergkamen'])}?lang={language}")
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}" dir="{"rtl" if language in ("ar", "fa") else "ltr"}">' in page
    assert response["Content-Language"] == language
    contact = Client().get(f"{contact_url()}?lang={language}")
    assert contact.status_code == 200


@time_machine.travel(datetime.datetime(2026, 5, 4, 15, 37, tzinfo=datetime.UTC), tick=False)
def test_feedback_on_an_offer_keeps_the_answers_the_offer_its_area_language_and_day_only(
    world: World, offers: dict[str, Offer]
) -> None:
    offer = offers["bergkamen"]
    mitte = SocialArea.objects.for_commune(world.bergkamen).get(slug="mitte")
    offer.service_areas.add(mitte)
    response = Client().post(f"{offer_url(offer)}?lang=tr", answers(token=fresh_token()))
    assert response.status_code == 200
    assert "Teşekkürler" in response.content.decode()
    feedback = Feedback.objects.for_commune(world.bergkamen).get()
    assert feedback.subject == FeedbackSubject.OFFER
    assert feedback.offer == offer
    assert feedback.social_area == mitte
    assert feedback.language == "tr"
    assert feedback.submitted_on == datetime.date(2026, 5, 4)
    assert (feedback.rating, feedback.felt_welcome, feedback.would_recommend) == (4, "yes", "yes")
    assert (feedback.heard_from, feedback.contact_speed, feedback.helped) == ("kita", "", "")
    # No time of day, no address, no browser anywhere in the row.
    field_names = {field.name for field in Feedback._meta.get_fields()}
    assert not field_names & {"created_at", "ip", "ip_address", "user_agent", "time"}
    event = AuditEvent.objects.for_commune(world.bergkamen).get(
        action="participation.feedback_received"
    )
    assert event.actor is None


def test_the_family_s_own_choice_of_social_area_wins_over_the_offer_s(
    world: World, offers: dict[str, Offer]
) -> None:
    other = SocialAreaFactory(commune=world.bergkamen, name="Oberaden", slug="oberaden")
    offers["bergkamen"].service_areas.add(
        SocialArea.objects.for_commune(world.bergkamen).get(slug="mitte")
    )
    Client().post(offer_url(offers["bergkamen"]), answers(social_area=str(other.pk)))
    assert Feedback.objects.for_commune(world.bergkamen).get().social_area == other


def test_an_offer_serving_several_areas_gives_no_area_of_its_own(
    world: World, offers: dict[str, Offer]
) -> None:
    other = SocialAreaFactory(commune=world.bergkamen, name="Oberaden", slug="oberaden")
    mitte = SocialArea.objects.for_commune(world.bergkamen).get(slug="mitte")
    offers["bergkamen"].service_areas.add(mitte, other)
    Client().post(offer_url(offers["bergkamen"]), answers())
    assert Feedback.objects.for_commune(world.bergkamen).get().social_area is None


def test_feedback_on_the_contact_keeps_how_quickly_and_whether_it_helped(world: World) -> None:
    response = Client().post(
        contact_url(), answers(contact_speed="three_days", helped="partly", rating="5")
    )
    assert response.status_code == 200
    feedback = Feedback.objects.for_commune(world.bergkamen).get()
    assert feedback.subject == FeedbackSubject.CONTACT
    assert feedback.offer is None
    assert (feedback.contact_speed, feedback.helped, feedback.rating) == ("three_days", "partly", 5)


def test_the_contact_form_needs_its_own_questions_answered(world: World) -> None:
    response = Client().post(contact_url(), answers())
    page = response.content.decode()
    assert page.count("Bitte wählen Sie eine Antwort.") == 2
    assert stored(world) == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"rating": None}, "Bitte wählen Sie eine Antwort."),
        ({"would_recommend": None}, "Bitte wählen Sie eine Antwort."),
        ({"rating": "6"}, "Bitte wählen Sie eine der Antworten."),
        ({"rating": "0"}, "Bitte wählen Sie eine der Antworten."),
        ({"heard_from": "radio"}, "Bitte wählen Sie eine der Antworten."),
        ({"social_area": "999999"}, "Bitte wählen Sie eine der Antworten."),
        ({"token": "forged"}, "Das Formular ist abgelaufen."),
    ],
)
def test_bad_input_gets_a_german_error_and_stores_nothing(
    world: World, offers: dict[str, Offer], overrides: dict[str, Any], message: str
) -> None:
    response = Client().post(offer_url(offers["bergkamen"]), answers(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert stored(world) == 0


def test_an_expired_form_is_refused(world: World, offers: dict[str, Offer]) -> None:
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(hours=3)):
        old = fresh_token()
    response = Client().post(offer_url(offers["bergkamen"]), answers(token=old))
    assert "Das Formular ist abgelaufen" in response.content.decode()
    assert stored(world) == 0


def test_a_form_sent_within_a_second_is_refused_as_a_bot(
    world: World, offers: dict[str, Offer]
) -> None:
    response = Client().post(offer_url(offers["bergkamen"]), answers(token=fresh_token(0)))
    assert "zu schnell" in response.content.decode()
    assert stored(world) == 0


def test_a_filled_honeypot_is_thanked_but_stores_nothing(
    world: World, offers: dict[str, Offer]
) -> None:
    response = Client().post(offer_url(offers["bergkamen"]), answers(website="http://spam"))
    assert response.status_code == 200
    assert "Vielen Dank" in response.content.decode()
    assert stored(world) == 0


def test_a_flood_from_one_address_is_stopped(world: World, offers: dict[str, Offer]) -> None:
    client = Client()
    for _attempt in range(10):
        client.post(offer_url(offers["bergkamen"]), answers())
    response = client.post(offer_url(offers["bergkamen"]), answers())
    assert "Zu viele Antworten" in response.content.decode()
    assert stored(world) == 10


def test_an_unknown_offer_or_another_commune_s_offer_is_not_found(
    world: World, offers: dict[str, Offer]
) -> None:
    unknown = reverse(
        "participation:offer_feedback",
        kwargs={"commune_slug": "bergkamen", "offer_uuid": "6f1c1a4e-0000-4000-8000-000000000000"},
    )
    assert Client().get(unknown).status_code == 404
    assert Client().post(unknown, answers()).status_code == 404
    dortmund_offer_in_bergkamen = offer_url(offers["dortmund"], "bergkamen")
    assert Client().post(dortmund_offer_in_bergkamen, answers()).status_code == 404
    assert Feedback.all_communes.count() == 0


def test_an_unpublished_offer_takes_no_feedback(world: World, offers: dict[str, Offer]) -> None:
    offer = offers["bergkamen"]
    offer.status = "draft"
    offer.save()
    assert Client().get(offer_url(offer)).status_code == 404
