"""The staff pages of participation: the feedback overview with its figures, the survey
editor's remaining steps, and fixed query counts on the list pages."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from lotse.core.permissions import Role
from lotse.offers.models import Offer
from lotse.reports.participation import services
from lotse.reports.participation.models import (
    Audience,
    Feedback,
    QuestionKind,
    Survey,
    SurveyStatus,
)
from tests.conftest import World, log_in


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(datetime.datetime(2026, 6, 15, 10, tzinfo=datetime.UTC)):
        yield


def _feedback(world: World, offer: Offer | None, rating: int, recommend: str) -> None:
    Feedback.all_communes.create(
        commune=world.bergkamen,
        subject="offer" if offer else "contact",
        offer=offer,
        submitted_on=datetime.date(2026, 6, 1),
        rating=rating,
        felt_welcome="yes",
        would_recommend=recommend,
        heard_from="kita",
        language="de",
        contact_speed="" if offer else "week",
        helped="" if offer else "yes",
    )


def test_the_feedback_overview_shows_the_year_s_figures_to_planners(
    world: World, offers: dict[str, Offer]
) -> None:
    _feedback(world, offers["bergkamen"], 5, "yes")
    _feedback(world, offers["bergkamen"], 2, "no")
    _feedback(world, None, 4, "yes")
    url = reverse("participation:feedback_overview", kwargs={"commune_slug": "bergkamen"})
    page = log_in(Client(), world.user("bergkamen", Role.PLANNER)).get(url).content.decode()
    assert "2 Antworten – durchschnittliche Bewertung 3,50 – würde empfehlen 50 %" in page
    assert '<th scope="row">Babytreff bergkamen</th><td>2</td><td>3,50</td><td>50 %</td>' in page
    assert "1 Antwort – durchschnittliche Bewertung 4,00" in page
    last_year = log_in(Client(), world.user("bergkamen", Role.PLANNER)).get(f"{url}?jahr=2025")
    assert "0 Antworten" in last_year.content.decode()
    nonsense = log_in(Client(), world.user("bergkamen", Role.PLANNER)).get(f"{url}?jahr=abc")
    assert nonsense.status_code == 200


def test_a_draft_is_edited_and_its_questions_changed_and_removed_through_the_pages(
    world: World,
) -> None:
    coordinator = world.user("bergkamen", Role.COORDINATOR)
    survey = services.create_survey(
        actor=coordinator,
        commune=world.bergkamen,
        title="Alt",
        intro="",
        audience=Audience.PARTNERS,
        social_area=None,
        opens_on=datetime.date(2026, 6, 1),
        closes_on=datetime.date(2026, 6, 30),
    )
    question = services.add_question(
        actor=coordinator,
        survey=survey,
        text="Frage",
        kind=QuestionKind.NUMBER,
        choices="",
        required=True,
    )
    client = log_in(Client(), coordinator)
    kwargs = {"commune_slug": "bergkamen", "uuid": survey.uuid}
    edit = reverse("participation:survey_edit", kwargs=kwargs)
    refused = client.post(
        edit,
        {
            "title": "Neu",
            "audience": "partners",
            "opens_on": "2026-06-30",
            "closes_on": "2026-06-01",
        },
    )
    assert "Die Umfrage kann nicht enden, bevor sie beginnt." in refused.content.decode()
    client.post(
        edit,
        {
            "title": "Neu",
            "audience": "partners",
            "opens_on": "2026-06-01",
            "closes_on": "2026-07-31",
        },
    )
    survey.refresh_from_db()
    assert (survey.title, survey.closes_on) == ("Neu", datetime.date(2026, 7, 31))
    question_kwargs = {**kwargs, "question_uuid": question.uuid}
    client.post(
        reverse("participation:question_edit", kwargs=question_kwargs),
        {"text": "Wie viele Plätze?", "kind": "number", "required": ""},
    )
    question.refresh_from_db()
    assert (question.text, question.required) == ("Wie viele Plätze?", False)
    client.post(reverse("participation:question_delete", kwargs=question_kwargs))
    assert not survey.questions.exists()


def test_an_open_survey_cannot_be_edited_nor_closed_twice(world: World) -> None:
    survey = Survey.all_communes.create(
        commune=world.bergkamen,
        title="Offen",
        audience=Audience.FAMILIES,
        status=SurveyStatus.CLOSED,
        opens_on=datetime.date(2026, 6, 1),
        closes_on=datetime.date(2026, 6, 30),
    )
    client = log_in(Client(), world.user("bergkamen", Role.COORDINATOR))
    kwargs = {"commune_slug": "bergkamen", "uuid": survey.uuid}
    edited = client.post(
        reverse("participation:survey_edit", kwargs=kwargs),
        {"title": "X", "audience": "families", "opens_on": "2026-06-01", "closes_on": "2026-06-30"},
        follow=True,
    )
    assert "Nur eine Umfrage im Entwurf kann geändert werden." in edited.content.decode()
    closed = client.post(reverse("participation:survey_close", kwargs=kwargs), follow=True)
    assert "Nur eine offene Umfrage kann geschlossen werden." in closed.content.decode()
    survey.refresh_from_db()
    assert survey.title == "Offen"


def test_the_list_pages_need_a_fixed_number_of_queries(
    world: World, offers: dict[str, Offer], django_assert_max_num_queries: Any
) -> None:
    for index in range(5):
        Survey.all_communes.create(
            commune=world.bergkamen,
            title=f"Umfrage {index}",
            audience=Audience.FAMILIES,
            status=SurveyStatus.OPEN,
            opens_on=datetime.date(2026, 6, 1),
            closes_on=datetime.date(2026, 6, 30),
        )
    client = log_in(Client(), world.user("bergkamen", Role.COORDINATOR))
    for name in ("survey_list", "survey_results_list", "handouts", "feedback_overview"):
        url = reverse(f"participation:{name}", kwargs={"commune_slug": "bergkamen"})
        with django_assert_max_num_queries(20):
            assert client.get(url).status_code == 200
