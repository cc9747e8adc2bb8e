"""Participant text never becomes markup: hostile aliases and free text, shown to the
facilitator in Chromium (and in the participant's own page), create no element, run no
script, fetch nothing — and read literally, as typed. The PDF shows them literally too."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cxmaturity.questionnaire import default_questionnaire
from cxmaturity.store.factory import open_store
from cxmaturity.workshops.views import NewWorkshop
from tests.browser import wait_idle
from tests.conftest import StreamlitServer

Q = default_questionnaire()
#: Each tries a different way to become markup: HTML, an event handler, Markdown links
#: and images, reportlab's own tags, a formula, right-to-left override, emoji.
ALIASES = [
    '<img src=x onerror="window.__pwned=1">',
    "[moi](javascript:window.__pwned=2)",
    "**gras** ‮RTL 😀",
]
TEXT = (
    "<script>window.__pwned=3</script><b>gras</b> <font color=red>rouge</font> "
    '![i](http://127.0.0.1:9/x.png) =HYPERLINK("http://x") ‮à l’envers 😀'
)


@pytest.fixture(scope="module")
def hostile(streamlit_server: StreamlitServer) -> dict[str, str]:
    store = open_store(streamlit_server.database_url)
    try:
        access = store.workshops.create_workshop(
            NewWorkshop("Balises & Cie", dt.date(2026, 11, 30), "fr", Q.id, Q.version, (),
                        "alias", 1)
        )  # fmt: skip
        code = store.workshops.open_workshop(access.workshop_id, access.token).join_code or ""
        tokens = []
        for n, alias in enumerate(ALIASES):
            joined = store.workshops.join(code, f"markup-{n}", "cx", alias)
            for item in Q.scored_items:
                store.workshops.answer(joined.resume_token, item.id, 2 + n)
            store.workshops.answer(joined.resume_token, Q.key_questions.value_destruction, TEXT)
            tokens.append(joined.resume_token)
        store.workshops.reveal(access.workshop_id, access.token)
        archive = store.workshops.archive(access.workshop_id, access.token)
    finally:
        store.dispose()
    base = f"/facilitate?w={access.workshop_id}&t={access.token}&lang=fr"
    return {
        "progress": base + "&view=progress",
        "results": base + "&view=results",
        "consensus": base + "&view=consensus",
        "answer": f"/answer?p={tokens[0]}&lang=fr",
        "archive": archive.model_dump_json(),
    }


@pytest.mark.e2e
def test_participant_text_creates_no_element_in_the_browser(
    streamlit_server: StreamlitServer, browser: Any, hostile: dict[str, str]
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    try:
        for name in ("progress", "results", "consensus", "answer"):
            page.goto(streamlit_server.url + hostile[name])
            main = page.get_by_test_id("stMain")
            main.get_by_role("heading").first.wait_for()
            wait_idle(page)
            assert page.evaluate("() => window.__pwned") is None, name
            assert main.locator('img[src="x"], img[src*="x.png"]').count() == 0, name
            assert main.locator('a[href^="javascript"]').count() == 0, name
            assert main.locator("script:not([src])").filter(has_text="__pwned").count() == 0
            assert main.locator("b, strong, font").filter(has_text="gras").count() == 0, name
            assert main.locator("font").count() == 0, name
            if name == "results":  # the free text, read as typed
                assert main.get_by_text("<b>gras</b>", exact=False).count() == 3
            if name == "answer":  # beside the answers, no alias at all (SECURITY.md)
                assert main.get_by_text(ALIASES[0], exact=False).count() == 0
        assert not [url for url in fetched if "x.png" in url or url.endswith("/x")]
    finally:
        context.close()


def test_participant_text_reads_literally_in_the_pdf(hostile: dict[str, str]) -> None:
    import io

    from pypdf import PdfReader

    from cxmaturity.archive.model import WorkshopArchive
    from cxmaturity.report import build_report

    archive = WorkshopArchive.model_validate_json(hostile["archive"])
    pdf = PdfReader(io.BytesIO(build_report(archive, Q)))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    flat = " ".join(text.split())
    assert "<b>gras</b>" in flat  # reportlab did not read it as bold
    assert "<font color=red>rouge</font>" in flat
    assert "<script>window.__pwned=3</script>" in flat
