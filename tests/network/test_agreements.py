"""Cooperation agreements: generated from the commune's template as a German PDF, signed
in writing (the document is uploaded), countersigned, terminated in writing; terminating
ends the membership on the effective date and keeps the history."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from lotse.core.permissions import Role
from lotse.network.models import (
    AgreementStatus,
    CooperationAgreement,
    NetworkSettings,
    OrganisationStatus,
)
from lotse.network.selectors import current_members, has_signed_agreement, open_todos
from lotse.network.services.agreements import (
    agreement_pdf,
    create_agreement,
    record_partner_signature,
    record_termination,
    send_agreement,
)
from lotse.network.services.organisations import network_settings, update_network_settings
from tests.conftest import World
from tests.network.conftest import PDF_BYTES, agreement_in_force, coordinator, signed_pdf
from tests.network.factories import OrganisationFactory

ClientFor = Callable[[str, str], Client]


def _url(name: str, agreement: CooperationAgreement, **extra: str) -> str:
    return reverse(
        f"network:{name}",
        kwargs={"commune_slug": "bergkamen", "agreement_uuid": agreement.uuid, **extra},
    )


def test_the_pdf_names_the_partner_its_address_and_the_obligations(world: World) -> None:
    organisation = world.organisations["bergkamen"]
    agreement = create_agreement(actor=coordinator(world), organisation=organisation)
    reader = PdfReader(io.BytesIO(agreement_pdf(agreement)))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = " ".join(text.split())
    assert "Kooperationsvereinbarung Netzwerk Frühe Hilfen Bergkamen" in text
    assert organisation.name in text
    assert organisation.street in text
    assert f"{organisation.postal_code} {organisation.city}" in text
    assert "Vereinbarung nach § 8a SGB VIII" in text
    assert "§ 72a SGB VIII" in text
    assert "Datenschutzverpflichtung (DSGVO, BDSG, DSG NRW, Sozialgesetzbücher)" in text
    assert "gilt unbefristet bis zur Kündigung" in text


def test_the_commune_edits_the_template_and_unknown_placeholders_are_refused(
    world: World,
) -> None:
    settings = network_settings(world.bergkamen)
    with pytest.raises(ValidationError) as error:
        update_network_settings(
            actor=coordinator(world),
            commune=world.bergkamen,
            values={"agreement_template": "Vertrag mit {{ partnername }}"},
            expected_version=settings.version,
        )
    assert "unbekannten Platzhalter „partnername“" in str(error.value)
    update_network_settings(
        actor=coordinator(world),
        commune=world.bergkamen,
        values={"agreement_template": "# Vertrag\n\nMit {{ partner_name }} in {{ commune_name }}."},
        expected_version=settings.version,
    )
    agreement = create_agreement(
        actor=coordinator(world), organisation=world.organisations["bergkamen"]
    )
    assert agreement.text == "# Vertrag\n\nMit Familienbildung Bergkamen in Bergkamen."


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (None, "Bitte laden Sie das unterschriebene Dokument hoch."),
        (
            SimpleUploadedFile("x.exe", b"MZ\x90\x00"),
            "Bitte laden Sie eine PDF-, JPEG- oder PNG-Datei hoch.",
        ),
        (
            SimpleUploadedFile("fake.pdf", b"<html>"),
            "Bitte laden Sie eine PDF-, JPEG- oder PNG-Datei hoch.",
        ),
        (
            SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024)),
            "Die Datei ist größer als 10 MB.",
        ),
    ],
)
def test_signing_needs_a_pdf_or_image_of_at_most_10_mb(
    world: World, upload: SimpleUploadedFile | None, message: str
) -> None:
    agreement = create_agreement(
        actor=coordinator(world), organisation=world.organisations["bergkamen"]
    )
    send_agreement(actor=coordinator(world), agreement=agreement, sent_on=date(2026, 1, 5))
    with pytest.raises(ValidationError) as error:
        record_partner_signature(
            actor=coordinator(world),
            agreement=agreement,
            signed_on=date(2026, 1, 6),
            document=upload,
        )
    assert message in error.value.messages
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SENT_FOR_SIGNATURE
    assert not agreement.signed_document


def test_the_signed_document_is_stored_under_a_random_name_outside_the_web_root(
    world: World, media_root: Path, client_for: ClientFor
) -> None:
    agreement = agreement_in_force(world, world.organisations["bergkamen"], date(2026, 1, 5))
    stored = agreement.signed_document.name
    assert stored.startswith("private/network/agreements/")
    assert "vereinbarung" not in stored
    assert (media_root / stored).read_bytes() == PDF_BYTES
    response = client_for("bergkamen", Role.COORDINATOR).get(
        _url("agreement_document", agreement, which="signed")
    )
    assert response.status_code == 200
    assert response.content == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    refused = client_for("bergkamen", Role.PARTNER_STAFF).get(
        _url("agreement_document", agreement, which="signed")
    )
    assert refused.status_code == 403
    other = client_for("dortmund", Role.COORDINATOR).get(
        reverse(
            "network:agreement_document",
            kwargs={
                "commune_slug": "dortmund",
                "agreement_uuid": agreement.uuid,
                "which": "signed",
            },
        )
    )
    assert other.status_code == 404


def test_a_countersigned_agreement_replaces_the_earlier_one(world: World) -> None:
    organisation = world.organisations["bergkamen"]
    old = agreement_in_force(world, organisation, date(2024, 1, 10))
    new = agreement_in_force(world, organisation, date(2026, 2, 1))
    old.refresh_from_db()
    assert old.status == AgreementStatus.SUPERSEDED
    assert old.superseded_on == date(2026, 2, 1)
    assert new.status == AgreementStatus.ACTIVE
    assert has_signed_agreement(organisation, date(2025, 6, 1))
    assert has_signed_agreement(organisation, date(2026, 2, 2))


def test_termination_ends_the_membership_on_the_effective_date_and_keeps_the_history(
    world: World,
) -> None:
    organisation = world.organisations["bergkamen"]
    agreement = agreement_in_force(world, organisation, date(2025, 1, 10))
    with time_machine.travel(date(2026, 3, 2)):
        record_termination(
            actor=coordinator(world),
            agreement=agreement,
            notice_received_on=date(2026, 3, 2),
            effective_on=date(2026, 6, 30),
            document=signed_pdf("kuendigung.pdf"),
        )
    agreement.refresh_from_db()
    organisation.refresh_from_db()
    assert agreement.status == AgreementStatus.TERMINATION_RECEIVED
    assert organisation in current_members(world.bergkamen, date(2026, 6, 29))
    assert organisation not in current_members(world.bergkamen, date(2026, 6, 30))
    assert not has_signed_agreement(organisation, date(2026, 6, 30))
    with time_machine.travel(date(2026, 6, 30)):
        call_command("end-memberships", stdout=io.StringIO())
    agreement.refresh_from_db()
    organisation.refresh_from_db()
    assert agreement.status == AgreementStatus.TERMINATED
    assert organisation.status == OrganisationStatus.FORMER_MEMBER
    statuses = list(agreement.history.order_by("pk").values_list("to_status", flat=True))
    assert statuses == [
        "draft",
        "sent_for_signature",
        "signed",
        "active",
        "termination_received",
        "terminated",
    ]


def test_termination_needs_the_written_notice(world: World) -> None:
    agreement = agreement_in_force(world, world.organisations["bergkamen"], date(2025, 1, 10))
    with pytest.raises(ValidationError):
        record_termination(
            actor=coordinator(world),
            agreement=agreement,
            notice_received_on=date(2025, 2, 1),
            effective_on=date(2025, 3, 1),
            document=None,
        )
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE


def test_members_without_a_signed_agreement_or_with_a_missing_obligation_are_listed(
    world: World,
) -> None:
    organisation = world.organisations["bergkamen"]
    assert open_todos(world.bergkamen, date(2026, 2, 1)).missing_agreement == [organisation]
    agreement = agreement_in_force(world, organisation, date(2026, 1, 5))
    assert open_todos(world.bergkamen, date(2026, 2, 1)).missing_agreement == []
    agreement.obligations.filter(kind="section_72a").update(fulfilled_on=None)
    assert open_todos(world.bergkamen, date(2026, 2, 1)).missing_agreement == [organisation]


def test_signing_in_the_browser_with_a_bad_file_shows_the_error_and_changes_nothing(
    world: World, client_for: ClientFor
) -> None:
    agreement = create_agreement(
        actor=coordinator(world), organisation=world.organisations["bergkamen"]
    )
    send_agreement(actor=coordinator(world), agreement=agreement, sent_on=date(2026, 1, 5))
    client = client_for("bergkamen", Role.COORDINATOR)
    response = client.post(
        _url("agreement_sign", agreement),
        {"day": "2026-01-06", "document": SimpleUploadedFile("scan.gif", b"GIF89a")},
    )
    assert response.status_code == 422
    assert "Bitte laden Sie eine PDF-, JPEG- oder PNG-Datei hoch." in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SENT_FOR_SIGNATURE
    response = client.get(_url("agreement_pdf", agreement))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_default_objection_period_is_14_days_and_mentoring_deadline_30(world: World) -> None:
    settings = network_settings(world.bergkamen)
    assert (settings.objection_period_days, settings.mentor_deadline_days) == (14, 30)
    assert NetworkSettings.objects.count() == 1


def _own_url(name: str, agreement: CooperationAgreement) -> str:
    return reverse(
        f"network:{name}",
        kwargs={
            "commune_slug": "bergkamen",
            "organisation_uuid": agreement.organisation.uuid,
            "agreement_uuid": agreement.uuid,
        },
    )


def test_partner_staff_read_their_own_agreement_and_download_it(
    world: World, client_for: ClientFor
) -> None:
    organisation = world.organisations["bergkamen"]
    agreement = agreement_in_force(world, organisation, date(2026, 2, 2))
    client = client_for("bergkamen", Role.PARTNER_STAFF)
    detail_page = client.get(
        reverse(
            "network:organisation_detail",
            kwargs={"commune_slug": "bergkamen", "organisation_uuid": organisation.uuid},
        )
    ).content.decode()
    assert _own_url("own_agreement_detail", agreement) in detail_page
    assert "Kooperationsvereinbarung entwerfen" not in detail_page

    page = client.get(_own_url("own_agreement_detail", agreement)).content.decode()
    assert "In Kraft (gegengezeichnet)" in page
    assert "02.02.2026" in page
    assert "§ 72a SGB VIII" in page
    assert _own_url("own_agreement_pdf", agreement) in page
    assert _own_url("own_agreement_signed_document", agreement) in page
    assert _url("agreement_terminate", agreement) not in page  # no coordinator actions

    pdf = client.get(_own_url("own_agreement_pdf", agreement))
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert organisation.name in " ".join(text.split())
    signed = client.get(_own_url("own_agreement_signed_document", agreement))
    assert signed.content == PDF_BYTES
    assert signed["X-Content-Type-Options"] == "nosniff"


def test_partner_staff_get_404_for_another_organisations_agreement(
    world: World, client_for: ClientFor
) -> None:
    own = world.organisations["bergkamen"]
    other = OrganisationFactory(commune=world.bergkamen, name="Andere Beratungsstelle")
    foreign = agreement_in_force(world, other, date(2026, 2, 2))
    client = client_for("bergkamen", Role.PARTNER_STAFF)
    for name in ("own_agreement_detail", "own_agreement_pdf", "own_agreement_signed_document"):
        # Their own organisation in the URL with another's agreement …
        mixed = reverse(
            f"network:{name}",
            kwargs={
                "commune_slug": "bergkamen",
                "organisation_uuid": own.uuid,
                "agreement_uuid": foreign.uuid,
            },
        )
        assert client.get(mixed).status_code == 404
        # … or the other organisation outright.
        assert client.get(_own_url(name, foreign)).status_code == 404
