"""The finder's search page, the offer detail page and the print view of a search."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from lotse.core.access import commune_of, multilingual_view, public_commune_view
from lotse.offers.finder import pagecache
from lotse.offers.finder.forms import FinderForm
from lotse.offers.finder.language import PARAMETER, url_language
from lotse.offers.finder.pagecache import EmptyFacets
from lotse.offers.finder.search import (
    PAGE_SIZE,
    Filters,
    Result,
    decorate,
    search,
    with_page_data,
)
from lotse.offers.selectors import publicly_visible

PRINT_PAGE_SIZE = 200
# Never part of a link to share: the family's own position.
PRIVATE_PARAMETERS = ("lat", "lon", "page")


def _query_without(params: QueryDict, *names: str) -> str:
    query = params.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _search_page(request: HttpRequest, template: str, page_size: int) -> HttpResponse:
    commune = commune_of(request)
    today = timezone.localdate()
    language = get_language() or "de"

    def render_page() -> tuple[HttpResponse, EmptyFacets]:
        params = request.GET.copy()
        params.pop(PARAMETER, None)
        searched = any(value for value in params.values())
        form = FinderForm(params if searched else None, commune=commune, today=today)
        result: Result | None = None
        facets: EmptyFacets = None
        if not searched or form.is_valid():
            filters = form.filters() if searched else Filters()
            page = (form.cleaned_data.get("page") if searched else None) or 1
            result = search(
                commune, filters, today, page=page, language=language, page_size=page_size
            )
            if result.total == 0 and not filters.is_empty():
                facets = filters.empty_facets()
        context: dict[str, Any] = {
            "commune": commune,
            "form": form,
            "searched": searched,
            "result": result,
            "query_without_page": _query_without(request.GET, "page"),
            "share_query": _query_without(request.GET, *PRIVATE_PARAMETERS),
        }
        return render(request, template, context), facets

    return pagecache.cached_page(request, commune, today, language, render_page)


@public_commune_view
@multilingual_view
@url_language
def start(request: HttpRequest, commune_slug: str) -> HttpResponse:
    return _search_page(request, "finder/start.html", page_size=PAGE_SIZE)


@public_commune_view
@multilingual_view
@url_language
def print_view(request: HttpRequest, commune_slug: str) -> HttpResponse:
    return _search_page(request, "finder/print.html", page_size=PRINT_PAGE_SIZE)


@public_commune_view
@multilingual_view
@url_language
def detail(request: HttpRequest, commune_slug: str, offer_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    today = timezone.localdate()
    language = get_language() or "de"

    def render_page() -> tuple[HttpResponse, EmptyFacets]:
        offer = (
            with_page_data(publicly_visible(commune, today), language, accessibility=True)
            .filter(uuid=offer_uuid)
            .first()
        )
        if offer is None:
            raise Http404
        decorate([offer], commune, Filters(), today)
        context = {"commune": commune, "offer": offer}
        return render(request, "finder/detail.html", context), None

    return pagecache.cached_page(request, commune, today, language, render_page)
