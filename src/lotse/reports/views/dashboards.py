"""The dashboards (``VIEW_REPORTS``): an overview of all groups, a page per group and per
indicator, and the list behind each figure."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from lotse.core.access import capability_required, commune_of, has_capability
from lotse.core.permissions import Capability
from lotse.reports.formats import format_value
from lotse.reports.forms import FilterForm
from lotse.reports.indicators import Group, Indicator, Scope, Table, in_group
from lotse.reports.selectors import Shown, effective_scope, query_string, sections, show

VIEW = Capability.VIEW_REPORTS


def _filter(request: HttpRequest) -> tuple[FilterForm, Scope | None]:
    """The filter from the query string, and the scope it names (None if it is invalid)."""
    commune = commune_of(request)
    form = FilterForm(request.GET, commune=commune)
    if not form.is_valid():
        return form, None
    return form, Scope(commune=commune, year=form.chosen_year(), social_area=form.chosen_area())


def _context(form: FilterForm, scope: Scope | None, **extra: Any) -> dict[str, Any]:
    context: dict[str, Any] = {"form": form, "scope": scope, "groups": list(Group), **extra}
    if scope is not None:
        area = scope.social_area.slug if scope.social_area else ""
        context["query"] = query_string(scope.year, area)
    return context


def _render(
    request: HttpRequest, template: str, form: FilterForm, scope: Scope | None, **extra: Any
) -> HttpResponse:
    return render(
        request,
        template,
        _context(form, scope, **extra),
        status=200 if scope is not None else 400,
    )


def _group(value: str) -> Group:
    if value not in Group.values:
        raise Http404(_("Not found."))
    return Group(value)


def _cached(scope: Scope | None, compute: Callable[[], Any]) -> dict[str, Any]:
    """What the cached part of a page needs: the figures are computed by the template (it
    calls ``compute``) only when its fragment is not in the cache; the key holds the
    scope, so a change of year or area is another fragment."""
    return {
        "computed": compute if scope is not None else [],
        "cache_seconds": settings.LOTSE_REPORTS_CACHE_SECONDS,
        "cache_area": scope.social_area.pk if scope and scope.social_area else "",
    }


@capability_required(VIEW)
def overview(request: HttpRequest, commune_slug: str) -> HttpResponse:
    form, scope = _filter(request)
    return _render(
        request,
        "reports/overview.html",
        form,
        scope,
        **_cached(scope, lambda: sections(scope) if scope is not None else []),
    )


@capability_required(VIEW)
def group(request: HttpRequest, commune_slug: str, group: str) -> HttpResponse:
    chosen = _group(group)
    form, scope = _filter(request)

    def shown() -> list[Shown]:
        found = sections(scope, in_group(chosen)) if scope is not None else []
        return found[0].shown if found else []

    return _render(
        request, "reports/group.html", form, scope, group=chosen, **_cached(scope, shown)
    )


@capability_required(VIEW)
def indicator(request: HttpRequest, commune_slug: str, key: Indicator) -> HttpResponse:
    form, scope = _filter(request)
    shown = show(key, scope) if scope is not None else None
    return _render(request, "reports/indicator.html", form, scope, indicator=key, shown=shown)


@capability_required(VIEW)
def details(request: HttpRequest, commune_slug: str, key: Indicator) -> HttpResponse:
    """The list behind the headline (no ``row``) or one breakdown row (``?row=``)."""
    if key.drilldown is None:
        raise Http404(_("Not found."))
    form, scope = _filter(request)
    row = request.GET.get("row")
    context: dict[str, Any] = {"indicator": key, "row": None, "table": None}
    if scope is not None:
        shown = show(key, scope)
        if row is not None:
            figure = next((f for f in shown.result.breakdown if f.key == row), None)
            if figure is None:
                raise Http404(_("Not found."))
            context["row"] = figure
            context["row_value"] = format_value(figure.value, shown.row_unit)
        table = key.drilldown(effective_scope(key, scope), row)
        context["shown"] = shown
        context["table"] = table
        context["cells"] = _cells(request, table)
    return _render(request, "reports/details.html", form, scope, **context)


def _openable(request: HttpRequest, url: str | None) -> bool:
    """Whether the person may open the page a drill-down row links to: a planner reads the
    organisations behind a figure, but not an offer's editing page or a funding review."""
    if not url:
        return False
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return False
    needed = getattr(match.func, "required_capability", None)
    return needed is None or has_capability(request, needed)


def _cells(request: HttpRequest, table: Table) -> list[dict[str, Any]]:
    """Each row of a drill-down table as formatted cells, with its link if the person may
    follow it."""
    links = [link if _openable(request, link) else None for link in table.links]
    rows = []
    for index, values in enumerate(table.rows):
        cells = []
        for column, value in zip(table.columns, values, strict=False):
            if column.unit is None:
                cells.append({"text": "" if value is None else str(value), "number": False})
            else:
                text = value if isinstance(value, str) else format_value(value, column.unit)
                cells.append({"text": text, "number": True})
        rows.append({"cells": cells, "link": links[index] if index < len(links) else None})
    return rows
