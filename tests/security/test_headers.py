"""Security headers: a strict Content-Security-Policy, no framing, no sniffing, a
same-origin referrer, HSTS over HTTPS, secure cookies, and nothing loaded from another
origin."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from django.test import Client
from pytest_django import Settings

from lotse.core.permissions import Role
from lotse.core.services.tokens import create_api_token
from tests.conftest import World, log_in
from tests.core.factories import PASSWORD

ONE_YEAR = 31_536_000

# (name, who asks, URL): the login page, start pages, the users page, the other pages of
# the foundation, an error page and API answers.
SAMPLES = [
    ("login page", None, "/login/"),
    ("landing page", None, "/"),
    ("commune start page", Role.COORDINATOR, "/bergkamen/"),
    ("users page", Role.COORDINATOR, "/bergkamen/users/"),
    ("settings page", Role.COORDINATOR, "/bergkamen/settings/"),
    ("token page", Role.COORDINATOR, "/bergkamen/tokens/"),
    ("audit log", Role.COORDINATOR, "/bergkamen/audit/"),
    ("account page", Role.PLANNER, "/profile/"),
    ("page not found", Role.COORDINATOR, "/bergkamen/no-such-page/"),
    ("API health", None, "/api/v1/health"),
    ("API with a token", "token", "/api/v1/social-areas"),
    ("API without a token", None, "/api/v1/me"),
]
HTML_SAMPLES = [sample for sample in SAMPLES if not sample[2].startswith("/api/")]


def _get(world: World, who: str | None, url: str, *, secure: bool = False) -> Any:
    if who is None:
        return Client().get(url, secure=secure)
    if who == "token":
        coordinator = world.user("bergkamen", Role.COORDINATOR)
        _token, secret = create_api_token(actor=coordinator, commune=world.bergkamen, name="Head")
        return Client().get(url, secure=secure, HTTP_AUTHORIZATION=f"Bearer {secret}")
    return log_in(Client(), world.user("bergkamen", who)).get(url, secure=secure)


def csp_directives(header: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def test_every_response_carries_a_strict_content_security_policy(world: World) -> None:
    for name, who, url in SAMPLES:
        response = _get(world, who, url)
        assert response.status_code in (200, 401, 404), name
        header = response.get("Content-Security-Policy", "")
        assert header, f"{name} has no Content-Security-Policy"
        assert "unsafe-inline" not in header, name
        assert "unsafe-eval" not in header, name
        directives = csp_directives(header)
        assert directives.get("frame-ancestors") == ["'none'"], name
        assert directives.get("object-src") == ["'none'"], name
        assert directives.get("default-src") == ["'self'"], name
        for directive in ("script-src", "style-src", "font-src", "connect-src", "form-action"):
            # Unset means default-src, which is 'self'; set, it must not open another origin.
            assert set(directives.get(directive, ["'self'"])) <= {"'self'"}, (name, directive)
        assert "*" not in header.split(), name


def test_every_response_forbids_framing_and_sniffing_and_keeps_the_referrer_in_house(
    world: World,
) -> None:
    for name, who, url in SAMPLES:
        response = _get(world, who, url)
        assert response.get("X-Frame-Options") == "DENY", name
        assert response.get("Referrer-Policy") == "same-origin", name
        assert response.get("X-Content-Type-Options") == "nosniff", name


def _hsts(header: str) -> tuple[int, set[str]]:
    max_age = -1
    flags = set()
    for part in header.split(";"):
        item = part.strip().lower()
        if item.startswith("max-age="):
            max_age = int(item.removeprefix("max-age="))
        elif item:
            flags.add(item)
    return max_age, flags


def test_responses_over_https_demand_https_for_a_year_with_hsts(world: World) -> None:
    for name, who, url in SAMPLES:
        response = _get(world, who, url, secure=True)
        header = response.get("Strict-Transport-Security", "")
        assert header, f"{name} over HTTPS has no Strict-Transport-Security"
        max_age, flags = _hsts(header)
        assert max_age >= ONE_YEAR, name
        assert "includesubdomains" in flags, name


def test_behind_the_proxy_https_is_recognised_by_x_forwarded_proto(world: World) -> None:
    response = Client().get("/login/", HTTP_X_FORWARDED_PROTO="https")
    assert "Strict-Transport-Security" in response


def test_session_and_csrf_cookies_are_secure_and_the_session_cookie_is_http_only(
    world: World, settings: Settings
) -> None:
    # What LOTSE_SECURE_COOKIES (on unless DEBUG) sets; the tests run over plain HTTP.
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    planner = world.user("bergkamen", Role.PLANNER)
    client = Client()
    login_page = client.get("/login/", secure=True)
    csrf_cookie = login_page.cookies["csrftoken"]
    assert csrf_cookie["secure"] is True
    assert csrf_cookie["samesite"] == "Lax"
    response = client.post(
        "/login/", {"username": planner.email, "password": PASSWORD}, secure=True
    )
    assert response.status_code == 302
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["secure"] is True
    assert session_cookie["httponly"] is True
    assert session_cookie["samesite"] == "Lax"


class _ResourceCollector(HTMLParser):
    """Every address an element loads from (scripts, styles, fonts, images, frames), i.e.
    of every element but the links a person follows; inline scripts, ``style``
    attributes and event-handler attributes, which the CSP would block."""

    def __init__(self) -> None:
        super().__init__()
        self.resources: list[tuple[str, str]] = []
        self.inline_scripts = 0
        self.inline_attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and not values.get("src"):
            self.inline_scripts += 1
        self.inline_attributes += [
            f"{tag} {name}" for name in values if name == "style" or name.startswith("on")
        ]
        if tag == "a":
            return
        for name in ("src", "href", "srcset", "data", "poster"):
            value = values.get(name)
            if value:
                self.resources.append((tag, value))


def _is_foreign(url: str) -> bool:
    lowered = url.strip().lower()
    return lowered.startswith(("http:", "https:", "//"))


def test_no_page_loads_scripts_styles_or_fonts_from_another_origin(world: World) -> None:
    for name, who, url in HTML_SAMPLES:
        response = _get(world, who, url)
        assert response["Content-Type"].startswith("text/html"), name
        parser = _ResourceCollector()
        parser.feed(response.content.decode())
        assert parser.resources, f"{name}: no stylesheet or script found, is the parser right?"
        foreign = [(tag, src) for tag, src in parser.resources if _is_foreign(src)]
        assert not foreign, f"{name} loads from another origin: {foreign}"
        assert parser.inline_scripts == 0, f"{name} has an inline script"
        assert not parser.inline_attributes, f"{name}: {parser.inline_attributes}"


def test_the_two_factor_setup_page_with_its_qr_code_has_no_inline_script_or_style(
    world: World,
) -> None:
    # The one page that places generated markup (an SVG) into the HTML.
    client = Client()
    client.force_login(world.user("dortmund", Role.EARLY_HELP_WORKER))
    response = client.get("/two-factor/setup/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<svg" in page
    parser = _ResourceCollector()
    parser.feed(page)
    assert parser.inline_scripts == 0
    assert not parser.inline_attributes
    assert not [src for _tag, src in parser.resources if _is_foreign(src)]


def test_a_page_not_found_sets_no_cookie(db: None) -> None:
    """Browsers ask for /favicon.ico on their own; on the finder, which sets no cookie,
    that 404 must not set one either."""
    response = Client().get("/favicon.ico")
    assert response.status_code == 404
    assert not response.cookies
