"""Agenda items are changed after they were added: their text and kind, their order (up
and down buttons, plain forms), and documents for one item — coordination only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django import Settings as SettingsWrapper

from lotse.core.models import AuditEvent
from lotse.meetings.models import AgendaItem, Document, MeetingStatus
from lotse.meetings.services.agenda import move_agenda_item
from lotse.meetings.services.meetings import add_agenda_item
from tests.meetings.conftest import Network
from tests.meetings.factories import MeetingFactory

ClientFor = Callable[[str, str], Client]


@pytest.fixture(autouse=True)
def _media(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def agenda(network: Network) -> Network:
    """News from the institutions (standing item), then two more items."""
    for title in ("Babylotsinnen im Klinikum", "Fachtag 2026"):
        add_agenda_item(
            actor=network.coordinator,
            commune=network.world.bergkamen,
            meeting=network.meeting,
            values={"title": title, "kind": "regular"},
        )
    return network


def _titles(network: Network) -> list[str]:
    return [item.title for item in network.meeting.agenda_items.order_by("position")]


def _item(network: Network, title: str) -> AgendaItem:
    return network.meeting.agenda_items.get(title=title)


def _edit_url(item: AgendaItem) -> str:
    return f"/bergkamen/meetings/items/{item.uuid}/edit/"


def _move_url(item: AgendaItem) -> str:
    return f"/bergkamen/meetings/items/{item.uuid}/move/"


def test_the_coordinator_turns_an_item_into_an_expert_talk_with_its_speaker(
    agenda: Network, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", "coordinator")
    item = _item(agenda, "Babylotsinnen im Klinikum")
    form = client.get(_edit_url(item))
    assert "Tagesordnungspunkt „Babylotsinnen im Klinikum“" in form.content.decode()
    response = client.post(
        _edit_url(item),
        {
            "title": "Babylotsinnen im Klinikum Unna",
            "kind": "expert_talk",
            "speaker": "Dr. Weiß",
            "description": "Erfahrungen aus dem ersten Jahr",
        },
        follow=True,
    )
    assert "Der Tagesordnungspunkt ist gespeichert." in response.content.decode()
    item.refresh_from_db()
    assert (item.title, item.kind, item.speaker, item.description) == (
        "Babylotsinnen im Klinikum Unna",
        "expert_talk",
        "Dr. Weiß",
        "Erfahrungen aus dem ersten Jahr",
    )
    event = AuditEvent.objects.for_commune(agenda.world.bergkamen).get(
        action="meetings.agenda_item_saved", object_id=str(item.uuid), changes__has_key="speaker"
    )
    assert "Dr. Weiß" not in str(event.changes)


def test_an_expert_talk_without_a_speaker_is_refused_and_nothing_changes(
    agenda: Network, client_for: ClientFor
) -> None:
    item = _item(agenda, "Fachtag 2026")
    response = client_for("bergkamen", "coordinator").post(
        _edit_url(item), {"title": "Neuer Titel", "kind": "expert_talk", "speaker": ""}
    )
    assert response.status_code == 200
    assert "Ein Fachvortrag braucht den Namen" in response.content.decode()
    item.refresh_from_db()
    assert (item.title, item.kind) == ("Fachtag 2026", "regular")


def test_items_move_up_and_down_without_javascript(agenda: Network, client_for: ClientFor) -> None:
    client = client_for("bergkamen", "coordinator")
    detail = client.get(f"/bergkamen/meetings/{agenda.meeting.uuid}/").content.decode()
    assert "„Fachtag 2026“ nach oben schieben" in detail
    assert "„Fachtag 2026“ nach unten schieben" not in detail  # last already
    response = client.post(_move_url(_item(agenda, "Fachtag 2026")), {"direction": "up"})
    assert response.status_code == 302
    assert _titles(agenda) == [
        "Neuigkeiten aus den Einrichtungen",
        "Fachtag 2026",
        "Babylotsinnen im Klinikum",
    ]
    page = client.post(
        _move_url(_item(agenda, "Neuigkeiten aus den Einrichtungen")),
        {"direction": "down"},
        follow=True,
    )
    assert "Der Punkt ist nach unten gerückt." in page.content.decode()
    assert _titles(agenda) == [
        "Fachtag 2026",
        "Neuigkeiten aus den Einrichtungen",
        "Babylotsinnen im Klinikum",
    ]
    assert [item.position for item in agenda.meeting.agenda_items.order_by("position")] == [1, 2, 3]


def test_the_first_item_cannot_move_up_and_nothing_changes(agenda: Network) -> None:
    first = agenda.meeting.agenda_items.get(position=1)
    with pytest.raises(ValidationError, match="bereits an erster Stelle"):
        move_agenda_item(
            actor=agenda.coordinator, commune=agenda.world.bergkamen, item=first, direction="up"
        )
    with pytest.raises(ValidationError, match="nach oben oder nach unten"):
        move_agenda_item(
            actor=agenda.coordinator, commune=agenda.world.bergkamen, item=first, direction="x"
        )
    assert _titles(agenda)[0] == "Neuigkeiten aus den Einrichtungen"


def test_the_agenda_of_a_closed_meeting_stays_as_it_was(
    agenda: Network, client_for: ClientFor
) -> None:
    agenda.meeting.status = MeetingStatus.MINUTES_APPROVED
    agenda.meeting.save(update_fields=["status"])
    client = client_for("bergkamen", "coordinator")
    item = _item(agenda, "Fachtag 2026")
    page = client.post(_move_url(item), {"direction": "up"}, follow=True)
    assert "kann nicht mehr geändert werden" in page.content.decode()
    response = client.post(_edit_url(item), {"title": "Anders", "kind": "regular"})
    assert "kann nicht mehr geändert werden" in response.content.decode()
    item.refresh_from_db()
    assert (item.title, item.position) == ("Fachtag 2026", 3)


def test_partners_and_other_communes_cannot_change_the_agenda(
    agenda: Network, client_for: ClientFor
) -> None:
    item = _item(agenda, "Fachtag 2026")
    partner = client_for("bergkamen", "partner_staff")
    assert partner.post(_move_url(item), {"direction": "up"}).status_code == 403
    assert partner.get(_edit_url(item)).status_code == 403
    other = client_for("dortmund", "coordinator")
    assert other.get(f"/dortmund/meetings/items/{item.uuid}/edit/").status_code == 404
    assert (
        other.post(f"/dortmund/meetings/items/{item.uuid}/move/", {"direction": "up"}).status_code
        == 404
    )
    item.refresh_from_db()
    assert item.position == 3


def test_a_document_is_attached_to_one_item_from_the_item_page(
    agenda: Network, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", "coordinator")
    item = _item(agenda, "Babylotsinnen im Klinikum")
    upload = SimpleUploadedFile("folien.pdf", b"%PDF-1.4 folien", content_type="application/pdf")
    page = client.post(
        f"/bergkamen/meetings/{agenda.meeting.uuid}/documents/",
        {"title": "Vortragsfolien", "file": upload, "agenda_item": str(item.uuid)},
        follow=True,
    )
    assert page.redirect_chain[-1][0] == _edit_url(item)
    content = page.content.decode()
    assert "Das Dokument ist angehängt." in content
    document = Document.objects.for_commune(agenda.world.bergkamen).get()
    assert document.agenda_item == item
    assert "Vortragsfolien" in client.get(_edit_url(item)).content.decode()
    detail = client.get(f"/bergkamen/meetings/{agenda.meeting.uuid}/").content.decode()
    assert detail.count("Vortragsfolien") == 1  # under its item, not among the general ones


def test_an_item_of_another_meeting_gets_no_document(
    agenda: Network, client_for: ClientFor
) -> None:
    other = add_agenda_item(
        actor=agenda.coordinator,
        commune=agenda.world.bergkamen,
        meeting=MeetingFactory(commune=agenda.world.bergkamen, body=agenda.plenary),
        values={"title": "Anderer Punkt", "kind": "regular"},
    )
    upload = SimpleUploadedFile("folien.pdf", b"%PDF-1.4 folien", content_type="application/pdf")
    page = client_for("bergkamen", "coordinator").post(
        f"/bergkamen/meetings/{agenda.meeting.uuid}/documents/",
        {"title": "Vortragsfolien", "file": upload, "agenda_item": str(other.uuid)},
        follow=True,
    )
    assert "Bitte wählen Sie einen Tagesordnungspunkt dieses Treffens." in page.content.decode()
    assert not Document.objects.for_commune(agenda.world.bergkamen).exists()
