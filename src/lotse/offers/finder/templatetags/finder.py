"""Template helpers for the public family pages: language links and URLs that keep the
language, and links to other apps' pages that may not exist yet."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, get_language_info

from lotse.offers.finder.language import PARAMETER, RTL_LANGUAGES, with_language

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict[str, Any]]:
    """One link per language to the current page with the same query, other language."""
    request = context.get("request")
    current = get_language()
    path = request.path if request is not None else ""
    links = []
    for code, _name in settings.LANGUAGES:
        query: QueryDict = request.GET.copy() if request is not None else QueryDict(mutable=True)
        query.pop(PARAMETER, None)
        query.pop("page", None)
        if code != settings.LANGUAGE_CODE:
            query[PARAMETER] = code
        encoded = query.urlencode()
        links.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": f"{path}?{encoded}" if encoded else path,
                "current": code == current,
                "dir": "rtl" if code in RTL_LANGUAGES else "ltr",
            }
        )
    return links


@register.simple_tag
def lang_url(url_name: str, *args: Any, **kwargs: Any) -> str:
    """``{% url %}`` that keeps the page's language."""
    return with_language(reverse(url_name, args=args, kwargs=kwargs), get_language() or "")


@register.simple_tag
def optional_url(url_name: str, **kwargs: Any) -> str:
    """The URL, or "" while the app that names it has not shipped it yet."""
    try:
        return reverse(url_name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


@register.simple_tag
def contact_request_url(commune_slug: str, offer_uuid: Any = None) -> str:
    """The referrals app's "Kontakt wünschen" form, for one offer or in general; ""
    while that page does not exist."""
    url = optional_url("referrals:contact_request", commune_slug=commune_slug)
    if not url:
        return ""
    if offer_uuid:
        url = f"{url}?angebot={offer_uuid}"
    return with_language(url, get_language() or "")
