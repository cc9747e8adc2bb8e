"""A whole workshop run from the projector, in Chromium against a real `streamlit run`
server: the facilitator opens the projector from the console; the room reads the code
and scans the QR code from a 1280×720 screen; three participants join and answer on
phones while the count grows; the results are revealed from the projector; the room goes
through the findings with the keyboard and records a consensus there; the PDF the
facilitator downloads afterwards carries it.

The join screen must fit both common projector sizes with nothing cut off, and its code
must be large enough to read from the back of a room.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest

from cxmaturity.i18n import t
from cxmaturity.questionnaire import default_questionnaire
from cxmaturity.store.factory import open_store
from tests.browser import TIMEOUT, wait_idle
from tests.conftest import StreamlitServer
from tests.test_workshop_browser import join_and_answer

Q = default_questionnaire()
PROJECTORS = [{"width": 1280, "height": 720}, {"width": 1920, "height": 1080}]
NOTE = "La salle retient le niveau 3"
#: The code's type, in CSS pixels: about 5 cm on a 2.5 m-wide image of a 1280-px screen.
CODE_PX = 64


def fits(page: Any, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    size = page.viewport_size
    return bool(
        box
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= size["width"]
        and box["y"] + box["height"] <= size["height"]
    )


def press_until(page: Any, key: str, heading: str) -> None:
    """Press `key` (as a presenter's clicker would) until the slide titled `heading`."""
    from playwright.sync_api import expect

    for _ in range(20):
        title = page.get_by_role("heading", level=1).first.inner_text()
        if title == heading:
            return
        page.keyboard.press(key)
        expect(page.get_by_role("heading", level=1).first).not_to_have_text(title, timeout=TIMEOUT)
    raise AssertionError(f"no slide titled {heading!r}")


@pytest.mark.e2e
def test_a_whole_workshop_from_the_projector(
    streamlit_server: StreamlitServer, browser: Any, screenshots: Any
) -> None:
    import zxingcpp
    from PIL import Image
    from playwright.sync_api import expect
    from pypdf import PdfReader

    context = browser.new_context(viewport=PROJECTORS[0], locale="fr-FR", accept_downloads=True)
    console = context.new_page()
    errors: list[str] = []
    console.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        console.goto(f"{streamlit_server.url}/new?lang=fr")
        console.get_by_label(t("new_organisation", "fr")).fill("Atelier Sud")
        console.get_by_role("button", name=t("new_submit", "fr")).click()
        expect(console.get_by_text(t("new_created", "fr"))).to_be_visible(timeout=TIMEOUT)
        console.goto(console.get_by_test_id("stCode").inner_text().strip())

        # The projector opens in a window of its own.
        with context.expect_page() as opened:
            console.get_by_role("link", name=t("present_open", "fr")).click()
        room = opened.value
        room.on("pageerror", lambda exc: errors.append(str(exc)))
        expect(room.get_by_role("heading", name=t("join_screen_heading", "fr"))).to_be_visible(
            timeout=TIMEOUT
        )
        wait_idle(room)

        # Code, QR code and count, nothing cut off, at both projector sizes.
        for size in PROJECTORS:
            room.set_viewport_size(size)
            wait_idle(room)
            for part in (".st-key-room_code", ".st-key-room_qr img", ".st-key-room_count"):
                assert fits(room, part), (part, size)
            tall = room.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
            assert tall <= size["height"], size
            room.screenshot(path=screenshots / f"present-join-fr-{size['width']}.png")
        code_text = room.locator(".st-key-room_code p")
        code_px = float(code_text.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
        assert code_px >= CODE_PX
        assert not room.get_by_text("CXM_PUBLIC_URL").count()
        room.set_viewport_size(PROJECTORS[0])
        picture = Image.open(io.BytesIO(room.locator(".st-key-room_qr img").screenshot()))
        decoded = [found.text for found in zxingcpp.read_barcodes(picture)]
        assert len(decoded) == 1
        join = decoded[0]
        code = re.search(r"code=([A-Z0-9]{7})", join).group(1)  # type: ignore[union-attr]
        assert code_text.inner_text() == f"{code[:3]}-{code[3:]}"
        assert join.startswith(f"{streamlit_server.url}/join?code=")

        # Three phones; the room watches the count grow without anyone touching it.
        for role, level in [("ceo", 4), ("sales", 2), ("customer_relations", 2)]:
            join_and_answer(browser, join, role, level, reload_midway=False)
        expect(room.get_by_text(t("present_joined", "fr", joined=3))).to_be_visible(timeout=TIMEOUT)

        # A code replaced from the console (leaked, say) shows on the room's screen.
        workshop_id, token = re.findall(r"[?&](?:w|t)=([\w-]+)", console.url)[:2]
        store = open_store(streamlit_server.database_url)
        try:
            fresh = store.workshops.new_join_code(workshop_id, token).join_code
        finally:
            store.dispose()
        assert fresh and fresh != code
        expect(code_text).to_have_text(f"{fresh[:3]}-{fresh[3:]}", timeout=TIMEOUT)

        # The reveal, from the projector.
        room.get_by_role("button", name=t("reveal", "fr")).click()
        room.get_by_role("button", name=t("reveal_now", "fr")).click()
        summary = t("present_summary_title", "fr")
        expect(room.get_by_role("heading", name=summary)).to_be_visible(timeout=TIMEOUT)
        room.screenshot(path=screenshots / "present-summary-fr-1280.png")

        # The keyboard moves through the findings; the first divergence gets a consensus.
        room.mouse.click(5, 5)
        room.keyboard.press("ArrowRight")
        first = room.get_by_role("heading", name=re.compile(r"^Divergence 1 sur \d$"))
        expect(first).to_be_visible(timeout=TIMEOUT)
        expect(room.get_by_test_id("stVegaLiteChart")).to_be_visible()
        room.screenshot(path=screenshots / "present-divergence-fr-1280.png")
        room.get_by_text(t("present_consensus_record", "fr")).click()
        room.get_by_role("radio", name=f"3 · {Q.level(3).name('fr')}", exact=True).click()
        room.get_by_label(t("consensus_note", "fr")).fill(NOTE)
        room.get_by_role("button", name=t("consensus_save", "fr")).click()
        expect(room.get_by_text(t("consensus_saved", "fr"))).to_be_visible(timeout=TIMEOUT)
        expect(room.get_by_text(t("present_consensus_recorded", "fr", level=3))).to_be_visible()
        expect(first).to_be_visible()  # still on the slide it was discussed on

        room.mouse.click(5, 5)
        roadmap = t("report_h_roadmap", "fr")
        press_until(room, "PageDown", roadmap)
        expect(room.locator(".st-key-slide_next button")).to_be_disabled()
        room.screenshot(path=screenshots / "present-roadmap-fr-1280.png")
        room.keyboard.press("ArrowLeft")
        mistakes = t("report_h_mistakes", "fr")
        expect(room.get_by_role("heading", name=mistakes, exact=True)).to_be_visible()
        room.reload()  # the slide is in the address: a reload stays on it
        expect(room.get_by_role("heading", name=mistakes, exact=True)).to_be_visible(
            timeout=TIMEOUT
        )
        room.set_viewport_size(PROJECTORS[1])
        room.screenshot(path=screenshots / "present-mistakes-fr-1920.png")

        # Afterwards, the PDF carries the consensus reached on the projector.
        console.reload()
        views = console.get_by_role("radiogroup", name=t("console_view", "fr"))
        views.get_by_role("radio", name=t("view_export", "fr"), exact=True).click()
        console.get_by_role("button", name=t("export_pdf_prepare", "fr")).click()
        download = console.get_by_role("button", name=t("export_pdf_download", "fr"))
        expect(download).to_be_visible(timeout=60_000)
        with console.expect_download() as caught:
            download.click()
        text = "\n".join(p.extract_text() for p in PdfReader(caught.value.path()).pages)
        assert " ".join(NOTE.split()) in " ".join(text.split())
        assert errors == []
    finally:
        context.close()
