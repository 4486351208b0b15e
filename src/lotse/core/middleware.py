"""Resolve the commune of a staff URL and enforce two-factor authentication."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import resolve
from django.urls.exceptions import Resolver404
from django.utils import translation
from django.utils.translation import gettext as _
from django_otp import devices_for_user

from lotse.core.models import Commune, Membership, capabilities_of
from lotse.core.permissions import capabilities_for_roles, requires_two_factor

# Views a user who still owes the second factor may reach.
TWO_FACTOR_EXEMPT_URL_NAMES = {
    "core:two_factor_setup",
    "core:two_factor_verify",
    "core:logout",
    "set_language",
}


class CommuneMiddleware:
    """For URLs under ``/<commune_slug>/``: the commune must exist, and staff views need a
    user with an active role there. Anyone else gets 404, never 403, so another commune's
    pages and ids stay invisible. Public views are marked with ``@public_commune_view``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        slug = view_kwargs.get("commune_slug")
        if slug is None:
            return None
        commune = Commune.objects.filter(slug=slug, is_active=True).first()
        if commune is None:
            raise Http404(_("There is no commune at this address."))
        request.commune = commune  # type: ignore[attr-defined]
        if getattr(view_func, "lotse_public", False):
            request.capabilities = frozenset()  # type: ignore[attr-defined]
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        capabilities = capabilities_of(request.user, commune)
        if not capabilities:
            raise Http404(_("There is no commune at this address."))
        request.capabilities = capabilities  # type: ignore[attr-defined]
        return None


def _url_name(request: HttpRequest) -> str | None:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None


def user_requires_two_factor(user: Any) -> bool:
    """Operators and every role that reads family data must use a second factor."""
    if user.is_superuser:
        return True
    roles = set(
        Membership.all_communes.filter(user=user, is_active=True).values_list("role", flat=True)
    )
    return requires_two_factor(capabilities_for_roles(roles))


class TwoFactorMiddleware:
    """A user whose roles can read family data must set up and use TOTP before anything
    else. Runs after django-otp's middleware, which tells whether the session is verified."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        login_url = self._second_factor_page(request)
        if login_url is None:
            return self.get_response(request)
        return redirect_to_login(request.get_full_path(), login_url=login_url)

    @staticmethod
    def _second_factor_page(request: HttpRequest) -> str | None:
        """Where the user must go first, or None if the request may proceed."""
        user = request.user
        if (
            not user.is_authenticated
            or user.is_verified()  # type: ignore[attr-defined]
            or request.path.startswith(("/static/", "/api/"))
            or _url_name(request) in TWO_FACTOR_EXEMPT_URL_NAMES
        ):
            return None
        # Whoever has a device must use it, whether the roles demand it or not.
        if any(True for _device in devices_for_user(user, confirmed=True)):
            return "core:two_factor_verify"
        if user_requires_two_factor(user):
            return "core:two_factor_setup"
        return None


class StaffLanguageMiddleware:
    """Staff pages speak German or English only; a browser asking for Arabic gets German
    there. Views for families (marked with :func:`lotse.core.access.multilingual_view`)
    keep every language of ``LANGUAGES``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> None:
        if getattr(view_func, "lotse_multilingual", False):
            return
        if translation.get_language() not in settings.STAFF_LANGUAGES:
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
