"""The user's own account page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lotse.core.models import Membership


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    memberships = (
        Membership.all_communes.filter(user=request.user, is_active=True)
        .select_related("commune", "organisation")
        .order_by("commune__name", "role")
    )
    return render(request, "core/profile.html", {"memberships": memberships})
