"""Password reset by e-mail (through a real SMTP server) and password change."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.test import Client, TestCase
from django.urls import reverse

from lotse.core.audit import CoreAction
from lotse.core.models import AuditEvent
from lotse.core.permissions import Role
from tests.conftest import World, log_in
from tests.core.factories import PASSWORD
from tests.mail import SmtpServer

NEW_PASSWORD = "Fruehe-Hilfen-2026!"
LINK_RE = re.compile(r"https?://\S+/password-reset/\S+/")


def _request_reset(client: Client, email: str) -> object:
    # The e-mail leaves the outbox once the request's transaction commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("core:password_reset"), {"email": email})


def _link_path(body: str) -> str:
    match = LINK_RE.search(body)
    assert match, f"no reset link in the e-mail:\n{body}"
    return urlsplit(match.group(0)).path


def _can_log_in(email: str, password: str) -> bool:
    client = Client()
    client.post(reverse("core:login"), {"username": email, "password": password})
    return "_auth_user_id" in client.session


def _choose_password(client: Client, link_path: str, password: str) -> object:
    form_page = client.get(link_path, follow=True)
    assert form_page.status_code == 200
    set_password_path = form_page.redirect_chain[-1][0]
    return client.post(set_password_path, {"new_password1": password, "new_password2": password})


def test_the_reset_e_mail_arrives_and_its_link_sets_a_new_password(
    world: World, smtp_server: SmtpServer
) -> None:
    user = world.user("bergkamen", Role.COORDINATOR)
    client = Client()
    response = _request_reset(client, "Coordinator@Bergkamen.test")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:password_reset_done")

    [message] = smtp_server.messages
    assert message["To"] == user.email
    assert message.get_content_type() == "text/plain"
    body = smtp_server.bodies()[0]
    assert "<" not in body  # plain text, no HTML

    response = _choose_password(client, _link_path(body), NEW_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:password_reset_complete")
    assert _can_log_in(user.email, NEW_PASSWORD)
    assert not _can_log_in(user.email, PASSWORD)


def test_a_reset_is_recorded_in_the_audit_log(world: World, smtp_server: SmtpServer) -> None:
    user = world.user("bergkamen", Role.PLANNER)
    client = Client()
    _request_reset(client, user.email)
    _choose_password(client, _link_path(smtp_server.bodies()[0]), NEW_PASSWORD)
    events = AuditEvent.all_communes.filter(action=CoreAction.PASSWORD_RESET)
    assert [(e.actor, e.object_id) for e in events] == [(user, str(user.uuid))]
    assert NEW_PASSWORD not in str(events[0].changes)


def test_an_unknown_address_gets_the_same_answer_and_no_e_mail(
    world: World, smtp_server: SmtpServer
) -> None:
    known = _request_reset(Client(), "planner@bergkamen.test")
    unknown = _request_reset(Client(), "nobody@bergkamen.test")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert [m["To"] for m in smtp_server.messages] == ["planner@bergkamen.test"]


def test_a_deactivated_account_gets_no_reset_e_mail(world: World, smtp_server: SmtpServer) -> None:
    user = world.user("bergkamen", Role.PLANNER)
    user.is_active = False
    user.save()
    assert _request_reset(Client(), user.email).status_code == 302
    assert smtp_server.messages == []


def test_a_reset_link_works_only_once(world: World, smtp_server: SmtpServer) -> None:
    user = world.user("bergkamen", Role.PLANNER)
    _request_reset(Client(), user.email)
    link = _link_path(smtp_server.bodies()[0])
    _choose_password(Client(), link, NEW_PASSWORD)
    response = Client().get(link, follow=True)
    assert response.status_code == 200
    assert response.context["validlink"] is False
    assert reverse("core:password_reset") in response.content.decode()


def test_a_made_up_link_shows_that_it_does_not_work(world: World) -> None:
    response = Client().get(
        reverse("core:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "abc-def"})
    )
    assert response.status_code == 200
    assert response.context["validlink"] is False


def test_a_weak_new_password_is_refused_with_a_field_error(
    world: World, smtp_server: SmtpServer
) -> None:
    user = world.user("bergkamen", Role.PLANNER)
    client = Client()
    _request_reset(client, user.email)
    response = _choose_password(client, _link_path(smtp_server.bodies()[0]), "12345")
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    assert _can_log_in(user.email, PASSWORD)


def test_a_reset_lifts_the_lockout_after_failed_logins(
    world: World, smtp_server: SmtpServer
) -> None:
    user = world.user("bergkamen", Role.PLANNER)
    for _attempt in range(5):
        Client().post(reverse("core:login"), {"username": user.email, "password": "wrong!"})
    locked = Client().post(reverse("core:login"), {"username": user.email, "password": PASSWORD})
    assert locked.status_code == 429
    client = Client()
    _request_reset(client, user.email)
    _choose_password(client, _link_path(smtp_server.bodies()[0]), NEW_PASSWORD)
    assert _can_log_in(user.email, NEW_PASSWORD)


# Changing the password while logged in


def test_a_logged_in_user_changes_her_password_and_stays_logged_in(world: World) -> None:
    user = world.user("bergkamen", Role.COORDINATOR)
    client = log_in(Client(), user)
    assert client.get(reverse("core:password_change")).status_code == 200
    response = client.post(
        reverse("core:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:password_change_done")
    assert client.get(reverse("core:profile")).status_code == 200
    assert _can_log_in(user.email, NEW_PASSWORD)
    events = AuditEvent.all_communes.filter(action=CoreAction.PASSWORD_CHANGED)
    assert [(e.actor, e.commune) for e in events] == [(user, None)]


def test_changing_the_password_ends_the_users_other_sessions(world: World) -> None:
    user = world.user("bergkamen", Role.COORDINATOR)
    other_session = log_in(Client(), user)
    client = log_in(Client(), user)
    client.post(
        reverse("core:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    response = other_session.get(reverse("core:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


def test_a_wrong_current_password_is_refused_and_nothing_changes(world: World) -> None:
    user = world.user("bergkamen", Role.COORDINATOR)
    client = log_in(Client(), user)
    response = client.post(
        reverse("core:password_change"),
        {"old_password": "wrong!", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    assert not AuditEvent.all_communes.filter(action=CoreAction.PASSWORD_CHANGED).exists()


def test_changing_the_password_needs_a_login(db: None) -> None:
    response = Client().get(reverse("core:password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))
