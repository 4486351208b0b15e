"""XSS: script in every free-text field comes back escaped on every page that shows it.

Each payload is entered where a user can type text (a person's name in the invitation, a
token's name, a closing day's reason, the audit log's filters and other echoed form
values); every page that shows it must contain the escaped text and never the raw markup,
no injected element or event handler, and no ``javascript:`` address in a link."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urlencode

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.core.models import SocialArea
from lotse.core.permissions import Role
from tests.conftest import World

ClientFor = Callable[[str, str], Client]

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
    "</textarea></title><script>alert(1)</script>",
    "&lt;b&gt;bold&lt;/b&gt;",  # already escaped: must not be unescaped
]

JAVASCRIPT_URL = re.compile(r"""(href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.I)


class _Markup(HTMLParser):
    """The elements and attributes a page really has, as a browser would parse it."""

    def __init__(self) -> None:
        super().__init__()
        self.inline_scripts = 0
        self.handlers: list[str] = []
        self.injected: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and not values.get("src"):
            self.inline_scripts += 1
        if tag in {"img", "iframe", "object", "embed"} and values.get("src") in {"x", None}:
            self.injected.append(tag)
        self.handlers += [f"{tag} {name}" for name in values if name.startswith("on")]


def assert_escaped(page: str, payload: str, *, shown: bool = True) -> None:
    """The raw payload is absent, the escaped form present (if the page shows it), and
    the page has no injected script, element, handler or ``javascript:`` link."""
    escaped = escape(payload)
    if escaped != payload:
        assert payload not in page, f"raw payload {payload!r} in the page"
    if shown:
        assert escaped in page, f"escaped payload {escaped!r} not in the page"
    assert not JAVASCRIPT_URL.search(page)
    markup = _Markup()
    markup.feed(page)
    assert markup.inline_scripts == 0
    assert not markup.handlers
    assert not markup.injected


def _future_day(index: int) -> date:
    return date(timezone.localdate().year + 1, 3, 2 + index)


def test_a_persons_name_from_the_invitation_is_escaped_on_the_users_page(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    for index, payload in enumerate(PAYLOADS):
        response = client.post(
            "/bergkamen/users/invite/",
            {"email": f"guest{index}@bergkamen.test", "full_name": payload, "role": Role.PLANNER},
            follow=True,
        )
        assert response.redirect_chain, f"the invitation of {payload!r} was refused"
        assert_escaped(response.content.decode(), payload)  # the list with the success message
        assert_escaped(client.get("/bergkamen/users/").content.decode(), payload)
        assert_escaped(client.get("/bergkamen/audit/").content.decode(), payload, shown=False)


def test_an_invalid_invitation_echoes_the_name_escaped(world: World, client_for: ClientFor) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    for payload in PAYLOADS:
        response = client.post(
            "/bergkamen/users/invite/", {"email": payload, "full_name": payload, "role": payload}
        )
        assert response.status_code == 200
        assert_escaped(response.content.decode(), payload)


def test_an_api_tokens_name_is_escaped_on_the_token_pages_and_in_the_audit_log(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    for payload in PAYLOADS:
        created = client.post("/bergkamen/tokens/create/", {"name": payload})
        assert created.status_code == 200
        assert_escaped(created.content.decode(), payload)
        assert_escaped(client.get("/bergkamen/tokens/").content.decode(), payload)
        assert_escaped(client.get("/bergkamen/audit/").content.decode(), payload)


def test_a_closing_days_reason_is_escaped_on_the_settings_page_and_in_the_audit_log(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    for index, payload in enumerate(PAYLOADS):
        day = _future_day(index)
        response = client.post(
            "/bergkamen/settings/closing-days/add/",
            {"date": day.strftime("%d.%m.%Y"), "label": payload},
        )
        assert response.status_code == 302, f"the closing day {payload!r} was refused"
        assert_escaped(client.get("/bergkamen/settings/").content.decode(), payload)
        assert_escaped(client.get("/bergkamen/audit/").content.decode(), payload)


def test_an_invalid_closing_day_and_settings_form_echo_the_input_escaped(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    for payload in PAYLOADS:
        response = client.post(
            "/bergkamen/settings/closing-days/add/", {"date": payload, "label": payload}
        )
        assert response.status_code == 200
        assert_escaped(response.content.decode(), payload)
        response = client.post(
            "/bergkamen/settings/",
            {"federal_state": payload, "contact_deadline_working_days": payload},
        )
        assert response.status_code == 200
        assert_escaped(response.content.decode(), payload)


def test_the_audit_log_filters_echo_their_values_escaped(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    fields = ("actor", "action", "object_type", "date_from", "date_to", "page")
    for payload in PAYLOADS:
        response = client.get("/bergkamen/audit/", dict.fromkeys(fields, payload))
        assert response.status_code == 200
        assert_escaped(response.content.decode(), payload)
        response = client.get("/bergkamen/audit/", {"actor": payload})
        assert response.status_code == 200
        assert_escaped(response.content.decode(), payload)


def test_the_figures_form_echoes_its_input_escaped(world: World, client_for: ClientFor) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    area = SocialArea.objects.for_commune(world.bergkamen).get(slug="mitte")
    url = reverse(
        "core:social_area_figures", kwargs={"commune_slug": "bergkamen", "area_uuid": area.uuid}
    )
    fields = ("year", "inhabitants", "children_0_3", "children_0_3_in_poverty", "births")
    for payload in PAYLOADS:
        response = client.post(url, dict.fromkeys(fields, payload))
        assert response.status_code == 200
        assert_escaped(response.content.decode(), payload)
        assert_escaped(client.get(url, {"year": payload}).content.decode(), payload, shown=False)


def test_the_login_password_reset_and_two_factor_forms_echo_their_input_escaped(
    world: World,
) -> None:
    # A user with a device who has not entered a code yet.
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    TOTPDevice.objects.create(user=worker, name="Phone", confirmed=True)
    unverified = Client()
    unverified.force_login(worker)
    for payload in PAYLOADS:
        response = Client().post(
            f"/login/?{urlencode({'next': payload})}", {"username": payload, "password": "x"}
        )
        assert response.status_code == 200
        assert_escaped(response.content.decode(), payload)

        response = Client().post("/password-reset/", {"email": payload})
        assert response.status_code == 200
        assert_escaped(response.content.decode(), payload)

        page = unverified.get("/two-factor/verify/", {"next": payload}).content.decode()
        assert_escaped(page, payload, shown=False)
        response = unverified.post("/two-factor/verify/", {"code": payload, "next": payload})
        assert response.status_code == 200
        assert_escaped(response.content.decode(), payload)
