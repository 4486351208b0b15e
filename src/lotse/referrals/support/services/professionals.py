"""Profiles of family midwives and FGKiKP: kind, caseload capacity, social areas."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lotse.core.access import require_actor_capability
from lotse.core.audit import record
from lotse.core.models import Commune, SocialArea, User, capabilities_of
from lotse.core.permissions import Capability
from lotse.referrals.support.audit import SupportAction
from lotse.referrals.support.choices import HealthProfessionalKind
from lotse.referrals.support.models import HealthProfessional


def save_health_professional(
    *,
    actor: User,
    commune: Commune,
    professional: HealthProfessional | None = None,
    user: User,
    kind: str,
    caseload_capacity: int,
    social_areas: Iterable[SocialArea],
    is_active: bool = True,
) -> HealthProfessional:
    """Create or change the profile of a Familienhebamme or FGKiKP."""
    require_actor_capability(actor, commune, Capability.WORK_CASES)
    areas = list(social_areas)
    errors: dict[str, str] = {}
    if Capability.DOCUMENT_ASSIGNED_FAMILIES not in capabilities_of(user, commune):
        errors["user"] = _("This person has no active role as health professional here.")
    if kind not in HealthProfessionalKind.values:
        errors["kind"] = _("Please choose family midwife or FGKiKP.")
    if not 1 <= caseload_capacity <= 60:
        errors["caseload_capacity"] = _("The capacity must be between 1 and 60 families.")
    if not areas or any(area.commune_id != commune.pk for area in areas):
        errors["social_areas"] = _("Please choose at least one social area of this commune.")
    others = HealthProfessional.objects.for_commune(commune).filter(user=user, kind=kind)
    if professional is not None:
        others = others.exclude(pk=professional.pk)
    if others.exists():
        errors["kind"] = _("This person already has a profile of this kind.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if professional is None:
            professional = HealthProfessional(commune=commune)
            old: dict[str, object] = {}
        else:
            professional = (
                HealthProfessional.objects.for_commune(commune)
                .select_for_update()
                .get(pk=professional.pk)
            )
            old = {
                "kind": professional.kind,
                "caseload_capacity": professional.caseload_capacity,
                "is_active": professional.is_active,
            }
        professional.user = user
        professional.kind = kind
        professional.caseload_capacity = caseload_capacity
        professional.is_active = is_active
        professional.save()
        professional.social_areas.set(areas)
        record(
            actor=actor,
            commune=commune,
            action=SupportAction.PROFESSIONAL_SAVED,
            target=professional,
            changes={
                "kind": (old.get("kind"), kind),
                "caseload_capacity": (old.get("caseload_capacity"), caseload_capacity),
                "is_active": (old.get("is_active"), is_active),
            },
        )
    return professional
