"""Navigation: only the entries the user's capabilities allow."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotse.core.permissions import Capability

# (label, URL name under /<commune_slug>/, capability). Later apps add their entries here.
NAVIGATION: list[tuple[Any, str, Capability]] = [
    (_("Start"), "core:commune_home", Capability.VIEW_COMMUNE_HOME),
    (_("Users"), "core:user_list", Capability.MANAGE_USERS),
    (_("Settings"), "core:commune_settings", Capability.MANAGE_COMMUNE_SETTINGS),
    (_("Audit log"), "core:audit_log", Capability.VIEW_AUDIT_LOG),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    commune = getattr(request, "commune", None)
    capabilities: frozenset[Capability] = getattr(request, "capabilities", frozenset())
    if commune is None or not capabilities:
        return {"nav_items": [], "capabilities": capabilities}
    current = request.path
    items = []
    for label, url_name, capability in NAVIGATION:
        if capability in capabilities:
            url = reverse(url_name, kwargs={"commune_slug": commune.slug})
            items.append({"label": label, "url": url, "current": current == url})
    return {"nav_items": items, "capabilities": {c.value for c in capabilities}}
