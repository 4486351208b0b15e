"""Proof of use: due 31 January of the following year; reminders 4 weeks and 1 week before
to the provider and to the coordination office once overdue, through a real SMTP server;
checked and accepted (repayment recorded when less was spent) or returned."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import time_machine
from django.core.management import call_command
from django.test import Client

from lotse.core.models import AuditEvent
from lotse.core.permissions import Role
from lotse.funding.models import ApplicationStatus, CostItem, ProofOfUse, ProofStatus
from lotse.funding.services.proofs import accept_proof, send_reminders
from tests.conftest import World
from tests.funding.conftest import YEAR, MakeApplication
from tests.mail import SmtpServer

Callbacks = Callable[..., object]


def test_reminders_go_four_weeks_and_one_week_before_and_to_the_coordinator_when_overdue(
    world: World,
    make_application: MakeApplication,
    smtp_server: SmtpServer,
    django_capture_on_commit_callbacks: Callbacks,
) -> None:
    make_application(status=ApplicationStatus.APPROVED, approved="10000")
    days = [
        (date(YEAR + 1, 1, 2), 0),  # 29 days before: nothing yet
        (date(YEAR + 1, 1, 3), 1),  # 4 weeks before
        (date(YEAR + 1, 1, 4), 0),  # sent once only
        (date(YEAR + 1, 1, 24), 1),  # 1 week before
        (date(YEAR + 1, 1, 31), 0),  # due today: not yet overdue
        (date(YEAR + 1, 2, 1), 1),  # overdue: the coordination office hears of it
        (date(YEAR + 1, 2, 2), 0),
    ]
    for day, expected in days:
        before = len(smtp_server.messages)
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            send_reminders(today=day)
        assert len(smtp_server.messages) - before == expected, day
    four, one, overdue = smtp_server.messages
    assert four["To"] == one["To"] == "partner_staff@bergkamen.test"
    assert "in vier Wochen" in four.get_content()
    assert "in einer Woche" in one.get_content()
    assert overdue["To"] == "coordinator@bergkamen.test"
    assert "Familienhebammen im Stadtteil" in overdue.get_content()
    assert (
        AuditEvent.objects.for_commune(world.bergkamen)
        .filter(action="funding.reminders_sent")
        .count()
        == 3
    )


def test_the_reminder_command_runs_the_daily_check(
    world: World,
    make_application: MakeApplication,
    smtp_server: SmtpServer,
    django_capture_on_commit_callbacks: Callbacks,
) -> None:
    make_application(status=ApplicationStatus.APPROVED, approved="10000")
    out = io.StringIO()
    with (
        time_machine.travel(date(YEAR + 1, 1, 25)),
        django_capture_on_commit_callbacks(execute=True),  # type: ignore[operator]
    ):
        call_command("send-funding-reminders", stdout=out)
    assert out.getvalue().strip() == "4 weeks 0, 1 week 1, overdue 0"
    assert len(smtp_server.messages) == 1


def _fill(client: Client, application_uuid: object, proof: ProofOfUse, spent: str) -> None:
    item = CostItem.objects.for_commune(proof.commune).get(application=proof.application)
    response = client.post(
        f"/bergkamen/funding/applications/{application_uuid}/proof/",
        {
            "version": str(proof.version),
            f"spent_{item.pk}": spent,
            "funding_received": "10000",
            "co_funding_received": "0",
            "staff": "Familienhebamme, 0,5 Stelle",
            "staff_hours": "780",
            "participants": "52",
            "families_reached": "41",
            "indicators_report": "41 Familien begleitet",
            "narrative": "Die Begleitung wurde gut angenommen.",
        },
    )
    assert response.status_code == 302


def test_a_provider_files_the_proof_and_the_coordinator_accepts_it_recording_the_repayment(
    world: World,
    make_application: MakeApplication,
    client_for: Callable[[str, str], Client],
    smtp_server: SmtpServer,
    django_capture_on_commit_callbacks: Callbacks,
) -> None:
    application = make_application(status=ApplicationStatus.APPROVED, approved="10000")
    proof = ProofOfUse.objects.for_commune(world.bergkamen).get()
    partner = client_for("bergkamen", Role.PARTNER_STAFF)
    _fill(partner, application.uuid, proof, "9250.50")
    partner.post(f"/bergkamen/funding/applications/{application.uuid}/proof/", {"action": "submit"})
    proof.refresh_from_db()
    assert proof.status == ProofStatus.SUBMITTED
    assert proof.families_reached == 41
    page = client_for("bergkamen", Role.COORDINATOR).get(f"/bergkamen/funding/proofs/{proof.uuid}/")
    assert "749,50 €" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        client_for("bergkamen", Role.COORDINATOR).post(
            f"/bergkamen/funding/proofs/{proof.uuid}/", {"action": "accept"}
        )
    proof.refresh_from_db()
    assert proof.status == ProofStatus.ACCEPTED
    assert proof.repayment_amount == Decimal("749.50")
    assert "749,50 €" in smtp_server.messages[0].get_content()


def test_a_returned_proof_can_be_corrected_and_submitted_again(
    world: World, make_application: MakeApplication, client_for: Callable[[str, str], Client]
) -> None:
    application = make_application(status=ApplicationStatus.APPROVED, approved="10000")
    proof = ProofOfUse.objects.for_commune(world.bergkamen).get()
    partner = client_for("bergkamen", Role.PARTNER_STAFF)
    _fill(partner, application.uuid, proof, "10000")
    partner.post(f"/bergkamen/funding/applications/{application.uuid}/proof/", {"action": "submit"})
    coordinator = client_for("bergkamen", Role.COORDINATOR)
    coordinator.post(
        f"/bergkamen/funding/proofs/{proof.uuid}/",
        {"action": "return", "reason": "Belege für Sachkosten fehlen"},
    )
    proof.refresh_from_db()
    assert proof.status == ProofStatus.RETURNED
    page = partner.get(f"/bergkamen/funding/applications/{application.uuid}/proof/")
    assert "Belege für Sachkosten fehlen" in page.content.decode()
    partner.post(f"/bergkamen/funding/applications/{application.uuid}/proof/", {"action": "submit"})
    proof.refresh_from_db()
    assert proof.status == ProofStatus.SUBMITTED
    accepted = accept_proof(actor=world.user("bergkamen", Role.COORDINATOR), proof=proof)
    assert accepted.repayment_amount is None


def test_an_incomplete_proof_cannot_be_submitted(
    world: World, make_application: MakeApplication, client_for: Callable[[str, str], Client]
) -> None:
    application = make_application(status=ApplicationStatus.APPROVED, approved="10000")
    response = client_for("bergkamen", Role.PARTNER_STAFF).post(
        f"/bergkamen/funding/applications/{application.uuid}/proof/",
        {"action": "submit"},
        follow=True,
    )
    assert "Bitte schreiben Sie den Sachbericht." in response.content.decode()
    assert ProofOfUse.objects.for_commune(world.bergkamen).get().status == ProofStatus.OPEN


def test_receipts_are_attached_to_the_proof_and_kept_five_years(
    world: World, make_application: MakeApplication, client_for: Callable[[str, str], Client]
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    from lotse.funding.models import Attachment  # noqa: PLC0415

    application = make_application(status=ApplicationStatus.APPROVED, approved="10000")
    response = client_for("bergkamen", Role.PARTNER_STAFF).post(
        f"/bergkamen/funding/applications/{application.uuid}/action/",
        {
            "action": "upload",
            "purpose": "receipt",
            "file": SimpleUploadedFile("Rechnung.png", b"\x89PNG\r\n\x1a\n...."),
        },
    )
    assert response["Location"] == f"/bergkamen/funding/applications/{application.uuid}/proof/"
    receipt = Attachment.objects.for_commune(world.bergkamen).get()
    assert receipt.purpose == "receipt"
    assert receipt.keep_until == date(YEAR + 6, 12, 31)
