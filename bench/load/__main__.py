"""Load test: a live workshop of N simulated participants against a real server.

python -m bench.load [--participants 10 20 40 80] [--think 2:6] [--postgres URL]

For each N: a fresh `streamlit run` server on a fresh database (a SQLite file, or a
PostgreSQL schema of its own with --postgres), a workshop created and opened, the
facilitator's live view open, and N participants who join by code (spread over
--stagger seconds, as a room scanning a QR code), pick a role and answer everything with
pauses; one in ten changes an answer, one in four reloads half-way. Loopback only;
bounded by --time-limit.

Reported per N: round trip from an answer sent to its rerun finished (p50 / p95 / max),
server CPU and peak memory, the live view's refresh time, and — after the run — the
answers in the database against the answers acknowledged (they must be equal).
Targets at N = 40 on this 2-core machine: p95 < 300 ms, 0 answers lost, RSS < 600 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import statistics
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from bench.load.database import postgres_schema
from bench.load.people import Pace, Tally, facilitator, participant
from bench.load.protocol import warm_up
from bench.load.server import ROOT, StreamlitServer
from cxmaturity.questionnaire import default_questionnaire
from cxmaturity.questionnaire.model import Questionnaire
from cxmaturity.store.factory import Store, open_store
from cxmaturity.workshops.views import NewWorkshop

COMMAND = "python -m bench.load"
ROLES = ("ceo", "marketing", "sales", "customer_relations", "cx", "operations", "finance", "hr")


@dataclass
class Outcome:
    participants: int
    backend: str
    seconds: float
    round_trips: list[float]
    other_trips: list[float]
    errors: list[str]
    finished: int
    reloads: int
    changes: int
    cpu_seconds: float
    peak_rss_mb: float
    refreshes: list[float]
    acknowledged: int
    stored: int
    lost: int

    def row(self) -> str:
        ms = sorted(x * 1000 for x in self.round_trips)
        other = sorted(x * 1000 for x in self.other_trips)
        refresh = sorted(x * 1000 for x in self.refreshes)
        return (
            f"| {self.participants} | {self.backend} | {len(ms)} | {_pct(ms, 50):.0f} | "
            f"{_pct(ms, 95):.0f} | {max(ms, default=0):.0f} | "
            f"{_pct(other, 50):.0f} / {_pct(other, 95):.0f} / {max(other, default=0):.0f} | "
            f"{self.cpu_seconds:.0f} s ({100 * self.cpu_seconds / self.seconds:.0f} %) | "
            f"{self.peak_rss_mb:.0f} | {_pct(refresh, 50):.0f} / {_pct(refresh, 95):.0f} "
            f"(n={len(refresh)}) | {self.acknowledged} / {self.stored} | {self.lost} | "
            f"{self.finished}/{self.participants} | {len(self.errors)} |"
        )


HEADER = (
    "| N | database | answers sent | p50 ms | p95 ms | max ms | other reruns p50 / p95 / max ms "
    "| server CPU (% of one core) | peak RSS MB | live view p50 / p95 ms | "
    "answers acknowledged / in database | lost | finished | errors |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def _pct(values: list[float], percent: int) -> float:
    """Nearest-rank percentile of sorted values (0 when there are none)."""
    if not values:
        return 0.0
    return values[max(0, -(-percent * len(values) // 100) - 1)]


async def workshop_run(
    server: StreamlitServer, store: Store, n: int, q: Questionnaire, args: argparse.Namespace
) -> tuple[list[Tally], list[float], list[str]]:
    access = store.workshops.create_workshop(
        NewWorkshop("Charge", dt.date.today(), "fr", q.id, q.version, (), "anonymous", 2)
    )
    code = store.workshops.open_workshop(access.workshop_id, access.token).join_code or ""
    stop = asyncio.Event()
    live = asyncio.create_task(facilitator(server.url, access.workshop_id, access.token, stop))

    async def one(i: int) -> Tally:
        rng = random.Random(args.seed * 1000 + i)  # noqa: S311 - a reproducible simulation
        await asyncio.sleep(rng.uniform(0, args.stagger))  # the room scans the QR code
        return await participant(
            server.url, code, ROLES[i % len(ROLES)], q, rng, args.pace, reload_midway=i % 4 == 1
        )

    tallies = await asyncio.gather(*(one(i) for i in range(n)))
    stop.set()
    refreshes, live_errors = await live
    return list(tallies), refreshes, live_errors


def check_store(store: Store, tallies: list[Tally]) -> tuple[int, int, int]:
    """(acknowledged, in the database, lost). An acknowledged answer is lost unless the
    database holds the value acknowledged last — or one the person sent after it, whose
    rerun showed an error (the server may have saved it before the error)."""
    acknowledged = stored = lost = 0
    for tally in tallies:
        if not tally.resume_token:
            continue
        saved = store.workshops.resume(tally.resume_token).answers
        expected = {k: v for k, v in tally.acknowledged.items() if v is not None}
        acknowledged += len(expected)
        stored += len(saved)
        lost += sum(
            1
            for k, v in expected.items()
            if saved.get(k) != v and saved.get(k) not in tally.unconfirmed.get(k, [])
        )
    return acknowledged, stored, lost


def measure(n: int, args: argparse.Namespace, tmp: Path) -> Outcome:
    with ExitStack() as stack:
        if args.postgres:
            backend = "PostgreSQL"
            url = stack.enter_context(postgres_schema(args.postgres, "cxm_load"))
        else:
            backend, url = "SQLite", f"sqlite:///{tmp / f'load-{n}.db'}"
        args.logs.mkdir(parents=True, exist_ok=True)
        server = StreamlitServer(url, args.logs / f"server-{backend.lower()}-{n}.log")
        stack.callback(server.stop)
        server.wait_until_healthy()
        asyncio.run(warm_up(server.url))  # the first run imports the app: not a workshop cost
        store = open_store(url)
        stack.callback(store.dispose)
        cpu, start = server.cpu_seconds(), time.monotonic()
        tallies, refreshes, live_errors = asyncio.run(
            asyncio.wait_for(
                workshop_run(server, store, n, default_questionnaire(), args), args.time_limit
            )
        )
        seconds = time.monotonic() - start
        cpu = server.cpu_seconds() - cpu
        _, peak = server.memory_mb()
        acknowledged, stored, lost = check_store(store, tallies)
        return Outcome(
            participants=n,
            backend=backend,
            seconds=seconds,
            round_trips=[x for tally in tallies for x in tally.round_trips],
            other_trips=[x for tally in tallies for x in tally.other_trips],
            errors=[e for tally in tallies for e in tally.errors] + live_errors,
            finished=sum(tally.finished for tally in tallies),
            reloads=sum(tally.reloads for tally in tallies),
            changes=sum(tally.changes for tally in tallies),
            cpu_seconds=cpu,
            peak_rss_mb=peak,
            refreshes=refreshes,
            acknowledged=acknowledged,
            stored=stored,
            lost=lost,
        )


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, nargs="+", default=[10, 20, 40, 80])
    parser.add_argument("--think", default="2:6", help="pause between actions, LOW:HIGH s")
    parser.add_argument("--postgres", help="a PostgreSQL URL (a schema is made and dropped)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stagger", type=float, default=20, help="joins spread over (s)")
    parser.add_argument("--logs", type=Path, default=ROOT / "build" / "load", help="server logs")
    parser.add_argument("--time-limit", type=float, default=900, help="seconds per run")
    args = parser.parse_args(argv)
    low, high = (float(x) for x in args.think.split(":"))
    args.pace = Pace(low, high)
    return args


def main() -> None:
    args = arguments()
    print(f"{COMMAND} --participants {' '.join(map(str, args.participants))} "
          f"--think {args.think} --seed {args.seed}"
          + (" --postgres URL" if args.postgres else ""), flush=True)  # fmt: skip
    print(HEADER, flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.participants:
            outcome = measure(n, args, Path(tmp))
            print(outcome.row(), flush=True)
            if outcome.errors:
                print(f"  first errors: {outcome.errors[:3]}", flush=True)
            print(
                f"  {outcome.seconds:.0f} s, {outcome.reloads} reloads, {outcome.changes} "
                f"answers changed, median round trip "
                f"{statistics.median(outcome.round_trips or [0]) * 1000:.0f} ms",
                flush=True,
            )


if __name__ == "__main__":
    main()
