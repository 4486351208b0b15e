"""Applications: drafts, attachments, submission by 30 September 23:59 Europe/Berlin for the
following year, reopening for one applicant, eligibility, withdrawal, optimistic locking."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lotse.core.models import AuditEvent
from lotse.core.permissions import Role
from lotse.funding.eligibility import why_not_eligible
from lotse.funding.models import (
    Application,
    ApplicationStatus,
    Attachment,
    StatusChange,
    settings_of,
)
from lotse.funding.services.applications import submit_application
from lotse.funding.services.review import reopen_submission
from lotse.meetings.models import BodyKind, MeetingStatus
from lotse.network.models import CooperationAgreement
from tests.conftest import World
from tests.funding.conftest import FB_II, YEAR, MakeApplication
from tests.meetings.factories import AttendanceFactory, BodyFactory, MeetingFactory
from tests.network.factories import OrganisationFactory

BERLIN = ZoneInfo("Europe/Berlin")
LAST_MINUTE = datetime(YEAR - 1, 9, 30, 23, 59, tzinfo=BERLIN)
TOO_LATE = datetime(YEAR - 1, 10, 1, 0, 0, tzinfo=BERLIN)
PDF = b"%PDF-1.4\n% Kostenplan\n"


def test_an_application_submitted_on_30_september_at_23_59_berlin_time_is_on_time(
    world: World, make_application: MakeApplication
) -> None:
    application = make_application()
    submitted = submit_application(
        actor=world.user("bergkamen", Role.PARTNER_STAFF), application=application, now=LAST_MINUTE
    )
    assert submitted.status == ApplicationStatus.SUBMITTED
    assert submitted.submitted_at == LAST_MINUTE
    change = StatusChange.objects.for_commune(world.bergkamen).get()
    assert (change.from_status, change.to_status) == ("draft", "submitted")


def test_an_application_submitted_on_1_october_at_midnight_is_refused_as_late(
    world: World, make_application: MakeApplication
) -> None:
    application = make_application()
    with pytest.raises(ValidationError) as caught:
        submit_application(
            actor=world.user("bergkamen", Role.PARTNER_STAFF),
            application=application,
            now=TOO_LATE,
        )
    assert (
        "Die Frist für Anträge für 2027 endete am 30. September 2026 um 23:59 Uhr."
        in caught.value.messages[0]
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_the_deadline_follows_the_communes_setting(
    world: World, make_application: MakeApplication
) -> None:
    world.bergkamen.funding_application_deadline_month = 10
    world.bergkamen.funding_application_deadline_day = 15
    world.bergkamen.save()
    application = make_application()
    submit_application(
        actor=world.user("bergkamen", Role.PARTNER_STAFF), application=application, now=TOO_LATE
    )


def test_a_coordinator_reopens_the_submission_for_one_late_applicant_and_it_is_recorded(
    world: World, make_application: MakeApplication
) -> None:
    late = make_application()
    other = make_application(title="Elterncafé")
    with time_machine.travel(TOO_LATE):
        reopen_submission(
            actor=world.user("bergkamen", Role.COORDINATOR),
            application=late,
            until=datetime(YEAR - 1, 10, 8, 12, 0, tzinfo=BERLIN),
            reason="Krankheit der Antragstellerin",
        )
        partner = world.user("bergkamen", Role.PARTNER_STAFF)
        submit_application(actor=partner, application=late)
        with pytest.raises(ValidationError):
            submit_application(actor=partner, application=other)
    event = AuditEvent.objects.for_commune(world.bergkamen).get(
        action="funding.application_reopened"
    )
    assert event.changes["reason"]["new"] == "Krankheit der Antragstellerin"
    assert event.object_id == str(late.uuid)


def test_a_member_below_the_attendance_threshold_cannot_submit_and_is_told_why(
    world: World, make_application: MakeApplication, client_for: Callable[[str, str], Client]
) -> None:
    organisation = world.organisations["bergkamen"]
    plenary = BodyFactory(commune=world.bergkamen, kind=BodyKind.PLENARY)
    for number in range(4):
        meeting = MeetingFactory(
            body=plenary,
            status=MeetingStatus.HELD,
            starts_at=datetime(YEAR - 2, 11, 1, 13, tzinfo=BERLIN) + timedelta(days=60 * number),
        )
        if number == 0:
            AttendanceFactory(meeting=meeting, organisation=organisation)
    application = make_application()
    reason = (
        "Familienbildung Bergkamen hat an 25 % der letzten Netzwerktreffen teilgenommen; "
        "nötig sind mindestens 50 %."
    )
    with time_machine.travel(LAST_MINUTE), pytest.raises(ValidationError) as caught:
        submit_application(
            actor=world.user("bergkamen", Role.PARTNER_STAFF), application=application
        )
    assert caught.value.messages[0] == reason
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    with time_machine.travel(LAST_MINUTE):
        page = client_for("bergkamen", Role.PARTNER_STAFF).get(
            f"/bergkamen/funding/applications/{application.uuid}/"
        )
    assert reason in page.content.decode()


def test_a_former_member_without_an_agreement_in_force_is_told_both_reasons(
    world: World, make_application: MakeApplication
) -> None:
    organisation = world.organisations["bergkamen"]
    organisation.member_until = date(YEAR - 2, 12, 31)
    organisation.save()
    CooperationAgreement.objects.for_commune(world.bergkamen).update(
        effective_end_on=date(YEAR - 2, 12, 31)
    )
    reasons = why_not_eligible(organisation, date(YEAR - 1, 9, 1))
    assert reasons == [
        "Familienbildung Bergkamen ist kein Mitglied des Netzwerks.",
        "Familienbildung Bergkamen hat keine unterzeichnete Kooperationsvereinbarung in Kraft.",
    ]


def _form(application: Application, **changes: str) -> dict[str, str]:
    data = {
        "version": str(application.version),
        "title": application.title,
        "funding_area": FB_II,
        "goals": "Familien früh erreichen",
        "priority_fit": "",
        "target_group": "Schwangere",
        "life_phase": "pregnancy",
        "period_start": f"{YEAR}-01-01",
        "period_end": f"{YEAR}-12-31",
        "requested_amount": "12000",
        "co_funding": "1000",
        "indicators": "Zahl der begleiteten Familien",
        "cost_label_0": "Personal",
        "cost_amount_0": "11000",
        "cost_label_1": "Sachkosten",
        "cost_amount_1": "1000",
    }
    data.update(changes)
    return data


def test_a_partner_starts_a_draft_fills_it_in_and_submits_it_in_the_browser_flow(
    world: World, funding_year: object, client_for: Callable[[str, str], Client]
) -> None:
    client = client_for("bergkamen", Role.PARTNER_STAFF)
    with time_machine.travel(datetime(YEAR - 1, 9, 1, 10, 0, tzinfo=BERLIN)):
        response = client.post(
            "/bergkamen/funding/applications/",
            {"funding_year": str(YEAR), "title": "Babylotsin"},
        )
        application = Application.objects.for_commune(world.bergkamen).get()
        assert response["Location"] == f"/bergkamen/funding/applications/{application.uuid}/"
        response = client.post(response["Location"], _form(application))
        assert response.status_code == 302
        application.refresh_from_db()
        assert application.requested_amount == Decimal("12000")
        assert [i.label for i in application.cost_items.all()] == ["Personal", "Sachkosten"]
        response = client.post(
            f"/bergkamen/funding/applications/{application.uuid}/action/", {"action": "submit"}
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert (
        AuditEvent.objects.for_commune(world.bergkamen)
        .filter(action="funding.application_submitted")
        .count()
        == 1
    )


def test_bad_input_re_renders_the_form_with_a_german_error_and_changes_nothing(
    world: World, make_application: MakeApplication, client_for: Callable[[str, str], Client]
) -> None:
    application = make_application()
    response = client_for("bergkamen", Role.PARTNER_STAFF).post(
        f"/bergkamen/funding/applications/{application.uuid}/",
        _form(application, period_end=f"{YEAR - 1}-01-01"),
    )
    assert response.status_code == 200
    assert "Die Maßnahme kann nicht enden, bevor sie beginnt." in response.content.decode()
    application.refresh_from_db()
    assert application.requested_amount == Decimal("10000")


def test_a_stale_save_shows_both_versions_and_overwrites_nothing(
    world: World, make_application: MakeApplication, client_for: Callable[[str, str], Client]
) -> None:
    application = make_application()
    client = client_for("bergkamen", Role.PARTNER_STAFF)
    stale = _form(application, title="Version von Frau A")
    assert (
        client.post(
            f"/bergkamen/funding/applications/{application.uuid}/",
            _form(application, title="Version von Herrn B"),
        ).status_code
        == 302
    )
    response = client.post(f"/bergkamen/funding/applications/{application.uuid}/", stale)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Jemand anderes hat dies gespeichert, während Sie es bearbeitet haben" in content
    assert "Version von Herrn B" in content
    application.refresh_from_db()
    assert application.title == "Version von Herrn B"


def test_a_pdf_is_attached_outside_the_web_root_under_a_random_name_and_downloaded_by_its_owner(
    world: World, make_application: MakeApplication, client_for: Callable[[str, str], Client]
) -> None:
    application = make_application()
    client = client_for("bergkamen", Role.PARTNER_STAFF)
    response = client.post(
        f"/bergkamen/funding/applications/{application.uuid}/action/",
        {
            "action": "upload",
            "purpose": "application",
            "file": SimpleUploadedFile("Kostenplan.pdf", PDF),
        },
    )
    assert response.status_code == 302
    attachment = Attachment.objects.for_commune(world.bergkamen).get()
    assert attachment.original_name == "Kostenplan.pdf"
    assert "Kostenplan" not in attachment.stored_name
    download = client.get(f"/bergkamen/funding/attachments/{attachment.uuid}/")
    assert download.content == PDF
    assert download["Content-Type"] == "application/pdf"
    coordinator = client_for("bergkamen", Role.COORDINATOR)
    assert (
        coordinator.get(f"/bergkamen/funding/review/attachments/{attachment.uuid}/").content == PDF
    )


def test_another_organisations_staff_cannot_download_the_attachment(
    world: World, make_application: MakeApplication, client_for: Callable[[str, str], Client]
) -> None:
    from tests.conftest import log_in  # noqa: PLC0415
    from tests.core.factories import MembershipFactory, UserFactory  # noqa: PLC0415

    application = make_application()
    client_for("bergkamen", Role.PARTNER_STAFF).post(
        f"/bergkamen/funding/applications/{application.uuid}/action/",
        {"action": "upload", "purpose": "application", "file": SimpleUploadedFile("a.pdf", PDF)},
    )
    attachment = Attachment.objects.for_commune(world.bergkamen).get()
    stranger = UserFactory(email="andere@bergkamen.test")
    MembershipFactory(
        user=stranger,
        commune=world.bergkamen,
        role=Role.PARTNER_STAFF,
        organisation=OrganisationFactory(commune=world.bergkamen, name="Andere Einrichtung"),
    )
    client = log_in(Client(), stranger)
    assert client.get(f"/bergkamen/funding/attachments/{attachment.uuid}/").status_code == 404
    assert client.get(f"/bergkamen/funding/applications/{application.uuid}/").status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ", "Nur PDF-, PNG-, JPEG-, DOCX-, XLSX-, ODT- und ODS-Dateien"),
        ("tarnung.pdf", b"<html>", "Der Inhalt der Datei passt nicht zu ihrem Typ .pdf."),
        ("riesig.pdf", b"%PDF-" + b"0" * (1024 * 1024 + 1), "Die Datei ist größer als 1 MB."),
    ],
)
def test_uploads_are_limited_by_type_content_and_size(  # noqa: PLR0917 - fixtures and parameters
    world: World,
    make_application: MakeApplication,
    client_for: Callable[[str, str], Client],
    name: str,
    content: bytes,
    message: str,
) -> None:
    limits = settings_of(world.bergkamen)
    limits.max_upload_megabytes = 1
    limits.save()
    application = make_application()
    response = client_for("bergkamen", Role.PARTNER_STAFF).post(
        f"/bergkamen/funding/applications/{application.uuid}/action/",
        {"action": "upload", "purpose": "application", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Attachment.objects.for_commune(world.bergkamen).exists()


def test_an_applicant_withdraws_before_the_decision_but_not_after(
    world: World, make_application: MakeApplication, client_for: Callable[[str, str], Client]
) -> None:
    client = client_for("bergkamen", Role.PARTNER_STAFF)
    pending = make_application(status=ApplicationStatus.DECISION_PENDING, approved="10000")
    client.post(
        f"/bergkamen/funding/applications/{pending.uuid}/action/",
        {"action": "withdraw", "withdraw-reason": "Personal fehlt"},
    )
    pending.refresh_from_db()
    assert pending.status == ApplicationStatus.WITHDRAWN
    assert pending.approved_amount is None
    decided = make_application(status=ApplicationStatus.REJECTED, title="Abgelehnt")
    response = client.post(
        f"/bergkamen/funding/applications/{decided.uuid}/action/",
        {"action": "withdraw"},
        follow=True,
    )
    assert (
        "Ein entschiedener Antrag kann nicht mehr zurückgezogen werden."
        in response.content.decode()
    )
    decided.refresh_from_db()
    assert decided.status == ApplicationStatus.REJECTED
