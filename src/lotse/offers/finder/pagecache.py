"""A short-lived cache of the finder's public pages.

The pages are the same for everyone (no login, no cookie, the language in the URL), so a
rendered page can be served again to the next family asking the same question. The key
holds the commune's *catalog stamp* — how many search documents it has and when the newest
changed — so any change to an offer, its places, schedules, languages or translations (the
index receivers touch the document) makes every cached page of that commune stale at once,
in every worker; and the day, because freshness and publishing windows change with it.
Empty searches are still counted on a hit (:mod:`lotse.offers.finder.search`)."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse

from lotse.core.models import Commune
from lotse.offers.finder.models import SearchDocument
from lotse.offers.finder.search import count_empty_search

# How long a page is kept at most; changes make it stale earlier (see above).
SECONDS: int = getattr(settings, "LOTSE_FINDER_CACHE_SECONDS", 300)


def stamp(commune: Commune) -> str:
    found = SearchDocument.objects.for_commune(commune).aggregate(
        n=Count("pk"), last=Max("updated_at")
    )
    last = found["last"].isoformat() if found["last"] else "-"
    return f"{found['n']}:{last}"


def key(request: HttpRequest, commune: Commune, today: datetime.date, language: str) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"finder:page:{commune.pk}:{stamp(commune)}:{today}:{language}:{digest}"


# What an empty search is counted under: (social area id or None, life phase).
EmptyFacets = tuple[int | None, str] | None


def cached_page(
    request: HttpRequest,
    commune: Commune,
    today: datetime.date,
    language: str,
    render: Callable[[], tuple[HttpResponse, EmptyFacets]],
) -> HttpResponse:
    """The cached response for this URL, or ``render()``'s, kept if it is a plain 200.
    ``render`` also says under which facets the search found nothing, so a hit counts
    the empty search again."""
    if SECONDS <= 0:
        return render()[0]
    cache_key = key(request, commune, today, language)
    hit: Any = cache.get(cache_key)
    if hit is not None:
        content, content_type, facets = hit
        if facets is not None:
            count_empty_search(commune, facets[0], facets[1], today)
        response = HttpResponse(content, content_type=content_type)
        response["X-Finder-Cache"] = "hit"
        return response
    response, facets = render()
    if response.status_code == 200 and not response.cookies:
        cache.set(cache_key, (response.content, response["Content-Type"], facets), SECONDS)
    return response
