"""Playwright driving Debian's Chromium, with every request off this machine blocked."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None

needs_browser = pytest.mark.skipif(
    sync_playwright is None or not shutil.which("chromium"),
    reason="browser tests need Debian's chromium (apt-get install chromium; `make test` installs "
    "it when run as root) and the playwright package (pip install -e '.[test]')",
)
LOCAL = ("file:", "data:", "blob:", "about:", "http://127.0.0.1", "ws://127.0.0.1")


@dataclass
class Watch:
    """What a page asked for outside the machine, and what it logged as an error."""

    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def launch(playwright):
    return playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    )


def watched_page(browser, **options):
    """A new page whose requests to anywhere but this machine are aborted and recorded."""
    context = browser.new_context(**options)
    page = context.new_page()
    watch = Watch()

    def route(route):
        url = route.request.url
        if url.startswith(LOCAL):
            route.continue_()
        else:
            watch.blocked.append(url)
            route.abort()

    context.route("**/*", route)
    page.on(
        "console", lambda message: message.type == "error" and watch.errors.append(message.text)
    )
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    return page, watch
