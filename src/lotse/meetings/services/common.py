"""Shared by the services of this app: the capability checks and the status history."""

from __future__ import annotations

from django.db import models

from lotse.core.access import require_actor_capability
from lotse.core.models import Commune, User
from lotse.core.permissions import Capability
from lotse.meetings.models import StatusChange


def require_manage(actor: User, commune: Commune) -> None:
    require_actor_capability(actor, commune, Capability.MANAGE_MEETINGS)


def require_take_part(actor: User, commune: Commune) -> None:
    require_actor_capability(actor, commune, Capability.TAKE_PART_IN_MEETINGS)


def write_history(
    subject: models.Model,
    *,
    commune: Commune,
    actor: User | None,
    from_status: str,
    to_status: str,
    reason: str = "",
) -> None:
    StatusChange.objects.for_commune(commune).create(
        commune=commune,
        subject_type=subject._meta.model_name or "",
        subject_uuid=subject.uuid,  # type: ignore[attr-defined]
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        reason=reason[:300],
    )
