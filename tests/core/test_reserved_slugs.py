"""A commune's slug can never shadow one of Lotse's own pages."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import URLPattern, URLResolver, get_resolver

from lotse.core.models import RESERVED_SLUGS, Commune
from tests.core.factories import CommuneFactory


def _first_segments(patterns: list[URLPattern | URLResolver]) -> set[str]:
    found: set[str] = set()
    for entry in patterns:
        route = str(entry.pattern)
        if route.startswith("<"):  # /<commune_slug>/…: the communes themselves
            continue
        if route == "" and isinstance(entry, URLResolver):
            found |= _first_segments(entry.url_patterns)
            continue
        segment = route.lstrip("^").split("/", 1)[0]
        if segment:
            found.add(segment)
    return found


def test_every_first_path_segment_of_lotse_is_reserved() -> None:
    segments = _first_segments(get_resolver().url_patterns)
    segments.add(settings.STATIC_URL.strip("/"))
    assert segments <= RESERVED_SLUGS, f"not reserved: {sorted(segments - RESERVED_SLUGS)}"


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["profile", "admin", "login", "api"])
def test_a_commune_cannot_take_a_reserved_slug(slug: str) -> None:
    commune: Commune = CommuneFactory.build(slug=slug, name="Test", youth_office_name="JA")
    with pytest.raises(ValidationError) as error:
        commune.full_clean()
    assert "slug" in error.value.message_dict
