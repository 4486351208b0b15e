"""Volunteer sponsors for families: the team requests one for a family with a child aged
0–3; the volunteer coordination confirms a fitting volunteer with a valid § 72a check."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.access import require_actor_capability
from lotse.core.audit import record
from lotse.core.models import User
from lotse.core.permissions import Capability
from lotse.referrals.support.audit import SupportAction
from lotse.referrals.support.choices import LANGUAGE_CODES, Availability
from lotse.referrals.support.models import HelpPlan, Sponsorship, SponsorshipStatus, Volunteer
from lotse.referrals.support.rules import volunteer_sponsor_eligible
from lotse.referrals.support.selectors import match_volunteers
from lotse.referrals.support.services.plans import children_facts, locked_plan


def request_sponsor(
    *,
    actor: User,
    help_plan: HelpPlan,
    languages: Sequence[str],
    availability: Sequence[str],
) -> Sponsorship:
    """Ask the volunteer coordination for a Familienpate for this family."""
    if set(languages) - LANGUAGE_CODES or set(availability) - set(Availability.values):
        raise ValidationError(_("Please choose languages and times from the lists."))
    with transaction.atomic():
        plan = locked_plan(actor=actor, help_plan=help_plan)
        family = plan.referral.family
        if not volunteer_sponsor_eligible(children_facts(plan.referral), timezone.localdate()):
            raise ValidationError(
                _(
                    "Volunteer sponsors support families with at least one child aged 0–3; "
                    "this family has none."
                )
            )
        if family.social_area_id is None:
            raise ValidationError(_("Please enter the family's social area first."))
        if Sponsorship.objects.for_commune(plan.commune).filter(
            help_plan=plan, status__in=(SponsorshipStatus.REQUESTED, SponsorshipStatus.CONFIRMED)
        ):
            raise ValidationError(_("A volunteer sponsor has already been requested."))
        sponsorship: Sponsorship = Sponsorship.all_communes.create(
            commune=plan.commune,
            help_plan=plan,
            social_area_id=family.social_area_id,
            languages=sorted(set(languages)),
            availability=sorted(set(availability)),
        )
        record(
            actor=actor,
            commune=plan.commune,
            action=SupportAction.SPONSOR_REQUESTED,
            target=sponsorship,
        )
    return sponsorship


def confirm_sponsor(*, actor: User, sponsorship: Sponsorship, volunteer: Volunteer) -> Sponsorship:
    """The volunteer coordination confirms one of the fitting volunteers; a volunteer the
    § 72a check blocks, or who does not fit, is refused."""
    commune = sponsorship.commune
    require_actor_capability(actor, commune, Capability.MATCH_VOLUNTEERS)
    with transaction.atomic():
        current: Sponsorship = (
            Sponsorship.objects.for_commune(commune).select_for_update().get(pk=sponsorship.pk)
        )
        if current.status != SponsorshipStatus.REQUESTED:
            raise ValidationError(_("This request has already been answered."))
        proposals, blocked = match_volunteers(
            commune,
            social_area=current.social_area,
            languages=current.languages,
            availability=current.availability,
            on=timezone.localdate(),
        )
        for item in blocked:
            if item.volunteer.pk == volunteer.pk:
                raise ValidationError({"volunteer": item.reason})
        if volunteer.pk not in {p.volunteer.pk for p in proposals}:
            raise ValidationError({"volunteer": _("This volunteer does not fit the family.")})
        current.volunteer = volunteer
        current.status = SponsorshipStatus.CONFIRMED
        current.confirmed_at = timezone.now()
        current.save()
        record(
            actor=actor,
            commune=commune,
            action=SupportAction.SPONSOR_CONFIRMED,
            target=current,
            changes={"volunteer": (None, volunteer)},
        )
    return current
