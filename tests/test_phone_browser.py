"""The participant's phone in Chromium (390×844), against a real `streamlit run` server:
the browser's Back returns to the previous section; every answer, chip and button is a
44-pixel target; after the first screen the header leaves the questions near the top;
and someone without a pointer can join and answer with the keyboard alone.

(Named to run after tests/test_faults.py, whose asyncio.run the sync Playwright of the
session would otherwise find running.)
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from cxmaturity.i18n import t
from cxmaturity.questionnaire import default_questionnaire
from cxmaturity.store.factory import open_store
from cxmaturity.workshops.views import NewWorkshop
from tests.browser import TIMEOUT, expect_progress, wait_idle
from tests.conftest import StreamlitServer

Q = default_questionnaire()
PHONE = {"width": 390, "height": 844}
#: WCAG 2.5.5 (AAA) and the platforms' guidance: 44 × 44 CSS pixels.
TARGET_PX = 44
#: After the first screen, the section's heading starts in the top 15 % of the phone.
COMPACT_TOP = 0.15 * PHONE["height"]


def open_workshop(server: StreamlitServer, lang: str) -> str:
    store = open_store(server.database_url)
    try:
        access = store.workshops.create_workshop(
            NewWorkshop("Groupe Horizon", dt.date(2026, 12, 1), lang, Q.id, Q.version)  # type: ignore[arg-type]
        )
        code = store.workshops.open_workshop(access.workshop_id, access.token).join_code
        assert code
        return code
    finally:
        store.dispose()


def seat(server: StreamlitServer, code: str, role: str) -> str:
    store = open_store(server.database_url)
    try:
        return store.workshops.join(code, f"phone-{role}", role).resume_token
    finally:
        store.dispose()


def stored_section(server: StreamlitServer, resume: str) -> int:
    store = open_store(server.database_url)
    try:
        return store.workshops.resume(resume).section
    finally:
        store.dispose()


def on_section(page: Any, index: int, lang: str) -> None:
    """The section is drawn and has its own entry in the browser's history."""
    from playwright.sync_api import expect

    expect(section_heading(page, index, lang)).to_be_visible(timeout=TIMEOUT)
    page.wait_for_function(
        f"() => new URL(location).searchParams.get('s') === '{index}'", timeout=TIMEOUT
    )
    wait_idle(page)


def section_heading(page: Any, index: int, lang: str) -> Any:
    label = t("section_label", lang, n=index + 1, total=len(Q.sections))
    return page.get_by_role("heading", name=re.compile("^" + re.escape(label)))


@pytest.mark.e2e
def test_back_goes_to_the_previous_section(streamlit_server: StreamlitServer, browser: Any) -> None:

    resume = seat(streamlit_server, open_workshop(streamlit_server, "fr"), "sales")
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(f"{streamlit_server.url}/join?lang=fr")  # where a participant comes from
        page.goto(f"{streamlit_server.url}/answer?p={resume}&lang=fr")
        on_section(page, 0, "fr")
        for index in (1, 2):
            page.get_by_role("button", name=t("answer_next", "fr")).click()
            on_section(page, index, "fr")
        page.go_back()
        on_section(page, 1, "fr")
        assert "/answer?" in page.url and stored_section(streamlit_server, resume) == 1
        page.go_back()
        on_section(page, 0, "fr")
        page.go_forward()
        on_section(page, 1, "fr")
        assert stored_section(streamlit_server, resume) == 1
        page.go_back()
        on_section(page, 0, "fr")
        page.go_back()  # before the first section: the page the person came from
        page.wait_for_url(re.compile(r"/join\?"), timeout=TIMEOUT)
    finally:
        context.close()


_TARGETS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const picks = [
        ['answer', '[data-testid="stRadioOption"]'],
        ['chip', '[data-testid="stButtonGroup"] button'],
        ['button', '.stButton button, [data-testid="stFormSubmitButton"] button'],
    ];
    const small = [];
    let seen = 0;
    for (const [kind, selector] of picks) {
        for (const e of main.querySelectorAll(selector)) {
            const r = e.getBoundingClientRect();
            if (!r.width && !r.height) continue;  // not on screen (a closed expander)
            seen += 1;
            if (r.height < 44 || r.width < 44) {
                const size = `${r.width.toFixed(0)}×${r.height.toFixed(0)}`;
                small.push(`${kind} "${e.innerText.slice(0, 30)}" ${size}`);
            }
        }
    }
    return {seen, small};
}"""


@pytest.mark.e2e
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_target_is_44_px_and_the_header_gets_out_of_the_way(
    streamlit_server: StreamlitServer, browser: Any, lang: str
) -> None:
    from playwright.sync_api import expect

    resume = seat(streamlit_server, open_workshop(streamlit_server, lang), "marketing")
    context = browser.new_context(viewport=PHONE, locale=f"{lang}-FR")
    page = context.new_page()
    small: dict[str, list[str]] = {}
    try:
        page.goto(f"{streamlit_server.url}/answer?p={resume}&lang={lang}")
        for index in range(len(Q.sections)):
            heading = section_heading(page, index, lang)
            expect(heading).to_be_visible(timeout=TIMEOUT)
            wait_idle(page)
            found = page.evaluate(_TARGETS)
            assert found["seen"] >= 2, index
            if found["small"]:
                small[Q.sections[index].id] = found["small"]
            if index > 0:
                top = heading.bounding_box()
                assert top and top["y"] <= COMPACT_TOP, (index, top)
            last = index == len(Q.sections) - 1
            page.get_by_role(
                "button", name=t("answer_finish" if last else "answer_next", lang)
            ).click()
    finally:
        context.close()
    assert small == {}


def _tab_to(page: Any, selector: str, limit: int = 80) -> None:
    """Press Tab until the focus is inside `selector`, as a keyboard user does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => !!document.activeElement.closest({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.e2e
def test_a_participant_joins_and_answers_with_the_keyboard_alone(
    streamlit_server: StreamlitServer, browser: Any
) -> None:
    from playwright.sync_api import expect

    code = open_workshop(streamlit_server, "en")
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(f"{streamlit_server.url}/join?code={code}&lang=en")
        role = page.get_by_role("combobox", name=t("join_role_label", "en"))
        expect(role).to_be_visible(timeout=TIMEOUT)
        wait_idle(page)
        _tab_to(page, '[data-testid="stSelectbox"]')
        page.keyboard.type(Q.roles_by_id["cx"].label("en"))
        page.keyboard.press("Enter")
        _tab_to(page, '[data-testid="stFormSubmitButton"], .stButton')
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/answer\?p="), timeout=TIMEOUT)
        expect_progress(page, Q, 0, "en")
        wait_idle(page)
        first = Q.sections[0].questions[0]
        _tab_to(page, '[data-testid="stRadio"]')
        page.keyboard.press("ArrowDown")  # the first group's next level: now chosen, and saved
        expect_progress(page, Q, 1, "en")
        assert (
            page.evaluate(
                "() => document.querySelectorAll('[data-testid=\"stRadio\"] input:checked').length"
            )
            == 1
        ), first.id
        _tab_to(page, '.stButton button[kind="primary"]')
        page.keyboard.press("Enter")
        expect(section_heading(page, 1, "en")).to_be_visible(timeout=TIMEOUT)
    finally:
        context.close()
