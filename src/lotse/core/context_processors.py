"""Navigation: only the entries the user's capabilities allow."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotse.core.permissions import Capability

# (label, URL name under /<commune_slug>/, capability). Other apps list theirs in their
# AppConfig's ``navigation``; they follow in the order of INSTALLED_APPS.
NAVIGATION: list[tuple[Any, str, Capability]] = [
    (_("Start"), "core:commune_home", Capability.VIEW_COMMUNE_HOME),
    (_("Users"), "core:user_list", Capability.MANAGE_USERS),
    (_("Settings"), "core:commune_settings", Capability.MANAGE_COMMUNE_SETTINGS),
    (_("Audit log"), "core:audit_log", Capability.VIEW_AUDIT_LOG),
]


def navigation_entries() -> list[tuple[Any, str, Capability]]:
    entries = list(NAVIGATION)
    for config in apps.get_app_configs():
        entries += getattr(config, "navigation", [])
    return entries


def navigation(request: HttpRequest) -> dict[str, Any]:
    commune = getattr(request, "commune", None)
    capabilities: frozenset[Capability] = getattr(request, "capabilities", frozenset())
    if commune is None or not capabilities:
        return {"nav_items": [], "capabilities": capabilities}
    current = request.path
    items = []
    for label, url_name, capability in navigation_entries():
        if capability in capabilities:
            url = reverse(url_name, kwargs={"commune_slug": commune.slug})
            items.append({"label": label, "url": url, "current": current == url})
    return {"nav_items": items, "capabilities": {c.value for c in capabilities}}


def staff_languages(request: HttpRequest) -> dict[str, Any]:
    """The languages the staff pages' language switch offers."""
    return {"staff_languages": settings.STAFF_LANGUAGES}
