"""Volunteer sponsors: keeping them, their § 72a check, and deleting expired checks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.access import require_actor_capability
from lotse.core.audit import record
from lotse.core.models import Commune, SocialArea, User
from lotse.core.permissions import Capability
from lotse.referrals.support.audit import SupportAction
from lotse.referrals.support.choices import LANGUAGE_CODES, Availability
from lotse.referrals.support.models import CriminalRecordCheck, Volunteer
from lotse.referrals.support.rules import add_months

VOLUNTEER_PERSONAL_FIELDS = ("name", "contact")


def save_volunteer(
    *,
    actor: User,
    commune: Commune,
    volunteer: Volunteer | None = None,
    name: str,
    contact: str = "",
    social_areas: Iterable[SocialArea],
    languages: Sequence[str],
    availability: Sequence[str],
    started_on: date,
    stopped_on: date | None = None,
) -> Volunteer:
    """Create a volunteer sponsor or change one."""
    require_actor_capability(actor, commune, Capability.MATCH_VOLUNTEERS)
    areas = list(social_areas)
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = _("Please enter the name.")
    if not areas:
        errors["social_areas"] = _("Please choose at least one social area.")
    if any(area.commune_id != commune.pk for area in areas):
        errors["social_areas"] = _("Please choose social areas of this commune.")
    if unknown := sorted(set(languages) - LANGUAGE_CODES):
        errors["languages"] = _("Unknown language: %(codes)s.") % {"codes": ", ".join(unknown)}
    if set(availability) - set(Availability.values):
        errors["availability"] = _("Please choose the availability from the list.")
    if stopped_on is not None and stopped_on < started_on:
        errors["stopped_on"] = _("A volunteer cannot stop before they started.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if volunteer is None:
            volunteer = Volunteer(commune=commune)
            old: dict[str, object] = {}
        else:
            volunteer = (
                Volunteer.objects.for_commune(commune).select_for_update().get(pk=volunteer.pk)
            )
            old = {"stopped_on": volunteer.stopped_on, "languages": volunteer.languages}
        volunteer.name = name.strip()
        volunteer.contact = contact.strip()
        volunteer.languages = sorted(set(languages))
        volunteer.availability = sorted(set(availability))
        volunteer.started_on = started_on
        volunteer.stopped_on = stopped_on
        volunteer.save()
        volunteer.social_areas.set(areas)
        record(
            actor=actor,
            commune=commune,
            action=SupportAction.VOLUNTEER_SAVED,
            target=volunteer,
            changes={
                "name": ("", volunteer.name),
                "stopped_on": (old.get("stopped_on"), stopped_on),
                "languages": (old.get("languages"), volunteer.languages),
            },
            personal_fields=VOLUNTEER_PERSONAL_FIELDS,
        )
    return volunteer


def record_volunteer_check(
    *,
    actor: User,
    commune: Commune,
    volunteer: Volunteer,
    issued_on: date,
    shows_relevant_conviction: bool,
) -> CriminalRecordCheck:
    """Keep the date of the extended criminal record certificate and whether it shows a
    relevant conviction (§ 72a SGB VIII) — nothing else of the certificate."""
    require_actor_capability(actor, commune, Capability.MATCH_VOLUNTEERS)
    if issued_on > timezone.localdate():
        raise ValidationError({"issued_on": _("The certificate's date cannot be in the future.")})
    if volunteer.commune_id != commune.pk:
        raise ValidationError(_("This volunteer belongs to another commune."))
    with transaction.atomic():
        check: CriminalRecordCheck
        check, _created = CriminalRecordCheck.all_communes.update_or_create(
            volunteer=volunteer,
            defaults={
                "commune": commune,
                "issued_on": issued_on,
                "shows_relevant_conviction": shows_relevant_conviction,
                "recorded_at": timezone.now(),
            },
        )
        record(
            actor=actor,
            commune=commune,
            action=SupportAction.VOLUNTEER_CHECK_RECORDED,
            target=volunteer,
            changes={
                "issued_on": (None, issued_on),
                "shows_relevant_conviction": (None, shows_relevant_conviction),
            },
            personal_fields=("issued_on", "shows_relevant_conviction"),
        )
    return check


def check_deletion_due(volunteer: Volunteer, commune: Commune) -> date | None:
    """The day a stopped volunteer's § 72a entry must be gone (at the latest three months
    after they stopped; the commune may choose fewer)."""
    if volunteer.stopped_on is None:
        return None
    return add_months(volunteer.stopped_on, commune.retention_volunteer_check_months)


def delete_expired_volunteer_checks(*, today: date | None = None) -> int:
    """Delete every § 72a entry whose volunteer stopped long enough ago, in all communes;
    one audit event per commune that had any. Returns how many were deleted."""
    today = today or timezone.localdate()
    deleted = 0
    for commune in Commune.objects.order_by("pk"):
        with transaction.atomic():
            due = [
                check.pk
                for check in CriminalRecordCheck.objects.for_commune(commune)
                .select_related("volunteer")
                .filter(volunteer__stopped_on__isnull=False)
                if (deadline := check_deletion_due(check.volunteer, commune)) is not None
                and deadline <= today
            ]
            if not due:
                continue
            CriminalRecordCheck.objects.for_commune(commune).filter(pk__in=due).delete()
            record(
                actor=None,
                commune=commune,
                action=SupportAction.VOLUNTEER_CHECKS_DELETED,
                changes={"count": (None, len(due))},
            )
            deleted += len(due)
    return deleted
