"""The status history every transition writes (who, when, from, to, reason)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lotse.core.models import User
from lotse.funding.models import Application, StatusChange


def move(
    application: Application,
    *,
    actor: User | None,
    to: str,
    allowed_from: tuple[str, ...],
    reason: str = "",
) -> None:
    """Change the application's status if the lifecycle allows it, with a history row."""
    if application.status not in allowed_from:
        raise ValidationError(
            _("This is not possible while the application is “%(status)s”.")
            % {"status": application.get_status_display()}
        )
    StatusChange.all_communes.create(
        commune=application.commune,
        application=application,
        from_status=application.status,
        to_status=to,
        reason=reason,
        actor=actor,
    )
    application.status = to


def proof_moved(
    application: Application, *, actor: User | None, from_status: str, to: str, reason: str = ""
) -> None:
    StatusChange.all_communes.create(
        commune=application.commune,
        application=application,
        subject="proof",
        from_status=from_status,
        to_status=to,
        reason=reason,
        actor=actor,
    )
