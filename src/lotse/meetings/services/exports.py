"""Exports: OParl 1.1 JSON, vote results as CSV, and the audit of every export that
contains personal data."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.audit import record
from lotse.core.models import Commune, User
from lotse.meetings.audit import MeetingAction
from lotse.meetings.models import Body, Election, Meeting, MinutesStatus


@transaction.atomic
def record_export(
    *, actor: User, commune: Commune, what: str, target: models.Model | None = None
) -> None:
    """Who exported which personal data, and when."""
    record(
        actor=actor,
        commune=commune,
        action=MeetingAction.EXPORTED,
        target=target,
        changes={"export": (None, what)},
    )


OPARL = "https://schema.oparl.org/1.1/"


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if hasattr(value, "tzinfo"):
        return str(timezone.localtime(value).isoformat())
    return str(value.isoformat())


def oparl_document(commune: Commune, base_url: str) -> dict[str, Any]:
    """The commune as an OParl 1.1 ``Body`` with its bodies (OParl ``Organization``),
    meetings, agenda items, files and approved minutes, embedded in one document.

    OParl's "Body" is the municipality; our Gremien are its Organizations."""
    root = base_url.rstrip("/")
    prefix = f"{root}/{commune.slug}/meetings/oparl/"

    def oid(kind: str, uuid: Any) -> str:
        return f"{prefix}{kind}/{uuid}"

    bodies = list(Body.objects.for_commune(commune).order_by("name"))
    meetings = list(
        Meeting.objects.for_commune(commune)
        .filter(is_template=False)
        .select_related("body", "minutes")
        .prefetch_related("agenda_items", "documents")
        .order_by("starts_at")
    )
    organizations = [
        {
            "id": oid("organization", body.uuid),
            "type": f"{OPARL}Organization",
            "body": oid("body", commune.uuid),
            "name": body.name,
            "organizationType": "Gremium",
            "classification": body.get_kind_display(),
            "endDate": _iso(body.closed_on),
            "meeting": [oid("meeting", m.uuid) for m in meetings if m.body_id == body.pk],
        }
        for body in bodies
    ]
    meeting_objects = []
    for meeting in meetings:
        files = [
            {
                "id": oid("file", document.uuid),
                "type": f"{OPARL}File",
                "name": document.title,
                "fileName": document.original_name,
                "mimeType": document.content_type,
                "size": document.size,
                "accessUrl": root
                + reverse(
                    "meetings:document_download",
                    kwargs={"commune_slug": commune.slug, "document_uuid": document.uuid},
                ),
            }
            for document in meeting.documents.all()
        ]
        minutes = getattr(meeting, "minutes", None)
        approved = minutes is not None and minutes.status == MinutesStatus.APPROVED
        meeting_objects.append(
            {
                "id": oid("meeting", meeting.uuid),
                "type": f"{OPARL}Meeting",
                "name": meeting.title,
                "meetingState": meeting.get_status_display(),
                "cancelled": meeting.status == "cancelled",
                "start": _iso(meeting.starts_at),
                "end": _iso(meeting.ends_at),
                "location": {
                    "type": f"{OPARL}Location",
                    "description": meeting.place or meeting.online_url,
                },
                "organization": [oid("organization", meeting.body.uuid)],
                "auxiliaryFile": files,
                "resultsProtocol": (
                    {
                        "id": oid("protocol", minutes.uuid),
                        "type": f"{OPARL}File",
                        "name": "Protokoll",
                        "mimeType": "application/pdf",
                        "accessUrl": root
                        + reverse(
                            "meetings:minutes_pdf",
                            kwargs={"commune_slug": commune.slug, "meeting_uuid": meeting.uuid},
                        ),
                    }
                    if approved and minutes is not None
                    else None
                ),
                "agendaItem": [
                    {
                        "id": oid("agendaitem", item.uuid),
                        "type": f"{OPARL}AgendaItem",
                        "meeting": oid("meeting", meeting.uuid),
                        "number": str(item.position),
                        "order": item.position,
                        "name": item.title,
                        "public": False,
                        "result": item.get_outcome_display() if approved else None,
                        "resolutionText": item.decision if approved and item.decision else None,
                    }
                    for item in meeting.agenda_items.all()
                ],
                "created": _iso(meeting.created_at),
            }
        )
    return {
        "id": oid("body", commune.uuid),
        "type": f"{OPARL}Body",
        "name": f"Netzwerk Frühe Hilfen {commune.name}",
        "shortName": commune.name,
        "organization": organizations,
        "meeting": meeting_objects,
        "created": _iso(timezone.now()),
    }


def election_csv(election: Election) -> str:
    """Vote results per round: counts, and the yes votes per candidate."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    yes, no = _("yes"), _("no")
    writer.writerow([_("Round"), _("Nominee"), _("Organisation"), _("Yes votes"), _("Elected")])
    rounds = election.snapshot.get("rounds", [])
    for candidacy in election.candidacies.select_related("organisation"):
        writer.writerow(
            [
                1,
                candidacy.nominee,
                candidacy.organisation.name,
                candidacy.yes_votes,
                yes if candidacy.elected else no,
            ]
        )
        if len(rounds) > 1 and candidacy.in_run_off:
            writer.writerow(
                [
                    2,
                    candidacy.nominee,
                    candidacy.organisation.name,
                    candidacy.run_off_votes,
                    yes if candidacy.elected else no,
                ]
            )
    writer.writerow([])
    writer.writerow(
        [
            _("Round"),
            _("Entitled"),
            _("Present"),
            _("Cast"),
            _("Valid"),
            _("Invalid"),
            _("Quorum met"),
        ]
    )
    for entry in rounds:
        writer.writerow(
            [
                entry["round"],
                len(entry["entitled"]),
                len(entry["present"]),
                entry["cast"],
                entry["valid"],
                entry["invalid"],
                yes if entry["quorum_met"] else no,
            ]
        )
    return out.getvalue()
