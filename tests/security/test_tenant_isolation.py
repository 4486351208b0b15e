"""Tenant isolation, property-based: any object of Bergkamen, any user of Dortmund, any URL
or API operation → refused, and nothing of Bergkamen in the answer.

The URLs, their capabilities and the builders of object kwargs come from the permission
matrix, so every page added there is drawn here too."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotse.core.models import (
    ApiToken,
    ClosingDay,
    Membership,
    SocialArea,
    SocialAreaFigures,
    User,
)
from lotse.core.permissions import ROLE_CAPABILITIES, Capability, Role
from lotse.core.services.tokens import create_api_token
from lotse.core.tenancy import TenantManager, TenantModel, TenantScopeError
from tests.conftest import World, log_in
from tests.security.test_permission_matrix import API_MATRIX, WEB_MATRIX

COMMUNE_URLS = sorted(
    name for name, rule in WEB_MATRIX.items() if isinstance(rule.access, Capability)
)
OBJECT_URLS = sorted(name for name in COMMUNE_URLS if WEB_MATRIX[name].kwargs is not None)
# The permission matrix already requests every page as every role of both communes; these
# properties add the body and state checks on a sample, the same sample in every run.
HYPOTHESIS = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@dataclass
class Secrets:
    """What Dortmund must never see of Bergkamen: identifiers and names."""

    uuids: set[str]
    names: set[str]

    def found_in(self, body: str, *, asked_for: str = "") -> list[str]:
        """The secrets in ``body``, except those the requester typed into the URL (pages
        repeat their own address, e.g. in the language form)."""
        return [
            value for value in self.uuids | self.names if value in body and value not in asked_for
        ]


@pytest.fixture
def bergkamen_secrets(world: World) -> Secrets:
    """Bergkamen objects with names nobody else has, and everything Bergkamen owns that
    carries a UUID."""
    area = SocialArea.all_communes.create(
        commune=world.bergkamen, name="Overberge-Geheimviertel", slug="ov"
    )
    SocialAreaFigures.all_communes.create(
        commune=world.bergkamen,
        social_area=area,
        year=2025,
        inhabitants=48_213,
        children_0_3=1_234,
        children_0_3_in_poverty=321,
        births=402,
    )
    ClosingDay.all_communes.create(
        commune=world.bergkamen, date=date(2026, 12, 28), label="Bergkamener Betriebsausflug"
    )
    coordinator = world.user("bergkamen", Role.COORDINATOR)
    create_api_token(actor=coordinator, commune=world.bergkamen, name="Bergkamener Skript")
    users = [world.user("bergkamen", role) for role in Role.values]
    uuids = {
        str(value)
        for model in (SocialArea, Membership, ApiToken)
        for value in model.objects.for_commune(world.bergkamen).values_list("uuid", flat=True)
    } | {str(user.uuid) for user in users}
    names = {
        "Overberge-Geheimviertel",
        "Bergkamener Betriebsausflug",
        "Bergkamener Skript",
        "48213",
        "48.213",
        world.organisations["bergkamen"].name,
        *(user.email for user in users),
        *(user.full_name for user in users if user.full_name),
    }
    return Secrets(uuids=uuids, names=names)


def _state(world: World) -> tuple[Any, ...]:
    """What a request to a Bergkamen object could change."""
    return (
        sorted(Membership.objects.for_commune(world.bergkamen).values_list("uuid", "is_active")),
        sorted(ApiToken.objects.for_commune(world.bergkamen).values_list("uuid", "revoked_at")),
        sorted(ClosingDay.objects.for_commune(world.bergkamen).values_list("date", "label")),
        SocialAreaFigures.objects.for_commune(world.bergkamen).count(),
    )


def _request(client: Client, url_name: str, url: str) -> Any:
    if WEB_MATRIX[url_name].post_only:
        return client.post(url)
    return client.get(url)


@given(
    url_name=st.sampled_from(COMMUNE_URLS),
    role=st.sampled_from(Role.values),
    method=st.sampled_from(["GET", "POST"]),
)
@HYPOTHESIS
def test_a_user_of_another_commune_gets_404_for_any_page_of_the_commune(
    world: World, bergkamen_secrets: Secrets, url_name: str, role: str, method: str
) -> None:
    rule = WEB_MATRIX[url_name]
    intruder = world.user("dortmund", role)
    kwargs = rule.kwargs(world, intruder) if rule.kwargs else {}
    url = reverse(url_name, kwargs={**kwargs, "commune_slug": "bergkamen"})
    before = _state(world)
    client = log_in(Client(), intruder)
    response = client.post(url) if method == "POST" else client.get(url)
    assert response.status_code == 404, (url_name, role, method, response.status_code)
    assert not bergkamen_secrets.found_in(response.content.decode(), asked_for=url)
    assert _state(world) == before


@given(url_name=st.sampled_from(OBJECT_URLS), role=st.sampled_from(Role.values))
@HYPOTHESIS
def test_another_communes_object_in_the_own_communes_url_is_not_found(
    world: World, bergkamen_secrets: Secrets, url_name: str, role: str
) -> None:
    """A Dortmund user puts a Bergkamen object's id into a Dortmund URL: 404 if the role
    may use the page at all, else 403 (the capability is checked first) — never 200."""
    rule = WEB_MATRIX[url_name]
    assert rule.kwargs is not None
    intruder = world.user("dortmund", role)
    kwargs = rule.kwargs(world, world.user("bergkamen", Role.COORDINATOR))
    url = reverse(url_name, kwargs={**kwargs, "commune_slug": "dortmund"})
    before = _state(world)
    response = _request(log_in(Client(), intruder), url_name, url)
    allowed = rule.access in ROLE_CAPABILITIES[role]
    assert response.status_code == (404 if allowed else 403), (url_name, role)
    assert not bergkamen_secrets.found_in(response.content.decode(), asked_for=url)
    assert _state(world) == before


@given(
    operation=st.sampled_from(sorted(API_MATRIX)),
    role=st.sampled_from(Role.values),
)
@HYPOTHESIS
def test_a_token_of_another_commune_gets_only_its_own_communes_data(
    world: World, bergkamen_secrets: Secrets, operation: tuple[str, str], role: str
) -> None:
    method, path = operation
    intruder = world.user("dortmund", role)
    _token, secret = create_api_token(actor=intruder, commune=world.dortmund, name="Fremd")
    response = Client().generic(method, f"/api/v1{path}", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code < 500
    assert not bergkamen_secrets.found_in(response.content.decode())


@given(role=st.sampled_from(Role.values))
@HYPOTHESIS
def test_the_social_areas_of_the_api_are_the_tokens_communes_only(
    world: World, bergkamen_secrets: Secrets, role: str
) -> None:
    intruder = world.user("dortmund", role)
    _token, secret = create_api_token(actor=intruder, commune=world.dortmund, name="Fremd")
    response = Client().get("/api/v1/social-areas", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    listed = {area["uuid"] for area in json.loads(response.content)}
    own = {
        str(u)
        for u in SocialArea.objects.for_commune(world.dortmund).values_list("uuid", flat=True)
    }
    assert listed == own


def test_a_token_sees_only_its_own_commune_even_if_its_owner_works_in_both(
    world: World, bergkamen_secrets: Secrets
) -> None:
    """A person with roles in both communes: the Dortmund token still sees only Dortmund."""
    both = world.user("dortmund", Role.COORDINATOR)
    Membership.all_communes.create(user=both, commune=world.bergkamen, role=Role.PLANNER)
    _token, secret = create_api_token(actor=both, commune=world.dortmund, name="Nur Dortmund")
    response = Client().get("/api/v1/social-areas", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert not bergkamen_secrets.found_in(response.content.decode())
    me = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").json()
    assert me["commune"]["slug"] == "dortmund"


def tenant_owned_models() -> list[type[Any]]:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, TenantModel)
        or isinstance(model.__dict__.get("objects"), TenantManager)
    ]


def test_the_tenant_owned_models_are_found() -> None:
    found = set(tenant_owned_models())
    for model in (ClosingDay, SocialArea, SocialAreaFigures, Membership, ApiToken):
        assert model in found
    assert User not in found


@pytest.mark.parametrize("model", tenant_owned_models(), ids=lambda model: model._meta.label)
def test_a_query_of_a_tenant_owned_model_without_a_commune_raises(
    db: None, model: type[Any]
) -> None:
    with pytest.raises(TenantScopeError):
        model.objects.all()
    with pytest.raises(TenantScopeError):
        model.objects.filter(pk=1)
    with pytest.raises(TenantScopeError):
        model.objects.count()


def test_the_secrets_are_what_the_own_commune_sees(
    world: World, bergkamen_secrets: Secrets
) -> None:
    """The control: the pages and operations above do show these values to Bergkamen, so
    their absence for Dortmund means something."""
    client = log_in(Client(), world.user("bergkamen", Role.COORDINATOR))
    assert "Overberge-Geheimviertel" in bergkamen_secrets.found_in(
        client.get("/bergkamen/").content.decode()
    )
    users_page = client.get("/bergkamen/users/").content.decode()
    assert "planner@bergkamen.test" in bergkamen_secrets.found_in(users_page)
    _token, secret = create_api_token(
        actor=world.user("bergkamen", Role.PLANNER), commune=world.bergkamen, name="Eigen"
    )
    response = Client().get("/api/v1/social-areas", HTTP_AUTHORIZATION=f"Bearer {secret}")
    area = SocialArea.objects.for_commune(world.bergkamen).get(slug="ov")
    assert str(area.uuid) in bergkamen_secrets.found_in(response.content.decode())
