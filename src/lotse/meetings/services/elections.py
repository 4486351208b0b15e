"""Board elections (paritätische Geschäftsführung, seeds 000 and 002).

Fixed seats for the youth office's and the health office's coordination; three seats
elected from the free providers every two years. One vote per member organisation, cast
by its delegate or, if the delegate is absent, its deputy; at most as many yes votes as
open seats. Ballots are secret: a :class:`Ballot` says that an organisation voted and
through whom, the yes votes only raise counters. When voting closes a frozen snapshot
keeps who was entitled, present and voted."""

from __future__ import annotations

import secrets
from datetime import date
from decimal import ROUND_CEILING, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.audit import record
from lotse.core.models import Commune, User
from lotse.core.permissions import Role
from lotse.meetings.audit import MeetingAction
from lotse.meetings.models import (
    Attendance,
    AttendanceKind,
    Ballot,
    BoardTerm,
    Candidacy,
    Election,
    ElectionStatus,
    Meeting,
    SeatKind,
    TieResolution,
    TieRule,
)
from lotse.meetings.models.elections import TERM_YEARS
from lotse.meetings.selectors import meeting_settings
from lotse.meetings.services.common import require_manage, require_take_part, write_history
from lotse.network.models import Organisation
from lotse.network.selectors import current_members

ELECTION_TRANSITIONS = {
    ElectionStatus.NOMINATION: (ElectionStatus.VOTING,),
    ElectionStatus.VOTING: (ElectionStatus.FINISHED,),
    ElectionStatus.FINISHED: (ElectionStatus.PUBLISHED,),
    ElectionStatus.PUBLISHED: (),
}


def term_end(starts_on: date) -> date:
    """A term lasts two years: it ends the day before the same date two years later."""
    try:
        same_day = starts_on.replace(year=starts_on.year + TERM_YEARS)
    except ValueError:  # 29 February
        same_day = starts_on.replace(year=starts_on.year + TERM_YEARS, day=28)
    return date.fromordinal(same_day.toordinal() - 1)


def entitled_organisations(election: Election) -> list[Organisation]:
    """Every organisation that is a member on the day of the election meeting."""
    return list(current_members(election.commune, timezone.localdate(election.meeting.starts_at)))


def _change_status(election: Election, actor: User, to_status: str) -> None:
    if to_status not in ELECTION_TRANSITIONS[ElectionStatus(election.status)]:
        raise ValidationError(
            _("An election that is “%(old)s” cannot become “%(new)s”.")
            % {"old": election.get_status_display(), "new": ElectionStatus(to_status).label}
        )
    old = election.status
    election.status = to_status
    write_history(
        election, commune=election.commune, actor=actor, from_status=old, to_status=to_status
    )
    record(
        actor=actor,
        commune=election.commune,
        action=MeetingAction.ELECTION_STATUS_CHANGED,
        target=election,
        changes={"status": (old, to_status)},
    )


@transaction.atomic
def create_election(
    *,
    actor: User,
    commune: Commune,
    meeting: Meeting,
    title: str,
    nominations_open_on: date,
    nominations_close_on: date,
    term_starts_on: date,
    seats: int = 3,
) -> Election:
    require_manage(actor, commune)
    if meeting.commune_id != commune.pk:
        raise ValidationError({"meeting": [_("Please choose a meeting of this commune.")]})
    if nominations_close_on < nominations_open_on:
        raise ValidationError(
            {"nominations_close_on": [_("The nomination period must end after it begins.")]}
        )
    if nominations_close_on > timezone.localdate(meeting.starts_at):
        raise ValidationError(
            {"nominations_close_on": [_("Nominations must close by the election meeting.")]}
        )
    if seats < 1:
        raise ValidationError({"seats": [_("At least one seat is elected.")]})
    election: Election = Election.objects.for_commune(commune).create(
        commune=commune,
        title=title,
        meeting=meeting,
        seats=seats,
        open_seats=seats,
        nominations_open_on=nominations_open_on,
        nominations_close_on=nominations_close_on,
        term_starts_on=term_starts_on,
    )
    record(actor=actor, commune=commune, action=MeetingAction.ELECTION_CREATED, target=election)
    return election


@transaction.atomic
def nominate(
    *, actor: User, commune: Commune, election: Election, organisation: Organisation, nominee: str
) -> Candidacy:
    """A free provider that is a member is nominated within the nomination period."""
    require_take_part(actor, commune)
    election = Election.objects.for_commune(commune).select_for_update().get(pk=election.pk)
    today = timezone.localdate()
    if election.status != ElectionStatus.NOMINATION or not (
        election.nominations_open_on <= today <= election.nominations_close_on
    ):
        raise ValidationError(_("Nominations are not open."))
    if organisation.pk not in {o.pk for o in entitled_organisations(election)}:
        raise ValidationError({"organisation": [_("Only member organisations can be nominated.")]})
    if not nominee.strip():
        raise ValidationError({"nominee": [_("Please name the nominated person.")]})
    try:
        with transaction.atomic():
            candidacy: Candidacy = Candidacy.objects.for_commune(commune).create(
                commune=commune, election=election, organisation=organisation, nominee=nominee
            )
    except IntegrityError:
        raise ValidationError(
            {"organisation": [_("This organisation has been nominated already.")]}
        ) from None
    record(
        actor=actor,
        commune=commune,
        action=MeetingAction.CANDIDATE_NOMINATED,
        target=candidacy,
        changes={"nominee": (None, nominee)},
        personal_fields=("nominee",),
    )
    return candidacy


@transaction.atomic
def open_voting(*, actor: User, commune: Commune, election: Election) -> Election:
    require_manage(actor, commune)
    election = Election.objects.for_commune(commune).select_for_update().get(pk=election.pk)
    if election.candidacies.count() == 0:
        raise ValidationError(_("Nobody has been nominated."))
    _change_status(election, actor, ElectionStatus.VOTING)
    election.save()
    return election


def ballot_candidates(election: Election) -> list[Candidacy]:
    candidacies = election.candidacies.select_related("organisation")
    if election.round > 1:
        candidacies = candidacies.filter(in_run_off=True)
    return list(candidacies)


def voter_seat(election: Election, user: User) -> Attendance | None:
    """The attendance line through which ``user`` may vote: partner staff vote for their
    organisation, which must be present at the election meeting through its delegate or,
    if the delegate is absent, its deputy."""
    membership = user.memberships.filter(
        commune=election.commune, role=Role.PARTNER_STAFF, is_active=True
    ).first()
    if membership is None or membership.organisation_id is None:
        return None
    line: Attendance | None = (
        Attendance.objects.for_commune(election.commune)
        .filter(
            meeting=election.meeting,
            organisation_id=membership.organisation_id,
            kind__in=[AttendanceKind.DELEGATE, AttendanceKind.DEPUTY],
            present=True,
        )
        .select_related("organisation")
        .first()
    )
    return line


@transaction.atomic
def cast_ballot(
    *, actor: User, commune: Commune, election: Election, yes: list[Candidacy]
) -> Ballot:
    """One ballot per organisation and round; who voted is recorded, not for whom."""
    require_take_part(actor, commune)
    election = Election.objects.for_commune(commune).select_for_update().get(pk=election.pk)
    if election.status != ElectionStatus.VOTING:
        raise ValidationError(_("Voting is not open."))
    seat = voter_seat(election, actor)
    if seat is None or seat.organisation is None:
        raise ValidationError(
            _(
                "Only the delegate or, in the delegate's absence, the deputy of a member "
                "organisation present at the election meeting can vote."
            )
        )
    if seat.organisation.pk not in {o.pk for o in entitled_organisations(election)}:
        raise ValidationError(_("Your organisation is not a member entitled to vote."))
    allowed = {candidacy.pk for candidacy in ballot_candidates(election)}
    chosen = {candidacy.pk for candidacy in yes}
    if not chosen <= allowed:
        raise ValidationError({"yes": [_("Please choose among the candidates of this ballot.")]})
    # As on paper: a ballot with more yes votes than open seats is invalid and counts
    # for nobody; the organisation has voted all the same.
    invalid = len(chosen) > election.open_seats
    try:
        with transaction.atomic():
            ballot: Ballot = Ballot.objects.for_commune(commune).create(
                commune=commune,
                election=election,
                round=election.round,
                organisation=seat.organisation,
                cast_by=actor,
                cast_as=seat.kind,
            )
    except IntegrityError:
        raise ValidationError(_("Your organisation has voted already.")) from None
    if invalid:
        Election.objects.for_commune(commune).filter(pk=election.pk).update(
            invalid_ballots=F("invalid_ballots") + 1
        )
    else:
        counter = "yes_votes" if election.round == 1 else "run_off_votes"
        Candidacy.objects.for_commune(commune).filter(pk__in=chosen).update(
            **{counter: F(counter) + 1}
        )
    # No changes: the audit log must not tell for whom the organisation voted.
    record(actor=actor, commune=commune, action=MeetingAction.BALLOT_CAST, target=election)
    return ballot


def _votes(candidacy: Candidacy, round_: int) -> int:
    return candidacy.yes_votes if round_ == 1 else candidacy.run_off_votes


def _present_organisations(election: Election) -> list[Organisation]:
    return [
        line.organisation
        for line in Attendance.objects.for_commune(election.commune)
        .filter(
            meeting=election.meeting,
            kind__in=[AttendanceKind.DELEGATE, AttendanceKind.DEPUTY],
            present=True,
        )
        .exclude(organisation=None)
        .select_related("organisation")
        if line.organisation is not None
    ]


def _count_round(election: Election, quorum: Decimal) -> tuple[dict[str, Any], list[Candidacy]]:
    """The frozen record of one round, and the candidates ranked by yes votes."""
    entitled = entitled_organisations(election)
    entitled_ids = {organisation.pk for organisation in entitled}
    present = [o for o in _present_organisations(election) if o.pk in entitled_ids]
    ballots = list(
        election.ballots.filter(round=election.round).select_related("organisation", "cast_by")
    )
    quorum_needed = int((quorum * len(entitled)).to_integral_value(rounding=ROUND_CEILING))
    candidates = ballot_candidates(election)
    ranking = sorted(candidates, key=lambda c: _votes(c, election.round), reverse=True)
    record_of_round: dict[str, Any] = {
        "round": election.round,
        "entitled": sorted(o.name for o in entitled),
        "present": sorted(o.name for o in present),
        "voted": sorted(f"{b.organisation.name} ({b.cast_as})" for b in ballots),
        "cast": len(ballots),
        "invalid": election.invalid_ballots,
        "valid": len(ballots) - election.invalid_ballots,
        "quorum_needed": quorum_needed,
        "quorum_met": len(present) >= quorum_needed,
        "majority_rule": "relative",
        "open_seats": election.open_seats,
        "votes": {
            f"{c.nominee} ({c.organisation.name})": _votes(c, election.round) for c in ranking
        },
    }
    return record_of_round, ranking


@transaction.atomic
def close_voting(*, actor: User, commune: Commune, election: Election) -> Election:
    """Freeze who was entitled, present and voted; count; elect the candidates with the
    most yes votes (relative majority, at least one yes vote). A tie for the last seat is
    resolved by the commune's rule: a run-off among the tied, or lots — both recorded."""
    require_manage(actor, commune)
    election = Election.objects.for_commune(commune).select_for_update().get(pk=election.pk)
    if election.status != ElectionStatus.VOTING:
        raise ValidationError(_("Voting is not open."))
    rules = meeting_settings(commune)
    round_snapshot, ranking = _count_round(election, rules.election_quorum)
    snapshot = dict(election.snapshot)
    snapshot.setdefault("rounds", []).append(round_snapshot)
    snapshot["tie_rule"] = rules.tie_rule
    election.snapshot = snapshot
    election.closed_at = timezone.now()
    if not round_snapshot["quorum_met"]:
        _change_status(election, actor, ElectionStatus.FINISHED)
        election.save()
        return election
    eligible = [c for c in ranking if _votes(c, election.round) > 0]
    seats = election.open_seats
    if len(eligible) <= seats:
        winners, tied = eligible, []
    else:
        boundary = _votes(eligible[seats - 1], election.round)
        winners = [c for c in eligible if _votes(c, election.round) > boundary]
        tied = [c for c in eligible if _votes(c, election.round) == boundary]
        if len(winners) + len(tied) <= seats:
            winners, tied = winners + tied, []
    for candidacy in winners:
        candidacy.elected = True
        candidacy.save(update_fields=["elected"])
    if tied:
        at_stake = seats - len(winners)
        tie = TieResolution(
            commune=commune,
            election=election,
            round=election.round,
            rule=rules.tie_rule,
            tied=[{"name": c.nominee, "votes": _votes(c, election.round)} for c in tied],
            seats_at_stake=at_stake,
        )
        if rules.tie_rule == TieRule.LOT:
            drawn = secrets.SystemRandom().sample(tied, at_stake)
            for candidacy in drawn:
                candidacy.elected = True
                candidacy.save(update_fields=["elected"])
            tie.outcome = [c.nominee for c in drawn]
            tie.save()
        else:
            tie.save()
            Candidacy.objects.for_commune(commune).filter(election=election).update(
                in_run_off=False
            )
            Candidacy.objects.for_commune(commune).filter(pk__in=[c.pk for c in tied]).update(
                in_run_off=True, run_off_votes=0
            )
            election.round += 1
            election.open_seats = at_stake
            election.invalid_ballots = 0
            election.save()
            # Voting stays open for the run-off round; the first round is frozen above.
            write_history(
                election,
                commune=commune,
                actor=actor,
                from_status=ElectionStatus.VOTING,
                to_status=ElectionStatus.VOTING,
                reason="run-off",
            )
            record(
                actor=actor,
                commune=commune,
                action=MeetingAction.ELECTION_STATUS_CHANGED,
                target=election,
                changes={"round": (election.round - 1, election.round)},
            )
            return election
    _change_status(election, actor, ElectionStatus.FINISHED)
    election.save()
    _create_terms(election)
    return election


def _create_terms(election: Election) -> None:
    ends_on = term_end(election.term_starts_on)
    for candidacy in election.candidacies.filter(elected=True).select_related("organisation"):
        BoardTerm.objects.for_commune(election.commune).create(
            commune=election.commune,
            seat=SeatKind.FREE_PROVIDER,
            holder=candidacy.nominee,
            organisation=candidacy.organisation,
            election=election,
            starts_on=election.term_starts_on,
            ends_on=ends_on,
        )


@transaction.atomic
def publish_result(*, actor: User, commune: Commune, election: Election) -> Election:
    """Members see the result: valid, invalid and cast counts, and who was elected."""
    require_manage(actor, commune)
    election = Election.objects.for_commune(commune).select_for_update().get(pk=election.pk)
    _change_status(election, actor, ElectionStatus.PUBLISHED)
    election.published_at = timezone.now()
    election.save()
    return election


@transaction.atomic
def appoint_fixed_seat(
    *,
    actor: User,
    commune: Commune,
    seat: str,
    holder: str,
    starts_on: date,
    organisation: Organisation | None = None,
) -> BoardTerm:
    """The youth office's and the health office's coordination sit on the board by
    right (seed 000: "ist als Person in der Geschäftsführung gesetzt")."""
    require_manage(actor, commune)
    if seat not in (SeatKind.YOUTH_OFFICE, SeatKind.HEALTH_OFFICE):
        raise ValidationError(
            {"seat": [_("Only the fixed seats are appointed; the others are elected.")]}
        )
    if not holder.strip():
        raise ValidationError({"holder": [_("Please name the person.")]})
    term: BoardTerm = BoardTerm.objects.for_commune(commune).create(
        commune=commune,
        seat=seat,
        holder=holder,
        organisation=organisation,
        starts_on=starts_on,
        ends_on=term_end(starts_on),
    )
    record(
        actor=actor,
        commune=commune,
        action=MeetingAction.ELECTION_CREATED,
        target=term,
        changes={"seat": (None, seat)},
    )
    return term
