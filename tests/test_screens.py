"""Every page in Chromium, desktop and phone (390×844), French and English: it renders
without a browser error, shows its heading, and leaves a screenshot in build/screenshots
(the viewport as a person first sees it, and the whole page) for people to look at."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from cxmaturity.demo import demo_archive
from cxmaturity.i18n import t
from cxmaturity.questionnaire import default_questionnaire
from cxmaturity.store.factory import open_store
from cxmaturity.workshops.views import NewWorkshop
from tests.browser import TIMEOUT, wait_idle
from tests.conftest import StreamlitServer

Q = default_questionnaire()
VIEWPORTS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}
PROJECTORS = [{"width": 1280, "height": 720}, {"width": 1920, "height": 1080}]
CONSOLE_VIEWS = ["join", "progress", "results", "consensus", "roadmap", "interviews", "export"]


@pytest.fixture(scope="module")
def seeded(streamlit_server: StreamlitServer) -> dict[str, Any]:
    """An open workshop with a participant half-way, and a revealed one with 12 people."""
    store = open_store(streamlit_server.database_url)
    try:
        access = store.workshops.create_workshop(
            NewWorkshop("Groupe Horizon", dt.date(2026, 11, 23), "fr", Q.id, Q.version,
                        ("ceo", "marketing", "sales", "customer_relations", "cx", "operations"),
                        "alias", 2)
        )  # fmt: skip
        code = store.workshops.open_workshop(access.workshop_id, access.token).join_code
        assert code
        joined = store.workshops.join(code, "screens", "marketing", "Claire")
        for item in Q.scored_items[:2]:
            store.workshops.answer(joined.resume_token, item.id, 3)
        revealed = store.workshops.import_archive(demo_archive(Q, 12, seed=7))
        protected = store.workshops.import_archive(
            demo_archive(Q, 40, seed=7, role_figures="protected", min_group_size=3)
        )
    finally:
        store.dispose()
    return {
        "open": (access.workshop_id, access.token, code),
        "resume": joined.resume_token,
        "revealed": (revealed.workshop_id, revealed.token),
        "protected": (protected.workshop_id, protected.token),
    }


def targets(seeded: dict[str, Any], lang: str) -> dict[str, tuple[str, str]]:
    """Page name → (path, the heading that shows it has rendered)."""
    open_id, open_token, code = seeded["open"]
    shown_id, shown_token = seeded["revealed"]
    pages = {
        "home": (f"/?lang={lang}", t("home_heading", lang)),
        "join": (f"/join?code={code}&lang={lang}", t("join_title", lang)),
        "answer": (f"/answer?p={seeded['resume']}&lang={lang}", "Groupe Horizon"),
        "new": (f"/new?lang={lang}", t("new_title", lang)),
        "questionnaire": (f"/questionnaire?lang={lang}", Q.title(lang)),  # type: ignore[arg-type]
    }
    for view in CONSOLE_VIEWS:
        workshop = (
            (open_id, open_token) if view in {"join", "progress"} else (shown_id, shown_token)
        )
        pages[f"console-{view}"] = (
            f"/facilitate?w={workshop[0]}&t={workshop[1]}&lang={lang}&view={view}",
            "Groupe Horizon",
        )
    protected_id, protected_token = seeded["protected"]
    pages["console-results-protected"] = (
        f"/facilitate?w={protected_id}&t={protected_token}&lang={lang}&view=results",
        "Groupe Horizon",
    )
    return pages


def settle(page: Any) -> None:
    """Let Chromium repaint after a resize (the screenshot is for eyes, not assertions)."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.wait_for_timeout(400)


@pytest.mark.e2e
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_page_on_desktop_and_phone(
    streamlit_server: StreamlitServer,
    browser: Any,
    screenshots: Path,
    seeded: dict[str, Any],
    lang: str,
    viewport: str,
) -> None:
    from playwright.sync_api import expect

    size = VIEWPORTS[viewport]
    context = browser.new_context(viewport=size, locale="fr-FR" if lang == "fr" else "en-GB")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        for name, (path, heading) in targets(seeded, lang).items():
            page.set_viewport_size(size)
            page.goto(streamlit_server.url + path)
            main = page.get_by_test_id("stMain")
            expect(main.get_by_role("heading", name=heading).first).to_be_visible(timeout=TIMEOUT)
            wait_idle(page)
            for table in main.get_by_test_id("stDataFrame").all():
                table.locator("canvas").first.wait_for(timeout=TIMEOUT)
            if name in {
                "console-results",
                "console-results-protected",
                "console-roadmap",
                "console-consensus",
            }:
                chart = main.get_by_test_id("stVegaLiteChart").first
                expect(chart.locator("canvas, svg").first).to_be_visible(timeout=TIMEOUT)
            if name == "console-consensus":
                # One row per role, each tall enough to read its label (the frontend's
                # default autosize once squeezed six rows into 40 px).
                rows = main.get_by_test_id("stVegaLiteChart").first.bounding_box()
                assert rows and rows["height"] >= 17 * 6 + 40, rows
            assert not main.get_by_test_id("stException").count(), name
            page.screenshot(path=screenshots / f"{name}-{lang}-{viewport}.png")
            height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
            page.set_viewport_size({"width": size["width"], "height": min(height, 8000)})
            settle(page)
            page.screenshot(path=screenshots / f"{name}-{lang}-{viewport}-full.png")
        assert errors == []
    finally:
        context.close()


#: A section's questions, from its heading to its buttons, fit in under three phone screens
#: (2.3 until every answer row became a 44-px touch target: the longest, the framing
#: questions and the eight ambitions, now measure 2.4–2.6).
PHONE_SCREENS_PER_SECTION = 2.7


@pytest.mark.e2e
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_section_on_a_phone(
    streamlit_server: StreamlitServer, browser: Any, screenshots: Path, lang: str
) -> None:
    """Each section of the questionnaire as a participant sees it on a 390×844 phone: a
    screenshot of the whole section, and its length in phone screens."""
    from playwright.sync_api import expect

    store = open_store(streamlit_server.database_url)
    try:
        access = store.workshops.create_workshop(
            NewWorkshop("Groupe Horizon", dt.date(2026, 11, 23), lang, Q.id, Q.version,
                        ("ceo", "marketing", "sales"), "anonymous", 2)
        )  # fmt: skip
        code = store.workshops.open_workshop(access.workshop_id, access.token).join_code
        assert code
        resume = store.workshops.join(code, f"sections-{lang}", "sales").resume_token
    finally:
        store.dispose()
    size = VIEWPORTS["phone"]
    context = browser.new_context(viewport=size, locale="fr-FR" if lang == "fr" else "en-GB")
    page = context.new_page()
    lengths = {}
    try:
        for index, section in enumerate(Q.sections):
            store = open_store(streamlit_server.database_url)
            try:
                store.workshops.set_section(resume, index)
            finally:
                store.dispose()
            page.set_viewport_size(size)
            page.goto(f"{streamlit_server.url}/answer?p={resume}&lang={lang}")
            main = page.get_by_test_id("stMain")
            heading = main.get_by_role("heading", name=section.title(lang))  # type: ignore[arg-type]
            expect(heading.first).to_be_visible(timeout=TIMEOUT)
            wait_idle(page)
            last = index == len(Q.sections) - 1
            forward = main.get_by_role(
                "button", name=t("answer_finish" if last else "answer_next", lang)
            )
            top, bottom = heading.first.bounding_box(), forward.first.bounding_box()
            assert top and bottom
            lengths[section.id] = (bottom["y"] + bottom["height"] - top["y"]) / size["height"]
            height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
            page.set_viewport_size({"width": size["width"], "height": min(height, 8000)})
            settle(page)
            page.screenshot(path=screenshots / f"section-{index + 1:02d}-{section.id}-{lang}.png")
    finally:
        context.close()
    print({k: round(v, 2) for k, v in lengths.items()})  # the lengths, read with -s
    too_long = {k: round(v, 2) for k, v in lengths.items() if v > PHONE_SCREENS_PER_SECTION}
    assert too_long == {}


@pytest.mark.e2e
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_team_results_on_a_participant_s_phone(
    streamlit_server: StreamlitServer, browser: Any, screenshots: Path, lang: str
) -> None:
    """After the reveal, a participant switches from their answers to the team's results."""
    from playwright.sync_api import expect

    store = open_store(streamlit_server.database_url)
    try:
        access = store.workshops.create_workshop(
            NewWorkshop("Groupe Horizon", dt.date(2026, 11, 23), lang, Q.id, Q.version,
                        (), "anonymous", 1)
        )  # fmt: skip
        code = store.workshops.open_workshop(access.workshop_id, access.token).join_code
        assert code
        seats = []
        for n, (role, level) in enumerate([("ceo", 4), ("sales", 2), ("marketing", 2), ("cx", 3)]):
            seat = store.workshops.join(code, f"team-{lang}-{n}", role)
            for item in Q.scored_items:
                store.workshops.answer(seat.resume_token, item.id, level)
            seats.append(seat.resume_token)
        store.workshops.reveal(access.workshop_id, access.token)
    finally:
        store.dispose()
    size = VIEWPORTS["phone"]
    context = browser.new_context(viewport=size, locale="fr-FR" if lang == "fr" else "en-GB")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(f"{streamlit_server.url}/answer?p={seats[1]}&lang={lang}")
        main = page.get_by_test_id("stMain")
        main.get_by_role("radio", name=t("team_results_results", lang), exact=True).click()
        chart = main.get_by_test_id("stVegaLiteChart").first
        expect(chart.locator("canvas, svg").first).to_be_visible(timeout=TIMEOUT)
        wait_idle(page)
        assert not main.get_by_test_id("stException").count()
        page.screenshot(path=screenshots / f"answer-team-results-{lang}-phone.png")
        height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
        page.set_viewport_size({"width": size["width"], "height": min(height, 12000)})
        settle(page)
        page.screenshot(path=screenshots / f"answer-team-results-{lang}-phone-full.png")
        assert errors == []
    finally:
        context.close()


@pytest.mark.e2e
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_projector_at_both_sizes(
    streamlit_server: StreamlitServer,
    browser: Any,
    screenshots: Path,
    seeded: dict[str, Any],
    lang: str,
) -> None:
    """The room's screen at 1280×720 and 1920×1080: the join screen, then every finding."""
    from playwright.sync_api import expect

    open_id, open_token, _ = seeded["open"]
    shown_id, shown_token = seeded["revealed"]
    context = browser.new_context(viewport=PROJECTORS[0], locale="fr-FR")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        for size in PROJECTORS:
            page.set_viewport_size(size)
            page.goto(f"{streamlit_server.url}/present?w={open_id}&t={open_token}&lang={lang}")
            expect(page.locator(".st-key-room_code")).to_be_visible(timeout=TIMEOUT)
            wait_idle(page)
            page.screenshot(path=screenshots / f"present-join-{lang}-{size['width']}.png")
            n = 1
            while True:
                page.goto(
                    f"{streamlit_server.url}/present?w={shown_id}&t={shown_token}"
                    f"&lang={lang}&slide={n}"
                )
                nav = page.locator(".st-key-slide_next button")
                expect(nav).to_be_visible(timeout=TIMEOUT)
                wait_idle(page)
                for chart in page.get_by_test_id("stVegaLiteChart").all():
                    expect(chart.locator("canvas, svg").first).to_be_visible(timeout=TIMEOUT)
                assert not page.get_by_test_id("stException").count(), n
                page.screenshot(
                    path=screenshots / f"present-slide-{n:02d}-{lang}-{size['width']}.png"
                )
                if nav.is_disabled():
                    break
                n += 1
        assert n >= 7 and errors == []
    finally:
        context.close()
