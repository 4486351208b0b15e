"""When a family withdraws its consent, the help brokered on its basis ends with it: open
requests to partners are withdrawn (the partner no longer sees the family), running
brokered help, volunteer sponsorships and the support of family midwives and FGKiKP end,
and waiting-list entries are removed. Called by the receiver in ``signals.py`` inside the
referrals app's withdrawal transaction."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from lotse.core.audit import record
from lotse.core.models import Commune, User
from lotse.core.workdays import local_date
from lotse.referrals.models import Consent, Referral
from lotse.referrals.support.audit import SupportAction
from lotse.referrals.support.models import (
    AssignmentStatus,
    BrokeredHelp,
    BrokeredHelpChange,
    BrokeredHelpStatus,
    HealthAssignment,
    HelpPlan,
    Sponsorship,
    SponsorshipStatus,
)
from lotse.referrals.support.services.health import OPEN_ASSIGNMENTS, fill_waiting_list

B = BrokeredHelpStatus
# Requests the partner has not started yet are withdrawn; running help ends.
WITHDRAWABLE = (B.PROPOSED, B.SENT_TO_PARTNER, B.ACCEPTED)


def end_help_after_withdrawal(*, consent: Consent) -> None:
    """End all help of the consent's family (idempotent: a second call finds nothing
    open). One audit event per help plan or case that changed."""
    if consent.withdrawn_at is None:
        return
    actor = consent.withdrawn_recorded_by
    at = consent.withdrawn_at
    with transaction.atomic():
        cases = list(
            Referral.all_communes.select_related("commune").filter(family_id=consent.family_id)
        )
        freed: set[tuple[Commune, str]] = set()
        for case in cases:
            freed |= _end_for_case(case, actor=actor, at=at)
        # The freed places go to the next families on the waiting list, once none of
        # this family's entries is left on it.
        for commune, kind in sorted(freed, key=lambda item: (item[0].pk, item[1])):
            fill_waiting_list(commune, kind, local_date(at))


def _end_for_case(case: Referral, *, actor: User | None, at: datetime) -> set[tuple[Commune, str]]:
    commune = case.commune
    on = local_date(at)
    changes: dict[str, tuple[object, object]] = {}
    plan = HelpPlan.objects.for_commune(commune).filter(referral=case).first()
    if plan is not None:
        brokered_list = list(
            BrokeredHelp.objects.for_commune(commune)
            .select_for_update()
            .filter(help_plan=plan, status__in=(*WITHDRAWABLE, B.STARTED))
        )
        for brokered in brokered_list:
            to = B.ENDED if brokered.status == B.STARTED else B.WITHDRAWN
            BrokeredHelpChange.all_communes.create(
                commune=commune,
                brokered_help=brokered,
                from_status=brokered.status,
                to_status=to,
                actor=actor,
                at=at,
            )
            brokered.status = to
            if to == B.ENDED:
                brokered.ended_on = on
            brokered.save(update_fields=["status", "ended_on"])
        if brokered_list:
            changes["brokered_help"] = (len(brokered_list), 0)
        sponsorships = Sponsorship.objects.for_commune(commune).filter(
            help_plan=plan,
            status__in=(SponsorshipStatus.REQUESTED, SponsorshipStatus.CONFIRMED),
        )
        ended_sponsorships = sponsorships.update(status=SponsorshipStatus.ENDED, ended_on=on)
        if ended_sponsorships:
            changes["sponsorships"] = (ended_sponsorships, 0)
    assignments = list(
        HealthAssignment.objects.for_commune(commune)
        .select_for_update()
        .filter(referral=case, status__in=OPEN_ASSIGNMENTS)
    )
    for assignment in assignments:
        assignment.status = AssignmentStatus.ENDED
        assignment.ended_on = on
        assignment.save(update_fields=["status", "ended_on"])
    if assignments:
        changes["health_assignments"] = (len(assignments), 0)
    if not changes:
        return set()
    record(
        actor=actor,
        commune=commune,
        action=SupportAction.HELP_ENDED_CONSENT_WITHDRAWN,
        target=plan if plan is not None else case,
        changes=changes,
    )
    return {(commune, a.kind) for a in assignments if a.professional_id is not None}
