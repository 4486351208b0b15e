"""Fixtures of the network tests: uploads go to a temporary directory, and a few
helpers build the objects the rules are about."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django import Settings

from lotse.core.models import User
from lotse.core.permissions import Role
from lotse.network.models import CooperationAgreement, ObligationKind, Organisation
from lotse.network.services.agreements import (
    countersign,
    create_agreement,
    record_obligation,
    record_partner_signature,
    send_agreement,
)
from tests.conftest import World

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


def signed_pdf(name: str = "vereinbarung.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def coordinator(world: World) -> User:
    return world.user("bergkamen", Role.COORDINATOR)


def agreement_in_force(
    world: World, organisation: Organisation, on: date, *, obligations: bool = True
) -> CooperationAgreement:
    """An agreement sent, signed and countersigned on ``on`` (with its obligations)."""
    actor = coordinator(world)
    agreement = create_agreement(actor=actor, organisation=organisation)
    send_agreement(actor=actor, agreement=agreement, sent_on=on)
    record_partner_signature(actor=actor, agreement=agreement, signed_on=on, document=signed_pdf())
    countersign(actor=actor, agreement=agreement, countersigned_on=on)
    if obligations:
        for kind in ObligationKind.values:
            record_obligation(actor=actor, agreement=agreement, kind=kind, fulfilled_on=on)
    agreement.refresh_from_db()
    return agreement
