"""Needs-assessment surveys: designed as a draft, opened (partner surveys go to every
current member's delegate with the organisation's own link), answered once per
organisation or anonymously by families, closed, and evaluated as aggregates."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import openpyxl
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from lotse.core.models import OutboxMessage, SocialArea
from lotse.core.permissions import Role
from lotse.network.models import DelegationKind
from lotse.reports.participation import services
from lotse.reports.participation.forms import SurveyAnswerForm
from lotse.reports.participation.models import (
    Audience,
    QuestionKind,
    Survey,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
    SurveyStatus,
)
from tests.conftest import World, log_in
from tests.network.factories import DelegationFactory, OrganisationFactory, PersonFactory
from tests.participation.conftest import fresh_token

TODAY = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(TODAY, tick=True) as traveller:
        yield traveller


def _survey(world: World, audience: str, **extra: Any) -> Survey:
    return services.create_survey(
        actor=world.user("bergkamen", Role.COORDINATOR),
        commune=world.bergkamen,
        title="Bedarfe 2026",
        intro="Was fehlt in Ihrem Stadtteil?",
        audience=audience,
        social_area=None,
        opens_on=datetime.date(2026, 3, 1),
        closes_on=datetime.date(2026, 3, 31),
        **extra,
    )


def _question(world: World, survey: Survey, kind: str, choices: str = "") -> SurveyQuestion:
    return services.add_question(
        actor=world.user("bergkamen", Role.COORDINATOR),
        survey=survey,
        text=f"Frage {kind}",
        kind=kind,
        choices=choices,
        required=True,
    )


def _field(question: SurveyQuestion) -> str:
    return SurveyAnswerForm.field_name(question)


def test_the_coordinator_designs_a_survey_through_the_pages(world: World) -> None:
    coordinator = log_in(Client(), world.user("bergkamen", Role.COORDINATOR))
    response = coordinator.post(
        reverse("participation:survey_create", kwargs={"commune_slug": "bergkamen"}),
        {
            "title": "Familien fragen",
            "intro": "",
            "audience": Audience.FAMILIES,
            "social_area": "",
            "opens_on": "2026-03-01",
            "closes_on": "2026-03-31",
        },
    )
    survey = Survey.objects.for_commune(world.bergkamen).get()
    assert response.status_code == 302
    kwargs = {"commune_slug": "bergkamen", "uuid": survey.uuid}
    add = reverse("participation:question_add", kwargs=kwargs)
    coordinator.post(add, {"text": "Wie alt ist Ihr Kind?", "kind": "number", "required": "on"})
    coordinator.post(
        add, {"text": "Was brauchen Sie?", "kind": "multiple", "choices": "Krabbelgruppe\nBeratung"}
    )
    refused = coordinator.post(add, {"text": "Ihr Name?", "kind": "text"})
    assert "keine Freitextfragen" in refused.content.decode()
    one_choice = coordinator.post(add, {"text": "Nur eins", "kind": "single", "choices": "A"})
    assert "mindestens zwei Antwortmöglichkeiten" in one_choice.content.decode()
    questions = list(survey.questions.order_by("position"))
    assert [q.text for q in questions] == ["Wie alt ist Ihr Kind?", "Was brauchen Sie?"]
    coordinator.post(
        reverse(
            "participation:question_move",
            kwargs={**kwargs, "question_uuid": questions[1].uuid},
        ),
        {"direction": "up"},
    )
    assert [q.text for q in survey.questions.order_by("position")] == [
        "Was brauchen Sie?",
        "Wie alt ist Ihr Kind?",
    ]
    page = coordinator.get(reverse("participation:survey_detail", kwargs=kwargs))
    assert page.status_code == 200
    coordinator.post(reverse("participation:survey_open", kwargs=kwargs))
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN
    opened = coordinator.get(reverse("participation:survey_detail", kwargs=kwargs))
    assert str(survey.uuid) in opened.content.decode()
    assert 'class="qr-code"' in opened.content.decode()
    # Open: the questions are fixed.
    late = coordinator.post(add, {"text": "Noch eine?", "kind": "number"})
    assert "Nur eine Umfrage im Entwurf" in late.content.decode()
    assert survey.questions.count() == 2


def test_opening_a_partner_survey_mails_each_current_member_s_delegate_its_own_link(
    world: World,
) -> None:
    member = world.organisations["bergkamen"]
    delegate = DelegationFactory(
        person=PersonFactory(organisation=member, email="delegate@traeger.example")
    )
    second = OrganisationFactory(commune=world.bergkamen, name="Hebammenpraxis")
    DelegationFactory(
        person=PersonFactory(organisation=second, email="deputy@hebamme.example"),
        kind=DelegationKind.DEPUTY,
    )
    former = OrganisationFactory(
        commune=world.bergkamen, status="former_member", member_until=datetime.date(2024, 1, 1)
    )
    DelegationFactory(person=PersonFactory(organisation=former, email="old@former.example"))
    OrganisationFactory(commune=world.bergkamen, name="Ohne Vertretung")
    survey = _survey(world, Audience.PARTNERS)
    _question(world, survey, QuestionKind.TEXT)
    sent = services.open_survey(actor=world.user("bergkamen", Role.COORDINATOR), survey=survey)
    assert sent == 2
    mails = OutboxMessage.objects.filter(kind="participation.survey_invitation").order_by("id")
    assert [mail.recipients for mail in mails] == [
        delegate.person.email,
        "deputy@hebamme.example",
    ]
    invitations = SurveyInvitation.objects.for_commune(world.bergkamen).order_by("id")
    assert {invitation.organisation for invitation in invitations} == {member, second}
    for mail, invitation in zip(mails, invitations, strict=True):
        assert invitation.token in mail.body
        assert "Bedarfe 2026" in mail.subject
    assert len({invitation.token for invitation in invitations}) == 2


def _partner_setup(world: World) -> tuple[Survey, SurveyInvitation, list[SurveyQuestion]]:
    DelegationFactory(person=PersonFactory(organisation=world.organisations["bergkamen"]))
    survey = _survey(world, Audience.PARTNERS)
    questions = [
        _question(world, survey, QuestionKind.RATING),
        _question(world, survey, QuestionKind.TEXT),
    ]
    services.open_survey(actor=world.user("bergkamen", Role.COORDINATOR), survey=survey)
    return survey, SurveyInvitation.objects.for_commune(world.bergkamen).get(), questions


def test_an_organisation_answers_once_and_may_change_its_answer_until_the_survey_closes(
    world: World,
) -> None:
    survey, invitation, (rating, text) = _partner_setup(world)
    url = reverse(
        "participation:partner_survey",
        kwargs={"commune_slug": "bergkamen", "token": invitation.token},
    )
    client = Client()
    page = client.get(url)
    assert page.status_code == 200
    assert not page.cookies
    client.post(url, {_field(rating): "2", _field(text): "Mehr Räume", "token": fresh_token()})
    client.post(url, {_field(rating): "5", _field(text): "Mehr Personal", "token": fresh_token()})
    response = SurveyResponse.objects.for_commune(world.bergkamen).get()
    assert response.answers == {str(rating.uuid): 5, str(text.uuid): "Mehr Personal"}
    # The form shows the organisation's answer, to be changed.
    assert "Mehr Personal</textarea>" in client.get(url).content.decode()
    services.close_survey(actor=world.user("bergkamen", Role.COORDINATOR), survey=survey)
    closed = client.post(url, {_field(rating): "1", _field(text): "x", "token": fresh_token()})
    assert "Diese Umfrage nimmt keine Antworten an." in closed.content.decode()
    response.refresh_from_db()
    assert response.answers[str(rating.uuid)] == 5


def test_a_forged_or_foreign_token_is_not_found(world: World) -> None:
    _unused, invitation, _questions = _partner_setup(world)
    forged = reverse(
        "participation:partner_survey", kwargs={"commune_slug": "bergkamen", "token": "forged"}
    )
    assert Client().get(forged).status_code == 404
    foreign = reverse(
        "participation:partner_survey",
        kwargs={"commune_slug": "dortmund", "token": invitation.token},
    )
    assert Client().get(foreign).status_code == 404


def test_a_partner_survey_without_an_answer_gives_a_german_error_and_stores_nothing(
    world: World,
) -> None:
    _unused, invitation, (rating, _text) = _partner_setup(world)
    url = reverse(
        "participation:partner_survey",
        kwargs={"commune_slug": "bergkamen", "token": invitation.token},
    )
    response = Client().post(url, {_field(rating): "6", "token": fresh_token()})
    page = response.content.decode()
    assert "Bitte wählen Sie eine der Antworten." in page
    assert "Bitte beantworten Sie diese Frage." in page
    assert not SurveyResponse.objects.for_commune(world.bergkamen).exists()


def _family_setup(world: World) -> tuple[Survey, list[SurveyQuestion]]:
    survey = _survey(world, Audience.FAMILIES)
    questions = [
        _question(world, survey, QuestionKind.SINGLE, "Vormittags\nNachmittags"),
        _question(world, survey, QuestionKind.NUMBER),
    ]
    return survey, questions


def test_families_answer_anonymously_only_while_the_survey_is_open(world: World) -> None:
    survey, (when, number) = _family_setup(world)
    url = reverse(
        "participation:family_survey", kwargs={"commune_slug": "bergkamen", "uuid": survey.uuid}
    )
    assert Client().get(url).status_code == 404  # a draft is not public
    services.open_survey(actor=world.user("bergkamen", Role.COORDINATOR), survey=survey)
    mitte = SocialArea.objects.for_commune(world.bergkamen).get(slug="mitte")
    page = Client().get(f"{url}?lang=ar")
    assert 'dir="rtl"' in page.content.decode()
    assert not page.cookies
    data = {
        _field(when): "Vormittags",
        _field(number): "2",
        "social_area": str(mitte.pk),
        "token": fresh_token(),
    }
    assert "وصلت إجاباتك" in Client().post(f"{url}?lang=ar", data).content.decode()
    Client().post(url, {**data, _field(number): "4", "social_area": ""})
    responses = list(SurveyResponse.objects.for_commune(world.bergkamen).order_by("id"))
    assert [(r.social_area, r.language, r.invitation) for r in responses] == [
        (mitte, "ar", None),
        (None, "de", None),
    ]
    services.close_survey(actor=world.user("bergkamen", Role.COORDINATOR), survey=survey)
    Client().post(url, data)
    assert SurveyResponse.objects.for_commune(world.bergkamen).count() == 2


def test_a_family_survey_takes_no_free_text_question(world: World) -> None:
    survey = _survey(world, Audience.FAMILIES)
    with pytest.raises(ValidationError):
        _question(world, survey, QuestionKind.TEXT)
    partner = _survey(world, Audience.PARTNERS)
    _question(world, partner, QuestionKind.TEXT)
    with pytest.raises(ValidationError):
        services.change_survey(
            actor=world.user("bergkamen", Role.COORDINATOR),
            survey=partner,
            title=partner.title,
            intro="",
            audience=Audience.FAMILIES,
            social_area=None,
            opens_on=partner.opens_on,
            closes_on=partner.closes_on,
        )


def test_a_survey_without_questions_cannot_be_opened(world: World) -> None:
    survey = _survey(world, Audience.FAMILIES)
    with pytest.raises(ValidationError, match="mindestens eine Frage"):
        services.open_survey(actor=world.user("bergkamen", Role.COORDINATOR), survey=survey)


def _answered_partner_survey(world: World) -> tuple[Survey, list[SurveyQuestion]]:
    survey, invitation, questions = _partner_setup(world)
    rating, text = questions
    services.answer_survey(
        survey=survey,
        invitation=invitation,
        social_area=None,
        language="de",
        answers={str(rating.uuid): 4, str(text.uuid): "Längere Öffnungszeiten"},
    )
    other = OrganisationFactory(commune=world.bergkamen)
    second = SurveyInvitation.all_communes.create(
        commune=world.bergkamen, survey=survey, organisation=other, sent_to="x@y.example"
    )
    services.answer_survey(
        survey=survey,
        invitation=second,
        social_area=SocialArea.objects.for_commune(world.bergkamen).get(slug="mitte"),
        language="de",
        answers={str(rating.uuid): 1, str(text.uuid): "Hebammen fehlen"},
    )
    return survey, questions


def test_planners_see_the_aggregates_but_no_text_answers(world: World) -> None:
    survey, _questions = _answered_partner_survey(world)
    url = reverse(
        "participation:survey_results", kwargs={"commune_slug": "bergkamen", "uuid": survey.uuid}
    )
    planner = log_in(Client(), world.user("bergkamen", Role.PLANNER)).get(url).content.decode()
    assert "2 Antworten" in planner
    assert "2,50" in planner  # the average of 4 and 1
    assert "Hebammen fehlen" not in planner
    assert "Mitte" in planner
    coordinator = log_in(Client(), world.user("bergkamen", Role.COORDINATOR)).get(url)
    assert "Hebammen fehlen" in coordinator.content.decode()
    detail = reverse(
        "participation:survey_detail", kwargs={"commune_slug": "bergkamen", "uuid": survey.uuid}
    )
    assert log_in(Client(), world.user("bergkamen", Role.PLANNER)).get(detail).status_code == 403


def test_the_export_holds_the_aggregates_and_no_text(world: World) -> None:
    survey, (rating, _text) = _answered_partner_survey(world)
    url = reverse(
        "participation:survey_export", kwargs={"commune_slug": "bergkamen", "uuid": survey.uuid}
    )
    planner = log_in(Client(), world.user("bergkamen", Role.PLANNER))
    workbook = openpyxl.load_workbook(io.BytesIO(planner.get(url).content))
    rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    assert rows[0] == ["Sozialraum", "Frage", "Antwort", "Anzahl", "Durchschnitt"]
    assert ["Alle", rating.text, "beantwortet", 2, 2.5] in rows
    assert ["Alle", rating.text, "4", 1, None] in rows
    assert ["Mitte", rating.text, "1", 1, None] in rows
    assert not any("Hebammen" in str(cell) for row in rows for cell in row)
    text = planner.get(f"{url}?format=csv").content.decode()
    parsed = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["Alle", rating.text, "beantwortet", "2", "2,5"] in parsed


def test_other_communes_do_not_see_the_survey(world: World) -> None:
    survey, _questions = _answered_partner_survey(world)
    url = reverse(
        "participation:survey_results", kwargs={"commune_slug": "dortmund", "uuid": survey.uuid}
    )
    client = log_in(Client(), world.user("dortmund", Role.COORDINATOR))
    assert client.get(url).status_code == 404
