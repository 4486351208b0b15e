"""Changes people make to their own account: passwords, accepting an invitation, and
setting up two-factor authentication.

Each function runs in one transaction and writes one audit event. Account events belong to
no single commune, except accepting an invitation, which is recorded in the commune that
invited the person, so its coordinators see it in their log."""

from __future__ import annotations

from axes.utils import reset as reset_login_failures
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.core.audit import CoreAction, record
from lotse.core.models import Commune, Membership, User

# The name a device gets in the list of the user's devices (django-otp's admin).
TOTP_DEVICE_NAME = "Authenticator app"


def _set_password(user: User, new_password: str) -> None:
    validate_password(new_password, user)
    user.set_password(new_password)


@transaction.atomic
def change_password(*, user: User, new_password: str) -> User:
    """A logged-in user chooses a new password. (Checking the old one is the form's job.)"""
    _set_password(user, new_password)
    user.save(update_fields=["password"])
    record(actor=user, commune=None, action=CoreAction.PASSWORD_CHANGED, target=user)
    return user


@transaction.atomic
def reset_password(*, user: User, new_password: str) -> User:
    """Set a new password after the user proved access to the mailbox with a reset link.

    The link proves who it is, so a lockout after failed logins is lifted as well: the
    lockout page tells people to reset their password."""
    _set_password(user, new_password)
    user.save(update_fields=["password"])
    record(actor=user, commune=None, action=CoreAction.PASSWORD_RESET, target=user)
    reset_login_failures(username=user.email)
    return user


def invitation_is_pending(user: User) -> bool:
    """Whether the person was invited and has not chosen a password yet."""
    return not user.has_usable_password()


def inviting_commune(user: User) -> Commune | None:
    """The commune whose invitation created the account (its first role)."""
    first: Membership | None = (
        Membership.all_communes.filter(user=user)
        .select_related("commune")
        .order_by("created_at", "pk")
        .first()
    )
    return first.commune if first is not None else None


@transaction.atomic
def accept_invitation(*, user: User, new_password: str) -> User:
    """The invited person chooses a password, which activates the account."""
    locked: User = User.objects.select_for_update().get(pk=user.pk)
    if not invitation_is_pending(locked):
        raise ValidationError(
            _("This invitation has already been accepted. Please log in."), code="accepted"
        )
    _set_password(user, new_password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    record(
        actor=user,
        commune=inviting_commune(user),
        action=CoreAction.INVITATION_ACCEPTED,
        target=user,
        changes={"is_active": (locked.is_active, True)},
    )
    return user


def user_has_two_factor(user: User | AnonymousUser) -> bool:
    """Whether the user has a confirmed TOTP device (set up, not just begun)."""
    if not user.is_authenticated:
        return False
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def pending_totp_device(user: User) -> TOTPDevice:
    """The user's unconfirmed TOTP device, created on first use and reused afterwards, so
    reloading the set-up page keeps the QR code the person may already have scanned."""
    device: TOTPDevice | None = (
        TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    )
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def enable_two_factor(*, user: User, device: TOTPDevice) -> TOTPDevice:
    """Confirm a TOTP device whose code the user has just entered correctly. Other
    unconfirmed devices of the user are removed; a user keeps one authenticator."""
    if device.user_id != user.pk:
        raise ValueError("The device belongs to another user")
    if user_has_two_factor(user):
        raise ValidationError(
            _("Two-factor authentication is already set up for your account."),
            code="already_enabled",
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).exclude(pk=device.pk).delete()
    record(
        actor=user,
        commune=None,
        action=CoreAction.TWO_FACTOR_ENABLED,
        target=user,
        changes={"two_factor": (False, True)},
    )
    return device
