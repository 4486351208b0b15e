"""Brokering to catalog offers, the closed loop: proposed → sent_to_partner → accepted /
declined → started → ended. The partner is told by e-mail without any family data and
answers in its inbox."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.access import require_actor_capability
from lotse.core.audit import record
from lotse.core.models import Commune, Membership, User
from lotse.core.outbox import queue_email
from lotse.core.permissions import Capability, Role
from lotse.offers.models import Offer
from lotse.offers.selectors import publicly_visible
from lotse.referrals.models import ConsentScope, ReferralStatus
from lotse.referrals.support.audit import SupportAction
from lotse.referrals.support.models import (
    BROKERED_HELP_TRANSITIONS,
    BrokeredHelp,
    BrokeredHelpChange,
    BrokeredHelpStatus,
    HelpPlan,
)
from lotse.referrals.support.services.plans import locked_plan

B = BrokeredHelpStatus
OPEN_STATUSES = frozenset({B.PROPOSED, B.SENT_TO_PARTNER, B.ACCEPTED, B.STARTED})
# Requests the partner never sees: not yet sent, or withdrawn with the family's consent.
HIDDEN_FROM_PARTNER = frozenset({B.PROPOSED, B.WITHDRAWN})


def hidden_from_partner(brokered: BrokeredHelp) -> bool:
    """Not sent, withdrawn, or of a family that withdrew its consent since."""
    return (
        brokered.status in HIDDEN_FROM_PARTNER
        or brokered.help_plan.referral.status == ReferralStatus.CONSENT_WITHDRAWN
    )


def partner_organisation_ids(user: User, commune: Commune) -> set[int]:
    """The organisations ``user`` works for as partner staff in ``commune``."""
    return set(
        Membership.objects.for_commune(commune)
        .filter(user=user, role=Role.PARTNER_STAFF, is_active=True)
        .values_list("organisation_id", flat=True)
    )


def _move(brokered: BrokeredHelp, to: str, actor: User, reason: str = "") -> None:
    if to not in BROKERED_HELP_TRANSITIONS[brokered.status]:
        raise ValidationError(
            _("This request cannot go from “%(old)s” to “%(new)s”.")
            % {"old": B(brokered.status).label, "new": B(to).label}
        )
    BrokeredHelpChange.all_communes.create(
        commune=brokered.commune,
        brokered_help=brokered,
        from_status=brokered.status,
        to_status=to,
        actor=actor,
        reason=reason,
    )
    brokered.status = to
    brokered.save()


def propose_offer(
    *, actor: User, help_plan: HelpPlan, offer: Offer, message_to_partner: str = ""
) -> BrokeredHelp:
    """Put an offer of the catalog into the plan as proposed to the family."""
    with transaction.atomic():
        plan = locked_plan(actor=actor, help_plan=help_plan)
        if plan.referral.status != ReferralStatus.HELP_IN_PROGRESS:
            raise ValidationError(_("Offers can be brokered while the help is in progress."))
        visible = publicly_visible(plan.commune, timezone.localdate())
        if offer.commune_id != plan.commune_id or not visible.filter(pk=offer.pk).exists():
            raise ValidationError({"offer": _("Please choose a published offer of the catalog.")})
        if BrokeredHelp.objects.for_commune(plan.commune).filter(
            help_plan=plan, offer=offer, status__in=OPEN_STATUSES
        ):
            raise ValidationError({"offer": _("This offer is already being brokered.")})
        brokered: BrokeredHelp = BrokeredHelp.all_communes.create(
            commune=plan.commune,
            help_plan=plan,
            offer=offer,
            organisation_id=offer.provider_id,
            message_to_partner=message_to_partner.strip(),
        )
        BrokeredHelpChange.all_communes.create(
            commune=plan.commune, brokered_help=brokered, to_status=B.PROPOSED, actor=actor
        )
        record(
            actor=actor,
            commune=plan.commune,
            action=SupportAction.HELP_PROPOSED,
            target=brokered,
            changes={"offer": (None, offer.name)},
        )
    return brokered


def _partner_recipients(brokered: BrokeredHelp) -> list[str]:
    emails = sorted(
        Membership.objects.for_commune(brokered.commune)
        .filter(
            role=Role.PARTNER_STAFF,
            organisation_id=brokered.organisation_id,
            is_active=True,
            user__is_active=True,
        )
        .values_list("user__email", flat=True)
    )
    if not emails and brokered.organisation.email:
        emails = [brokered.organisation.email]
    return emails


def send_to_partner(*, actor: User, brokered_help: BrokeredHelp, base_url: str) -> BrokeredHelp:
    """Ask the providing partner to take the family; allowed only when the family consented
    to its contact data being passed to the partner it is brokered to. ``base_url`` (e.g.
    ``https://lotse.example/``) starts the link in the e-mail."""
    with transaction.atomic():
        plan = locked_plan(actor=actor, help_plan=brokered_help.help_plan)
        brokered: BrokeredHelp = BrokeredHelp.all_communes.select_for_update().get(
            pk=brokered_help.pk
        )
        consent = plan.referral.consent
        if consent is None or not consent.allows(ConsentScope.BROKER_TO_PARTNERS):
            raise ValidationError(
                _(
                    "The family has not consented to passing its contact data to the partner. "
                    "Please obtain the consent first, or give the family the partner's "
                    "contact details."
                )
            )
        _move(brokered, B.SENT_TO_PARTNER, actor)
        brokered.sent_at = timezone.now()
        brokered.save()
        recipients = _partner_recipients(brokered)
        if recipients:
            inbox = reverse("support:partner_inbox", kwargs={"commune_slug": plan.commune.slug})
            queue_email(
                kind="support.brokered_help",
                to=recipients,
                subject=_("A new request for “%(offer)s”") % {"offer": brokered.offer.name},
                body=_(
                    "Hello,\n\nthe early-help team of %(commune)s asks whether a family can take "
                    "part in your offer “%(offer)s”. For data protection this e-mail contains no "
                    "details of the family. Please log in to Lotse and answer the request in "
                    "your inbox:\n\n%(url)s\n\nThank you."
                )
                % {
                    "commune": plan.commune.name,
                    "offer": brokered.offer.name,
                    "url": f"{base_url.rstrip('/')}{inbox}",
                },
                commune=plan.commune,
            )
        record(
            actor=actor,
            commune=plan.commune,
            action=SupportAction.HELP_SENT_TO_PARTNER,
            target=brokered,
            changes={"status": (B.PROPOSED, B.SENT_TO_PARTNER)},
        )
    return brokered


def _partner_locked(*, actor: User, brokered_help: BrokeredHelp) -> BrokeredHelp:
    commune = brokered_help.commune
    require_actor_capability(actor, commune, Capability.RECEIVE_BROKERED_HELP)
    brokered: BrokeredHelp = BrokeredHelp.all_communes.select_for_update().get(pk=brokered_help.pk)
    if brokered.organisation_id not in partner_organisation_ids(actor, commune):
        raise Http404(_("Not found."))
    return brokered


def answer_request(
    *, actor: User, brokered_help: BrokeredHelp, accept: bool, answer: str = ""
) -> BrokeredHelp:
    """The partner accepts the family or declines (with a reason)."""
    if not accept and not answer.strip():
        raise ValidationError({"answer": _("Please tell the team why you decline.")})
    with transaction.atomic():
        brokered = _partner_locked(actor=actor, brokered_help=brokered_help)
        to = B.ACCEPTED if accept else B.DECLINED
        _move(brokered, to, actor, reason=answer.strip())
        brokered.partner_answer = answer.strip()
        brokered.answered_at = timezone.now()
        brokered.save()
        record(
            actor=actor,
            commune=brokered.commune,
            action=SupportAction.HELP_ANSWERED,
            target=brokered,
            changes={"status": (B.SENT_TO_PARTNER, to), "answer": ("", answer)},
            personal_fields=("answer",),
        )
    return brokered


def report_started(*, actor: User, brokered_help: BrokeredHelp, started_on: date) -> BrokeredHelp:
    """The partner reports that the family has started: the loop is closed."""
    if started_on > timezone.localdate():
        raise ValidationError({"started_on": _("The start cannot be in the future.")})
    with transaction.atomic():
        brokered = _partner_locked(actor=actor, brokered_help=brokered_help)
        if brokered.answered_at and started_on < timezone.localtime(brokered.answered_at).date():
            raise ValidationError(
                {"started_on": _("The family cannot have started before you accepted.")}
            )
        _move(brokered, B.STARTED, actor)
        brokered.started_on = started_on
        brokered.save()
        record(
            actor=actor,
            commune=brokered.commune,
            action=SupportAction.HELP_STARTED,
            target=brokered,
            changes={"status": (B.ACCEPTED, B.STARTED), "started_on": (None, started_on)},
        )
    return brokered


def end_brokered_help(*, actor: User, brokered_help: BrokeredHelp, ended_on: date) -> BrokeredHelp:
    """The family's participation ended (reported by the team or by the partner)."""
    commune = brokered_help.commune
    with transaction.atomic():
        if Capability.WORK_CASES in _capabilities(actor, commune):
            locked_plan(actor=actor, help_plan=brokered_help.help_plan)
            brokered: BrokeredHelp = BrokeredHelp.all_communes.select_for_update().get(
                pk=brokered_help.pk
            )
        else:
            brokered = _partner_locked(actor=actor, brokered_help=brokered_help)
        if brokered.started_on and ended_on < brokered.started_on:
            raise ValidationError({"ended_on": _("The end cannot be before the start.")})
        if ended_on > timezone.localdate():
            raise ValidationError({"ended_on": _("The end cannot be in the future.")})
        _move(brokered, B.ENDED, actor)
        brokered.ended_on = ended_on
        brokered.save()
        record(
            actor=actor,
            commune=commune,
            action=SupportAction.HELP_ENDED,
            target=brokered,
            changes={"status": (B.STARTED, B.ENDED), "ended_on": (None, ended_on)},
        )
    return brokered


def _capabilities(actor: User, commune: Commune) -> frozenset[Capability]:
    from lotse.core.models import capabilities_of  # noqa: PLC0415

    caps = capabilities_of(actor, commune)
    if not caps & {Capability.WORK_CASES, Capability.RECEIVE_BROKERED_HELP}:
        raise PermissionDenied(_("Your role does not allow this."))
    return caps


def read_brokered_family(*, actor: User, brokered_help: BrokeredHelp) -> BrokeredHelp:
    """The partner's view of a request: 404 unless it is for the actor's organisation and
    was sent to it; the read is audited. What it may show is limited by the consent."""
    commune = brokered_help.commune
    require_actor_capability(actor, commune, Capability.RECEIVE_BROKERED_HELP)
    brokered_help.refresh_from_db(fields=["status", "organisation"])
    brokered_help.help_plan.referral.refresh_from_db(fields=["status"])
    if brokered_help.organisation_id not in partner_organisation_ids(actor, commune):
        raise Http404(_("Not found."))
    if hidden_from_partner(brokered_help):
        raise Http404(_("Not found."))
    with transaction.atomic():
        record(
            actor=actor,
            commune=commune,
            action=SupportAction.BROKERED_CASE_READ,
            target=brokered_help,
        )
    return brokered_help
