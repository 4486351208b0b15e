"""Helpers for browser tests: logging in through the form, and axe-core's WCAG check."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Route

from tests.browser.conftest import AXE_CORE

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe-core is served as if it were one of the app's own files: the strict CSP
# (script-src 'self') would block it as an inline script (which is what
# `add_script_tag(path=...)` injects), and bypassing the CSP would also hide its violations.
AXE_URL_PATH = "/__browser-tests__/axe.min.js"


def log_in(page: Page, base_url: str, email: str, password: str) -> None:
    """Log in through the login form, as a person would."""
    page.goto(f"{base_url}/login/")
    form = page.locator("main form")
    form.locator("input[name=username]").fill(email)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def _serve_axe(route: Route) -> None:
    route.fulfill(path=AXE_CORE, content_type="application/javascript")


def _inject_axe(page: Page) -> None:
    """Add axe-core to the page once it has loaded. A click on a link returns before the
    browser has swapped documents; injecting into the page being left fails (no <head>),
    so wait for the new one and try again."""
    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            origin = page.evaluate("window.location.origin")
            page.add_script_tag(url=f"{origin}{AXE_URL_PATH}")
        except PlaywrightError:
            if attempt == 2:
                raise
            page.wait_for_timeout(200)
        else:
            return


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page for WCAG 2.1 A and AA; its violations."""
    page.route(f"**{AXE_URL_PATH}", _serve_axe)
    _inject_axe(page)
    result: dict[str, Any] = page.evaluate(
        """async (tags) => await axe.run(document, {runOnly: {type: "tag", values: tags}})""",
        WCAG_TAGS,
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    """The violations as a readable list: rule, impact, what to fix, where."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" [{violation['helpUrl']}]"
        )
        for node in violation["nodes"]:
            target = ", ".join(str(part) for part in node["target"])
            summary = " ".join(str(node.get("failureSummary", "")).split())
            lines.append(f"    at {target}: {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe-core found on {page.url}:\n{describe(violations)}"
