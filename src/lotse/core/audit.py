"""Writing the audit log. Services call :func:`record` once per use case, inside their
transaction, so a change and its audit event are committed together or not at all."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from enum import Enum
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.models import AuditEvent, Commune, User

MASK = "•••"

# Labels of all actions of all apps: each app registers its enum in AppConfig.ready().
_ACTION_LABELS: dict[str, Any] = {}


class CoreAction(models.TextChoices):
    USER_INVITED = "core.user_invited", _("User invited")
    ROLE_ADDED = "core.role_added", _("Role added")
    MEMBERSHIP_DEACTIVATED = "core.membership_deactivated", _("Role deactivated")
    MEMBERSHIP_REACTIVATED = "core.membership_reactivated", _("Role reactivated")
    INVITATION_ACCEPTED = "core.invitation_accepted", _("Invitation accepted")
    INVITATION_RESENT = "core.invitation_resent", _("Invitation sent again")
    PASSWORD_CHANGED = "core.password_changed", _("Password changed")
    PASSWORD_RESET = "core.password_reset", _("Password reset by e-mail")
    TWO_FACTOR_ENABLED = "core.two_factor_enabled", _("Two-factor authentication set up")
    API_TOKEN_CREATED = "core.api_token_created", _("API token created")
    API_TOKEN_REVOKED = "core.api_token_revoked", _("API token revoked")
    COMMUNE_SETTINGS_CHANGED = "core.commune_settings_changed", _("Commune settings changed")
    CLOSING_DAY_ADDED = "core.closing_day_added", _("Closing day added")
    CLOSING_DAY_REMOVED = "core.closing_day_removed", _("Closing day removed")
    SOCIAL_AREA_FIGURES_SAVED = "core.social_area_figures_saved", _("Social area figures saved")


def register_actions(choices: type[models.TextChoices]) -> None:
    for value, label in choices.choices:
        _ACTION_LABELS[value] = label


def action_label(action: str) -> Any:
    return _ACTION_LABELS.get(action, action)


def action_choices() -> list[tuple[str, Any]]:
    return sorted(_ACTION_LABELS.items(), key=lambda item: str(item[1]))


register_actions(CoreAction)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, models.Model):
        return str(getattr(value, "uuid", value.pk))
    return str(value)


def record(
    *,
    actor: User | None,
    commune: Commune | None,
    action: str,
    target: models.Model | None = None,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
    personal_fields: Collection[str] = (),
) -> AuditEvent:
    """Append one audit event. ``changes`` maps a field to (old, new); the values of
    ``personal_fields`` are masked so no personal data is kept in clear text here."""
    masked: dict[str, dict[str, Any]] = {}
    for field, (old, new) in (changes or {}).items():
        if field in personal_fields:
            masked[field] = {"old": MASK, "new": MASK}
        else:
            masked[field] = {"old": _plain(old), "new": _plain(new)}
    event: AuditEvent = AuditEvent.all_communes.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        commune=commune,
        action=str(action),
        object_type=target._meta.label if target is not None else "",
        object_id=str(getattr(target, "uuid", target.pk)) if target is not None else "",
        changes=masked,
    )
    return event
