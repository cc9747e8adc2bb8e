"""A whole workshop in Chromium against a real `streamlit run` server: the facilitator
creates it, three participants join by code on their own devices (one reloads half-way),
the facilitator follows progress, reveals, records a consensus, accepts the roadmap and
downloads the PDF, which is opened and read."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest

from cxmaturity.i18n import t
from cxmaturity.questionnaire import default_questionnaire
from tests.browser import TIMEOUT, answer_section, expect_progress, plan_for
from tests.conftest import StreamlitServer

Q = default_questionnaire()
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
NOTE = "Les ventes ont convaincu la direction : niveau 3"


def console_view(page: Any, name: str) -> None:
    views = page.get_by_role("radiogroup", name=t("console_view", "fr"))
    views.get_by_role("radio", name=t(f"view_{name}", "fr"), exact=True).click()


def join_and_answer(browser: Any, join: str, role: str, level: int, reload_midway: bool) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(join)
        page.get_by_role("combobox", name=t("join_role_label", "fr")).click()

        page.get_by_role("option", name=Q.roles_by_id[role].label("fr"), exact=True).click()
        page.get_by_role("button", name=t("join_submit", "fr")).click()
        page.wait_for_url(re.compile(r"/answer\?p="), timeout=TIMEOUT)
        expect_progress(page, Q, 0, "fr")
        plan = plan_for(Q, level, f"Note du rôle {role}")
        answered = 0
        for index, section in enumerate(Q.sections):
            heading = t("section_label", "fr", n=index + 1, total=len(Q.sections))
            expect(page.get_by_role("heading", name=re.compile("^" + heading))).to_be_visible(
                timeout=TIMEOUT
            )
            if reload_midway and index == 1:
                half = len(section.questions) // 2
                answered = answer_section(page, Q, section, plan, answered, "fr", slice(0, half))
                page.reload()
                expect_progress(page, Q, answered, "fr")  # every answer is still there
                expect(page.get_by_role("heading", name=re.compile("^" + heading))).to_be_visible()
                checked = page.locator('[data-testid="stRadioGroup"] input:checked')
                expect(checked).to_have_count(half)  # and shown as chosen
                answered = answer_section(page, Q, section, plan, answered, "fr", slice(half, None))
            else:
                answered = answer_section(page, Q, section, plan, answered, "fr")
            next_label = t("answer_finish" if index == len(Q.sections) - 1 else "answer_next", "fr")
            page.get_by_role("button", name=next_label).click()
        expect(page.get_by_text(t("answer_end_done", "fr"))).to_be_visible(timeout=TIMEOUT)
        assert errors == []
    finally:
        context.close()


@pytest.mark.e2e
def test_a_whole_workshop_in_the_browser(
    streamlit_server: StreamlitServer, browser: Any, screenshots: Any
) -> None:
    import zxingcpp
    from PIL import Image
    from playwright.sync_api import expect
    from pypdf import PdfReader

    facilitator = browser.new_context(viewport=DESKTOP, locale="fr-FR", accept_downloads=True)
    page = facilitator.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        # The facilitator creates the workshop and keeps the link.
        page.goto(f"{streamlit_server.url}/new?lang=fr")
        page.get_by_label(t("new_organisation", "fr")).fill("Atelier Nord & Fils")
        page.get_by_role("button", name=t("new_submit", "fr")).click()
        expect(page.get_by_text(t("new_created", "fr"))).to_be_visible(timeout=TIMEOUT)
        link = page.get_by_test_id("stCode").inner_text().strip()
        assert re.search(r"/facilitate\?w=[0-9a-f]+&t=[\w-]{43}&lang=fr$", link), link

        # The join screen: a code, a link, and a QR code that decodes to that link.
        page.goto(link)
        join = page.get_by_test_id("stCode").inner_text().strip()
        assert join.startswith(f"{streamlit_server.url}/join?code=")
        code = re.search(r"code=([A-Z0-9]{7})", join).group(1)  # type: ignore[union-attr]
        expect(page.get_by_text(f"{code[:3]}-{code[3:]}", exact=True)).to_be_visible()
        qr = page.get_by_role("img", name=t("join_screen_qr_alt", "fr", link=join))
        picture = Image.open(io.BytesIO(qr.screenshot()))
        assert [found.text for found in zxingcpp.read_barcodes(picture)] == [join]

        # Three participants, each on their own device; the third reloads half-way.
        for role, level, reload_midway in [
            ("ceo", 4, False),
            ("sales", 2, False),
            ("customer_relations", 3, True),
        ]:
            join_and_answer(browser, join, role, level, reload_midway)

        # Live progress shows 3 of 3 finished (the view refreshes by itself).
        console_view(page, "progress")
        finished = page.get_by_test_id("stMetricValue").filter(has_text="3/3")
        expect(finished).to_be_visible(timeout=TIMEOUT)

        # Reveal, then the results.
        page.get_by_role("button", name=t("reveal", "fr")).click()
        page.get_by_role("button", name=t("reveal_now", "fr")).click()
        expect(page.get_by_role("heading", name=t("report_h_profile", "fr"))).to_be_visible(
            timeout=TIMEOUT
        )

        # One consensus on the most divergent item.
        console_view(page, "consensus")
        level_three = f"3 · {Q.level(3).name('fr')}"
        page.get_by_role("radio", name=level_three, exact=True).click()
        page.get_by_label(t("consensus_note", "fr")).fill(NOTE)
        page.get_by_role("button", name=t("consensus_save", "fr")).click()
        expect(page.get_by_text(t("consensus_saved", "fr"))).to_be_visible(timeout=TIMEOUT)

        # The roadmap, accepted as proposed.
        console_view(page, "roadmap")
        page.get_by_role("button", name=t("roadmap_accept_all", "fr")).click()
        expect(page.get_by_text(t("roadmap_saved", "fr"))).to_be_visible(timeout=TIMEOUT)

        # The PDF: built on request, downloaded, opened.
        console_view(page, "export")
        page.get_by_role("button", name=t("export_pdf_prepare", "fr")).click()
        download_button = page.get_by_role("button", name=t("export_pdf_download", "fr"))
        expect(download_button).to_be_visible(timeout=60_000)
        page.screenshot(path=screenshots / "workshop-export-fr-desktop.png")
        with page.expect_download() as caught:
            download_button.click()
        pdf = caught.value
        assert pdf.suggested_filename.endswith("-atelier-nord-fils-fr.pdf")
        reader = PdfReader(pdf.path())
        text = "\n".join(p.extract_text() for p in reader.pages)
        assert len(reader.pages) >= 6
        assert "Atelier Nord & Fils" in text
        pdf.save_as(screenshots / "workshop-report-fr.pdf")
        flat = " ".join(text.replace("\u00a0", " ").split())
        assert "Participants : 3" in flat  # the cover counts the three who answered
        assert " ".join(NOTE.split()) in flat  # the consensus, next to the average
        assert errors == []
    finally:
        facilitator.close()
