"""Requests for a volunteer sponsor, answered by the volunteer coordination
(``MATCH_VOLUNTEERS``). The coordination sees the family's social area, languages and
times, not its name: the team introduces the volunteer to the family."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.access import acting_user, capability_required, commune_of, get_for_commune
from lotse.core.permissions import Capability
from lotse.referrals.support.choices import LANGUAGES
from lotse.referrals.support.forms import ConfirmSponsorForm
from lotse.referrals.support.models import Sponsorship, SponsorshipStatus, Volunteer
from lotse.referrals.support.selectors import match_volunteers
from lotse.referrals.support.services.sponsors import confirm_sponsor
from lotse.referrals.support.views.common import add_service_errors

LANGUAGE_NAMES = dict(LANGUAGES)


@capability_required(Capability.MATCH_VOLUNTEERS)
def sponsorship_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    sponsorships = (
        Sponsorship.objects.for_commune(commune)
        .select_related("social_area", "volunteer")
        .order_by("status", "requested_at")
    )
    return render(
        request,
        "support/sponsorship_list.html",
        {"commune": commune, "sponsorships": sponsorships},
    )


@capability_required(Capability.MATCH_VOLUNTEERS)
def sponsorship_confirm(request: HttpRequest, commune_slug: str, uuid: UUID) -> HttpResponse:
    commune = commune_of(request)
    sponsorship = get_for_commune(Sponsorship, commune, uuid)
    proposals, blocked = match_volunteers(
        commune,
        social_area=sponsorship.social_area,
        languages=sponsorship.languages,
        availability=sponsorship.availability,
        on=timezone.localdate(),
    )
    volunteers = Volunteer.objects.for_commune(commune).filter(
        pk__in=[p.volunteer.pk for p in proposals]
    )
    form = ConfirmSponsorForm(request.POST or None, volunteers=volunteers)
    if (
        request.method == "POST"
        and sponsorship.status == SponsorshipStatus.REQUESTED
        and form.is_valid()
    ):
        try:
            confirm_sponsor(
                actor=acting_user(request),
                sponsorship=sponsorship,
                volunteer=form.cleaned_data["volunteer"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The volunteer sponsor has been confirmed."))
            return redirect("support:sponsorship_list", commune_slug=commune_slug)
    return render(
        request,
        "support/sponsorship_confirm.html",
        {
            "commune": commune,
            "sponsorship": sponsorship,
            "form": form,
            "proposals": proposals,
            "languages": ", ".join(
                str(LANGUAGE_NAMES.get(code, code)) for code in sponsorship.languages
            ),
            "blocked": blocked,
        },
        status=422 if request.method == "POST" else 200,
    )
