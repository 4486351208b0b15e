"""Personal API tokens: create, revoke, and recognise them.

A token reads ``lotse_<prefix>_<secret>``. The prefix (8 lowercase letters and digits) is
the lookup key and may be shown; the secret (32 random bytes, URL-safe base64) is shown
once at creation. Only its SHA-256 hash is stored, and it is compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import string
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core import audit
from lotse.core.audit import CoreAction
from lotse.core.models import ApiToken, Commune, User, active_roles

# The fixed, public start of every token.
TOKEN_PREFIX = "lotse"  # noqa: S105  # nosec B105
PREFIX_ALPHABET = string.ascii_lowercase + string.digits
PREFIX_LENGTH = 8
SECRET_BYTES = 32
NAME_MAX_LENGTH = ApiToken._meta.get_field("name").max_length or 80
# ``secrets.token_urlsafe(32)`` is 43 characters of URL-safe base64 without padding.
TOKEN_PATTERN = re.compile(r"lotse_(?P<prefix>[a-z0-9]{8})_(?P<secret>[A-Za-z0-9_-]{43})")
# Recording every request would write to the database on every API call.
LAST_USED_PRECISION = timedelta(minutes=1)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def parse_token(raw: str) -> tuple[str, str] | None:
    """The (prefix, secret) of a token in the right format, else None."""
    match = TOKEN_PATTERN.fullmatch(raw.strip())
    if match is None:
        return None
    return match["prefix"], match["secret"]


def find_token(raw: str) -> ApiToken | None:
    """The unrevoked token this text stands for, or None (malformed, unknown, wrong
    secret or revoked). Looks the prefix up, then compares the hashes in constant time."""
    parsed = parse_token(raw)
    if parsed is None:
        return None
    prefix, secret = parsed
    token: ApiToken | None = (
        ApiToken.all_communes.select_related("user", "commune").filter(prefix=prefix).first()
    )
    if token is None or not hmac.compare_digest(token.secret_hash, hash_secret(secret)):
        return None
    if token.revoked_at is not None:
        return None
    return token


def note_use(token: ApiToken, *, now: datetime | None = None) -> None:
    """Set ``last_used_at``, at most once a minute per token."""
    now = now or timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_PRECISION:
        return
    ApiToken.all_communes.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now


def _new_prefix() -> str:
    while True:
        prefix = "".join(secrets.choice(PREFIX_ALPHABET) for _ in range(PREFIX_LENGTH))
        if not ApiToken.all_communes.filter(prefix=prefix).exists():
            return prefix


def create_api_token(*, actor: User, commune: Commune, name: str) -> tuple[ApiToken, str]:
    """Create a token for ``actor`` in ``commune``; return it and its clear text, which is
    never available again. The actor needs an active role (any role) in the commune."""
    name = name.strip()
    if not name:
        raise ValidationError(_("Please give the token a name."), code="required")
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(
            _("The name may be at most %(limit)d characters long."),
            code="max_length",
            params={"limit": NAME_MAX_LENGTH},
        )
    if not active_roles(actor, commune):
        raise PermissionDenied(_("You have no active role in this commune."))
    secret = secrets.token_urlsafe(SECRET_BYTES)
    with transaction.atomic():
        prefix = _new_prefix()
        token: ApiToken = ApiToken.all_communes.create(
            commune=commune,
            user=actor,
            name=name,
            prefix=prefix,
            secret_hash=hash_secret(secret),
        )
        audit.record(
            actor=actor,
            commune=commune,
            action=CoreAction.API_TOKEN_CREATED,
            target=token,
            changes={"name": (None, name), "prefix": (None, prefix)},
        )
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


def revoke_api_token(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoke the actor's own token. Revoking a revoked token changes nothing."""
    if token.user_id != actor.pk:
        raise PermissionDenied(_("You can only revoke your own API tokens."))
    with transaction.atomic():
        locked: ApiToken = ApiToken.all_communes.select_for_update().get(pk=token.pk)
        if locked.revoked_at is not None:
            token.revoked_at = locked.revoked_at
            return token
        now = timezone.now()
        ApiToken.all_communes.filter(pk=token.pk).update(revoked_at=now)
        token.revoked_at = now
        audit.record(
            actor=actor,
            commune=token.commune,
            action=CoreAction.API_TOKEN_REVOKED,
            target=token,
            changes={"revoked_at": (None, now.isoformat())},
        )
    return token
