"""Receivers the support app registers in ``SupportConfig.ready()``: the referrals app
sends no signal of its own when consent is withdrawn, so the help ends on the ``post_save``
of the withdrawn ``referrals.Consent``."""

from __future__ import annotations

from typing import Any

from lotse.referrals.models import Consent
from lotse.referrals.support.services.consent import end_help_after_withdrawal


def consent_saved(sender: type[Consent], instance: Consent, **kwargs: Any) -> None:
    """A withdrawn consent ends the family's help (idempotent)."""
    if kwargs.get("raw") or instance.withdrawn_at is None:
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "withdrawn_at" not in update_fields:
        return
    end_help_after_withdrawal(consent=instance)
