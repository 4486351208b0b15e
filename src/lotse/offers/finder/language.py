"""The language of a public family page comes from the URL (``?lang=ar``), never from a
cookie or a session: a shared link shows the page in the language it was shared in, and
nothing is stored on the family's device."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

V = TypeVar("V", bound=Callable[..., HttpResponse])

PARAMETER = "lang"
RTL_LANGUAGES = frozenset({"ar", "fa"})


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def requested_language(request: HttpRequest) -> str:
    """The valid ``?lang=`` of the request, else German (the commune's own language)."""
    code = request.GET.get(PARAMETER, "")
    return code if code in language_codes() else settings.LANGUAGE_CODE


def url_language(view: V) -> V:
    """Activate the language the URL names for the view and its template."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        code = requested_language(request)
        translation.activate(code)
        request.LANGUAGE_CODE = code
        response = view(request, *args, **kwargs)
        response["Content-Language"] = code
        return response

    return wrapped  # type: ignore[return-value]


def with_language(url: str, code: str) -> str:
    """``url`` carrying ``code`` (German, the default, needs no parameter)."""
    if code == settings.LANGUAGE_CODE:
        return url
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}{PARAMETER}={code}"
