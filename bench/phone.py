"""The participant's phone: from a tap to the answer saved and the page settled.

python -m bench.phone [--participants 5 40] [--browsers 5] [--walks 2]

For each N: a fresh `streamlit run` server on a fresh SQLite database, a workshop opened,
the facilitator's live view open (simulated), and N participants: `--browsers` of them
in Debian's Chromium (Playwright, one context each, a 390×844 viewport, answering
concurrently), the rest simulated as in the load test (bench/load/people.py, pauses
2–6 s). Each browser joins, answers every question by tapping (free text left empty),
`--walks` times (a new context, a new seat, each time).

A tap is timed inside the page, on the page's own clock (`performance.now()`), with no
fixed wait: from its `pointerdown` to the first animation frame at which the run is over
(Streamlit's `notRunning`), no widget placeholder (`stSkeleton`) is left, the run's
`script_finished` has arrived, and the progress line shows the new count — a count read
from the database after the answer was written, so the answer is stored. The database is
checked again after each walk: every tapped answer must be there.

Where the time goes, per tap, from a probe on the page's WebSocket (installed before the
app's code): tap → the message sent (the browser handling the tap), sent →
`script_finished` received (the server's rerun, loopback network included), then →
settled (the browser applying the deltas, mounting widgets, drawing). A tap may take
two runs on the server (a callback that asks for a narrower rerun ends its own run
early): the server's share ends at the last message received before the page settled.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import random
import statistics
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.load.__main__ import ROLES
from bench.load.people import Pace, Tally, facilitator, participant
from bench.load.protocol import warm_up
from bench.load.server import ROOT, StreamlitServer
from cxmaturity.i18n import t
from cxmaturity.links import join_link
from cxmaturity.localized import Lang
from cxmaturity.questionnaire import default_questionnaire
from cxmaturity.questionnaire.model import (
    AmbitionQuestion,
    FreeTextQuestion,
    MultiChoiceQuestion,
    Question,
    Questionnaire,
    RankingQuestion,
    SingleChoiceQuestion,
)
from cxmaturity.store.factory import Store, open_store
from cxmaturity.workshops.views import NewWorkshop
from tests.browser import plan_for
from tests.conftest import CHROMIUM, CHROMIUM_ARGS

COMMAND = "python -m bench.phone"
LANG: Lang = "fr"
VIEWPORT = {"width": 390, "height": 844}
TIMEOUT = 60_000
SCRIPT_FINISHED = 6  # ForwardMsg.script_finished's field number

#: Installed in every page before the app's code: the time of each tap, of each message
#: the page sends after it, and of each message it receives (with its top-level protobuf
#: field numbers, to tell `script_finished` from the deltas).
PROBE = """(() => {
  const probe = window.__cxm = {t0: null, sends: [], recvs: []};
  document.addEventListener('pointerdown', () => {
    probe.t0 = performance.now(); probe.sends = []; probe.recvs = [];
  }, true);
  const fields = (buffer) => {
    const bytes = new Uint8Array(buffer), out = [];
    let i = 0;
    const varint = () => {
      let v = 0, s = 1, b;
      do { b = bytes[i++]; v += (b & 127) * s; s *= 128; } while (b & 128);
      return v;
    };
    while (i < bytes.length) {
      const tag = varint(), wire = tag & 7;
      out.push(Math.floor(tag / 8));
      if (wire === 0) varint(); else if (wire === 2) i += varint();
      else if (wire === 1) i += 8; else if (wire === 5) i += 4; else break;
    }
    return out;
  };
  const Native = window.WebSocket;
  const send = Native.prototype.send;
  Native.prototype.send = function (data) {
    if (probe.t0 !== null) probe.sends.push(performance.now());
    return send.call(this, data);
  };
  function Probed(url, protocols) {
    const ws = new Native(url, protocols);
    ws.addEventListener('message', (event) => {
      if (probe.t0 === null || !(event.data instanceof ArrayBuffer)) return;
      probe.recvs.push([performance.now(), fields(event.data)]);
    });
    return ws;
  }
  Probed.prototype = Native.prototype;
  for (const k of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) Probed[k] = Native[k];
  window.WebSocket = Probed;
})();"""

#: True (with the tap's timings) at the first frame where the tap's run is over and drawn.
SETTLED = """(expected) => {
  const probe = window.__cxm;
  if (probe.t0 === null) return false;
  const finished = probe.recvs.find(([, f]) => f.includes(SCRIPT_FINISHED));
  if (!finished) return false;
  const idle = '[data-testid="stApp"][data-test-script-state="notRunning"]';
  if (!document.querySelector(idle)) return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main || !main.textContent.includes(expected)) return false;
  return {tap: probe.t0, sent: probe.sends.length ? probe.sends[0] : null,
          last: probe.recvs[probe.recvs.length - 1][0], settled: performance.now()};
}""".replace("SCRIPT_FINISHED", str(SCRIPT_FINISHED))


HEADER = (
    "| N | taps | p50 ms | p95 ms | max ms | tap → sent p50 / p95 | sent → last message"
    " (server) p50 / p95 | → settled p50 / p95 |\n|---|---|---|---|---|---|---|---|"
)


@dataclass
class Tap:
    kind: str  # "answer" (saves an answer), "rank" (a ranking step), "section"
    total: float  # ms, tap → settled
    browser: float  # tap → message sent
    server: float  # sent → the last message received (the runs' script_finished)
    paint: float  # the last message → settled


@dataclass
class Walks:
    taps: list[Tap] = field(default_factory=list)
    missing: int = 0  # tapped answers the database does not hold
    seats: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


async def _tap(page: Any, target: Any, expected: str, kind: str, taps: list[Tap]) -> None:
    await page.evaluate("() => { window.__cxm.t0 = null; }")
    await target.click()
    handle = await page.wait_for_function(SETTLED, arg=expected, polling="raf", timeout=TIMEOUT)
    s = await handle.json_value()
    sent = s["sent"] if s["sent"] is not None else s["tap"]
    taps.append(
        Tap(kind, s["settled"] - s["tap"], sent - s["tap"], s["last"] - sent,
            s["settled"] - s["last"])
    )  # fmt: skip


async def _walk(
    browser: Any, url: str, code: str, q: Questionnaire, i: int, rng: random.Random, out: Walks
) -> None:
    context = await browser.new_context(viewport=VIEWPORT)
    await context.add_init_script(PROBE)
    page = await context.new_page()
    think = lambda: asyncio.sleep(rng.uniform(0.4, 1.2))  # noqa: E731 - outside the timing
    try:
        await page.goto(join_link(url, code, LANG))
        await page.get_by_role("combobox", name=t("join_role_label", LANG)).click()
        role = q.roles_by_id[ROLES[i % len(ROLES)]].label(LANG)
        await page.get_by_role("option", name=role, exact=True).click()
        await page.get_by_role("button", name=t("join_submit", LANG)).click()
        await page.wait_for_url("**/answer?**", timeout=TIMEOUT)
        plan, answered, total = plan_for(q, 2 + i % 3, ""), 0, len(q.required)
        given: dict[str, Any] = {}
        for index, section in enumerate(q.sections):
            for question in section.questions:
                if isinstance(question, FreeTextQuestion):
                    continue
                await think()
                answered += 1
                progress = t("answer_progress", LANG, answered=answered, total=total)
                given[question.id] = await _answer(page, q, question, plan, progress, out.taps)
            await think()
            last = index == len(q.sections) - 1
            label = t("answer_finish" if last else "answer_next", LANG)
            heading = (
                t("answer_review", LANG)
                if last
                else t("section_label", LANG, n=index + 2, total=len(q.sections))
            )
            button = page.get_by_role("button", name=label, exact=True)
            await _tap(page, button, heading, "section", out.taps)
        token = page.url.split("p=", 1)[1].split("&", 1)[0]
        out.seats.append((token, given))
    finally:
        await context.close()


async def _answer(
    page: Any, q: Questionnaire, question: Question, plan: dict[str, Any], progress: str,
    taps: list[Tap],
) -> Any:  # fmt: skip
    """Tap one answer; the value the database must now hold."""
    value = plan[question.id]
    match question:
        case AmbitionQuestion():
            name = f"{value} · {q.level(int(value)).name(LANG)}"
            target = page.locator(f".st-key-a-{question.id}").get_by_role("radio", name=name)
            await _tap(page, target, progress, "answer", taps)
            return value
        case MultiChoiceQuestion() | RankingQuestion():
            first = question.options[0].label(LANG)
            pills = page.get_by_test_id("stButtonGroup").filter(has_text=first)
            picks = value[:1] if isinstance(question, MultiChoiceQuestion) else value
            for rank, option_id in enumerate(picks, start=1):
                name = q.options_of(question.id)[option_id].label(LANG)
                target = pills.get_by_role("button", name=name, exact=True)
                if rank < len(picks):  # a ranking step: saved only once enough are ranked
                    await _tap(page, target, f"{rank} · {name}", "rank", taps)
                    await asyncio.sleep(0.2)
                else:
                    await _tap(page, target, progress, "answer", taps)
            return list(picks)
        case _:
            group = page.get_by_role("radiogroup", name=question.text(LANG), exact=True)
            if isinstance(question, SingleChoiceQuestion):
                index = [o.id for o in question.options].index(value)
            else:
                index = int(value) - 1  # a scored item: levels 1 to 5
            option = group.get_by_test_id("stRadioOption").nth(index)
            await _tap(page, option, progress, "answer", taps)
            return value


async def _browsers(url: str, code: str, q: Questionnaire, k: int, walks: int) -> Walks:
    from playwright.async_api import async_playwright

    out = Walks()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )

        async def one(i: int) -> None:
            rng = random.Random(i)  # noqa: S311 - reproducible pauses
            await asyncio.sleep(i * 0.7)  # not all five joining in the same frame
            for w in range(walks):
                await _walk(browser, url, code, q, i + k * w, rng, out)

        try:
            await asyncio.gather(*(one(i) for i in range(k)))
        finally:
            await browser.close()
    return out


class Room(threading.Thread):
    """The simulated participants and the facilitator's live view, in a loop of their own."""

    def __init__(self, url: str, code: str, workshop: str, token: str, n: int) -> None:
        super().__init__(daemon=True)
        self.url, self.code, self.workshop, self.token, self.n = url, code, workshop, token, n
        self.tallies: list[Tally] = []
        self.loop = asyncio.new_event_loop()
        self.stop_event = asyncio.Event()

    def run(self) -> None:
        self.loop.run_until_complete(self._room())

    async def _room(self) -> None:
        q = default_questionnaire()

        async def one(i: int) -> Tally:
            rng = random.Random(1000 + i)  # noqa: S311 - a reproducible simulation
            await asyncio.sleep(rng.uniform(0, 10))
            return await participant(
                self.url, self.code, ROLES[i % len(ROLES)], q, rng, Pace(2, 6), i % 4 == 1
            )

        live = asyncio.ensure_future(
            facilitator(self.url, self.workshop, self.token, self.stop_event)
        )
        people = [asyncio.ensure_future(one(i)) for i in range(self.n)]
        await self.stop_event.wait()
        for task in people:
            task.cancel()
        for task in people:
            with contextlib.suppress(asyncio.CancelledError):
                self.tallies.append(await task)
        await live

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.stop_event.set)
        self.join(timeout=30)


def _pct(values: list[float], percent: int) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-percent * len(ordered) // 100) - 1)] if ordered else 0.0


def _row(label: str, taps: list[Tap]) -> str:
    def two(values: list[float]) -> str:
        return f"{statistics.median(values):.0f} / {_pct(values, 95):.0f}"

    return (
        f"| {label} | {len(taps)} | **{statistics.median([x.total for x in taps]):.0f}** | "
        f"**{_pct([x.total for x in taps], 95):.0f}** | {max(x.total for x in taps):.0f} | "
        f"{two([x.browser for x in taps])} | {two([x.server for x in taps])} | "
        f"{two([x.paint for x in taps])} |"
    )


def measure(n: int, k: int, walks: int, tmp: Path) -> tuple[Walks, float, int]:
    """(the browsers' taps, the load average during the run, answers missing in the DB)."""
    q = default_questionnaire()
    logs = ROOT / "build" / "phone"
    logs.mkdir(parents=True, exist_ok=True)
    server = StreamlitServer(f"sqlite:///{tmp / f'phone-{n}.db'}", logs / f"server-{n}.log")
    store: Store | None = None
    room: Room | None = None
    try:
        server.wait_until_healthy()
        asyncio.run(warm_up(server.url))
        store = open_store(server.database_url)
        access = store.workshops.create_workshop(
            NewWorkshop("Téléphone", dt.date.today(), "fr", q.id, q.version, (), "anonymous", 2)
        )
        code = store.workshops.open_workshop(access.workshop_id, access.token).join_code or ""
        room = Room(server.url, code, access.workshop_id, access.token, max(0, n - k))
        room.start()
        if n > k:
            asyncio.run(asyncio.sleep(12))  # the simulated room has joined and is answering
        out = asyncio.run(_browsers(server.url, code, q, k, walks))
        load = os.getloadavg()[0]
        missing = 0
        for token, given in out.seats:
            saved = store.workshops.resume(token).answers
            missing += sum(1 for key, value in given.items() if saved.get(key) != value)
        room.stop()
        room = None
        return out, load, missing
    finally:
        if room is not None:
            room.stop()
        if store is not None:
            store.dispose()
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, nargs="+", default=[5, 40])
    parser.add_argument("--browsers", type=int, default=5)
    parser.add_argument("--walks", type=int, default=2, help="questionnaires per browser")
    args = parser.parse_args()
    print(f"{COMMAND} --participants {' '.join(map(str, args.participants))} "
          f"--browsers {args.browsers} --walks {args.walks}", flush=True)  # fmt: skip
    print(HEADER, flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.participants:
            before = os.getloadavg()
            out, load, missing = measure(n, min(args.browsers, n), args.walks, Path(tmp))
            answers = [x for x in out.taps if x.kind == "answer"]
            print(_row(f"{n}: answers", answers), flush=True)
            for kind, label in (("rank", "ranking steps"), ("section", "next section")):
                others = [x for x in out.taps if x.kind == kind]
                if others:
                    print(_row(f"{n}: {label}", others), flush=True)
            print(
                f"  load average {before[0]:.2f} before, {load:.2f} at the end; "
                f"{missing} tapped answers missing from the database",
                flush=True,
            )


if __name__ == "__main__":
    main()
