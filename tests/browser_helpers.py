"""Tests-only helpers for the tests that drive pages in headless Chromium (Debian's, which
``make venv`` installs; ``COURSE_CHROMIUM=/path`` uses another): the browser, screenshots, menus.

Screenshots go to tests/artifacts/; with COURSE_UPDATE_SCREENSHOTS=1 the ones the README shows
are copied to docs/screenshots/. A missing or broken browser fails these tests, it does not skip
them."""
import os
import shutil
from pathlib import Path

import pytest

from tools.common.paths import REPO

CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")   # Debian's; another path elsewhere
ARTIFACTS = REPO / "tests" / "artifacts"
DOCS = REPO / "docs" / "screenshots"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import Error, sync_playwright
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make venv` as root (tools/install_system_packages.sh "
                    "installs Debian's chromium), or `apt-get install chromium`.", pytrace=False)
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        except Error as error:
            pytest.fail(f"Chromium at {CHROMIUM} does not start: {error}", pytrace=False)
        yield chromium
        chromium.close()


def shot(page, name, docs=True):
    """tests/artifacts/<name>.png; also docs/screenshots/ with COURSE_UPDATE_SCREENSHOTS=1."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    if docs and os.environ.get("COURSE_UPDATE_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, DOCS / path.name)
    return path


def menu(page, menu_label, item):
    """Click JupyterLab's menu ``menu_label``, then its entry ``item``."""
    page.locator(".lm-MenuBar-itemLabel", has_text=menu_label).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=item).first.click()
