"""Calibration: does the simulated participant load the server as a browser does?

python -m bench.load.browsers [--participants 3]

The same scenario twice, each on a fresh server and database: K participants in real
Chromium (Debian's, driven by Playwright, answering everything as the end-to-end test
does), then K simulated participants speaking Streamlit's protocol. Compared: the
server's CPU time per rerun, its peak memory, and the time from an answer to the page
showing it (the browser's includes drawing the page; the simulation's stops at the
server's `script_finished`).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from bench.load.__main__ import arguments, measure
from bench.load.protocol import warm_up
from bench.load.server import StreamlitServer
from cxmaturity.i18n import t
from cxmaturity.links import join_link
from cxmaturity.questionnaire import default_questionnaire
from cxmaturity.questionnaire.model import FreeTextQuestion, MultiChoiceQuestion, RankingQuestion
from cxmaturity.store.factory import open_store
from cxmaturity.workshops.views import NewWorkshop
from tests.browser import TIMEOUT, answer, expect_progress, plan_for
from tests.conftest import CHROMIUM, CHROMIUM_ARGS

ROLES = ("ceo", "sales", "customer_relations", "marketing", "cx", "operations")


def in_chromium(k: int, tmp: Path) -> tuple[float, int, float, list[float]]:
    """(server CPU s, reruns, peak RSS MB, seconds from each answer to its display)."""
    from playwright.sync_api import expect, sync_playwright

    q = default_questionnaire()
    server = StreamlitServer(f"sqlite:///{tmp / 'browsers.db'}", tmp / "browsers.log")
    store = None
    try:
        server.wait_until_healthy()
        asyncio.run(warm_up(server.url))
        store = open_store(server.database_url)
        access = store.workshops.create_workshop(
            NewWorkshop("Étalonnage", dt.date.today(), "fr", q.id, q.version, (), "anonymous", 2)
        )
        code = store.workshops.open_workshop(access.workshop_id, access.token).join_code or ""
        cpu, reruns, shown = server.cpu_seconds(), 0, []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for i in range(k):
                context = browser.new_context(viewport={"width": 390, "height": 844})
                page = context.new_page()
                page.goto(join_link(server.url, code, "fr"))
                page.get_by_role("combobox", name=t("join_role_label", "fr")).click()
                role = q.roles_by_id[ROLES[i % len(ROLES)]].label("fr")
                page.get_by_role("option", name=role, exact=True).click()
                page.get_by_role("button", name=t("join_submit", "fr")).click()
                reruns += 2  # the join page, then the switch to the answers
                plan, answered = plan_for(q, 2 + i % 3, "Les délais"), 0
                for index, section in enumerate(q.sections):
                    for question in section.questions:
                        start = time.perf_counter()
                        answer(page, q, question, plan[question.id], "fr")
                        taps = plan[question.id]
                        match question:
                            case MultiChoiceQuestion() | RankingQuestion():
                                reruns += len(taps) if isinstance(taps, list) else 1
                            case _:
                                reruns += 1
                        if not isinstance(question, FreeTextQuestion):
                            answered += 1
                            expect_progress(page, q, answered, "fr")
                            shown.append(time.perf_counter() - start)
                    last = index == len(q.sections) - 1
                    label = t("answer_finish" if last else "answer_next", "fr")
                    page.get_by_role("button", name=label).click()
                    reruns += 1
                expect(page.get_by_text(t("answer_end_done", "fr"))).to_be_visible(timeout=TIMEOUT)
                context.close()
            browser.close()
        return server.cpu_seconds() - cpu, reruns, server.memory_mb()[1], shown
    finally:
        if store is not None:
            store.dispose()
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=3)
    k = parser.parse_args().participants
    with tempfile.TemporaryDirectory() as tmp:
        cpu, reruns, rss, shown = in_chromium(k, Path(tmp))
        print(
            f"Chromium ×{k}:  {1000 * cpu / reruns:5.1f} ms server CPU per rerun ({reruns} "
            f"reruns), peak RSS {rss:.0f} MB, answer → shown median "
            f"{1000 * statistics.median(shown):.0f} ms (includes drawing)",
            flush=True,
        )
        simulated = measure(k, arguments(["--think", "0.3:0.8", "--stagger", "0"]), Path(tmp))
        count = len(simulated.round_trips) + len(simulated.other_trips) + len(simulated.refreshes)
        print(
            f"simulated ×{k}: {1000 * simulated.cpu_seconds / count:5.1f} ms server CPU per "
            f"rerun ({count} reruns, live view included), peak RSS "
            f"{simulated.peak_rss_mb:.0f} MB, answer → script_finished median "
            f"{1000 * statistics.median(simulated.round_trips):.0f} ms",
            flush=True,
        )
        print("(python -m bench.load.browsers)")


if __name__ == "__main__":
    main()
