"""Error pages that need a view of their own."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused form (missing or stale CSRF token): our page, in the user's language."""
    return render(request, "403_csrf.html", status=403)
