"""Protection of the public forms for families, which set no cookie at all (so no CSRF
cookie either): a signed timestamp in the form proves it was loaded from Lotse not long
ago and not a moment ago, and a counter per address in the cache limits floods. The
address is kept only as a keyed hash, in the cache, for the counter's window."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest


class TokenProblem(StrEnum):
    EXPIRED = "expired"  # forged, from another form, or older than ``max_seconds``
    TOO_QUICK = "too_quick"  # sent sooner than a person can fill it in


@dataclass(frozen=True)
class PublicFormGuard:
    """The token and rate limit of one kind of public form (its own ``salt``, so a token
    of one form is worth nothing in another)."""

    salt: str
    min_seconds: int
    max_seconds: int = 2 * 60 * 60
    rate_limit: int = 5
    rate_window_seconds: int = 60 * 60

    def issue_token(self) -> str:
        return signing.dumps(int(time.time()), salt=self.salt)

    def token_problem(self, token: str, *, now: float | None = None) -> TokenProblem | None:
        moment = time.time() if now is None else now
        try:
            issued = int(signing.loads(token, salt=self.salt, max_age=self.max_seconds))
        except (signing.BadSignature, ValueError, TypeError):
            return TokenProblem.EXPIRED
        if moment - issued < self.min_seconds:
            return TokenProblem.TOO_QUICK
        return None

    def rate_limited(self, request: HttpRequest) -> bool:
        """Count this post; True once its address sent more than ``rate_limit`` posts
        within the window."""
        address = request.META.get("REMOTE_ADDR", "")
        digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()
        key = f"{self.salt}:rate:{digest}"
        cache.add(key, 0, self.rate_window_seconds)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, self.rate_window_seconds)
            count = 1
        return count > self.rate_limit
