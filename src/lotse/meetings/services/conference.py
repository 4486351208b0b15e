"""The yearly Fachtag: members wish topics in a set period, every member organisation
has a set number of votes, the board picks the topic; participants register up to the
capacity, then wait and move up automatically."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.audit import record
from lotse.core.models import Commune, User
from lotse.core.outbox import queue_email
from lotse.meetings.audit import MeetingAction
from lotse.meetings.models import (
    Meeting,
    MeetingKind,
    MeetingStatus,
    Registration,
    RegistrationStatus,
    TopicCall,
    TopicProposal,
    TopicStatus,
    TopicVote,
)
from lotse.meetings.selectors import meeting_settings
from lotse.meetings.services.common import require_manage, require_take_part, write_history
from lotse.network.models import Organisation
from lotse.network.selectors import current_members

REGISTRATION_PERSONAL_FIELDS = ("name", "email")


def _is_member(organisation: Organisation | None, commune: Commune) -> bool:
    return organisation is not None and current_members(commune).filter(pk=organisation.pk).exists()


def _call_is_open(call: TopicCall) -> bool:
    return call.opens_on <= timezone.localdate() <= call.closes_on


@transaction.atomic
def open_topic_call(
    *, actor: User, commune: Commune, year: int, opens_on: date, closes_on: date
) -> TopicCall:
    require_manage(actor, commune)
    if closes_on < opens_on:
        raise ValidationError({"closes_on": [_("The period must end after it begins.")]})
    if TopicCall.objects.for_commune(commune).filter(year=year).exists():
        raise ValidationError({"year": [_("There is a topic call for this year already.")]})
    call: TopicCall = TopicCall.objects.for_commune(commune).create(
        commune=commune,
        year=year,
        opens_on=opens_on,
        closes_on=closes_on,
        votes_per_organisation=meeting_settings(commune).topic_votes_per_organisation,
    )
    record(actor=actor, commune=commune, action=MeetingAction.TOPIC_CALL_OPENED, target=call)
    return call


@transaction.atomic
def propose_topic(
    *,
    actor: User,
    commune: Commune,
    call: TopicCall,
    organisation: Organisation | None,
    title: str,
    description: str,
) -> TopicProposal:
    require_take_part(actor, commune)
    if not _call_is_open(call):
        raise ValidationError(_("Topic wishes can only be submitted in the set period."))
    if not title.strip():
        raise ValidationError({"title": [_("Please name the topic.")]})
    proposal: TopicProposal = TopicProposal.objects.for_commune(commune).create(
        commune=commune,
        call=call,
        title=title,
        description=description,
        organisation=organisation,
        submitted_by=actor,
    )
    record(actor=actor, commune=commune, action=MeetingAction.TOPIC_PROPOSED, target=proposal)
    return proposal


def votes_left(call: TopicCall, organisation: Organisation) -> int:
    used = (
        TopicVote.objects.for_commune(call.commune)
        .filter(proposal__call=call, organisation=organisation)
        .count()
    )
    return max(call.votes_per_organisation - int(used), 0)


@transaction.atomic
def vote_for_topic(
    *, actor: User, commune: Commune, proposal: TopicProposal, organisation: Organisation | None
) -> TopicVote:
    """A member organisation gives one of its votes to a topic (at most one per topic)."""
    require_take_part(actor, commune)
    if organisation is None or not _is_member(organisation, commune):
        raise ValidationError(_("Only member organisations vote for Fachtag topics."))
    # Lock the organisation's votes of this call so two tabs cannot exceed the limit.
    Organisation.objects.for_commune(commune).select_for_update().get(pk=organisation.pk)
    call = proposal.call
    if not _call_is_open(call):
        raise ValidationError(_("Votes can only be given in the set period."))
    if proposal.status != TopicStatus.SUBMITTED:
        raise ValidationError(_("This topic is no longer open for votes."))
    if votes_left(call, organisation) == 0:
        raise ValidationError(
            _("Your organisation has used all its %(count)s votes.")
            % {"count": call.votes_per_organisation}
        )
    try:
        with transaction.atomic():
            vote: TopicVote = TopicVote.objects.for_commune(commune).create(
                commune=commune, proposal=proposal, organisation=organisation, cast_by=actor
            )
    except IntegrityError:
        raise ValidationError(_("Your organisation has voted for this topic already.")) from None
    record(actor=actor, commune=commune, action=MeetingAction.TOPIC_VOTED, target=proposal)
    return vote


@transaction.atomic
def decide_topic(
    *,
    actor: User,
    commune: Commune,
    proposal: TopicProposal,
    status: str,
    merged_into: TopicProposal | None = None,
) -> TopicProposal:
    """The board picks the topic (the coordination records it)."""
    require_manage(actor, commune)
    proposal = TopicProposal.objects.for_commune(commune).select_for_update().get(pk=proposal.pk)
    if proposal.status != TopicStatus.SUBMITTED:
        raise ValidationError(_("This wish has been decided already."))
    if status not in (TopicStatus.ACCEPTED, TopicStatus.REJECTED, TopicStatus.MERGED):
        raise ValidationError({"status": [_("Please choose a decision.")]})
    if status == TopicStatus.MERGED and (
        merged_into is None or merged_into.call_id != proposal.call_id or merged_into == proposal
    ):
        raise ValidationError({"merged_into": [_("Please choose the wish it is merged into.")]})
    if (
        status == TopicStatus.ACCEPTED
        and proposal.call.proposals.filter(status=TopicStatus.ACCEPTED).exists()
    ):
        raise ValidationError(_("A topic has been chosen for this Fachtag already."))
    old = proposal.status
    proposal.status = status
    proposal.merged_into = merged_into if status == TopicStatus.MERGED else None
    proposal.save()
    write_history(proposal, commune=commune, actor=actor, from_status=old, to_status=status)
    record(
        actor=actor,
        commune=commune,
        action=MeetingAction.TOPIC_DECIDED,
        target=proposal,
        changes={"status": (old, status)},
    )
    return proposal


def _confirm(registration: Registration, template: str) -> None:
    meeting = registration.meeting
    context: dict[str, Any] = {
        "registration": registration,
        "meeting": meeting,
        "starts_at": timezone.localtime(meeting.starts_at),
    }
    queue_email(
        kind=f"meetings.{template}",
        to=[registration.email],
        subject=render_to_string(f"meetings/emails/{template}_subject.txt", context),
        body=render_to_string(f"meetings/emails/{template}.txt", context),
        commune=meeting.commune,
    )


@transaction.atomic
def register(
    *,
    actor: User,
    commune: Commune,
    meeting: Meeting,
    organisation: Organisation | None,
    name: str,
    email: str,
) -> Registration:
    """Register a participant of a member organisation; beyond the capacity the
    registration goes on the waiting list. Either way a confirmation is sent."""
    require_take_part(actor, commune)
    meeting = Meeting.objects.for_commune(commune).select_for_update().get(pk=meeting.pk)
    if meeting.kind != MeetingKind.CONFERENCE_DAY:
        raise ValidationError(_("Registration is only needed for a Fachtag."))
    if meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.INVITED) or (
        meeting.starts_at <= timezone.now()
    ):
        raise ValidationError(_("Registration for this Fachtag is closed."))
    if not _is_member(organisation, commune):
        raise ValidationError({"organisation": [_("Participants come from member organisations.")]})
    if not name.strip() or not email.strip():
        raise ValidationError({"name": [_("Please give name and e-mail address.")]})
    taken = meeting.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    status = (
        RegistrationStatus.REGISTERED
        if meeting.capacity is None or taken < meeting.capacity
        else RegistrationStatus.WAITING
    )
    try:
        with transaction.atomic():
            registration: Registration = Registration.objects.for_commune(commune).create(
                commune=commune,
                meeting=meeting,
                organisation=organisation,
                name=name,
                email=email,
                registered_by=actor,
                status=status,
            )
    except IntegrityError:
        raise ValidationError({"email": [_("This person is registered already.")]}) from None
    _confirm(
        registration,
        "registration_confirmed"
        if status == RegistrationStatus.REGISTERED
        else "registration_waiting",
    )
    record(
        actor=actor,
        commune=commune,
        action=MeetingAction.REGISTERED,
        target=registration,
        changes={"status": (None, status), "name": (None, name), "email": (None, email)},
        personal_fields=REGISTRATION_PERSONAL_FIELDS,
    )
    return registration


@transaction.atomic
def cancel_registration(
    *, actor: User, commune: Commune, registration: Registration
) -> Registration | None:
    """Cancel; if a place becomes free, the oldest waiting registration moves up and is
    told so. Returns the registration that moved up, if any."""
    require_take_part(actor, commune)
    meeting = (
        Meeting.objects.for_commune(commune).select_for_update().get(pk=registration.meeting_id)
    )
    registration = Registration.objects.for_commune(commune).get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("This registration has been cancelled already."))
    freed = registration.status == RegistrationStatus.REGISTERED
    old = registration.status
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])
    moved: Registration | None = None
    if freed:
        moved = (
            meeting.registrations.filter(status=RegistrationStatus.WAITING)
            .order_by("created_at", "pk")
            .first()
        )
        if moved is not None:
            moved.status = RegistrationStatus.REGISTERED
            moved.save(update_fields=["status"])
            _confirm(moved, "registration_moved_up")
    record(
        actor=actor,
        commune=commune,
        action=MeetingAction.REGISTRATION_CANCELLED,
        target=registration,
        changes={"status": (old, RegistrationStatus.CANCELLED)},
    )
    return moved


@transaction.atomic
def record_conference_attendance(
    *, actor: User, commune: Commune, registration: Registration, attended: bool
) -> Registration:
    """Registered versus attended: ticked on the day."""
    require_manage(actor, commune)
    registration = (
        Registration.objects.for_commune(commune).select_for_update().get(pk=registration.pk)
    )
    if registration.status != RegistrationStatus.REGISTERED:
        raise ValidationError(_("Only registered participants can be ticked."))
    registration.attended = attended
    registration.save(update_fields=["attended"])
    record(
        actor=actor,
        commune=commune,
        action=MeetingAction.ATTENDANCE_RECORDED,
        target=registration,
        changes={"attended": (None, attended)},
    )
    return registration
