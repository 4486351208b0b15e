"""Playwright fixtures: one Debian Chromium per test session, a fresh German context per test.

We never download Playwright's own browsers (`playwright install`); the tests drive the
distribution's Chromium at /usr/bin/chromium. Without it they are skipped on a workstation,
but fail under ``CI=true``: CI must not pass by silently skipping them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from lotse.demo.builders import DemoResult, build_demo

# Playwright's sync API runs an asyncio event loop in this thread (in a greenlet) from the
# moment the browser starts until the session ends, so Django sees a "running event loop"
# and refuses ORM calls from the test thread with SynchronousOnlyOperation — in these tests
# and in every test that runs after them. Lotse has no async views or ORM code for the
# check to protect, and the live server answers from its own thread without a loop.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_CORE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def _missing(what: str) -> None:
    message = f"{what} is missing; the browser tests cannot run"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message} (CI=true: installing it is part of .ci/run)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        _missing(str(CHROMIUM))
    if not AXE_CORE.exists():
        _missing(f"{AXE_CORE} (run `make install`, which runs `npm ci`)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page in a German browser context."""
    context = browser.new_context(locale="de-DE", extra_http_headers={"Accept-Language": "de"})
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def csp_violations(page: Page) -> list[str]:
    """What the Content-Security-Policy blocked on the page, as Chromium reports it."""
    blocked: list[str] = []

    def collect(message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            blocked.append(message.text)

    page.on("console", collect)
    return blocked


@pytest.fixture
def demo(transactional_db: None) -> DemoResult:
    """The demo communes, built in the database the live server reads."""
    return build_demo()
