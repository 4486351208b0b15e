"""Audit actions of the meetings app (registered in ``MeetingsConfig.ready``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingAction(models.TextChoices):
    SETTINGS_CHANGED = "meetings.settings_changed", _("Meeting settings changed")
    BODY_SAVED = "meetings.body_saved", _("Body saved")
    BODY_CLOSED = "meetings.body_closed", _("Working group closed")
    MEETING_SAVED = "meetings.meeting_saved", _("Meeting saved")
    MEETING_CLONED = "meetings.meeting_cloned", _("Meeting cloned from a template")
    MEETING_STATUS_CHANGED = "meetings.meeting_status_changed", _("Meeting status changed")
    AGENDA_ITEM_SAVED = "meetings.agenda_item_saved", _("Agenda item saved")
    DOCUMENT_UPLOADED = "meetings.document_uploaded", _("Document attached to a meeting")
    INVITATIONS_SENT = "meetings.invitations_sent", _("Invitations sent")
    INVITATION_ANSWERED = "meetings.invitation_answered", _("Invitation answered")
    GUEST_REQUESTED = "meetings.guest_requested", _("Guest requested")
    GUEST_DECIDED = "meetings.guest_decided", _("Guest approved or rejected")
    ATTENDANCE_RECORDED = "meetings.attendance_recorded", _("Attendance recorded")
    MINUTES_SAVED = "meetings.minutes_saved", _("Minutes saved")
    MINUTES_CIRCULATED = "meetings.minutes_circulated", _("Draft minutes circulated")
    MINUTES_APPROVED = "meetings.minutes_approved", _("Minutes approved and sent")
    ACTION_ITEM_DONE = "meetings.action_item_done", _("Action item done")
    TOPIC_CALL_OPENED = "meetings.topic_call_opened", _("Fachtag topic call opened")
    TOPIC_PROPOSED = "meetings.topic_proposed", _("Fachtag topic proposed")
    TOPIC_VOTED = "meetings.topic_voted", _("Vote for a Fachtag topic")
    TOPIC_DECIDED = "meetings.topic_decided", _("Fachtag topic chosen")
    REGISTERED = "meetings.registered", _("Registered for a Fachtag")
    REGISTRATION_CANCELLED = "meetings.registration_cancelled", _("Fachtag registration cancelled")
    ELECTION_CREATED = "meetings.election_created", _("Board election created")
    CANDIDATE_NOMINATED = "meetings.candidate_nominated", _("Candidate nominated")
    ELECTION_STATUS_CHANGED = "meetings.election_status_changed", _("Election status changed")
    BALLOT_CAST = "meetings.ballot_cast", _("Ballot cast")
    BOARD_TERM_REMINDER = "meetings.board_term_reminder", _("Reminder about ending board terms")
    EXPORTED = "meetings.exported", _("Meeting data with personal data exported")
    CALENDAR_FEED_RENEWED = "meetings.calendar_feed_renewed", _("Calendar address renewed")
