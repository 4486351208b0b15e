"""Admission after consulting the network, the board's decision, and mentoring."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lotse.core.access import require_actor_capability
from lotse.core.audit import record
from lotse.core.models import Commune, User, capabilities_of
from lotse.core.outbox import queue_email
from lotse.core.permissions import Capability
from lotse.network.access import own_organisation_ids
from lotse.network.actions import NetworkAction
from lotse.network.models import (
    Admission,
    AdmissionStatus,
    AdmissionTransition,
    Mentorship,
    MentorshipKind,
    Objection,
    Organisation,
    OrganisationStatus,
    Person,
)
from lotse.network.models.membership import ADMISSION_TRANSITIONS, OPEN_ADMISSION_STATUSES
from lotse.network.selectors import current_delegation, current_members
from lotse.network.services.organisations import network_settings

CONSULTATION_EMAIL_KIND = "network.admission_consultation"


def move_admission(admission: Admission, to: str, *, actor: User | None, reason: str = "") -> None:
    """The one place an admission changes status: refuses what the lifecycle does not
    allow and writes the history row. Callers hold the transaction."""
    if to not in ADMISSION_TRANSITIONS[admission.status]:
        raise ValidationError(
            _("An admission in the state “%(state)s” cannot change to “%(new)s”.")
            % {
                "state": admission.get_status_display(),
                "new": AdmissionStatus(to).label,
            }
        )
    AdmissionTransition.all_communes.create(
        commune=admission.commune,
        admission=admission,
        from_status=admission.status,
        to_status=to,
        actor=actor,
        reason=reason,
    )
    admission.status = to
    admission.save(update_fields=["status"])


def open_admission(
    *, actor: User, organisation: Organisation, applied_on: date, motivation: str = ""
) -> Admission:
    commune = organisation.commune
    require_actor_capability(actor, commune, Capability.MANAGE_NETWORK)
    if organisation.is_member_on(timezone.localdate()):
        raise ValidationError(_("This organisation is already a member of the network."))
    with transaction.atomic():
        Organisation.objects.for_commune(commune).select_for_update().get(pk=organisation.pk)
        if (
            Admission.objects.for_commune(commune)
            .filter(organisation=organisation, status__in=OPEN_ADMISSION_STATUSES)
            .exists()
        ):
            raise ValidationError(_("An admission of this organisation is already open."))
        admission: Admission = Admission.all_communes.create(
            commune=commune,
            organisation=organisation,
            applied_on=applied_on,
            motivation=motivation.strip(),
        )
        AdmissionTransition.all_communes.create(
            commune=commune,
            admission=admission,
            to_status=AdmissionStatus.APPLIED,
            actor=actor,
        )
        record(
            actor=actor,
            commune=commune,
            action=NetworkAction.ADMISSION_OPENED,
            target=admission,
            changes={"organisation": ("", organisation.name)},
        )
    return admission


def member_addresses(commune: Commune, on: date) -> dict[Organisation, list[str]]:
    """For each current member: the e-mail addresses of its delegate, deputy and office."""
    addresses: dict[Organisation, list[str]] = {}
    for member in current_members(commune, on):
        delegate, deputy = current_delegation(member, on)
        found = [
            address
            for address in (
                delegate.email if delegate else "",
                deputy.email if deputy else "",
                member.email,
            )
            if address
        ]
        unique = list(dict.fromkeys(found))
        if unique:
            addresses[member] = unique
    return addresses


def consult_members(*, actor: User, admission: Admission) -> int:
    """Tell every member by e-mail and start the objection period; returns how many
    members were written to."""
    commune = admission.commune
    require_actor_capability(actor, commune, Capability.MANAGE_NETWORK)
    settings = network_settings(commune)
    today = timezone.localdate()
    with transaction.atomic():
        admission = Admission.objects.for_commune(commune).select_for_update().get(pk=admission.pk)
        move_admission(admission, AdmissionStatus.CONSENT_PENDING, actor=actor)
        admission.consulted_at = timezone.now()
        admission.objection_deadline = today + timedelta(days=settings.objection_period_days)
        admission.save(update_fields=["consulted_at", "objection_deadline"])
        recipients = member_addresses(commune, today)
        newcomer = admission.organisation
        for member, addresses in recipients.items():
            if member.pk == newcomer.pk:
                continue
            queue_email(
                kind=CONSULTATION_EMAIL_KIND,
                to=addresses,
                subject=_("Network %(commune)s: %(name)s asks to join")
                % {"commune": commune.name, "name": newcomer.name},
                body=render_to_string(
                    "network/emails/admission_consultation.txt",
                    {
                        "commune": commune,
                        "member": member,
                        "admission": admission,
                        "newcomer": newcomer,
                        "deadline": date_format(admission.objection_deadline, "DATE_FORMAT"),
                    },
                ),
                commune=commune,
            )
        record(
            actor=actor,
            commune=commune,
            action=NetworkAction.MEMBERS_CONSULTED,
            target=admission,
            changes={
                "objection_deadline": ("", admission.objection_deadline.isoformat()),
                "members_notified": ("", len(recipients)),
            },
        )
    return len(recipients)


def raise_objection(
    *, actor: User, admission: Admission, organisation: Organisation, reason: str
) -> Objection:
    """A member objects within the objection period. Partner staff object for their own
    organisation; coordinators record an objection a member sent in another way."""
    commune = admission.commune
    capabilities = capabilities_of(actor, commune)
    if Capability.MANAGE_NETWORK not in capabilities and not (
        Capability.EDIT_OWN_ORGANISATION in capabilities
        and organisation.pk in own_organisation_ids(actor, commune)
    ):
        raise PermissionDenied(_("Your role does not allow this."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Please give the reason of the objection.")})
    today = timezone.localdate()
    if admission.status != AdmissionStatus.CONSENT_PENDING or admission.objection_deadline is None:
        raise ValidationError(_("The members are not being consulted on this admission."))
    if today > admission.objection_deadline:
        raise ValidationError(
            _("The objection period ended on %(date)s.")
            % {"date": date_format(admission.objection_deadline, "SHORT_DATE_FORMAT")}
        )
    if not organisation.is_member_on(today) or organisation.pk == admission.organisation_id:
        raise ValidationError({"organisation": _("Only members of the network can object.")})
    with transaction.atomic():
        if (
            Objection.objects.for_commune(commune)
            .filter(admission=admission, organisation=organisation)
            .exists()
        ):
            raise ValidationError(_("Your organisation has already objected."))
        objection: Objection = Objection.all_communes.create(
            commune=commune,
            admission=admission,
            organisation=organisation,
            reason=reason,
            raised_by=actor,
        )
        record(
            actor=actor,
            commune=commune,
            action=NetworkAction.OBJECTION_RAISED,
            target=admission,
            changes={"organisation": ("", organisation.name)},
        )
    return objection


def decide_admission(
    *, actor: User, admission: Admission, admitted: bool, decided_on: date, reason: str
) -> Admission:
    """Record the board's decision, once the objection period is over. An admitted
    organisation is a member from the day of the decision."""
    commune = admission.commune
    require_actor_capability(actor, commune, Capability.MANAGE_NETWORK)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Please record the reason of the decision.")})
    with transaction.atomic():
        admission = Admission.objects.for_commune(commune).select_for_update().get(pk=admission.pk)
        if (
            admission.status != AdmissionStatus.CONSENT_PENDING
            or admission.objection_deadline is None
        ):
            raise ValidationError(_("The board decides only after the members were consulted."))
        if decided_on <= admission.objection_deadline:
            raise ValidationError(
                {
                    "decided_on": _(
                        "The members may object until %(date)s; the board decides after that."
                    )
                    % {"date": date_format(admission.objection_deadline, "SHORT_DATE_FORMAT")}
                }
            )
        if decided_on > timezone.localdate():
            raise ValidationError({"decided_on": _("The decision cannot lie in the future.")})
        new_status = AdmissionStatus.ADMITTED if admitted else AdmissionStatus.REJECTED
        move_admission(admission, new_status, actor=actor, reason=reason)
        admission.decided_on = decided_on
        admission.decision_reason = reason
        admission.save(update_fields=["decided_on", "decision_reason"])
        organisation = admission.organisation
        if admitted:
            organisation.member_since = decided_on
            organisation.member_until = None
            organisation.status = OrganisationStatus.MEMBER
            organisation.save(update_fields=["member_since", "member_until", "status"])
        record(
            actor=actor,
            commune=commune,
            action=NetworkAction.ADMISSION_DECIDED,
            target=admission,
            changes={"status": (AdmissionStatus.CONSENT_PENDING, new_status)},
        )
    return admission


def withdraw_admission(*, actor: User, admission: Admission, reason: str) -> Admission:
    commune = admission.commune
    require_actor_capability(actor, commune, Capability.MANAGE_NETWORK)
    with transaction.atomic():
        admission = Admission.objects.for_commune(commune).select_for_update().get(pk=admission.pk)
        old = admission.status
        move_admission(admission, AdmissionStatus.WITHDRAWN, actor=actor, reason=reason.strip())
        record(
            actor=actor,
            commune=commune,
            action=NetworkAction.ADMISSION_WITHDRAWN,
            target=admission,
            changes={"status": (old, AdmissionStatus.WITHDRAWN)},
        )
    return admission


def record_mentorship(
    *,
    actor: User,
    newcomer: Organisation,
    kind: str,
    starts_on: date,
    ends_on: date | None = None,
    mentor: Person | None = None,
    event_name: str = "",
) -> Mentorship:
    """A mentor from a member organisation for a period, or the invitation to the annual
    information event for parents."""
    commune = newcomer.commune
    require_actor_capability(actor, commune, Capability.MANAGE_NETWORK)
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end cannot lie before the start.")})
    if kind == MentorshipKind.MENTOR:
        if mentor is None:
            raise ValidationError({"mentor": _("Please choose a mentor.")})
        if mentor.commune_id != commune.pk or mentor.organisation_id == newcomer.pk:
            raise ValidationError({"mentor": _("The mentor must come from another member.")})
        if not mentor.organisation.is_member_on(starts_on):
            raise ValidationError(
                {"mentor": _("The mentor's organisation is not a member of the network.")}
            )
        event_name = ""
    else:
        mentor = None
        if not event_name.strip():
            raise ValidationError({"event_name": _("Please name the information event.")})
    with transaction.atomic():
        mentorship: Mentorship = Mentorship.all_communes.create(
            commune=commune,
            newcomer=newcomer,
            kind=kind,
            mentor=mentor,
            starts_on=starts_on,
            ends_on=ends_on,
            event_name=event_name.strip(),
        )
        record(
            actor=actor,
            commune=commune,
            action=NetworkAction.MENTORSHIP_RECORDED,
            target=mentorship,
            changes={"kind": ("", kind), "mentor": ("", mentor.name if mentor else "")},
        )
    return mentorship
