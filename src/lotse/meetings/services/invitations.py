"""Invitations by e-mail with an .ics attachment and a reply link; updates and
cancellations reach the same recipients with the same UID and a higher SEQUENCE."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.audit import record
from lotse.core.models import Commune, User
from lotse.core.outbox import Attachment, queue_email
from lotse.meetings.audit import MeetingAction
from lotse.meetings.ics import invitation_ics
from lotse.meetings.models import BodyKind, Invitation, Meeting, MeetingStatus, Reply
from lotse.meetings.services.common import require_manage
from lotse.meetings.services.meetings import _move
from lotse.network.models import Organisation, Person
from lotse.network.selectors import current_delegation, current_members

INVITATION_PERSONAL_FIELDS = ("recipients",)


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    organisation: Organisation | None = None
    person: Person | None = None


def member_organisations(meeting: Meeting) -> list[Organisation]:
    """The plenary invites every current member; other bodies their own organisations."""
    if meeting.body.kind == BodyKind.PLENARY:
        return list(current_members(meeting.commune, timezone.localdate(meeting.starts_at)))
    return list(meeting.body.organisations.all())


def recipients(meeting: Meeting) -> list[Recipient]:
    """Delegate and deputy of each member organisation (seed 000: one named person and
    one named deputy per institution), the organisation's address where nobody is named,
    and the people who belong to the body themselves."""
    found: dict[str, Recipient] = {}
    on = timezone.localdate(meeting.starts_at)
    for organisation in member_organisations(meeting):
        named = [person for person in current_delegation(organisation, on) if person is not None]
        with_email = [person for person in named if person.email]
        for person in with_email:
            found.setdefault(
                person.email.lower(),
                Recipient(person.email, person.name, organisation, person),
            )
        if not with_email and organisation.email:
            found.setdefault(
                organisation.email.lower(),
                Recipient(organisation.email, organisation.name, organisation),
            )
    for user in meeting.body.people.all():
        found.setdefault(user.email.lower(), Recipient(user.email, user.full_name))
    return list(found.values())


def reply_url(invitation: Invitation, base_url: str) -> str:
    path = reverse(
        "meetings:invitation_reply",
        kwargs={"commune_slug": invitation.commune.slug, "token": invitation.token},
    )
    return base_url.rstrip("/") + path


def _queue(invitation: Invitation, meeting: Meeting, template: str, base_url: str) -> None:
    context: dict[str, Any] = {
        "meeting": meeting,
        "invitation": invitation,
        "commune": meeting.commune,
        "agenda": list(meeting.agenda_items.all()),
        "reply_url": reply_url(invitation, base_url),
        "starts_at": timezone.localtime(meeting.starts_at),
        "ends_at": timezone.localtime(meeting.ends_at),
    }
    ics = invitation_ics(
        meeting, organizer_email=_organizer_email(), attendee_email=invitation.email
    )
    cancelled = meeting.status == MeetingStatus.CANCELLED
    queue_email(
        kind=f"meetings.{template}",
        to=[invitation.email],
        subject=render_to_string(f"meetings/emails/{template}_subject.txt", context),
        body=render_to_string(f"meetings/emails/{template}.txt", context),
        commune=meeting.commune,
        attachments=[
            Attachment(
                filename="einladung.ics" if not cancelled else "absage.ics",
                content=ics,
                mimetype=f"text/calendar; method={'CANCEL' if cancelled else 'REQUEST'}",
            )
        ],
    )


def _organizer_email() -> str:
    from email.utils import parseaddr  # noqa: PLC0415

    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "lotse@localhost"


@transaction.atomic
def send_invitations(
    *, actor: User, commune: Commune, meeting: Meeting, base_url: str
) -> list[Invitation]:
    """Invite everyone who belongs to the body. Sent again after a change, it is an update
    (same UID, higher SEQUENCE) for those invited before and an invitation for new ones."""
    require_manage(actor, commune)
    meeting = Meeting.objects.for_commune(commune).select_for_update().get(pk=meeting.pk)
    if meeting.is_template:
        raise ValidationError(_("A template is not a meeting: please clone it first."))
    if meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.INVITED):
        raise ValidationError(_("Invitations can only be sent before the meeting."))
    if meeting.starts_at <= timezone.now():
        raise ValidationError(_("This meeting has begun already."))
    found = recipients(meeting)
    if not found:
        raise ValidationError(
            _("Nobody to invite: name delegates or e-mail addresses of the member organisations.")
        )
    existing = {invitation.email.lower(): invitation for invitation in meeting.invitations.all()}
    is_update = meeting.status == MeetingStatus.INVITED
    sent: list[Invitation] = []
    for recipient in found:
        invitation = existing.pop(recipient.email.lower(), None)
        template = "update" if is_update and invitation is not None else "invitation"
        if invitation is None:
            invitation = Invitation.objects.for_commune(commune).create(
                commune=commune,
                meeting=meeting,
                organisation=recipient.organisation,
                person=recipient.person,
                name=recipient.name,
                email=recipient.email,
            )
        _queue(invitation, meeting, template, base_url)
        sent.append(invitation)
    # Someone who is no longer a member still holds the old invitation: keep them informed.
    for invitation in existing.values():
        _queue(invitation, meeting, "update", base_url)
        sent.append(invitation)
    if meeting.status == MeetingStatus.PLANNED:
        _move(actor=actor, commune=commune, meeting=meeting, to_status=MeetingStatus.INVITED)
    record(
        actor=actor,
        commune=commune,
        action=MeetingAction.INVITATIONS_SENT,
        target=meeting,
        changes={"invitations": (None, len(sent)), "sequence": (None, meeting.ics_sequence)},
    )
    return sent


@transaction.atomic
def cancel_meeting(
    *, actor: User, commune: Commune, meeting: Meeting, reason: str, base_url: str
) -> Meeting:
    """Cancel; everyone invited gets a cancellation their calendar understands."""
    require_manage(actor, commune)
    meeting = Meeting.objects.for_commune(commune).select_for_update().get(pk=meeting.pk)
    meeting = _move(
        actor=actor,
        commune=commune,
        meeting=meeting,
        to_status=MeetingStatus.CANCELLED,
        reason=reason,
    )
    for invitation in meeting.invitations.all():
        _queue(invitation, meeting, "cancellation", base_url)
    return meeting


@transaction.atomic
def answer_invitation(*, invitation: Invitation, reply: str) -> Invitation:
    """The reply link needs no login: the token in it is the proof."""
    if reply not in (Reply.ATTENDING, Reply.DEPUTY_ATTENDS, Reply.NOT_ATTENDING):
        raise ValidationError({"reply": [_("Please choose one of the answers.")]})
    invitation = Invitation.all_communes.select_for_update().get(pk=invitation.pk)
    meeting = invitation.meeting
    if meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.INVITED):
        raise ValidationError(
            _("This meeting is over or cancelled; the reply is no longer needed.")
        )
    old = invitation.reply
    invitation.reply = reply
    invitation.replied_at = timezone.now()
    invitation.save(update_fields=["reply", "replied_at"])
    record(
        actor=None,
        commune=invitation.commune,
        action=MeetingAction.INVITATION_ANSWERED,
        target=invitation,
        changes={"reply": (old, reply)},
    )
    return invitation
