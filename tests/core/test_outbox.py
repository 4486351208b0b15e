"""E-mails go through an outbox: an SMTP outage delays them and loses none."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lotse.core.models import OutboxMessage, OutboxStatus, User
from lotse.core.outbox import MAX_ATTEMPTS, RETRY_AFTER_MINUTES, deliver_due, queue_email
from tests.conftest import World, log_in
from tests.mail import SmtpServer

Callbacks = Callable[..., object]


def _invite(client: Client, email: str) -> None:
    response = client.post(
        "/bergkamen/users/invite/",
        {"email": email, "full_name": "Ilse Neu", "role": "planner"},
    )
    assert response.status_code == 302


def test_an_invitation_is_delivered_through_the_outbox_and_its_link_blanked_afterwards(
    world: World,
    client_for: Callable[[str, str], Client],
    smtp_server: SmtpServer,
    django_capture_on_commit_callbacks: Callbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        _invite(client_for("bergkamen", "coordinator"), "ilse.neu@example.org")
    [message] = smtp_server.messages
    assert message["To"] == "ilse.neu@example.org"
    stored = OutboxMessage.objects.get()
    assert stored.status == OutboxStatus.SENT
    assert stored.attempts == 1
    assert stored.body == "", "the set-password link must not stay in the database"


def test_an_smtp_outage_delays_the_mail_and_loses_none(
    world: World,
    client_for: Callable[[str, str], Client],
    smtp_server: SmtpServer,
    django_capture_on_commit_callbacks: Callbacks,
) -> None:
    smtp_server.stop()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        _invite(client_for("bergkamen", "coordinator"), "ilse.neu@example.org")
    waiting = OutboxMessage.objects.get()
    assert waiting.status == OutboxStatus.PENDING
    assert waiting.attempts == 1
    assert waiting.last_error.startswith("ConnectionRefusedError")
    assert "ilse" not in waiting.last_error
    first_retry = waiting.next_attempt_at

    smtp_server.start()
    assert deliver_due().sent == 0, "not due before the pause is over"
    with time_machine.travel(first_retry + timedelta(seconds=1)):
        call_command("send-outbox", stdout=io.StringIO())
    [message] = smtp_server.messages
    assert message["To"] == "ilse.neu@example.org"
    assert "/invitation/" in smtp_server.bodies()[0]
    assert OutboxMessage.objects.get().status == OutboxStatus.SENT


def test_a_message_that_never_gets_through_is_marked_failed_after_the_last_attempt(
    db: None, smtp_server: SmtpServer
) -> None:
    smtp_server.stop()
    queue_email(kind="core.test", to=["a@example.org"], subject="Betreff", body="Text")
    moment = timezone.now()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        report = deliver_due(now=moment)
        message = OutboxMessage.objects.get()
        assert message.attempts == attempt
        if attempt < MAX_ATTEMPTS:
            assert report.retried == 1
            assert message.next_attempt_at == moment + timedelta(
                minutes=RETRY_AFTER_MINUTES[attempt - 1]
            )
            moment = message.next_attempt_at
    assert report.failed == 1
    assert message.status == OutboxStatus.FAILED
    assert deliver_due(now=moment + timedelta(days=30)).failed == 0, "failed mail is not retried"


@pytest.mark.django_db
def test_recipients_subject_and_body_are_encrypted_at_rest() -> None:
    queue_email(
        kind="core.test",
        to=["geheim@example.org"],
        subject="Einladung für Frau Geheim",
        body="https://lotse.example/invitation/abc/set-password/",
    )
    table = OutboxMessage._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT recipients, subject, body FROM {table}")  # noqa: S608
        row = cursor.fetchone()
    assert row is not None
    stored = " ".join(row)
    for clear in ("geheim@example.org", "Geheim", "invitation"):
        assert clear not in stored


def test_operators_see_the_outbox_and_the_task_results_in_the_administration(
    db: None, admin_user: User
) -> None:
    admin_client = log_in(Client(), admin_user)
    queue_email(kind="core.test", to=["a@example.org"], subject="Betreff", body="Text")
    page = admin_client.get("/admin/core/outboxmessage/")
    assert page.status_code == 200
    assert "core.test" in page.content.decode()
    assert "a@example.org" not in page.content.decode()
    tasks = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    assert admin_client.get(tasks).status_code == 200
