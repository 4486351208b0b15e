"""Bodies, meetings, invitations, attendance, minutes, Fachtag topics, board elections."""

from django.urls import URLPattern, URLResolver, path

from lotse.meetings.views import (
    agenda,
    attendance,
    bodies,
    conference,
    elections,
    meetings,
    minutes,
    overview,
    public,
)

app_name = "meetings"

M = "meetings/"

# Pages under /<commune_slug>/…
commune_urlpatterns: list[URLPattern | URLResolver] = [
    path(M, meetings.meeting_list, name="meeting_list"),
    path(f"{M}month/", meetings.meeting_month, name="meeting_month"),
    path(f"{M}new/", meetings.meeting_create, name="meeting_create"),
    path(f"{M}<uuid:meeting_uuid>/", meetings.meeting_detail, name="meeting_detail"),
    path(f"{M}<uuid:meeting_uuid>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path(f"{M}<uuid:meeting_uuid>/clone/", meetings.meeting_clone, name="meeting_clone"),
    path(f"{M}<uuid:meeting_uuid>/invite/", meetings.meeting_invite, name="meeting_invite"),
    path(f"{M}<uuid:meeting_uuid>/cancel/", meetings.meeting_cancel, name="meeting_cancel"),
    path(f"{M}<uuid:meeting_uuid>/held/", meetings.meeting_held, name="meeting_held"),
    path(f"{M}<uuid:meeting_uuid>/agenda/", meetings.agenda_item_add, name="agenda_item_add"),
    path(f"{M}items/<uuid:item_uuid>/edit/", agenda.agenda_item_edit, name="agenda_item_edit"),
    path(f"{M}items/<uuid:item_uuid>/move/", agenda.agenda_item_move, name="agenda_item_move"),
    path(f"{M}<uuid:meeting_uuid>/documents/", meetings.document_upload, name="document_upload"),
    path(
        f"{M}documents/<uuid:document_uuid>/",
        meetings.document_download,
        name="document_download",
    ),
    path(f"{M}<uuid:meeting_uuid>/guests/", attendance.guest_request, name="guest_request"),
    path(f"{M}guests/<uuid:guest_uuid>/decide/", attendance.guest_decide, name="guest_decide"),
    path(f"{M}<uuid:meeting_uuid>/attendance/", attendance.attendance, name="attendance"),
    path(
        f"{M}<uuid:meeting_uuid>/attendance/prepare/",
        attendance.attendance_prepare,
        name="attendance_prepare",
    ),
    path(
        f"{M}<uuid:meeting_uuid>/attendance/add/",
        attendance.attendance_add,
        name="attendance_add",
    ),
    path(
        f"{M}attendance/<uuid:attendance_uuid>/",
        attendance.attendance_mark,
        name="attendance_mark",
    ),
    path(
        f"{M}<uuid:meeting_uuid>/attendance.pdf",
        attendance.attendance_print,
        name="attendance_pdf",
    ),
    path(f"{M}<uuid:meeting_uuid>/minutes/", minutes.minutes_edit, name="minutes_edit"),
    path(
        f"{M}<uuid:meeting_uuid>/minutes/circulate/",
        minutes.minutes_circulate,
        name="minutes_circulate",
    ),
    path(
        f"{M}<uuid:meeting_uuid>/minutes/approve/",
        minutes.minutes_approve,
        name="minutes_approve",
    ),
    path(f"{M}<uuid:meeting_uuid>/minutes.pdf", minutes.minutes_pdf_view, name="minutes_pdf"),
    path(f"{M}items/<uuid:item_uuid>/tasks/", minutes.action_item_add, name="action_item_add"),
    path(f"{M}tasks/<uuid:action_uuid>/done/", minutes.action_item_done, name="action_item_done"),
    path(f"{M}items/<uuid:item_uuid>/decision.pdf", minutes.decision_extract, name="decision_pdf"),
    path(f"{M}decisions/", minutes.decision_search, name="decision_search"),
    path(f"{M}bodies/", meetings.body_list, name="body_list"),
    path(f"{M}bodies/new/", bodies.body_create, name="body_create"),
    path(f"{M}bodies/<uuid:body_uuid>/", bodies.body_detail, name="body_detail"),
    path(f"{M}bodies/<uuid:body_uuid>/edit/", bodies.body_edit, name="body_edit"),
    path(f"{M}bodies/<uuid:body_uuid>/close/", bodies.body_close, name="body_close"),
    path(f"{M}participation/", overview.participation, name="participation"),
    path(f"{M}calendar/", overview.calendar_subscription, name="calendar_subscription"),
    path(f"{M}oparl.json", overview.oparl_export, name="oparl_export"),
    path(f"{M}fachtag/", conference.topic_calls, name="topic_calls"),
    path(f"{M}fachtag/new/", conference.topic_call_create, name="topic_call_create"),
    path(f"{M}fachtag/<uuid:call_uuid>/", conference.topic_call_detail, name="topic_call_detail"),
    path(f"{M}fachtag/<uuid:call_uuid>/wish/", conference.topic_propose, name="topic_propose"),
    path(f"{M}topics/<uuid:proposal_uuid>/vote/", conference.topic_vote, name="topic_vote"),
    path(f"{M}topics/<uuid:proposal_uuid>/decide/", conference.topic_decide, name="topic_decide"),
    path(
        f"{M}<uuid:meeting_uuid>/register/",
        conference.registration_add,
        name="registration_add",
    ),
    path(
        f"{M}registrations/<uuid:registration_uuid>/cancel/",
        conference.registration_cancel,
        name="registration_cancel",
    ),
    path(
        f"{M}registrations/<uuid:registration_uuid>/attended/",
        conference.registration_attended,
        name="registration_attended",
    ),
    path(f"{M}board/", elections.election_list, name="election_list"),
    path(f"{M}board/elections/new/", elections.election_create, name="election_create"),
    path(f"{M}board/seats/new/", elections.board_seat_add, name="board_seat_add"),
    path(
        f"{M}board/elections/<uuid:election_uuid>/",
        elections.election_detail,
        name="election_detail",
    ),
    path(
        f"{M}board/elections/<uuid:election_uuid>/nominate/",
        elections.election_nominate,
        name="election_nominate",
    ),
    path(
        f"{M}board/elections/<uuid:election_uuid>/vote/",
        elections.election_vote,
        name="election_vote",
    ),
    path(
        f"{M}board/elections/<uuid:election_uuid>/next/",
        elections.election_advance,
        name="election_advance",
    ),
    path(
        f"{M}board/elections/<uuid:election_uuid>/results.csv",
        elections.election_results_csv,
        name="election_csv",
    ),
    # Reached without a session: the secret token is the proof.
    path(f"{M}reply/<str:token>/", public.invitation_reply, name="invitation_reply"),
    path(f"{M}feed/<str:token>.ics", public.calendar_feed, name="calendar_feed"),
]
# Pages outside a commune.
urlpatterns: list[URLPattern | URLResolver] = []
