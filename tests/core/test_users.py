"""Coordinators invite people to roles, deactivate and reactivate roles."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
import time_machine
from django.contrib.auth.hashers import check_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from lotse.core.audit import MASK, CoreAction
from lotse.core.models import AuditEvent, Membership, OutboxMessage, OutboxStatus, User
from lotse.core.permissions import Role
from lotse.core.services.users import deactivate_membership, invite_user
from tests.conftest import World, log_in
from tests.core.factories import PASSWORD, MembershipFactory, UserFactory
from tests.mail import SmtpServer

ClientFor = Callable[[str, str], Client]
Callbacks = Callable[..., Any]
NEW_PASSWORD = "Willkommen-im-Netzwerk-7"
INVITATION_RE = re.compile(r"https?://\S+/invitation/\S+/")


def _url(name: str, commune: str = "bergkamen", **kwargs: Any) -> str:
    return reverse(f"core:{name}", kwargs={"commune_slug": commune, **kwargs})


def _membership(world: World, commune: str, role: str) -> Membership:
    commune_obj = world.bergkamen if commune == "bergkamen" else world.dortmund
    membership: Membership = Membership.objects.for_commune(commune_obj).get(
        user=world.user(commune, role), role=role
    )
    return membership


def _invite(client: Client, callbacks: Callbacks, commune: str = "bergkamen", **data: Any) -> Any:
    with callbacks(execute=True):
        return client.post(_url("user_invite", commune), data)


def _messages(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# The list


def test_the_coordinator_sees_every_role_of_her_commune(
    world: World, client_for: ClientFor
) -> None:
    response = client_for("bergkamen", Role.COORDINATOR).get(_url("user_list"))
    assert response.status_code == 200
    content = response.content.decode()
    for role in Role.values:
        assert f"{role}@bergkamen.test" in content
    assert "@dortmund.test" not in content
    assert world.organisations["bergkamen"].name in content


def test_the_user_list_needs_the_same_number_of_queries_for_one_or_ten_more_users(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    coordinator = world.user("bergkamen", Role.COORDINATOR)

    def add(count: int) -> int:
        for _index in range(count):
            MembershipFactory(
                commune=world.bergkamen,
                role=Role.PARTNER_STAFF,
                organisation=world.organisations["bergkamen"],
                invited_by=coordinator,
            )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url("user_list")).status_code == 200
        return len(queries)

    assert add(1) == add(9)


def test_a_coordinator_of_another_commune_gets_404_on_the_user_pages(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("dortmund", Role.COORDINATOR)
    planner = _membership(world, "bergkamen", Role.PLANNER)
    assert client.get(_url("user_list")).status_code == 404
    assert client.get(_url("user_invite")).status_code == 404
    for action in ("user_deactivate", "user_reactivate"):
        url = _url(action, membership_uuid=planner.uuid)
        assert client.post(url).status_code == 404
    planner.refresh_from_db()
    assert planner.is_active


@pytest.mark.parametrize("role", [Role.PLANNER, Role.PARTNER_STAFF, Role.EARLY_HELP_WORKER])
def test_roles_without_user_management_get_403(
    world: World, client_for: ClientFor, role: str
) -> None:
    client = client_for("bergkamen", role)
    target = _membership(world, "bergkamen", Role.NAVIGATOR)
    assert client.get(_url("user_list")).status_code == 403
    assert client.get(_url("user_invite")).status_code == 403
    assert client.post(_url("user_invite"), {"email": "x@example.org"}).status_code == 403
    assert client.post(_url("user_deactivate", membership_uuid=target.uuid)).status_code == 403
    target.refresh_from_db()
    assert target.is_active


def test_anonymous_visitors_are_sent_to_the_login(world: World) -> None:
    response = Client().get(_url("user_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


# Inviting


def test_the_invitation_form_offers_only_the_communes_own_organisations(
    world: World, client_for: ClientFor
) -> None:
    response = client_for("bergkamen", Role.COORDINATOR).get(_url("user_invite"))
    assert response.status_code == 200
    queryset = response.context["form"].fields["organisation"].queryset
    assert list(queryset) == [world.organisations["bergkamen"]]
    assert world.organisations["dortmund"].name not in response.content.decode()


def test_inviting_a_new_person_creates_an_account_she_activates_with_the_e_mailed_link(
    world: World,
    client_for: ClientFor,
    smtp_server: SmtpServer,
    django_capture_on_commit_callbacks: Callbacks,
) -> None:
    coordinator = world.user("bergkamen", Role.COORDINATOR)
    response = _invite(
        client_for("bergkamen", Role.COORDINATOR),
        django_capture_on_commit_callbacks,
        email="Hebamme.Neu@Example.org",
        full_name="Hanna Neu",
        role=Role.HEALTH_PROFESSIONAL,
    )
    assert response.status_code == 302
    assert response["Location"] == _url("user_list")

    user = User.objects.get(email="hebamme.neu@example.org")
    assert (user.full_name, user.is_active, user.has_usable_password()) == (
        "Hanna Neu",
        False,
        False,
    )
    membership = Membership.objects.for_commune(world.bergkamen).get(user=user)
    assert (membership.role, membership.invited_by, membership.is_active) == (
        Role.HEALTH_PROFESSIONAL,
        coordinator,
        True,
    )
    [event] = AuditEvent.all_communes.filter(object_id=str(membership.uuid))
    assert (event.action, event.actor, event.commune) == (
        CoreAction.USER_INVITED,
        coordinator,
        world.bergkamen,
    )
    assert event.changes["email"] == {"old": MASK, "new": MASK}
    assert event.changes["role"] == {"old": None, "new": Role.HEALTH_PROFESSIONAL}
    assert "hebamme.neu" not in str(event.changes)

    [message] = smtp_server.messages
    assert message["To"] == "hebamme.neu@example.org"
    assert "Bergkamen" in message["Subject"]
    match = INVITATION_RE.search(smtp_server.bodies()[0])
    assert match
    link = urlsplit(match.group(0)).path

    invited = Client()
    page = invited.get(link, follow=True)
    assert page.status_code == 200
    assert page.context["validlink"] is True
    set_password_path = page.redirect_chain[-1][0]
    response = invited.post(
        set_password_path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:login")
    user.refresh_from_db()
    assert user.is_active
    assert check_password(NEW_PASSWORD, user.password)
    [accepted] = AuditEvent.all_communes.filter(action=CoreAction.INVITATION_ACCEPTED)
    assert (accepted.actor, accepted.commune) == (user, world.bergkamen)

    login = Client()
    login.post(reverse("core:login"), {"username": user.email, "password": NEW_PASSWORD})
    assert "_auth_user_id" in login.session
    # The link has done its work.
    again = Client().get(link, follow=True)
    assert again.context["validlink"] is False


def test_an_invited_person_cannot_log_in_before_choosing_a_password(
    world: World, django_capture_on_commit_callbacks: Callbacks
) -> None:
    membership = invite_user(
        actor=world.user("bergkamen", Role.COORDINATOR),
        commune=world.bergkamen,
        email="neu@example.org",
        full_name="",
        role=Role.PLANNER,
        organisation=None,
        base_url="http://testserver/",
    )
    assert not membership.user.has_usable_password()
    client = Client()
    client.post(reverse("core:login"), {"username": "neu@example.org", "password": ""})
    assert "_auth_user_id" not in client.session


def test_the_invitation_link_cannot_set_the_password_of_an_active_account(
    world: World,
) -> None:
    user = world.user("bergkamen", Role.PLANNER)
    link = reverse(
        "core:accept_invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    response = Client().get(link, follow=True)
    assert response.context["validlink"] is False


def test_inviting_someone_who_has_an_account_adds_the_role_and_tells_her(
    world: World,
    client_for: ClientFor,
    smtp_server: SmtpServer,
    django_capture_on_commit_callbacks: Callbacks,
) -> None:
    person = world.user("dortmund", Role.PLANNER)
    response = _invite(
        client_for("bergkamen", Role.COORDINATOR),
        django_capture_on_commit_callbacks,
        email=person.email.upper(),
        full_name="Someone Else",
        role=Role.PLANNER,
    )
    assert response.status_code == 302
    membership = Membership.objects.for_commune(world.bergkamen).get(user=person)
    assert membership.role == Role.PLANNER
    person.refresh_from_db()
    assert person.full_name != "Someone Else"
    assert check_password(PASSWORD, person.password)
    [event] = AuditEvent.all_communes.filter(object_id=str(membership.uuid))
    assert event.action == CoreAction.ROLE_ADDED
    [message] = smtp_server.messages
    assert message["To"] == person.email
    body = smtp_server.bodies()[0]
    assert "/invitation/" not in body
    assert reverse("core:login") in body
    # The new role works at once.
    assert log_in(Client(), person).get("/bergkamen/").status_code == 200


def test_a_role_the_person_already_has_is_refused_with_a_form_error(
    world: World,
    client_for: ClientFor,
    smtp_server: SmtpServer,
    django_capture_on_commit_callbacks: Callbacks,
) -> None:
    response = _invite(
        client_for("bergkamen", Role.COORDINATOR),
        django_capture_on_commit_callbacks,
        email="planner@bergkamen.test",
        full_name="",
        role=Role.PLANNER,
    )
    assert response.status_code == 200
    [error] = response.context["form"].errors["role"]
    assert "Diese Person hat diese Rolle in Bergkamen bereits." in error
    assert Membership.objects.for_commune(world.bergkamen).filter(role=Role.PLANNER).count() == 1
    assert not AuditEvent.all_communes.exists()
    assert smtp_server.messages == []


def test_inviting_again_after_the_link_expired_sends_a_fresh_link_that_works(
    world: World,
    client_for: ClientFor,
    smtp_server: SmtpServer,
    django_capture_on_commit_callbacks: Callbacks,
) -> None:
    data = {"email": "spaet@example.org", "full_name": "Ada Spät", "role": Role.PLANNER}
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _invite(
            client_for("bergkamen", Role.COORDINATOR), django_capture_on_commit_callbacks, **data
        )
    four_days_later = start + timedelta(days=4)  # the link is valid for three
    with time_machine.travel(four_days_later, tick=False):
        old_link = urlsplit(INVITATION_RE.findall(smtp_server.bodies()[0])[0]).path
        assert Client().get(old_link, follow=True).context["validlink"] is False
        coordinator = client_for("bergkamen", Role.COORDINATOR)  # a new day, a new login
        response = _invite(coordinator, django_capture_on_commit_callbacks, **data)
        assert response["Location"] == "/bergkamen/users/"
        new_link = urlsplit(INVITATION_RE.findall(smtp_server.bodies()[1])[0]).path
        assert Client().get(new_link, follow=True).context["validlink"] is True
    assert Membership.objects.for_commune(world.bergkamen).filter(role=Role.PLANNER).count() == 2
    assert AuditEvent.all_communes.filter(action=CoreAction.INVITATION_RESENT).count() == 1


def test_a_deactivated_role_is_not_given_twice_but_pointed_to_reactivation(
    world: World,
) -> None:
    coordinator = world.user("bergkamen", Role.COORDINATOR)
    planner = _membership(world, "bergkamen", Role.PLANNER)
    deactivate_membership(actor=coordinator, membership=planner)
    with pytest.raises(ValidationError, match="wieder aktivieren"):
        invite_user(
            actor=coordinator,
            commune=world.bergkamen,
            email=planner.user.email,
            full_name="",
            role=Role.PLANNER,
            organisation=None,
            base_url="http://testserver/",
        )


def test_partner_staff_need_an_organisation_of_this_commune(
    world: World, client_for: ClientFor, django_capture_on_commit_callbacks: Callbacks
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    data = {"email": "neu@example.org", "full_name": "", "role": Role.PARTNER_STAFF}
    missing = _invite(client, django_capture_on_commit_callbacks, **data)
    assert missing.context["form"].errors["organisation"]
    other = _invite(
        client,
        django_capture_on_commit_callbacks,
        organisation=world.organisations["dortmund"].uuid,
        **data,
    )
    assert other.status_code == 200
    assert other.context["form"].errors["organisation"]
    assert not User.objects.filter(email="neu@example.org").exists()
    right = _invite(
        client,
        django_capture_on_commit_callbacks,
        organisation=world.organisations["bergkamen"].uuid,
        **data,
    )
    assert right.status_code == 302
    membership = Membership.objects.for_commune(world.bergkamen).get(user__email="neu@example.org")
    assert membership.organisation == world.organisations["bergkamen"]


def test_other_roles_cannot_be_bound_to_an_organisation(
    world: World, client_for: ClientFor, django_capture_on_commit_callbacks: Callbacks
) -> None:
    response = _invite(
        client_for("bergkamen", Role.COORDINATOR),
        django_capture_on_commit_callbacks,
        email="neu@example.org",
        full_name="",
        role=Role.PLANNER,
        organisation=world.organisations["bergkamen"].uuid,
    )
    assert response.status_code == 200
    assert response.context["form"].errors["organisation"]


@pytest.mark.parametrize(
    ("field", "value"), [("email", "not-an-address"), ("role", "superhero"), ("role", "")]
)
def test_bad_input_shows_the_form_again_with_the_fields_error(
    world: World,
    client_for: ClientFor,
    django_capture_on_commit_callbacks: Callbacks,
    field: str,
    value: str,
) -> None:
    data = {"email": "neu@example.org", "full_name": "", "role": Role.PLANNER, field: value}
    response = _invite(
        client_for("bergkamen", Role.COORDINATOR), django_capture_on_commit_callbacks, **data
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]


def test_the_service_refuses_an_actor_who_may_not_manage_users(world: World) -> None:
    with pytest.raises(PermissionDenied):
        invite_user(
            actor=world.user("dortmund", Role.COORDINATOR),
            commune=world.bergkamen,
            email="neu@example.org",
            full_name="",
            role=Role.PLANNER,
            organisation=None,
            base_url="http://testserver/",
        )
    assert not User.objects.filter(email="neu@example.org").exists()


def test_the_role_is_kept_when_the_mail_server_is_down(
    world: World,
    client_for: ClientFor,
    settings: Any,
    django_capture_on_commit_callbacks: Callbacks,
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    response = _invite(
        client_for("bergkamen", Role.COORDINATOR),
        django_capture_on_commit_callbacks,
        email="neu@example.org",
        full_name="",
        role=Role.PLANNER,
    )
    assert response.status_code == 302
    assert User.objects.filter(email="neu@example.org").exists()
    waiting = OutboxMessage.objects.get(kind="core.invitation")
    assert waiting.status == OutboxStatus.PENDING, "the invitation waits for the next attempt"


# Deactivating and reactivating


def test_deactivating_a_role_takes_its_access_away_at_once(
    world: World, client_for: ClientFor
) -> None:
    planner_client = client_for("bergkamen", Role.PLANNER)
    assert planner_client.get("/bergkamen/").status_code == 200
    membership = _membership(world, "bergkamen", Role.PLANNER)
    response = client_for("bergkamen", Role.COORDINATOR).post(
        _url("user_deactivate", membership_uuid=membership.uuid)
    )
    assert response.status_code == 302
    assert response["Location"] == _url("user_list")
    membership.refresh_from_db()
    assert not membership.is_active
    assert membership.deactivated_at is not None
    assert planner_client.get("/bergkamen/").status_code == 404
    [event] = AuditEvent.all_communes.filter(action=CoreAction.MEMBERSHIP_DEACTIVATED)
    assert (event.actor, event.commune, event.object_id) == (
        world.user("bergkamen", Role.COORDINATOR),
        world.bergkamen,
        str(membership.uuid),
    )


def test_reactivating_gives_the_access_back(world: World, client_for: ClientFor) -> None:
    coordinator = client_for("bergkamen", Role.COORDINATOR)
    membership = _membership(world, "bergkamen", Role.PLANNER)
    coordinator.post(_url("user_deactivate", membership_uuid=membership.uuid))
    response = coordinator.post(_url("user_reactivate", membership_uuid=membership.uuid))
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.is_active
    assert membership.deactivated_at is None
    assert client_for("bergkamen", Role.PLANNER).get("/bergkamen/").status_code == 200
    assert AuditEvent.all_communes.filter(action=CoreAction.MEMBERSHIP_REACTIVATED).count() == 1


def test_deactivating_twice_changes_nothing_the_second_time(
    world: World, client_for: ClientFor
) -> None:
    coordinator = client_for("bergkamen", Role.COORDINATOR)
    membership = _membership(world, "bergkamen", Role.PLANNER)
    coordinator.post(_url("user_deactivate", membership_uuid=membership.uuid))
    coordinator.post(_url("user_deactivate", membership_uuid=membership.uuid))
    assert AuditEvent.all_communes.filter(action=CoreAction.MEMBERSHIP_DEACTIVATED).count() == 1


def test_the_last_active_coordinator_cannot_be_deactivated(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    membership = _membership(world, "bergkamen", Role.COORDINATOR)
    response = client.post(_url("user_deactivate", membership_uuid=membership.uuid), follow=True)
    assert response.status_code == 200
    assert any("letzte aktive Netzwerkkoordination" in m for m in _messages(response))
    membership.refresh_from_db()
    assert membership.is_active
    assert not AuditEvent.all_communes.exists()


def test_a_coordinator_can_be_deactivated_when_another_one_is_active(
    world: World, client_for: ClientFor
) -> None:
    MembershipFactory(
        commune=world.bergkamen, role=Role.COORDINATOR, user=UserFactory(email="zweite@x.test")
    )
    membership = _membership(world, "bergkamen", Role.COORDINATOR)
    client_for("bergkamen", Role.COORDINATOR).post(
        _url("user_deactivate", membership_uuid=membership.uuid)
    )
    membership.refresh_from_db()
    assert not membership.is_active


def test_a_coordinator_whose_account_is_locked_does_not_count_as_active(
    world: World, client_for: ClientFor
) -> None:
    MembershipFactory(
        commune=world.bergkamen,
        role=Role.COORDINATOR,
        user=UserFactory(email="gesperrt@x.test", is_active=False),
    )
    membership = _membership(world, "bergkamen", Role.COORDINATOR)
    client_for("bergkamen", Role.COORDINATOR).post(
        _url("user_deactivate", membership_uuid=membership.uuid)
    )
    membership.refresh_from_db()
    assert membership.is_active


def test_a_membership_of_another_commune_is_not_found(world: World, client_for: ClientFor) -> None:
    other = _membership(world, "dortmund", Role.PLANNER)
    client = client_for("bergkamen", Role.COORDINATOR)
    for action in ("user_deactivate", "user_reactivate"):
        assert client.post(_url(action, membership_uuid=other.uuid)).status_code == 404
    other.refresh_from_db()
    assert other.is_active


def test_deactivating_needs_a_post(world: World, client_for: ClientFor) -> None:
    membership = _membership(world, "bergkamen", Role.PLANNER)
    client = client_for("bergkamen", Role.COORDINATOR)
    assert client.get(_url("user_deactivate", membership_uuid=membership.uuid)).status_code == 405
    membership.refresh_from_db()
    assert membership.is_active
