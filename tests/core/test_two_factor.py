"""TOTP two-factor authentication: mandatory for roles that read family data, voluntary
for the others."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.core.audit import CoreAction
from lotse.core.models import AuditEvent, User
from lotse.core.permissions import Role
from tests.conftest import World, log_in
from tests.core.factories import PASSWORD

SETUP = reverse("core:two_factor_setup")
VERIFY = reverse("core:two_factor_verify")
# Pages of the staff area a worker might open first.
STAFF_PAGES = ["/", "/bergkamen/", "/bergkamen/tokens/", "/profile/"]
MOMENT = datetime(2026, 4, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(MOMENT, tick=False) as traveller:
        yield traveller


def code_for(device: TOTPDevice) -> str:
    """The code an authenticator app shows for this device now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    return f"{(int(code_for(device)) + 1) % 1_000_000:06d}"


def password_only(user: User) -> Client:
    """Logged in with the password, before any second factor."""
    client = Client()
    client.force_login(user)
    return client


def _worker(world: World) -> User:
    return world.user("bergkamen", Role.EARLY_HELP_WORKER)


def _pending_device(user: User) -> TOTPDevice:
    device: TOTPDevice = TOTPDevice.objects.get(user=user, confirmed=False)
    return device


# Who is sent where


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_an_early_help_worker_without_a_device_is_sent_to_set_one_up(
    world: World, page: str
) -> None:
    response = password_only(_worker(world)).get(page)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{SETUP}?next=")


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_a_worker_with_a_device_but_no_code_yet_is_sent_to_enter_one(
    world: World, page: str
) -> None:
    user = _worker(world)
    TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    response = password_only(user).get(page)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{VERIFY}?next=")


@pytest.mark.parametrize(
    "role",
    [Role.NAVIGATOR, Role.HEALTH_PROFESSIONAL, Role.VOLUNTEER_COORDINATOR, Role.PARTNER_STAFF],
)
def test_every_role_that_reads_family_data_must_use_two_factors(world: World, role: str) -> None:
    response = password_only(world.user("bergkamen", role)).get("/bergkamen/")
    assert response["Location"].startswith(f"{SETUP}?next=")


# Partner staff see the families brokered to their offers, so they, too, use two factors.
@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.PLANNER])
def test_roles_without_family_data_are_not_forced(world: World, role: str) -> None:
    response = password_only(world.user("bergkamen", role)).get("/bergkamen/")
    assert response.status_code == 200


def test_a_worker_can_still_log_out_before_setting_up(world: World) -> None:
    client = password_only(_worker(world))
    response = client.post(reverse("core:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_two_factor_pages_need_a_login(db: None) -> None:
    for url in (SETUP, VERIFY):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("core:login"))


# Setting up


def test_the_setup_page_shows_a_qr_code_and_the_secret_for_typing_it_in(
    world: World,
) -> None:
    user = _worker(world)
    response = password_only(user).get(f"{SETUP}?next=/bergkamen/")
    assert response.status_code == 200
    content = response.content.decode()
    assert re.search(r"<svg [^>]*role=\"img\"[^>]*aria-label=", content)
    assert "<script" not in content.split("</head>", 1)[1]
    device = _pending_device(user)
    assert response.context["secret"].replace(" ", "") in device.config_url
    assert device.config_url.startswith("otpauth://totp/Lotse%3A")


def test_reloading_the_setup_page_keeps_the_same_secret(world: World) -> None:
    user = _worker(world)
    client = password_only(user)
    first = client.get(SETUP).context["secret"]
    second = client.get(SETUP).context["secret"]
    assert first == second
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_a_wrong_code_during_setup_is_refused_with_a_clear_message(
    world: World, clock: time_machine.Coordinates
) -> None:
    user = _worker(world)
    client = password_only(user)
    client.get(SETUP)
    device = _pending_device(user)
    response = client.post(SETUP, {"code": wrong_code(device), "next": "/bergkamen/"})
    assert response.status_code == 200
    [error] = response.context["form"].errors["code"]
    assert "Dieser Code ist nicht richtig." in error
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert client.get("/bergkamen/")["Location"].startswith(SETUP)


@pytest.mark.parametrize("code", ["", "12345", "abcdef", "1234567"])
def test_a_code_that_is_not_six_digits_is_refused(world: World, code: str) -> None:
    client = password_only(_worker(world))
    client.get(SETUP)
    response = client.post(SETUP, {"code": code})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]


def test_the_right_code_switches_two_factors_on_and_lets_her_in(
    world: World, clock: time_machine.Coordinates
) -> None:
    user = _worker(world)
    client = password_only(user)
    client.get(SETUP)
    device = _pending_device(user)
    code = code_for(device)
    response = client.post(SETUP, {"code": f"{code[:3]} {code[3:]}", "next": "/bergkamen/"})
    assert response.status_code == 302
    assert response["Location"] == "/bergkamen/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/bergkamen/").status_code == 200
    events = AuditEvent.all_communes.filter(action=CoreAction.TWO_FACTOR_ENABLED)
    assert [(e.actor, e.object_id) for e in events] == [(user, str(user.uuid))]


def test_a_session_without_the_second_factor_cannot_replace_the_device(
    world: World, clock: time_machine.Coordinates
) -> None:
    """Someone who only knows the password must not set up an app of their own."""
    user = _worker(world)
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    client = password_only(user)
    response = client.get(SETUP)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    client.post(SETUP, {"code": "123456"})
    assert list(TOTPDevice.objects.filter(user=user)) == [device]


def test_a_verified_user_sees_that_two_factors_are_on(world: World) -> None:
    response = log_in(Client(), _worker(world)).get(SETUP)
    assert response.status_code == 200
    assert "core/two_factor/enabled.html" in [t.name for t in response.templates]


def test_a_coordinator_may_set_up_two_factors_voluntarily_from_her_profile(
    world: World, clock: time_machine.Coordinates
) -> None:
    user = world.user("bergkamen", Role.COORDINATOR)
    client = password_only(user)
    profile = client.get(reverse("core:profile"))
    assert SETUP in profile.content.decode()
    client.get(SETUP)
    device = _pending_device(user)
    response = client.post(SETUP, {"code": code_for(device)})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_a_coordinator_who_set_up_two_factors_must_enter_the_code_at_every_login(
    world: World,
) -> None:
    user = world.user("bergkamen", Role.COORDINATOR)
    TOTPDevice.objects.create(user=user, name="Telefon", confirmed=True)
    response = password_only(user).get("/bergkamen/")
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)


# Entering the code after login


def test_a_wrong_code_at_login_is_refused_and_the_right_one_lets_her_in(
    world: World, clock: time_machine.Coordinates
) -> None:
    user = _worker(world)
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    client = password_only(user)
    assert client.get(f"{VERIFY}?next=/bergkamen/").status_code == 200

    response = client.post(VERIFY, {"code": wrong_code(device), "next": "/bergkamen/"})
    assert response.status_code == 200
    [error] = response.context["form"].errors["code"]
    assert "Dieser Code ist nicht richtig." in error
    assert client.get("/bergkamen/").status_code == 302

    clock.shift(timedelta(seconds=5))  # django-otp slows down guessing after a failure
    response = client.post(VERIFY, {"code": code_for(device), "next": "/bergkamen/"})
    assert response.status_code == 302
    assert response["Location"] == "/bergkamen/"
    assert client.get("/bergkamen/").status_code == 200


def test_codes_entered_too_quickly_after_failures_are_refused_with_a_message(
    world: World, clock: time_machine.Coordinates
) -> None:
    user = _worker(world)
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    client = password_only(user)
    client.post(VERIFY, {"code": wrong_code(device)})
    response = client.post(VERIFY, {"code": code_for(device)})
    [error] = response.context["form"].errors["code"]
    assert "Bitte warten Sie eine Minute" in error
    assert client.get("/bergkamen/").status_code == 302


def test_a_code_cannot_be_used_twice(world: World, clock: time_machine.Coordinates) -> None:
    user = _worker(world)
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    code = code_for(device)
    first = password_only(user)
    assert first.post(VERIFY, {"code": code}).status_code == 302
    second = password_only(user)
    assert second.post(VERIFY, {"code": code}).status_code == 200


def test_verifying_without_a_device_leads_to_the_setup(world: World) -> None:
    response = password_only(_worker(world)).get(f"{VERIFY}?next=/bergkamen/")
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next=%2Fbergkamen%2F"


def test_after_the_code_nobody_is_sent_to_another_site(
    world: World, clock: time_machine.Coordinates
) -> None:
    user = _worker(world)
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    response = password_only(user).post(
        VERIFY, {"code": code_for(device), "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")


def test_the_whole_way_in_password_then_code(world: World, clock: time_machine.Coordinates) -> None:
    user = _worker(world)
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    client = Client()
    response = client.post(
        f"{reverse('core:login')}?next=/bergkamen/",
        {"username": user.email, "password": PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"{VERIFY}?next=%2Fbergkamen%2F"
    response = client.post(VERIFY, {"code": code_for(device), "next": "/bergkamen/"})
    assert response["Location"] == "/bergkamen/"
    assert client.get("/bergkamen/").status_code == 200
