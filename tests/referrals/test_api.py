"""POST /api/v1/referrals for clinic systems; GET shows the sender the status only."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from lotse.core.models import User
from lotse.core.permissions import Role
from lotse.core.services.tokens import create_api_token
from lotse.referrals.models import ContactChannel, ContactOutcome, IdempotencyKey, Referral
from lotse.referrals.services import log_contact_attempt
from tests.conftest import World
from tests.core.factories import MembershipFactory, UserFactory
from tests.referrals.factories import consent_text


def _token(world: World, user: User) -> str:
    _token_row, secret = create_api_token(actor=user, commune=world.bergkamen, name="KIS")
    return secret


def _body(world: World, **changes: Any) -> dict[str, Any]:
    received = timezone.now() - timedelta(hours=3)
    body: dict[str, Any] = {
        "received_at": received.isoformat(),
        "source": "birth_clinic",
        "family": {
            "name": "Familie Demir",
            "phone": "0176 1234 5678",
            "address": "Lindenweg 3",
            "social_area": "mitte",
            "languages": ["tr", "de"],
        },
        "children": [{"birth_date": received.date().isoformat(), "premature": True}],
        "consent": {
            "given_at": (received - timedelta(minutes=30)).isoformat(),
            "scope": ["pass_to_early_help", "health_data"],
            "text_version": consent_text(world.bergkamen).version,
        },
        "need": "Frühgeborenes, Eltern unsicher",
    }
    body.update(changes)
    return body


def _post(secret: str, body: Any, key: str | None = None) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    if key:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return Client().post(
        "/api/v1/referrals", json.dumps(body), content_type="application/json", **headers
    )


def test_a_clinic_system_refers_a_family_and_learns_the_contact_deadline(
    world: World, navigator: User
) -> None:
    response = _post(_token(world, navigator), _body(world))
    assert response.status_code == 201, response.content
    answer = response.json()
    referral = Referral.objects.for_commune(world.bergkamen).get(uuid=answer["id"])
    assert answer["contact_due_by"] == referral.contact_due_by.isoformat()
    assert referral.referring_user == navigator
    assert referral.family.children.get().premature is True
    assert referral.consent is not None
    assert referral.consent.channel == ContactChannel.PHONE or referral.consent.channel


def test_bad_fields_are_each_named_with_a_german_message(world: World, navigator: User) -> None:
    body = _body(world, received_at="gestern")
    body["family"]["social_area"] = "weddinghofen"
    body["children"] = [{}]
    del body["consent"]
    response = _post(_token(world, navigator), body)
    assert response.status_code == 422
    errors = {".".join(error["loc"][1:]): error["msg"] for error in response.json()["detail"]}
    assert set(errors) >= {"received_at", "family.social_area"}
    assert "weddinghofen" in errors["family.social_area"]
    assert errors["family.social_area"].startswith("Es gibt keinen Sozialraum")
    assert not Referral.objects.for_commune(world.bergkamen).exists()


def test_rule_violations_of_the_service_are_422_too(world: World, navigator: User) -> None:
    body = _body(world)
    del body["consent"]
    response = _post(_token(world, navigator), body)
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "consent"]


def test_the_same_key_and_body_give_the_same_answer_and_no_duplicate(
    world: World, navigator: User
) -> None:
    secret = _token(world, navigator)
    body = _body(world)
    first = _post(secret, body, key="kis-4711")
    second = _post(secret, body, key="kis-4711")
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert Referral.objects.for_commune(world.bergkamen).count() == 1
    changed = _post(secret, {**body, "need": "anders"}, key="kis-4711")
    assert changed.status_code == 409
    assert "Idempotency-Key" in changed.json()["detail"]
    other_token = _token(world, navigator)
    assert _post(other_token, body, key="kis-4711").status_code == 201, "keys are per token"
    assert Referral.objects.for_commune(world.bergkamen).count() == 2


def test_idempotency_keys_expire_after_a_day(world: World, navigator: User) -> None:
    secret = _token(world, navigator)
    body = _body(world)
    _post(secret, body, key="kis-1")
    IdempotencyKey.all_communes.update(created_at=timezone.now() - timedelta(hours=25))
    assert _post(secret, body, key="kis-1").status_code == 201
    assert Referral.objects.for_commune(world.bergkamen).count() == 2


def test_the_sender_sees_the_status_and_whether_contact_was_made_nothing_more(
    world: World, navigator: User, worker: User
) -> None:
    secret = _token(world, navigator)
    referral_id = _post(secret, _body(world)).json()["id"]
    url = f"/api/v1/referrals/{referral_id}"
    answer = Client().get(url, HTTP_AUTHORIZATION=f"Bearer {secret}").json()
    assert answer == {"id": referral_id, "status": "contact_due", "contact_made": False}
    referral = Referral.objects.for_commune(world.bergkamen).get(uuid=referral_id)
    log_contact_attempt(
        actor=worker,
        referral=referral,
        at=timezone.now(),
        channel=ContactChannel.PHONE,
        outcome=ContactOutcome.REACHED,
    )
    answer = Client().get(url, HTTP_AUTHORIZATION=f"Bearer {secret}").json()
    assert answer["contact_made"] is True
    assert "Demir" not in json.dumps(answer)


@pytest.mark.parametrize("who", ["other_clinic", "dortmund"])
def test_another_navigator_gets_404(world: World, navigator: User, who: str) -> None:
    referral_id = _post(_token(world, navigator), _body(world)).json()["id"]
    if who == "other_clinic":
        other = UserFactory(email="lotsin@klinik-b.test")
        MembershipFactory(user=other, commune=world.bergkamen, role=Role.NAVIGATOR)
        secret = _token(world, other)
    else:
        _row, secret = create_api_token(
            actor=world.user("dortmund", Role.NAVIGATOR), commune=world.dortmund, name="KIS"
        )
    response = Client().get(
        f"/api/v1/referrals/{referral_id}", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert response.status_code == 404
