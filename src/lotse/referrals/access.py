"""Who may read which referral, and the audited way to read a case.

Workers of early help (``WORK_CASES``) read every case of their commune except those a
family entrusted to a colleague personally (§ 65 SGB VIII). Navigators
(``READ_OWN_REFERRALS``) see only the referrals they sent themselves, and of those only the
status and whether contact was made (the views and the API show nothing more). Everyone
else, planners included, reads no case at all. Missing and forbidden look the same (404).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from lotse.core.audit import record
from lotse.core.models import Commune, User, capabilities_of
from lotse.core.permissions import Capability
from lotse.referrals.audit import ReferralAction
from lotse.referrals.models import Referral


def readable_referrals(user: User, commune: Commune) -> QuerySet[Referral]:
    """The referrals of ``commune`` this user may see at all (tenant-scoped)."""
    referrals: QuerySet[Referral] = Referral.objects.for_commune(commune)
    capabilities = capabilities_of(user, commune)
    if Capability.WORK_CASES in capabilities:
        return referrals.filter(Q(confidential_to__isnull=True) | Q(confidential_to=user))
    if Capability.READ_OWN_REFERRALS in capabilities:
        return referrals.filter(referring_user=user)
    return referrals.none()


def case_readable_by(user: User, referral: Referral) -> bool:
    """Whether ``user`` may read the case file (personal data) of ``referral``."""
    if Capability.WORK_CASES not in capabilities_of(user, referral.commune):
        return False
    return referral.confidential_to_id is None or referral.confidential_to_id == user.pk


def read_case(*, actor: User, referral: Referral, purpose: str) -> Referral:
    """The case file of ``referral`` for ``actor``, with the read written to the audit
    log (who, which case, why). Raises 404 for anyone who may not read it."""
    # Decide on the stored state: the caller's object may predate a § 65 marking.
    stored = Referral.all_communes.filter(pk=referral.pk).values("confidential_to_id").first()
    if stored is None:
        raise Http404(_("Not found."))
    referral.confidential_to_id = stored["confidential_to_id"]
    if not case_readable_by(actor, referral):
        raise Http404(_("Not found."))
    with transaction.atomic():
        record(
            actor=actor,
            commune=referral.commune,
            action=ReferralAction.CASE_READ,
            target=referral,
            changes={"purpose": (None, purpose)},
        )
    return referral


def get_case_for_user(user: User, commune: Commune, uuid: Any, *, purpose: str) -> Referral:
    """A case file by UUID for a page: 404 when missing, of another commune, or not
    readable; the read is audited."""
    try:
        referral = (
            readable_referrals(user, commune)
            .select_related("family", "family__social_area", "consent", "consent__text")
            .get(uuid=uuid)
        )
    except (Referral.DoesNotExist, ValueError, ValidationError):
        raise Http404(_("Not found.")) from None
    return read_case(actor=user, referral=referral, purpose=purpose)


def get_own_referral(user: User, commune: Commune, uuid: Any) -> Referral:
    """A referral the navigator sent herself (status only), 404 otherwise."""
    if Capability.READ_OWN_REFERRALS not in capabilities_of(user, commune):
        raise Http404(_("Not found."))
    try:
        referral: Referral = Referral.objects.for_commune(commune).get(
            uuid=uuid, referring_user=user
        )
    except (Referral.DoesNotExist, ValueError, ValidationError):
        raise Http404(_("Not found.")) from None
    return referral
