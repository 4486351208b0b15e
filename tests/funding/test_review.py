"""Review and decision: comments, questions back, scores, decisions kept internal until the
round is released together, the budget never over-committed, undo with a reason, bulk
decisions, e-mails only for what applicants should see, the decision letter as PDF."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from pypdf import PdfReader

from lotse.core.models import AuditEvent, OutboxMessage
from lotse.core.permissions import Role
from lotse.funding.models import (
    Application,
    ApplicationStatus,
    Comment,
    FundingYear,
    ProofOfUse,
)
from lotse.funding.services.review import (
    add_comment,
    ask_question,
    decide,
    decide_many,
    release_decisions,
    save_scores,
    undo_decision,
)
from tests.conftest import World
from tests.funding.conftest import MakeApplication
from tests.mail import SmtpServer

S = ApplicationStatus
Callbacks = Callable[..., object]


def coordinator(world: World) -> object:
    return world.user("bergkamen", Role.COORDINATOR)


def test_an_internal_decision_is_not_shown_to_the_applicant_until_released(
    world: World, make_application: MakeApplication, client_for: Callable[[str, str], Client]
) -> None:
    application = make_application(status=S.IN_REVIEW)
    decide(
        actor=world.user("bergkamen", Role.COORDINATOR),
        application=application,
        decision="rejected",
        reason="Kein Bezug zu den Zielen",
    )
    application.refresh_from_db()
    assert application.status == S.DECISION_PENDING
    assert application.told_status == S.IN_REVIEW
    page = client_for("bergkamen", Role.PARTNER_STAFF).get(
        f"/bergkamen/funding/applications/{application.uuid}/"
    )
    content = page.content.decode()
    assert "Status: In Prüfung" in content
    assert "Kein Bezug zu den Zielen" not in content
    assert not OutboxMessage.objects.exists()
    letter = client_for("bergkamen", Role.PARTNER_STAFF).get(
        f"/bergkamen/funding/applications/{application.uuid}/letter.pdf"
    )
    assert letter.status_code == 404


def test_decisions_of_a_round_are_released_together_and_the_applicants_told_by_email(
    world: World,
    make_application: MakeApplication,
    smtp_server: SmtpServer,
    django_capture_on_commit_callbacks: Callbacks,
) -> None:
    approved = make_application(status=S.IN_REVIEW, title="Familienhebammen")
    rejected = make_application(status=S.IN_REVIEW, title="Kinoabend")
    actor = world.user("bergkamen", Role.COORDINATOR)
    decide(
        actor=actor,
        application=approved,
        decision="partially_approved",
        amount=Decimal("8000"),
        reason="Teilweise",
    )
    decide(actor=actor, application=rejected, decision="rejected", reason="Kein Bezug")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        release_decisions(actor=actor, funding_year=approved.funding_year)
    approved.refresh_from_db()
    rejected.refresh_from_db()
    assert (approved.status, approved.told_status) == (S.PARTIALLY_APPROVED, S.PARTIALLY_APPROVED)
    assert (rejected.status, rejected.told_status) == (S.REJECTED, S.REJECTED)
    assert approved.told_at == rejected.told_at
    proof = ProofOfUse.objects.for_commune(world.bergkamen).get()
    assert proof.application == approved
    assert proof.due_date.isoformat() == "2028-01-31"
    bodies = sorted(message.get_content() for message in smtp_server.messages)
    assert len(bodies) == 2
    assert "8.000,00 €" in bodies[0] + bodies[1]
    assert all(m["To"] == "partner_staff@bergkamen.test" for m in smtp_server.messages)
    assert all(m["Subject"] == "Entscheidung über Ihren Förderantrag" for m in smtp_server.messages)
    year = FundingYear.objects.for_commune(world.bergkamen).get()
    assert year.decisions_released_at is not None


def test_approvals_beyond_the_budget_are_refused_with_the_remaining_amount(
    world: World, make_application: MakeApplication
) -> None:
    first = make_application(status=S.IN_REVIEW, amount="30000")
    second = make_application(status=S.IN_REVIEW, amount="8000", title="Zweiter Antrag")
    actor = world.user("bergkamen", Role.COORDINATOR)
    decide(actor=actor, application=first, decision="approved", reason="Gut")
    with pytest.raises(ValidationError) as caught:
        decide(actor=actor, application=second, decision="approved", reason="Auch gut")
    assert "nur noch 7.240,00 € übrig" in caught.value.messages[0]
    second.refresh_from_db()
    assert second.status == S.IN_REVIEW
    decide(
        actor=actor,
        application=second,
        decision="partially_approved",
        amount=Decimal("7240"),
        reason="Rest des Budgets",
    )


def test_a_lower_amount_must_lie_below_the_requested_one(
    world: World, make_application: MakeApplication
) -> None:
    application = make_application(status=S.IN_REVIEW, amount="5000")
    with pytest.raises(ValidationError) as caught:
        decide(
            actor=world.user("bergkamen", Role.COORDINATOR),
            application=application,
            decision="partially_approved",
            amount=Decimal("6000"),
            reason="zu viel",
        )
    assert "amount" in caught.value.error_dict


def test_several_applications_are_approved_in_one_step_all_or_none(
    world: World, make_application: MakeApplication
) -> None:
    year = make_application(status=S.IN_REVIEW).funding_year
    apps = [
        make_application(status=S.IN_REVIEW, title=f"Kurs {i}", amount="9000") for i in range(3)
    ]
    actor = world.user("bergkamen", Role.COORDINATOR)
    with pytest.raises(ValidationError):
        decide_many(
            actor=actor,
            funding_year=year,
            applications=[
                *apps,
                make_application(status=S.IN_REVIEW, title="Zu viel", amount="20000"),
            ],
            decision="approved",
            reason="Sammelbeschluss",
        )
    assert (
        not Application.objects.for_commune(world.bergkamen)
        .filter(status=S.DECISION_PENDING)
        .exists()
    )
    decide_many(
        actor=actor,
        funding_year=year,
        applications=apps,
        decision="approved",
        reason="Sammelbeschluss",
    )
    assert (
        Application.objects.for_commune(world.bergkamen).filter(status=S.DECISION_PENDING).count()
        == 3
    )


def test_the_bulk_decision_form_decides_the_chosen_applications(
    world: World, make_application: MakeApplication, client_for: Callable[[str, str], Client]
) -> None:
    chosen = make_application(status=S.SUBMITTED)
    left = make_application(status=S.SUBMITTED, title="Nicht gewählt")
    response = client_for("bergkamen", Role.COORDINATOR).post(
        "/bergkamen/funding/2027/",
        {
            "bulk": "1",
            "decision": "rejected",
            "reason": "Sammelbeschluss",
            "applications": [str(chosen.uuid)],
        },
    )
    assert response.status_code == 302
    chosen.refresh_from_db()
    left.refresh_from_db()
    assert (chosen.status, left.status) == (S.DECISION_PENDING, S.SUBMITTED)


def test_undoing_a_released_decision_needs_a_reason_is_audited_and_tells_the_applicant(
    world: World,
    make_application: MakeApplication,
    smtp_server: SmtpServer,
    django_capture_on_commit_callbacks: Callbacks,
) -> None:
    application = make_application(status=S.IN_REVIEW)
    actor = world.user("bergkamen", Role.COORDINATOR)
    decide(actor=actor, application=application, decision="approved", reason="Gut")
    release_decisions(actor=actor, funding_year=application.funding_year)
    with pytest.raises(ValidationError):
        undo_decision(actor=actor, application=application, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        undo_decision(actor=actor, application=application, reason="Rechenfehler im Kostenplan")
    application.refresh_from_db()
    assert (application.status, application.approved_amount) == (S.IN_REVIEW, None)
    assert not ProofOfUse.objects.for_commune(world.bergkamen).exists()
    event = AuditEvent.objects.for_commune(world.bergkamen).get(action="funding.decision_undone")
    assert event.changes["reason"]["new"] == "Rechenfehler im Kostenplan"
    assert "Rechenfehler im Kostenplan" in smtp_server.messages[-1].get_content()


def test_internal_comments_and_scores_never_reach_the_applicant_but_questions_do(
    world: World,
    make_application: MakeApplication,
    client_for: Callable[[str, str], Client],
    smtp_server: SmtpServer,
    django_capture_on_commit_callbacks: Callbacks,
) -> None:
    application = make_application(status=S.IN_REVIEW)
    actor = world.user("bergkamen", Role.COORDINATOR)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        add_comment(actor=actor, application=application, text="Träger kennt die Lage gut")
        save_scores(
            actor=actor, application=application, scores={"Familien in Armutslagen erreichen": 3}
        )
    assert smtp_server.messages == []
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        ask_question(actor=actor, application=application, text="Wie viele Familien?")
    assert "Wie viele Familien?" in smtp_server.messages[0].get_content()
    page = (
        client_for("bergkamen", Role.PARTNER_STAFF)
        .get(f"/bergkamen/funding/applications/{application.uuid}/")
        .content.decode()
    )
    assert "Wie viele Familien?" in page
    assert "Träger kennt die Lage gut" not in page
    response = client_for("bergkamen", Role.PARTNER_STAFF).post(
        f"/bergkamen/funding/applications/{application.uuid}/action/",
        {"action": "answer", "answer-text": "Etwa 40 Familien"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert Comment.objects.for_commune(world.bergkamen).filter(kind="answer").count() == 1


def test_a_score_outside_0_to_3_is_refused(world: World, make_application: MakeApplication) -> None:
    application = make_application(status=S.IN_REVIEW)
    with pytest.raises(ValidationError):
        save_scores(
            actor=world.user("bergkamen", Role.COORDINATOR),
            application=application,
            scores={"Familien in Armutslagen erreichen": 5},
        )


def test_the_review_page_records_a_decision_and_shows_a_german_error_for_a_missing_reason(
    world: World, make_application: MakeApplication, client_for: Callable[[str, str], Client]
) -> None:
    application = make_application(status=S.IN_REVIEW)
    client = client_for("bergkamen", Role.COORDINATOR)
    url = f"/bergkamen/funding/review/{application.uuid}/"
    response = client.post(
        url, {"action": "decide", "decide-decision": "approved", "decide-reason": ""}
    )
    assert response.status_code == 200
    assert "Dieses Feld ist erforderlich." in response.content.decode()
    response = client.post(
        url, {"action": "decide", "decide-decision": "approved", "decide-reason": "Passt"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.DECISION_PENDING


def test_the_decision_letter_is_a_pdf_naming_the_amount(
    world: World, make_application: MakeApplication, client_for: Callable[[str, str], Client]
) -> None:
    application = make_application(status=S.IN_REVIEW)
    actor = world.user("bergkamen", Role.COORDINATOR)
    decide(actor=actor, application=application, decision="approved", reason="Passt zu den Zielen")
    release_decisions(actor=actor, funding_year=application.funding_year)
    response = client_for("bergkamen", Role.PARTNER_STAFF).get(
        f"/bergkamen/funding/applications/{application.uuid}/letter.pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "10.000,00 €" in text
    assert "Passt zu den Zielen" in text


def test_the_year_overview_shows_allocated_approved_and_remaining_without_more_queries_per_row(
    world: World,
    make_application: MakeApplication,
    client_for: Callable[[str, str], Client],
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    make_application(status=S.DECISION_PENDING, approved="10000")
    client = client_for("bergkamen", Role.COORDINATOR)
    client.get("/bergkamen/funding/2027/")
    with django_assert_max_num_queries(20):  # type: ignore[operator]
        response = client.get("/bergkamen/funding/2027/")
    for i in range(10):
        make_application(status=S.SUBMITTED, title=f"Antrag {i}")
    with django_assert_max_num_queries(20):  # type: ignore[operator]
        response = client.get("/bergkamen/funding/2027/")
    budget = response.context["budget"]
    assert (budget.total, budget.approved, budget.remaining) == (
        Decimal("37240"),
        Decimal("10000"),
        Decimal("27240"),
    )
    export = client.get("/bergkamen/funding/2027/export.xlsx")
    assert export.content[:2] == b"PK"
