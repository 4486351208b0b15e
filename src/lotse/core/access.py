"""Access checks for views: capabilities per commune, and single objects by UUID.

An object of another commune is "not found" (404), a missing capability is "forbidden"
(403): the same answer for "missing" and "other commune" keeps ids invisible."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from lotse.core.models import Commune, User, capabilities_of
from lotse.core.permissions import Capability

V = TypeVar("V", bound=Callable[..., Any])
M = TypeVar("M", bound=models.Model)


def commune_of(request: HttpRequest) -> Commune:
    commune: Commune = request.commune  # type: ignore[attr-defined]
    return commune


def acting_user(request: HttpRequest) -> User:
    """The logged-in user of a view that requires a login (middleware or decorator)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def has_capability(request: HttpRequest, capability: Capability) -> bool:
    return capability in getattr(request, "capabilities", frozenset())


def require_capability(request: HttpRequest, capability: Capability) -> None:
    if not has_capability(request, capability):
        raise PermissionDenied(_("Your role does not allow this."))


def capability_required(capability: Capability) -> Callable[[V], V]:
    """Decorate a view under ``/<commune_slug>/`` that needs ``capability``."""

    def decorator(view: V) -> V:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            require_capability(request, capability)
            return view(request, *args, **kwargs)

        wrapped.required_capability = capability  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def public_commune_view(view: V) -> V:
    """Mark a view under ``/<commune_slug>/`` that needs no login (e.g. the finder)."""
    view.lotse_public = True  # type: ignore[attr-defined]
    return view


def multilingual_view(view: V) -> V:
    """Mark a page for families that speaks every language of ``settings.LANGUAGES``
    (staff pages fall back to German)."""
    view.lotse_multilingual = True  # type: ignore[attr-defined]
    return view


def get_for_commune(model: type[M], commune: Commune, uuid: Any) -> M:
    """The object with this UUID in this commune, or 404."""
    try:
        obj: M = model.objects.for_commune(commune).get(uuid=uuid)  # type: ignore[attr-defined]
    except (models.ObjectDoesNotExist, ValueError, ValidationError):
        raise Http404(_("Not found.")) from None
    return obj


def require_actor_capability(actor: User, commune: Commune, capability: Capability) -> None:
    """For services: the acting user must hold ``capability`` in ``commune``, whichever
    way the call came (page, API, command)."""
    if capability not in capabilities_of(actor, commune):
        raise PermissionDenied(_("Your role does not allow this."))
