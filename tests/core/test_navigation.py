"""The navigation shows only what the user's capabilities allow; the interface speaks
German by default and English on request."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

NAV_START = '<nav class="main-nav"'


def _navigation(response_text: str) -> str:
    start = response_text.index(NAV_START)
    return response_text[start : response_text.index("</nav>", start)]


def test_the_coordinator_sees_users_settings_and_audit_log_in_the_navigation(
    client_for: Callable[[str, str], Client],
) -> None:
    nav = _navigation(client_for("bergkamen", "coordinator").get("/bergkamen/").content.decode())
    for entry in ("Start", "Benutzer", "Einstellungen", "Protokoll"):
        assert f">{entry}</a>" in nav


def test_a_planner_sees_no_entry_her_role_does_not_allow(
    client_for: Callable[[str, str], Client],
) -> None:
    nav = _navigation(client_for("bergkamen", "planner").get("/bergkamen/").content.decode())
    assert ">Start</a>" in nav
    for entry in ("Benutzer", "Einstellungen", "Protokoll"):
        assert f">{entry}</a>" not in nav


def test_the_current_page_is_marked_for_screen_readers(
    client_for: Callable[[str, str], Client],
) -> None:
    nav = _navigation(client_for("bergkamen", "coordinator").get("/bergkamen/").content.decode())
    assert 'href="/bergkamen/" aria-current="page">Start</a>' in nav


def test_the_interface_switches_to_english_and_back(
    client_for: Callable[[str, str], Client],
) -> None:
    client = client_for("bergkamen", "coordinator")
    assert '<html lang="de"' in client.get("/bergkamen/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/bergkamen/"})
    page = client.get("/bergkamen/").content.decode()
    assert '<html lang="en"' in page
    assert "Social areas" in page
    client.post("/i18n/setlang/", {"language": "de", "next": "/bergkamen/"})
    assert "Sozialräume" in client.get("/bergkamen/").content.decode()
