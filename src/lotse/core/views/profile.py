"""The user's own account page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from lotse.core.middleware import user_requires_two_factor
from lotse.core.selectors import own_active_memberships
from lotse.core.services.accounts import user_has_two_factor


@login_required
@require_safe
def profile(request: HttpRequest) -> HttpResponse:
    memberships = own_active_memberships(request.user)  # type: ignore[arg-type]
    return render(
        request,
        "core/profile.html",
        {
            "memberships": memberships,
            "two_factor_enabled": user_has_two_factor(request.user),
            "two_factor_required": user_requires_two_factor(request.user),
        },
    )
