"""The board: terms, elections, nominations, secret ballots, results."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.core.access import (
    acting_user,
    capability_required,
    commune_of,
    get_for_commune,
    has_capability,
)
from lotse.core.permissions import Capability
from lotse.meetings.forms import BallotForm, ElectionForm, FixedSeatForm, NominationForm
from lotse.meetings.models import BoardTerm, Election, ElectionStatus, Meeting
from lotse.meetings.selectors import meeting_settings
from lotse.meetings.services.elections import (
    appoint_fixed_seat,
    ballot_candidates,
    cast_ballot,
    close_voting,
    create_election,
    entitled_organisations,
    nominate,
    open_voting,
    publish_result,
    voter_seat,
)
from lotse.meetings.services.exports import election_csv
from lotse.meetings.views.support import add_errors, audited_download, own_organisation
from lotse.network.models import Organisation

C = Capability


def _election_meetings(request: HttpRequest) -> object:
    return Meeting.objects.for_commune(commune_of(request)).filter(
        is_template=False, starts_at__gte=timezone.now()
    )


@capability_required(C.TAKE_PART_IN_MEETINGS)
def election_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    today = timezone.localdate()
    return render(
        request,
        "meetings/election_list.html",
        {
            "commune": commune,
            "terms": BoardTerm.objects.for_commune(commune).filter(ends_on__gte=today),
            "elections": Election.objects.for_commune(commune).select_related("meeting"),
            "can_manage": has_capability(request, C.MANAGE_MEETINGS),
            "form": ElectionForm(meetings=_election_meetings(request)),
            "seat_form": FixedSeatForm(),
        },
    )


@capability_required(C.MANAGE_MEETINGS)
@require_POST
def election_create(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    form = ElectionForm(request.POST, meetings=_election_meetings(request))
    if form.is_valid():
        try:
            election = create_election(
                actor=acting_user(request), commune=commune, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The election has been created; nominations are open."))
            return redirect("meetings:election_detail", commune.slug, election.uuid)
    return render(
        request,
        "meetings/election_list.html",
        {
            "commune": commune,
            "terms": BoardTerm.objects.for_commune(commune).filter(
                ends_on__gte=timezone.localdate()
            ),
            "elections": Election.objects.for_commune(commune).select_related("meeting"),
            "can_manage": True,
            "form": form,
            "seat_form": FixedSeatForm(),
        },
    )


@capability_required(C.MANAGE_MEETINGS)
@require_POST
def board_seat_add(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    form = FixedSeatForm(request.POST)
    if form.is_valid():
        try:
            appoint_fixed_seat(actor=acting_user(request), commune=commune, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The fixed seat has been recorded."))
    else:
        messages.error(request, _("Please choose the seat, name the person and give the start."))
    return redirect("meetings:election_list", commune.slug)


@capability_required(C.TAKE_PART_IN_MEETINGS)
def election_detail(request: HttpRequest, commune_slug: str, election_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    election = get_for_commune(Election, commune, election_uuid)
    can_manage = has_capability(request, C.MANAGE_MEETINGS)
    organisation = own_organisation(request)
    entitled = entitled_organisations(election)
    seat = voter_seat(election, acting_user(request))
    has_voted = (
        seat is not None
        and election.ballots.filter(round=election.round, organisation=seat.organisation).exists()
    )
    nominees = (
        entitled
        if can_manage
        else [o for o in entitled if organisation and o.pk == organisation.pk]
    )
    show_result = election.status == ElectionStatus.PUBLISHED or (
        can_manage and election.status == ElectionStatus.FINISHED
    )
    return render(
        request,
        "meetings/election_detail.html",
        {
            "commune": commune,
            "election": election,
            "can_manage": can_manage,
            "candidacies": election.candidacies.select_related("organisation"),
            "ballot_candidates": ballot_candidates(election),
            "seat": seat,
            "has_voted": has_voted,
            "nomination_form": NominationForm(
                organisations=Organisation.objects.for_commune(commune).filter(
                    pk__in=[o.pk for o in nominees]
                ),
            ),
            "ballot_form": BallotForm(
                candidacies=election.candidacies.filter(
                    pk__in=[c.pk for c in ballot_candidates(election)]
                )
            ),
            "show_result": show_result,
            "rounds": election.snapshot.get("rounds", []),
            "ties": election.ties.all(),
            "ballots_cast": election.ballots.filter(round=election.round).count(),
            "entitled_count": len(entitled),
            "rules": meeting_settings(commune),
        },
    )


def _to_election(election: Election) -> HttpResponse:
    return redirect("meetings:election_detail", election.commune.slug, election.uuid)


def _flash(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@capability_required(C.TAKE_PART_IN_MEETINGS)
@require_POST
def election_nominate(request: HttpRequest, commune_slug: str, election_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    election = get_for_commune(Election, commune, election_uuid)
    organisations = entitled_organisations(election)
    if not has_capability(request, C.MANAGE_MEETINGS):
        own = own_organisation(request)
        organisations = [o for o in organisations if own is not None and o.pk == own.pk]
    form = NominationForm(
        request.POST,
        organisations=Organisation.objects.for_commune(commune).filter(
            pk__in=[o.pk for o in organisations]
        ),
    )
    if form.is_valid():
        try:
            nominate(
                actor=acting_user(request), commune=commune, election=election, **form.cleaned_data
            )
        except ValidationError as error:
            _flash(request, error)
        else:
            messages.success(request, _("The nomination has been recorded."))
    else:
        messages.error(request, _("Please choose a free provider and name the person."))
    return _to_election(election)


@capability_required(C.TAKE_PART_IN_MEETINGS)
@require_POST
def election_vote(request: HttpRequest, commune_slug: str, election_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    election = get_for_commune(Election, commune, election_uuid)
    candidates = ballot_candidates(election)
    form = BallotForm(
        request.POST,
        candidacies=election.candidacies.filter(pk__in=[c.pk for c in candidates]),
    )
    if not form.is_valid():
        messages.error(request, _("Please choose among the candidates of this ballot."))
        return _to_election(election)
    try:
        cast_ballot(
            actor=acting_user(request),
            commune=commune,
            election=election,
            yes=list(form.cleaned_data["yes"]),
        )
    except ValidationError as error:
        _flash(request, error)
    else:
        messages.success(request, _("Your organisation's ballot has been cast. It is secret."))
    return _to_election(election)


@capability_required(C.MANAGE_MEETINGS)
@require_POST
def election_advance(request: HttpRequest, commune_slug: str, election_uuid: str) -> HttpResponse:
    """Open voting, close voting, or publish the result — whichever comes next."""
    commune = commune_of(request)
    election = get_for_commune(Election, commune, election_uuid)
    actor = acting_user(request)
    steps = {
        ElectionStatus.NOMINATION: (open_voting, _("Voting is open.")),
        ElectionStatus.VOTING: (close_voting, _("Voting is closed and counted.")),
        ElectionStatus.FINISHED: (
            publish_result,
            _("The result has been published to the members."),
        ),
    }
    if election.status not in steps:
        messages.error(request, _("This election is complete."))
        return _to_election(election)
    step, message = steps[ElectionStatus(election.status)]
    try:
        step(actor=actor, commune=commune, election=election)
    except ValidationError as error:
        _flash(request, error)
    else:
        messages.success(request, message)
    return _to_election(election)


@capability_required(C.MANAGE_MEETINGS)
def election_results_csv(
    request: HttpRequest, commune_slug: str, election_uuid: str
) -> HttpResponse:
    election = get_for_commune(Election, commune_of(request), election_uuid)
    return audited_download(
        request,
        content=election_csv(election),
        content_type="text/csv; charset=utf-8",
        filename=f"wahlergebnis-{election.term_starts_on:%Y}.csv",
        what="election_csv",
        target=election,
    )
