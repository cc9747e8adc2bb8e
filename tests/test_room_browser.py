"""The facilitator's console in Chromium, as it is used in the room: it holds still.

Its main container once changed width on every other click (1440 → 736 → 1440 …): a
page that changed the layout itself raced the entry point's own setting.
"""

from __future__ import annotations

from typing import Any

import pytest

from cxmaturity.demo import demo_archive
from cxmaturity.i18n import t
from cxmaturity.questionnaire import default_questionnaire
from cxmaturity.store.factory import open_store
from tests.browser import TIMEOUT, wait_idle
from tests.conftest import StreamlitServer

Q = default_questionnaire()
VIEWS = ["join", "progress", "results", "consensus", "roadmap", "interviews", "export"]
_WIDTH = """() => document.querySelector('[data-testid="stMainBlockContainer"]')
    .getBoundingClientRect().width"""


@pytest.fixture(scope="module")
def revealed(streamlit_server: StreamlitServer) -> tuple[str, str]:
    store = open_store(streamlit_server.database_url)
    try:
        access = store.workshops.import_archive(demo_archive(Q, 12, seed=11))
    finally:
        store.dispose()
    return access.workshop_id, access.token


def _switch(page: Any, view: str, lang: str) -> None:
    from playwright.sync_api import expect

    choice = page.get_by_test_id("stMain").get_by_test_id("stButtonGroup").first
    button = choice.get_by_role("radio", name=t(f"view_{view}", lang), exact=True)
    button.click()
    expect(button).to_be_checked(timeout=TIMEOUT)
    page.wait_for_function(f"() => new URL(location).searchParams.get('view') === '{view}'")
    wait_idle(page)


@pytest.mark.e2e
@pytest.mark.parametrize(("lang", "width"), [("fr", 1440), ("en", 1440), ("fr", 390)])
def test_the_console_keeps_its_width_across_views(
    streamlit_server: StreamlitServer,
    browser: Any,
    revealed: tuple[str, str],
    lang: str,
    width: int,
) -> None:
    """Every view, there and back, clicked as a facilitator does: one width throughout,
    and (on a desktop) the wide layout, not the reading column."""
    workshop_id, token = revealed
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{streamlit_server.url}/facilitate?w={workshop_id}&t={token}&lang={lang}")
        wait_idle(page)
        widths = {}
        for view in [*VIEWS, *reversed(VIEWS[:-1])]:
            _switch(page, view, lang)
            widths.setdefault(page.evaluate(_WIDTH), []).append(view)
        assert len(widths) == 1, widths
        (measured,) = widths
        if width > 1000:
            assert measured > 0.85 * width, measured  # wide: the tables get the room
    finally:
        context.close()
