"""The outbox carries attachments (an .ics, a PDF), encrypted while waiting and blanked
once sent — the change this app made to ``core/outbox.py``."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection

from lotse.core.models import OutboxMessage
from lotse.core.outbox import Attachment, queue_email
from tests.conftest import World
from tests.mail import SmtpServer


def test_an_attachment_travels_through_the_outbox_and_is_blanked_afterwards(
    world: World, smtp_server: SmtpServer, django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        queue_email(
            kind="test",
            to=["vera@example.org"],
            subject="Anhang",
            body="Siehe Anhang.",
            attachments=[Attachment("protokoll.pdf", b"%PDF-1.4 secret", "application/pdf")],
        )
        with connection.cursor() as cursor:
            cursor.execute("SELECT attachments FROM core_outboxmessage")
            [(stored,)] = cursor.fetchall()
        assert "protokoll" not in stored, "encrypted at rest"
    [message] = smtp_server.messages
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "protokoll.pdf"
    assert attachment.get_content() == b"%PDF-1.4 secret"
    assert OutboxMessage.objects.get().attachments == ""
