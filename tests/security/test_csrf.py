"""CSRF on every form: a POST without the token is refused with 403 before any view runs,
and changes nothing; the same POST with the token gets through.

Every URL of the permission matrix is tried, so a form added later is covered without
touching this file (give it POST data below if it needs some to succeed)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core import mail
from django.forms import model_to_dict
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.core.models import (
    ApiToken,
    AuditEvent,
    ClosingDay,
    Commune,
    Membership,
    SocialArea,
    SocialAreaFigures,
    User,
)
from lotse.core.permissions import ROLE_CAPABILITIES, Capability, Role
from lotse.core.services.commune import COMMUNE_SETTINGS_FIELDS
from lotse.reports.participation.models import Feedback, SurveyResponse
from tests.conftest import World, log_in
from tests.core.factories import PASSWORD
from tests.security.test_permission_matrix import PUBLIC, WEB_MATRIX

CSRF_LOGGER = "django.security.csrf"
NEW_PASSWORD = "a brand new long passphrase"


def _settings_data(world: World) -> dict[str, Any]:
    """The settings form as the page fills it in (with any hidden fields), one value
    changed."""
    page = log_in(Client(), world.user("bergkamen", Role.COORDINATOR)).get(
        reverse("core:commune_settings", kwargs={"commune_slug": "bergkamen"})
    )
    form = page.context["settings_form"]
    values = {name: form[name].value() for name in form.fields}
    values["contact_deadline_working_days"] = 7
    return {name: value for name, value in values.items() if value not in (False, None)}


def _emails() -> int:
    """E-mails sent, or queued in the outbox to be sent after the commit."""
    try:
        outbox = apps.get_model("core", "OutboxMessage")
    except LookupError:
        return len(mail.outbox)
    return len(mail.outbox) + int(outbox._default_manager.count())


# What each form would need to succeed; URLs not listed are posted empty.
POST_DATA: dict[str, Callable[[World], dict[str, Any]]] = {
    "core:login": lambda w: {
        "username": w.user("bergkamen", Role.COORDINATOR).email,
        "password": PASSWORD,
    },
    "core:password_change": lambda w: {
        "old_password": PASSWORD,
        "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD,
    },
    "core:password_reset": lambda w: {"email": w.user("bergkamen", Role.COORDINATOR).email},
    "core:password_reset_confirm": lambda w: {
        "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD,
    },
    "core:accept_invitation": lambda w: {
        "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD,
    },
    "core:two_factor_setup": lambda w: {"code": "123456"},
    "core:two_factor_verify": lambda w: {"code": "123456"},
    "set_language": lambda w: {"language": "en", "next": "/"},
    "core:user_invite": lambda w: {
        "email": "new.person@bergkamen.test",
        "full_name": "Neue Person",
        "role": Role.PLANNER,
    },
    "core:token_create": lambda w: {"name": "Monatsbericht"},
    "core:commune_settings": _settings_data,
    "core:closing_day_add": lambda w: {"date": "04.01.2027", "label": "Brückentag"},
    "core:social_area_figures": lambda w: {
        "year": 2026,
        "inhabitants": 1000,
        "children_0_3": 40,
        "children_0_3_in_poverty": 5,
        "births": 12,
    },
}

# Public forms for families set no cookie at all, so a CSRF cookie is out; their form
# carries a signed timestamp instead, and a POST without it is refused.
COOKIE_FREE_FORMS = {
    "finder:feedback",
    "referrals:contact_request",
    "participation:offer_feedback",
    "participation:contact_feedback",
    "participation:family_survey",
    "participation:partner_survey",
}

# Forms whose POST with the token changes something visible in the state below: proof
# that the refused POST would have done harm.
CHANGES_WITH_TOKEN = {
    "core:login",
    "core:logout",
    "core:password_change",
    "core:password_reset",
    "set_language",
    "core:user_invite",
    "core:user_deactivate",
    "core:token_create",
    "core:token_revoke",
    "core:commune_settings",
    "core:closing_day_add",
    "core:closing_day_delete",
    "core:social_area_figures",
}


def _no_data(world: World) -> dict[str, Any]:
    return {}


def _state(world: World, client: Client) -> dict[str, Any]:
    """Everything a POST to one of the forms could change."""
    commune = Commune.objects.get(pk=world.bergkamen.pk)
    coordinator = User.objects.get(pk=world.user("bergkamen", Role.COORDINATOR).pk)
    return {
        "audit events": AuditEvent.all_communes.count(),
        "users": User.objects.count(),
        "active roles": Membership.all_communes.filter(is_active=True).count(),
        "active tokens": ApiToken.all_communes.filter(revoked_at__isnull=True).count(),
        "closing days": ClosingDay.all_communes.count(),
        "figures": SocialAreaFigures.all_communes.count(),
        "totp devices": TOTPDevice.objects.count(),
        "settings": model_to_dict(commune, fields=COMMUNE_SETTINGS_FIELDS),
        "password": coordinator.password,
        "e-mails": _emails(),
        "logged in": "_auth_user_id" in client.session,
        "language cookie": django_settings.LANGUAGE_COOKIE_NAME in client.cookies,
        "feedback": Feedback.all_communes.count(),
        "survey responses": SurveyResponse.all_communes.count(),
    }


def _allowed_user(world: World, url_name: str) -> User:
    """A Bergkamen user the URL allows: the coordinator where the coordinator may, else the
    first role that holds the capability (and may reach the object the URL names)."""
    rule = WEB_MATRIX[url_name]
    roles = [Role.COORDINATOR, *(role for role in Role if role != Role.COORDINATOR)]
    users = {role: world.user("bergkamen", role) for role in roles}
    if not isinstance(rule.access, Capability):
        return users[Role.COORDINATOR]
    holders = [users[role] for role in roles if rule.access in ROLE_CAPABILITIES[role]]
    reaching = [user for user in holders if rule.only is None or rule.only(world, user)]
    # Some rules name an object no persona may reach (another professional's family); the
    # CSRF check comes before that refusal, so any holder of the capability will do.
    return (reaching or holders)[0]


def _client(world: World, url_name: str) -> Client:
    """A client that enforces CSRF like a browser, logged in as someone the URL allows."""
    client = Client(enforce_csrf_checks=True)
    if WEB_MATRIX[url_name].access == PUBLIC:
        return client
    return log_in(client, _allowed_user(world, url_name))


def _url(world: World, url_name: str) -> str:
    rule = WEB_MATRIX[url_name]
    user = _allowed_user(world, url_name)
    kwargs = rule.kwargs(world, user) if rule.kwargs else {}
    if isinstance(rule.access, Capability):
        kwargs["commune_slug"] = "bergkamen"
    return reverse(url_name, kwargs=kwargs)


def _csrf_token(client: Client) -> str:
    """The token a browser would send: take it from the cookie a form page sets."""
    client.get(reverse("core:password_reset"))
    return client.cookies[django_settings.CSRF_COOKIE_NAME].value


def _csrf_refusals(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == CSRF_LOGGER]


@pytest.fixture
def closing_day(world: World) -> ClosingDay:
    # The matrix's closing day, created up front so the state does not count it.
    day: ClosingDay = ClosingDay.all_communes.create(
        commune=world.bergkamen, date=date(2026, 12, 28), label="Betriebsferien"
    )
    return day


@pytest.mark.parametrize("url_name", sorted(WEB_MATRIX))
def test_a_post_without_csrf_token_is_refused_and_changes_nothing(
    world: World, closing_day: ClosingDay, caplog: pytest.LogCaptureFixture, url_name: str
) -> None:
    url = _url(world, url_name)
    client = _client(world, url_name)
    data = POST_DATA.get(url_name, _no_data)(world)
    before = _state(world, client)

    response = client.post(url, data)

    if url_name in COOKIE_FREE_FORMS:
        # Refused by the form itself: an error page or the form again with the error.
        assert response.status_code in (200, 400), f"{url_name}: {response.status_code}"
    else:
        assert response.status_code == 403, f"{url_name}: {response.status_code}"
        assert _csrf_refusals(caplog), f"{url_name} was refused, but not by the CSRF check"
    assert _state(world, client) == before


@pytest.mark.parametrize("url_name", sorted(WEB_MATRIX))
def test_the_same_post_with_the_csrf_token_gets_past_the_check(
    world: World, closing_day: ClosingDay, caplog: pytest.LogCaptureFixture, url_name: str
) -> None:
    url = _url(world, url_name)
    client = _client(world, url_name)
    data = POST_DATA.get(url_name, _no_data)(world)
    data["csrfmiddlewaretoken"] = _csrf_token(client)
    before = _state(world, client)

    response = client.post(url, data)

    assert not _csrf_refusals(caplog), f"{url_name}: {_csrf_refusals(caplog)}"
    assert response.status_code != 403, url_name
    assert response.status_code < 500, url_name
    if url_name in CHANGES_WITH_TOKEN:
        assert _state(world, client) != before, f"{url_name}: the POST data should succeed"


def test_the_csrf_token_is_bound_to_the_browser_not_reusable_from_another(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    attacker = Client(enforce_csrf_checks=True)
    stolen = _csrf_token(attacker)
    victim = log_in(Client(enforce_csrf_checks=True), world.user("bergkamen", Role.COORDINATOR))
    _csrf_token(victim)  # the victim has a different token of their own
    area = SocialArea.objects.for_commune(world.bergkamen).get(slug="mitte")
    response = victim.post(
        reverse(
            "core:social_area_figures",
            kwargs={"commune_slug": "bergkamen", "area_uuid": area.uuid},
        ),
        {**POST_DATA["core:social_area_figures"](world), "csrfmiddlewaretoken": stolen},
    )
    assert response.status_code == 403
    assert _csrf_refusals(caplog)
    assert SocialAreaFigures.all_communes.filter(year=2026).count() == 0
