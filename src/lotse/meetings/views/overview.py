"""Participation (attendance rates and flags) with the commune's meeting rules, the
personal calendar feed, and the OParl export."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from lotse.core.access import acting_user, capability_required, commune_of
from lotse.core.permissions import Capability
from lotse.meetings.forms import MeetingSettingsForm
from lotse.meetings.models import CalendarFeed
from lotse.meetings.selectors import attendance_rates, held_plenary_meetings, meeting_settings
from lotse.meetings.services.exports import oparl_document
from lotse.meetings.services.meetings import renew_calendar_feed, update_meeting_settings
from lotse.meetings.views.support import add_errors, audited_download, base_url
from lotse.network.selectors import current_members

C = Capability


@capability_required(C.MANAGE_MEETINGS)
def participation(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """Attendance rate of every member organisation over the last N plenary meetings;
    those below the threshold are flagged (and not "actively involved" for funding)."""
    commune = commune_of(request)
    rules = meeting_settings(commune)
    form = MeetingSettingsForm(request.POST or None, instance=rules)
    if request.method == "POST" and form.is_valid():
        try:
            update_meeting_settings(
                actor=acting_user(request), commune=commune, values=dict(form.cleaned_data)
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The meeting rules have been saved."))
            return redirect("meetings:participation", commune.slug)
        rules = meeting_settings(commune)
    organisations = list(current_members(commune))
    rates = attendance_rates(commune, organisations)
    rows = [
        {
            "organisation": organisation,
            "rate": rates.get(organisation.pk),
            "flagged": organisation.pk in rates
            and rates[organisation.pk] < rules.attendance_threshold,
        }
        for organisation in organisations
    ]
    window = list(held_plenary_meetings(commune)[: rules.attendance_window])
    return render(
        request,
        "meetings/participation.html",
        {"commune": commune, "rows": rows, "form": form, "rules": rules, "window": window},
    )


@capability_required(C.TAKE_PART_IN_MEETINGS)
def calendar_subscription(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """The person's feed address; POST makes a new secret (the old address stops)."""
    commune = commune_of(request)
    user = acting_user(request)
    feed: CalendarFeed = CalendarFeed.objects.for_commune(commune).filter(user=user).first()
    if request.method == "POST":
        renew_calendar_feed(actor=user, commune=commune)
        messages.success(request, _("Your calendar address has been created. Keep it secret."))
        return redirect("meetings:calendar_subscription", commune.slug)
    url = (
        base_url(request).rstrip("/")
        + reverse(
            "meetings:calendar_feed", kwargs={"commune_slug": commune.slug, "token": feed.token}
        )
        if feed is not None
        else ""
    )
    return render(
        request, "meetings/calendar_subscription.html", {"commune": commune, "feed_url": url}
    )


@capability_required(C.MANAGE_MEETINGS)
def oparl_export(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """Bodies, meetings, agenda items, minutes and documents as OParl 1.1 JSON."""
    commune = commune_of(request)
    document = oparl_document(commune, base_url(request))
    return audited_download(
        request,
        content=json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
        filename=f"oparl-{commune.slug}.json",
        what="oparl",
    )
