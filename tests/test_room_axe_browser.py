"""axe-core (npm, pinned in tests/axe) in Chromium on every page and view, in French and
in English: no serious or critical violation; and on French pages, none of Streamlit's
own English accessible names that the app translates.

The pages are those a person reaches: home, join (empty and with a code), each
participant section and the end screen, the questionnaire preview, the new-workshop form,
every console view (a workshop being answered, and one revealed), the projector's join
screen and each of its findings, and the refusals (a wrong facilitator link).

(Named to run after tests/test_faults.py, whose asyncio.run the sync Playwright of the
session would otherwise find running.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cxmaturity.demo import demo_archive
from cxmaturity.i18n import t
from cxmaturity.questionnaire import default_questionnaire
from cxmaturity.store.factory import open_store
from cxmaturity.ui.frame import STREAMLIT_LABELS
from cxmaturity.workshops.views import NewWorkshop
from tests.browser import wait_idle
from tests.conftest import StreamlitServer
from tests.npm_packages import npm_ci

Q = default_questionnaire()
AXE_DIR = Path(__file__).resolve().parent / "axe"
AXE = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
VIEWS = ["join", "progress", "results", "consensus", "roadmap", "interviews", "export"]
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
#: What fails the test: axe's two highest impacts.
BLOCKING = ("serious", "critical")
_RUN = """async () => {
    const found = await axe.run(document, {resultTypes: ["violations"]});
    return found.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.slice(0, 3).map(n => n.target.join(" ")),
        count: v.nodes.length,
    }));
}"""


#: Every accessible name and tooltip on the page, and the skip link's words.
_NAMES = """() => [
    ...Array.from(document.querySelectorAll("[aria-label]"), e => e.getAttribute("aria-label")),
    ...Array.from(document.querySelectorAll("[title]"), e => e.getAttribute("title")),
    ...Array.from(document.querySelectorAll('a[href="#stMain"]'), a => a.textContent),
]"""
STREAMLIT_ENGLISH = {t(f"streamlit_label_{name}", "en") for name in STREAMLIT_LABELS}
HELP_FOR = t("streamlit_label_help_for", "en")


@pytest.fixture(scope="module")
def axe() -> Path:
    npm_ci(AXE_DIR, "axe-core")
    return AXE


@pytest.fixture(scope="module")
def addresses(streamlit_server: StreamlitServer) -> Iterator[dict[str, str]]:
    """name → path (without `lang`) of every page and view to check."""
    store = open_store(streamlit_server.database_url)
    try:
        live = store.workshops.create_workshop(
            NewWorkshop(
                organisation="Atelier Est",
                workshop_date=dt.date(2026, 12, 1),
                language="fr",
                questionnaire_id=Q.id,
                questionnaire_version=Q.version,
            )
        )
        opened = store.workshops.open_workshop(live.workshop_id, live.token)
        assert opened.join_code
        seat = store.workshops.join(opened.join_code, "axe-phone", "sales")
        done = store.workshops.import_archive(demo_archive(Q, 12, seed=5))
    finally:
        store.dispose()
    pages = {
        "home": "/",
        "join": "/join",
        "join-code": f"/join?code={opened.join_code}",
        "new": "/new",
        "questionnaire": "/questionnaire",
        "console-refused": f"/facilitate?w={live.workshop_id}&t={'x' * 43}",
        "present-live": f"/present?w={live.workshop_id}&t={live.token}",
    }
    for n in range(len(Q.sections) + 1):  # each section, then the end screen
        pages[f"answer-{n + 1}"] = f"/answer?p={seat.resume_token}"
    for view in VIEWS:
        pages[f"console-live-{view}"] = (
            f"/facilitate?w={live.workshop_id}&t={live.token}&view={view}"
        )
        pages[f"console-done-{view}"] = (
            f"/facilitate?w={done.workshop_id}&t={done.token}&view={view}"
        )
    for n in range(1, 12):
        pages[f"present-{n}"] = f"/present?w={done.workshop_id}&t={done.token}&slide={n}"
    yield pages | {"_seat": seat.resume_token}


def _section(streamlit_server: StreamlitServer, resume: str, name: str) -> None:
    """The answer page opens on the participant's stored section: set it first
    ("answer-1" is the first section; the one after the last is the end screen)."""
    section = int(name.removeprefix("answer-")) - 1
    store = open_store(streamlit_server.database_url)
    try:
        store.workshops.set_section(resume, section)
    finally:
        store.dispose()


@pytest.mark.e2e
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_page_has_a_serious_or_critical_violation(
    streamlit_server: StreamlitServer,
    browser: Any,
    axe: Path,
    addresses: dict[str, str],
    lang: str,
) -> None:
    resume = addresses["_seat"]
    found: dict[str, list[dict[str, Any]]] = {}
    english: dict[str, set[str]] = {}  # Streamlit's words left in English on a French page
    for viewport in (DESKTOP, PHONE):
        context = browser.new_context(viewport=viewport, locale=f"{lang}-FR")
        page = context.new_page()
        try:
            for name, path in addresses.items():
                if name == "_seat" or (viewport is PHONE and name.startswith("present")):
                    continue
                if name.startswith("answer-"):
                    _section(streamlit_server, resume, name)
                joiner = "&" if "?" in path else "?"
                page.goto(f"{streamlit_server.url}{path}{joiner}lang={lang}")
                wait_idle(page)
                page.add_script_tag(path=str(axe))
                blocking = [v for v in page.evaluate(_RUN) if v["impact"] in BLOCKING]
                if blocking:
                    found[f"{name} @ {viewport['width']}px"] = blocking
                if lang == "fr":
                    for said in page.evaluate(_NAMES):
                        if said in STREAMLIT_ENGLISH or said.startswith(HELP_FOR):
                            english.setdefault(said, set()).add(name)
        finally:
            context.close()
    assert english == {}, english
    assert not found, "\n".join(
        f"{where}: {v['impact']} {v['id']} ×{v['count']} ({v['help']}) at {v['targets']}"
        for where, violations in found.items()
        for v in violations
    )
