"""A real SMTP server for tests: e-mails travel through Django's SMTP backend to an
aiosmtpd server on 127.0.0.1, the way they do in production.

Use the ``smtp_server`` fixture (until ``tests/conftest.py`` loads this module as a
plugin, import ``smtp_server_fixture`` into the test module); its ``messages`` are the received
:class:`email.message.EmailMessage` objects, oldest first."""

from __future__ import annotations

import email
import email.policy
import logging
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from pytest_django import Settings

HOST = "127.0.0.1"
# aiosmtpd logs every SMTP command at INFO level.
logging.getLogger("mail.log").setLevel(logging.WARNING)


@dataclass
class MailCatcher:
    """The aiosmtpd handler: keeps every message it receives."""

    messages: list[EmailMessage] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's hook name)
        content: bytes = envelope.original_content or envelope.content
        message = email.message_from_bytes(content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"


@dataclass
class SmtpServer:
    host: str
    port: int
    catcher: MailCatcher
    controller: Controller
    running: bool = True

    def stop(self) -> None:
        """Take the mail server down (an outage)."""
        if self.running:
            self.controller.stop()
            self.running = False

    def start(self) -> None:
        """Bring it back on the same port."""
        self.controller = Controller(self.catcher, hostname=self.host, port=self.port)
        self.controller.start()
        self.running = True

    @property
    def messages(self) -> list[EmailMessage]:
        with self.catcher.lock:
            return list(self.catcher.messages)

    def bodies(self) -> list[str]:
        return [_text(message) for message in self.messages]


def _text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None, "the e-mail has no plain-text part"
    assert isinstance(part, EmailMessage)
    content: str = part.get_content()
    return content


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(name="smtp_server")
def smtp_server_fixture(settings: Settings) -> Iterator[SmtpServer]:
    catcher = MailCatcher()
    controller = Controller(catcher, hostname=HOST, port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = HOST
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    server = SmtpServer(HOST, controller.port, catcher, controller)
    try:
        yield server
    finally:
        server.stop()
