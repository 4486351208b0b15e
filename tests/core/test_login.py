"""Logging in by e-mail address, logging out, and the lockout after failed attempts."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.core.forms.auth import EmailLoginForm
from lotse.core.permissions import Role
from tests.conftest import World
from tests.core.factories import PASSWORD

LOGIN_URL = reverse("core:login")
WRONG = "not the password at all"


def _post(client: Client, email: str, password: str) -> object:
    return client.post(LOGIN_URL, {"username": email, "password": password})


def _is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_login_page_asks_for_e_mail_and_password_and_links_the_password_reset(
    db: None,
) -> None:
    response = Client().get(LOGIN_URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'type="email"' in content
    assert 'type="password"' in content
    assert reverse("core:password_reset") in content


def test_a_coordinator_logs_in_with_her_e_mail_address(world: World) -> None:
    client = Client()
    response = client.post(
        LOGIN_URL, {"username": "coordinator@bergkamen.test", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert _is_logged_in(client)


def test_the_e_mail_address_is_accepted_in_any_case(world: World) -> None:
    client = Client()
    client.post(LOGIN_URL, {"username": " Coordinator@Bergkamen.TEST", "password": PASSWORD})
    assert _is_logged_in(client)


def test_a_wrong_password_shows_the_form_again_with_a_clear_message(world: World) -> None:
    client = Client()
    response = client.post(LOGIN_URL, {"username": "coordinator@bergkamen.test", "password": WRONG})
    assert response.status_code == 200
    message = str(EmailLoginForm.error_messages["invalid_login"])
    assert escape(message) in response.content.decode()
    assert not _is_logged_in(client)


def test_an_unknown_address_gets_the_same_message_as_a_wrong_password(world: World) -> None:
    unknown = Client().post(LOGIN_URL, {"username": "nobody@bergkamen.test", "password": WRONG})
    wrong = Client().post(LOGIN_URL, {"username": "coordinator@bergkamen.test", "password": WRONG})
    message = escape(str(EmailLoginForm.error_messages["invalid_login"]))
    assert unknown.status_code == wrong.status_code == 200
    assert message in unknown.content.decode()
    assert message in wrong.content.decode()


def test_a_user_whose_account_is_deactivated_cannot_log_in(world: World) -> None:
    user = world.user("bergkamen", Role.PLANNER)
    user.is_active = False
    user.save()
    client = Client()
    response = _post(client, user.email, PASSWORD)
    assert response.status_code == 200
    assert not _is_logged_in(client)


def test_after_five_failures_the_sixth_attempt_is_locked_out_even_with_the_right_password(
    world: World,
) -> None:
    email = "coordinator@bergkamen.test"
    for _attempt in range(4):
        assert _post(Client(), email, WRONG).status_code == 200
    _post(Client(), email, WRONG)  # the fifth failure
    client = Client()
    response = _post(client, email, PASSWORD)
    assert response.status_code == 429
    assert "core/auth/locked_out.html" in [t.name for t in response.templates]
    assert not _is_logged_in(client)


def test_the_lockout_counts_an_address_in_any_case(world: World) -> None:
    for email in ("Coordinator@bergkamen.test", "COORDINATOR@BERGKAMEN.TEST") * 2 + (
        "coordinator@bergkamen.test",
    ):
        _post(Client(), email, WRONG)
    assert _post(Client(), "coordinator@bergkamen.test", PASSWORD).status_code == 429


def test_the_lockout_is_per_account_so_colleagues_behind_one_address_can_log_in(
    world: World,
) -> None:
    for _attempt in range(5):
        _post(Client(), "coordinator@bergkamen.test", WRONG)
    client = Client()
    _post(client, "planner@bergkamen.test", PASSWORD)
    assert _is_logged_in(client)


def test_a_successful_login_after_fewer_failures_resets_the_count(world: World) -> None:
    email = "coordinator@bergkamen.test"
    for _attempt in range(4):
        _post(Client(), email, WRONG)
    client = Client()
    _post(client, email, PASSWORD)
    assert _is_logged_in(client)
    assert not AccessAttempt.objects.filter(username=email).exists()
    for _attempt in range(4):
        assert _post(Client(), email, WRONG).status_code == 200
    again = Client()
    _post(again, email, PASSWORD)
    assert _is_logged_in(again)


def test_logging_out_needs_a_post_and_ends_the_session(world: World) -> None:
    client = Client()
    _post(client, "coordinator@bergkamen.test", PASSWORD)
    assert client.get(reverse("core:logout")).status_code == 405
    assert _is_logged_in(client)
    response = client.post(reverse("core:logout"))
    assert response.status_code == 302
    assert response["Location"] == LOGIN_URL
    assert not _is_logged_in(client)


def test_a_user_with_two_factor_goes_on_to_enter_a_code_after_the_password(
    world: World,
) -> None:
    user = world.user("bergkamen", Role.COORDINATOR)
    TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    response = Client().post(
        f"{LOGIN_URL}?next=/bergkamen/", {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('core:two_factor_verify')}?next=%2Fbergkamen%2F"


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/"])
def test_login_never_redirects_to_another_site(world: World, next_url: str) -> None:
    response = Client().post(
        LOGIN_URL,
        {"username": "coordinator@bergkamen.test", "password": PASSWORD, "next": next_url},
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_logging_out_without_being_logged_in_leads_to_the_login(db: None) -> None:
    for response in (Client().get(reverse("core:logout")), Client().post(reverse("core:logout"))):
        assert response.status_code == 302
        assert response["Location"] == LOGIN_URL
