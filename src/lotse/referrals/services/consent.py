"""Withdrawing consent: as easy as giving it. Processing stops at once and the case is
scheduled for deletion by the next retention run."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.audit import record
from lotse.core.models import User, capabilities_of
from lotse.core.permissions import Capability
from lotse.core.workdays import local_date
from lotse.referrals.access import case_readable_by
from lotse.referrals.audit import ReferralAction
from lotse.referrals.models import CaseOutcome, ConsentChannel, Referral, ReferralStatus
from lotse.referrals.services.lifecycle import change_status


def may_withdraw_for(actor: User, referral: Referral) -> bool:
    """Workers of the case, and the navigator or partner who sent it (the family may tell
    either of them)."""
    if case_readable_by(actor, referral):
        return True
    capabilities = capabilities_of(actor, referral.commune)
    return Capability.REFER_FAMILIES in capabilities and referral.referring_user_id == actor.pk


def withdraw_consent(
    *, actor: User, referral: Referral, channel: str, at: datetime | None = None
) -> Referral:
    """Record the family's withdrawal: the consent is marked withdrawn, the case stops
    (status consent_withdrawn) and is deleted by the next retention run."""
    if channel not in ConsentChannel.values:
        raise ValidationError({"channel": _("Please choose how the family withdrew its consent.")})
    at = at or timezone.now()
    if at > timezone.now():
        raise ValidationError({"at": _("A withdrawal cannot lie in the future.")})
    with transaction.atomic():
        current: Referral = (
            Referral.all_communes.select_for_update().select_related("commune").get(pk=referral.pk)
        )
        if not may_withdraw_for(actor, current):
            raise Http404(_("Not found."))
        if current.status == ReferralStatus.CONSENT_WITHDRAWN:
            raise ValidationError(_("The consent has already been withdrawn."))
        for consent in current.family.consents.filter(withdrawn_at__isnull=True):
            consent.withdrawn_at = at
            consent.withdrawn_recorded_by = actor
            consent.withdrawal_channel = channel
            consent.save(
                update_fields=["withdrawn_at", "withdrawn_recorded_by", "withdrawal_channel"]
            )
        old_status = current.status
        # The consent belongs to the family: every case of the family stops with it.
        family_cases = Referral.all_communes.select_for_update().filter(family_id=current.family_id)
        for case in family_cases.exclude(status=ReferralStatus.CONSENT_WITHDRAWN):
            case.outcome = CaseOutcome.CONSENT_WITHDRAWN
            case.closed_at = case.closed_at or at
            case.delete_on = local_date(at)
            change_status(referral=case, to=ReferralStatus.CONSENT_WITHDRAWN, actor=actor)
            if case.pk == current.pk:
                current = case
        record(
            actor=actor,
            commune=current.commune,
            action=ReferralAction.CONSENT_WITHDRAWN,
            target=current,
            changes={
                "status": (old_status, ReferralStatus.CONSENT_WITHDRAWN),
                "channel": (None, channel),
                "delete_on": (None, local_date(at).isoformat()),
            },
        )
    referral.refresh_from_db()
    return current
