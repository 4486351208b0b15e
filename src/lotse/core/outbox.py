"""The e-mail outbox: services queue e-mails inside their transaction; delivery happens
after the commit (a background task) and again from ``lotse send-outbox`` (cron), with
growing pauses between attempts, so an unreachable mail server delays mail but loses none.
"""

from __future__ import annotations

import base64
import json
import logging
import smtplib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from lotse.core.models import Commune, OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

# Minutes to wait after the 1st, 2nd, … failed attempt: about two days in all, long enough
# for a mail server's maintenance window or a weekend outage to pass.
RETRY_AFTER_MINUTES = (1, 5, 15, 60, 180, 360, 720, 1440)
MAX_ATTEMPTS = len(RETRY_AFTER_MINUTES) + 1


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


@dataclass(frozen=True)
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0


def queue_email(
    *,
    kind: str,
    to: Sequence[str],
    subject: str,
    body: str,
    commune: Commune | None = None,
    attachments: Sequence[Attachment] = (),
) -> OutboxMessage:
    """Put an e-mail in the outbox; it is delivered once the current transaction commits."""
    message: OutboxMessage = OutboxMessage.objects.create(
        kind=kind,
        commune=commune,
        recipients="\n".join(to),
        subject=" ".join(subject.split()),
        body=body,
        attachments=_encode_attachments(attachments),
    )
    transaction.on_commit(_enqueue_delivery)
    return message


def _encode_attachments(attachments: Sequence[Attachment]) -> str:
    if not attachments:
        return ""
    return json.dumps(
        [
            {
                "filename": item.filename,
                "mimetype": item.mimetype,
                "content": base64.b64encode(item.content).decode("ascii"),
            }
            for item in attachments
        ]
    )


def _enqueue_delivery() -> None:
    # Imported here: the task module imports this one.
    from lotse.core.tasks import deliver_outbox  # noqa: PLC0415

    deliver_outbox.enqueue()


def deliver_due(*, now: datetime | None = None, limit: int = 100) -> DeliveryReport:
    """Try every message that is due, oldest first; one SMTP connection for all."""
    now = now or timezone.now()
    due = list(
        OutboxMessage.objects.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    sent = retried = failed = 0
    connection = get_connection(fail_silently=False)
    try:
        for pk in due:
            outcome = _deliver_one(pk, connection, now)
            sent += outcome == OutboxStatus.SENT
            failed += outcome == OutboxStatus.FAILED
            retried += outcome == OutboxStatus.PENDING
    finally:
        try:
            connection.close()
        except (OSError, smtplib.SMTPException):
            logger.warning("Closing the SMTP connection failed", exc_info=True)
    return DeliveryReport(sent=sent, retried=retried, failed=failed)


def _deliver_one(pk: int, connection: object, now: datetime) -> str | None:
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, status=OutboxStatus.PENDING)
            .first()
        )
        if message is None:  # another worker has it
            return None
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            to=message.recipients.splitlines(),
            connection=connection,
        )
        for item in json.loads(message.attachments or "[]"):
            email.attach(item["filename"], base64.b64decode(item["content"]), item["mimetype"])
        message.attempts += 1
        try:
            email.send()
        except (OSError, smtplib.SMTPException) as error:
            _schedule_retry(message, error, now)
        else:
            message.status = OutboxStatus.SENT
            message.sent_at = now
            message.body = ""
            message.attachments = ""
            message.last_error = ""
        message.save()
        return str(message.status)


def _schedule_retry(message: OutboxMessage, error: Exception, now: datetime) -> None:
    # Only the kind of error and the SMTP code: the text may name the recipient.
    code = getattr(error, "smtp_code", None)
    message.last_error = f"{type(error).__name__}{f' {code}' if code else ''}"[:200]
    if message.attempts >= MAX_ATTEMPTS:
        message.status = OutboxStatus.FAILED
        logger.error("E-mail %s failed for good after %d attempts", message.uuid, message.attempts)
        return
    message.next_attempt_at = now + timedelta(minutes=RETRY_AFTER_MINUTES[message.attempts - 1])
    logger.warning(
        "E-mail %s not sent (%s); next attempt at %s",
        message.uuid,
        message.last_error,
        message.next_attempt_at.isoformat(),
    )
