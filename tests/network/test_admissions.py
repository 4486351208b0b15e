"""A newcomer is admitted only after the network is consulted: members get an e-mail and
may object within the commune's period (14 days by default); then the board decides."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from lotse.core.models import AuditEvent
from lotse.core.permissions import Role
from lotse.network.actions import NetworkAction
from lotse.network.models import (
    Admission,
    AdmissionStatus,
    DelegationKind,
    MentorshipKind,
    NetworkSettings,
    Organisation,
    OrganisationStatus,
)
from lotse.network.selectors import current_members, open_todos
from lotse.network.services.admissions import (
    consult_members,
    decide_admission,
    open_admission,
    raise_objection,
    record_mentorship,
)
from lotse.network.services.organisations import network_settings
from tests.conftest import World
from tests.mail import SmtpServer
from tests.network.conftest import coordinator
from tests.network.factories import DelegationFactory, OrganisationFactory, PersonFactory

ClientFor = Callable[[str, str], Client]
Callbacks = Callable[..., Any]
MONDAY = date(2026, 3, 2)


def _candidate(world: World) -> Organisation:
    return OrganisationFactory(
        commune=world.bergkamen, name="Kita Pusteblume", status=OrganisationStatus.CANDIDATE
    )


def _consulted(world: World) -> Admission:
    admission = open_admission(
        actor=coordinator(world), organisation=_candidate(world), applied_on=MONDAY
    )
    consult_members(actor=coordinator(world), admission=admission)
    admission.refresh_from_db()
    return admission


@time_machine.travel(MONDAY)
def test_consulting_mails_every_member_through_the_outbox(
    world: World, smtp_server: SmtpServer, django_capture_on_commit_callbacks: Callbacks
) -> None:
    member = world.organisations["bergkamen"]
    DelegationFactory(person=PersonFactory(organisation=member, email="vertretung@traeger.example"))
    DelegationFactory(
        person=PersonFactory(organisation=member, email="stellvertretung@traeger.example"),
        kind=DelegationKind.DEPUTY,
    )
    OrganisationFactory(commune=world.dortmund, email="dortmund@example.org")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        admission = _consulted(world)
    [message] = smtp_server.messages
    assert set(message["To"].split(", ")) == {
        "vertretung@traeger.example",
        "stellvertretung@traeger.example",
    }
    assert "Kita Pusteblume möchte aufgenommen werden" in message["Subject"]
    assert "bis zum 16. März 2026" in smtp_server.bodies()[0]
    assert admission.status == AdmissionStatus.CONSENT_PENDING
    assert admission.objection_deadline == MONDAY + timedelta(days=14)


def test_the_objection_period_is_a_commune_setting(world: World) -> None:
    settings = network_settings(world.bergkamen)
    NetworkSettings.objects.filter(pk=settings.pk).update(objection_period_days=21)
    with time_machine.travel(MONDAY):
        admission = _consulted(world)
    assert admission.objection_deadline == date(2026, 3, 23)


def test_a_member_may_object_until_the_last_day_of_the_period_and_not_after(
    world: World,
) -> None:
    partner = world.user("bergkamen", Role.PARTNER_STAFF)
    own = world.organisations["bergkamen"]
    with time_machine.travel(MONDAY):
        admission = _consulted(world)
    with time_machine.travel(date(2026, 3, 17)), pytest.raises(ValidationError) as error:
        raise_objection(actor=partner, admission=admission, organisation=own, reason="Zu spät")
    assert "Die Einspruchsfrist endete am 16.03.2026." in error.value.messages
    with time_machine.travel(date(2026, 3, 16)):
        raise_objection(
            actor=partner, admission=admission, organisation=own, reason="Kein Bezug zu 0–3"
        )
    assert admission.objections.count() == 1


def test_the_board_decides_only_after_the_objection_period(world: World) -> None:
    with time_machine.travel(MONDAY):
        admission = _consulted(world)
    with time_machine.travel(date(2026, 3, 16)), pytest.raises(ValidationError):
        decide_admission(
            actor=coordinator(world),
            admission=admission,
            admitted=True,
            decided_on=date(2026, 3, 16),
            reason="Keine Einwände",
        )
    admission.refresh_from_db()
    assert admission.status == AdmissionStatus.CONSENT_PENDING


def test_an_admitted_organisation_is_a_member_from_the_day_of_the_decision(
    world: World,
) -> None:
    with time_machine.travel(MONDAY):
        admission = _consulted(world)
    with time_machine.travel(date(2026, 3, 20)):
        decide_admission(
            actor=coordinator(world),
            admission=admission,
            admitted=True,
            decided_on=date(2026, 3, 19),
            reason="Keine Einwände, passt ins Netzwerk",
        )
    organisation = admission.organisation
    organisation.refresh_from_db()
    assert organisation.status == OrganisationStatus.MEMBER
    assert organisation not in current_members(world.bergkamen, date(2026, 3, 18))
    assert organisation in current_members(world.bergkamen, date(2026, 3, 19))
    history = list(admission.history.values_list("from_status", "to_status"))
    assert history == [
        ("", "applied"),
        ("applied", "consent_pending"),
        ("consent_pending", "admitted"),
    ]
    actions = set(AuditEvent.objects.for_commune(world.bergkamen).values_list("action", flat=True))
    assert {
        NetworkAction.ADMISSION_OPENED,
        NetworkAction.MEMBERS_CONSULTED,
        NetworkAction.ADMISSION_DECIDED,
    } <= actions


def test_a_rejection_keeps_the_reason_and_makes_no_member(world: World) -> None:
    with time_machine.travel(MONDAY):
        admission = _consulted(world)
    with time_machine.travel(date(2026, 4, 1)):
        decide_admission(
            actor=coordinator(world),
            admission=admission,
            admitted=False,
            decided_on=date(2026, 4, 1),
            reason="Angebot richtet sich nicht an Familien",
        )
    admission.refresh_from_db()
    assert admission.status == AdmissionStatus.REJECTED
    assert admission.decision_reason == "Angebot richtet sich nicht an Familien"
    assert admission.organisation not in current_members(world.bergkamen, date(2026, 4, 2))


def test_a_newcomer_without_mentor_or_information_event_is_flagged_after_30_days(
    world: World,
) -> None:
    with time_machine.travel(MONDAY):
        admission = _consulted(world)
    with time_machine.travel(date(2026, 3, 20)):
        decide_admission(
            actor=coordinator(world),
            admission=admission,
            admitted=True,
            decided_on=date(2026, 3, 20),
            reason="Keine Einwände",
        )
    newcomer = admission.organisation
    assert open_todos(world.bergkamen, date(2026, 4, 19)).without_mentor == []
    assert open_todos(world.bergkamen, date(2026, 4, 20)).without_mentor == [newcomer]
    mentor = PersonFactory(organisation=world.organisations["bergkamen"])
    with time_machine.travel(date(2026, 4, 20)):
        record_mentorship(
            actor=coordinator(world),
            newcomer=newcomer,
            kind=MentorshipKind.MENTOR,
            mentor=mentor,
            starts_on=date(2026, 4, 20),
            ends_on=date(2026, 10, 20),
        )
    assert open_todos(world.bergkamen, date(2026, 4, 21)).without_mentor == []


def test_the_information_event_instead_of_a_mentor_needs_its_name(world: World) -> None:
    newcomer = world.organisations["bergkamen"]
    with pytest.raises(ValidationError):
        record_mentorship(
            actor=coordinator(world),
            newcomer=newcomer,
            kind=MentorshipKind.INFO_EVENT,
            starts_on=date(2026, 5, 1),
        )
    record_mentorship(
        actor=coordinator(world),
        newcomer=newcomer,
        kind=MentorshipKind.INFO_EVENT,
        event_name="Infoveranstaltung für Eltern im Rathaus 2026",
        starts_on=date(2026, 5, 1),
    )
    assert newcomer.mentorships.count() == 1


@time_machine.travel(MONDAY)
def test_partner_staff_object_in_the_browser_for_their_own_organisation(
    world: World, client_for: ClientFor
) -> None:
    admission = _consulted(world)
    client = client_for("bergkamen", Role.PARTNER_STAFF)
    url = reverse(
        "network:admission_object",
        kwargs={"commune_slug": "bergkamen", "admission_uuid": admission.uuid},
    )
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="field-error"' in page
    assert "erforderlich" in page  # Django's message, however an app's catalogue words it
    response = client.post(url, {"reason": "Doppelstruktur zum Familienzentrum"})
    assert response.status_code == 302
    [objection] = admission.objections.all()
    assert objection.organisation == world.organisations["bergkamen"]


@time_machine.travel(MONDAY)
def test_the_coordinator_records_an_objection_a_member_sent_by_letter(
    world: World, client_for: ClientFor
) -> None:
    admission = _consulted(world)
    member = world.organisations["bergkamen"]
    client = client_for("bergkamen", Role.COORDINATOR)
    detail = reverse(
        "network:admission_detail",
        kwargs={"commune_slug": "bergkamen", "admission_uuid": admission.uuid},
    )
    url = reverse(
        "network:admission_object_record",
        kwargs={"commune_slug": "bergkamen", "admission_uuid": admission.uuid},
    )
    assert url in client.get(detail).content.decode()
    page = client.get(url).content.decode()
    assert member.name in page
    assert admission.organisation.name in page  # in the heading, not as a choice
    assert f'value="{admission.organisation.pk}"' not in page

    response = client.post(url, {"organisation": str(member.pk), "reason": "  "})
    assert response.status_code == 200
    assert 'class="field-error"' in response.content.decode()
    assert admission.objections.count() == 0

    response = client.post(url, {"organisation": str(member.pk), "reason": "Brief vom 1. März"})
    assert response.status_code == 302
    [objection] = admission.objections.all()
    assert (objection.organisation, objection.reason) == (member, "Brief vom 1. März")
    assert objection.raised_by == coordinator(world)
    assert (
        AuditEvent.objects.for_commune(world.bergkamen)
        .filter(action=NetworkAction.OBJECTION_RAISED, object_id=str(admission.uuid))
        .exists()
    )
    # A member objects once: it is no longer offered.
    assert f'value="{member.pk}"' not in client.get(url).content.decode()


def test_the_coordinator_cannot_record_an_objection_after_the_period(
    world: World, client_for: ClientFor
) -> None:
    with time_machine.travel(MONDAY):
        admission = _consulted(world)
    member = world.organisations["bergkamen"]
    url = reverse(
        "network:admission_object_record",
        kwargs={"commune_slug": "bergkamen", "admission_uuid": admission.uuid},
    )
    with time_machine.travel(MONDAY + timedelta(days=15)):
        response = client_for("bergkamen", Role.COORDINATOR).post(
            url, {"organisation": str(member.pk), "reason": "Zu spät"}
        )
    assert response.status_code == 200
    assert "Die Einspruchsfrist endete am" in response.content.decode()
    assert admission.objections.count() == 0
