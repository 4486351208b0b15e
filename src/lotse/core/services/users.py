"""Coordinators manage the people of their commune: invite them to a role, deactivate a
role and reactivate it.

Each function checks that the actor may manage users in the commune, runs in one
transaction and writes one audit event. E-mails go out only after the transaction has
committed, so nobody is told about a role that was rolled back."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from lotse.core.access import require_actor_capability
from lotse.core.audit import CoreAction, record
from lotse.core.models import Commune, Membership, User
from lotse.core.outbox import queue_email
from lotse.core.permissions import Capability, Role
from lotse.core.services.accounts import invitation_is_pending

# Personal data in the audit event of an invitation: masked there.
INVITATION_PERSONAL_FIELDS = ("email", "full_name")


def _require_manage_users(actor: User, commune: Commune) -> None:
    require_actor_capability(actor, commune, Capability.MANAGE_USERS)


def _check_organisation(commune: Commune, role: str, organisation: models.Model | None) -> None:
    if role == Role.PARTNER_STAFF:
        if organisation is None:
            raise ValidationError(
                {"organisation": [_("Partner staff work for an organisation: please choose it.")]}
            )
        if getattr(organisation, "commune_id", None) != commune.pk:
            raise ValidationError(
                {"organisation": [_("Please choose an organisation of this commune.")]}
            )
    elif organisation is not None:
        raise ValidationError(
            {"organisation": [_("Only partner staff are bound to an organisation.")]}
        )


# E-mails


def _queue_email(template: str, membership: Membership, context: dict[str, Any]) -> None:
    """Render ``core/emails/<template>_subject.txt`` and ``<template>.txt`` into the outbox."""
    queue_email(
        kind=f"core.{template}",
        to=[membership.user.email],
        subject=render_to_string(f"core/emails/{template}_subject.txt", context),
        body=render_to_string(f"core/emails/{template}.txt", context),
        commune=membership.commune,
    )


def invitation_url(user: User, base_url: str) -> str:
    """The link with which an invited person chooses a password. It uses the same signed
    token as the password reset, so it stops working once a password has been set."""
    path = reverse(
        "core:accept_invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return base_url.rstrip("/") + path


def _queue_role_email(membership: Membership, base_url: str, *, invitation: bool) -> None:
    user, commune = membership.user, membership.commune
    context: dict[str, Any] = {
        "user": user,
        "commune": commune,
        "role": membership.get_role_display(),
        "organisation": membership.organisation,
        "inviter": membership.invited_by,
        "login_url": base_url.rstrip("/") + reverse("core:login"),
    }
    if invitation:
        context["invitation_url"] = invitation_url(user, base_url)
    _queue_email("invitation" if invitation else "role_added", membership, context)


# Use cases


def invite_user(
    *,
    actor: User,
    commune: Commune,
    email: str,
    full_name: str,
    role: str,
    organisation: models.Model | None,
    base_url: str,
) -> Membership:
    """Give a person a role in the commune. A new person gets an account without a
    password and an e-mail with a link to choose one; a person who has an account gets an
    e-mail that a role was added. A role the person already has here is refused.

    ``base_url`` (e.g. ``https://lotse.example/``) starts the links in the e-mail."""
    _require_manage_users(actor, commune)
    if role not in Role.values:
        raise ValidationError({"role": [_("Please choose a role.")]})
    _check_organisation(commune, role, organisation)
    email = User.objects.normalize_email(email.strip()).lower()
    full_name = full_name.strip()
    with transaction.atomic():
        user: User | None = User.objects.select_for_update().filter(email__iexact=email).first()
        created = user is None
        if user is None:
            user = User.objects.create_user(email, None, full_name=full_name, is_active=False)
        else:
            existing: Membership | None = (
                Membership.objects.for_commune(commune).filter(user=user, role=role).first()
            )
            if existing is not None and existing.is_active and invitation_is_pending(user):
                # The link has expired or got lost: inviting again sends a fresh one.
                _queue_role_email(existing, base_url, invitation=True)
                record(
                    actor=actor,
                    commune=commune,
                    action=CoreAction.INVITATION_RESENT,
                    target=existing,
                    changes={"role": (role, role)},
                )
                return existing
            if existing is not None:
                message = (
                    _("This person already has this role in %(commune)s.")
                    if existing.is_active
                    else _(
                        "This person already has this role in %(commune)s, but it is "
                        "deactivated. You can reactivate it in the list of users."
                    )
                )
                raise ValidationError({"role": [message % {"commune": commune.name}]})
            if full_name and not user.full_name:
                user.full_name = full_name
                user.save(update_fields=["full_name"])
        try:
            with transaction.atomic():
                membership: Membership = Membership.all_communes.create(
                    user=user,
                    commune=commune,
                    role=role,
                    organisation=organisation,
                    invited_by=actor,
                )
        except IntegrityError:  # invited twice at the same moment
            message = _("This person already has this role in %(commune)s.")
            raise ValidationError({"role": [message % {"commune": commune.name}]}) from None
        record(
            actor=actor,
            commune=commune,
            action=CoreAction.USER_INVITED if created else CoreAction.ROLE_ADDED,
            target=membership,
            changes={
                "email": (None, email),
                "full_name": (None, full_name),
                "role": (None, role),
                "organisation": (None, organisation),
            },
            personal_fields=INVITATION_PERSONAL_FIELDS,
        )
        # Someone invited earlier who has not chosen a password yet needs the link again.
        send_invitation = created or invitation_is_pending(user)
        _queue_role_email(membership, base_url, invitation=send_invitation)
    return membership


def _active_coordinators_besides(membership: Membership) -> int:
    others: list[Membership] = list(
        Membership.objects.for_commune(membership.commune)
        .select_for_update(of=("self",))
        .filter(role=Role.COORDINATOR, is_active=True, user__is_active=True)
        .exclude(pk=membership.pk)
    )
    return len(others)


def deactivate_membership(*, actor: User, membership: Membership) -> Membership:
    """Take a role away: it gives no access in the commune from the next request on.
    The last active coordinator of a commune stays, so someone can still manage it.
    Deactivating an inactive role changes nothing."""
    commune = membership.commune
    _require_manage_users(actor, commune)
    with transaction.atomic():
        locked: Membership = Membership.all_communes.select_for_update().get(pk=membership.pk)
        if not locked.is_active:
            return locked
        if locked.role == Role.COORDINATOR and not _active_coordinators_besides(locked):
            raise ValidationError(
                _(
                    "%(name)s is the last active coordinator of %(commune)s and cannot be "
                    "deactivated. Please invite another coordinator first."
                )
                % {"name": membership.user, "commune": commune.name},
                code="last_coordinator",
            )
        now = timezone.now()
        locked.is_active = False
        locked.deactivated_at = now
        locked.save(update_fields=["is_active", "deactivated_at"])
        record(
            actor=actor,
            commune=commune,
            action=CoreAction.MEMBERSHIP_DEACTIVATED,
            target=locked,
            changes={"role": (locked.role, locked.role), "is_active": (True, False)},
        )
    membership.is_active, membership.deactivated_at = False, now
    return locked


def reactivate_membership(*, actor: User, membership: Membership) -> Membership:
    """Give a deactivated role back. Reactivating an active role changes nothing."""
    commune = membership.commune
    _require_manage_users(actor, commune)
    with transaction.atomic():
        locked: Membership = Membership.all_communes.select_for_update().get(pk=membership.pk)
        if locked.is_active:
            return locked
        locked.is_active = True
        locked.deactivated_at = None
        locked.save(update_fields=["is_active", "deactivated_at"])
        record(
            actor=actor,
            commune=commune,
            action=CoreAction.MEMBERSHIP_REACTIVATED,
            target=locked,
            changes={"role": (locked.role, locked.role), "is_active": (False, True)},
        )
    membership.is_active, membership.deactivated_at = True, None
    return locked
