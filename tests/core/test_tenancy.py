from __future__ import annotations

import pytest

from lotse.core.models import SocialArea
from lotse.core.tenancy import TenantScopeError
from tests.conftest import World


def test_a_query_without_a_commune_raises_instead_of_leaking(world: World) -> None:
    with pytest.raises(TenantScopeError):
        list(SocialArea.objects.all())


def test_for_commune_returns_only_that_communes_rows(world: World) -> None:
    areas = SocialArea.objects.for_commune(world.bergkamen)
    assert {area.commune_id for area in areas} == {world.bergkamen.pk}
