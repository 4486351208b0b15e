"""Pages reached without a session: the reply link of an invitation and the calendar
feed. The secret token in the URL is the proof; a wrong token is a 404."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from lotse.core.access import public_commune_view
from lotse.core.models import Membership
from lotse.core.permissions import Capability, capabilities_for_roles
from lotse.meetings.forms import ReplyForm
from lotse.meetings.ics import feed_ics
from lotse.meetings.models import BodyKind, CalendarFeed, Invitation, Meeting
from lotse.meetings.services.invitations import answer_invitation
from lotse.meetings.views.support import add_errors


def _invitation(request: HttpRequest, token: str) -> Invitation:
    commune = request.commune  # type: ignore[attr-defined]
    invitation: Invitation | None = (
        Invitation.objects.for_commune(commune)
        .filter(token=token)
        .select_related("meeting", "meeting__body")
        .first()
    )
    if invitation is None:
        raise Http404(_("Not found."))
    return invitation


@public_commune_view
@never_cache
def invitation_reply(request: HttpRequest, commune_slug: str, token: str) -> HttpResponse:
    invitation = _invitation(request, token)
    form = ReplyForm(
        request.POST or None,
        initial={"reply": invitation.reply if invitation.reply != "none" else None},
    )
    saved = False
    if request.method == "POST" and form.is_valid():
        try:
            invitation = answer_invitation(invitation=invitation, reply=form.cleaned_data["reply"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            saved = True
    return render(
        request,
        "meetings/invitation_reply.html",
        {
            "invitation": invitation,
            "meeting": invitation.meeting,
            "starts_at": timezone.localtime(invitation.meeting.starts_at),
            "form": form,
            "saved": saved,
        },
    )


def feed_meetings(feed: CalendarFeed) -> list[Meeting]:
    """The meetings of the person's bodies: all of them for the coordination; for partner
    staff the plenary and the bodies their organisation or they themselves belong to."""
    commune = feed.commune
    memberships = list(
        Membership.objects.for_commune(commune).filter(user=feed.user, is_active=True)
    )
    capabilities = capabilities_for_roles([m.role for m in memberships])
    meetings = Meeting.objects.for_commune(commune).filter(is_template=False)
    if Capability.MANAGE_MEETINGS not in capabilities:
        if Capability.TAKE_PART_IN_MEETINGS not in capabilities:
            return []
        organisations = [m.organisation_id for m in memberships if m.organisation_id]
        meetings = meetings.filter(
            Q(body__kind=BodyKind.PLENARY)
            | Q(body__organisations__in=organisations)
            | Q(body__people=feed.user)
        ).distinct()
    since = timezone.now() - timedelta(days=365)
    return list(
        meetings.filter(starts_at__gte=since).select_related("commune").order_by("starts_at")[:500]
    )


@public_commune_view
def calendar_feed(request: HttpRequest, commune_slug: str, token: str) -> HttpResponse:
    commune = request.commune  # type: ignore[attr-defined]
    feed = (
        CalendarFeed.objects.for_commune(commune).filter(token=token).select_related("user").first()
    )
    if feed is None or not feed.user.is_active:
        raise Http404(_("Not found."))
    body = feed_ics(
        feed_meetings(feed), name=_("Early-help network %(commune)s") % {"commune": commune.name}
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lotse.ics"'
    return response
