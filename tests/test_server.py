"""The app as users get it: a real `streamlit run` server, and Debian's Chromium."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from cxmaturity.i18n import t
from cxmaturity.questionnaire import default_questionnaire
from tests.conftest import StreamlitServer

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.mark.server
def test_the_health_endpoint_answers(streamlit_server: StreamlitServer) -> None:
    with urllib.request.urlopen(f"{streamlit_server.url}/_stcore/health", timeout=5) as response:  # noqa: S310
        assert response.status == 200
        assert response.read() == b"ok"


@pytest.mark.e2e
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_questionnaire_page_in_a_browser(
    streamlit_server: StreamlitServer, browser, screenshots: Path, lang: str, viewport: str
) -> None:
    from playwright.sync_api import expect

    size = DESKTOP if viewport == "desktop" else PHONE
    context = browser.new_context(viewport=size, locale="fr-FR" if lang == "fr" else "en-GB")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(f"{streamlit_server.url}/questionnaire?lang={lang}")
        q = default_questionnaire()
        expect(page.get_by_role("heading", name=q.title(lang))).to_be_visible(timeout=30_000)  # type: ignore[arg-type]
        first = q.sections[0].questions[0]  # the first section is open
        expect(page.get_by_text(first.text(lang), exact=True)).to_be_visible()  # type: ignore[arg-type]
        option = q.options_of(first.id)[next(iter(q.options_of(first.id)))]
        expect(page.get_by_text(option.label(lang), exact=True)).to_be_visible()  # type: ignore[arg-type]
        page.screenshot(path=screenshots / f"questionnaire-{lang}-{viewport}.png", full_page=True)
        assert errors == []
    finally:
        context.close()


@pytest.mark.e2e
def test_the_browser_language_is_the_default(streamlit_server: StreamlitServer, browser) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport=DESKTOP, locale="en-US")
    page = context.new_page()
    try:
        page.goto(streamlit_server.url)
        title = t("home_heading", "en")
        expect(page.get_by_role("heading", name=title)).to_be_visible(timeout=30_000)
    finally:
        context.close()
