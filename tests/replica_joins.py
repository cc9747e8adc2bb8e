"""One app replica joining a workshop from a pool of threads; tests/test_replicas.py runs two.

The process opens its own store on the database at `--url`, warms every thread up (a
connection, the questionnaire), writes `--ready`, and waits for `--go` to appear: the test
creates it once both replicas are ready, so the two start joining at the same moment.
Each thread then takes its share of the `--joins` browsers, `10.9.{i % 50}.1/{prefix}-{i}`,
and the process prints, as JSON on stdout, what every join gave and when it ran.

    python -m tests.replica_joins --url URL --code CODE --prefix replica0 --joins 200 \
        --ready r0.ready --go go [--joins-per-minute 100000]

`--joins-per-minute` lifts the per-minute cap in this process only: participation imports
`MAX_JOINS_PER_MINUTE` by name, so the attribute on that module is what the join reads.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as `python tests/replica_joins.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cxmaturity.store.factory import Store, open_store
from cxmaturity.workshops import participation
from cxmaturity.workshops.errors import WorkshopFull

ROLE = "cx"
#: How long a replica waits for the go file before giving up.
GO_TIMEOUT_SECONDS = 60.0


@dataclass(frozen=True)
class Outcome:
    """One join: "seated", "resumed", "full", or "error" (with what was raised)."""

    browser: str
    outcome: str
    participant_id: str | None = None
    error: str | None = None


def browser_key(prefix: str, index: int) -> str:
    """The "address/browser" key of the `index`-th browser: 50 addresses, shared."""
    return f"10.9.{index % 50}.1/{prefix}-{index}"


def join_once(store: Store, code: str, browser: str) -> Outcome:
    try:
        access = store.workshops.join(code, browser, ROLE)
    except WorkshopFull:
        return Outcome(browser, "full")
    except Exception as exc:  # reported, never hidden: the test fails on any of these
        return Outcome(browser, "error", error=f"{type(exc).__name__}: {exc}")
    kind = "resumed" if access.resumed else "seated"
    return Outcome(browser, kind, access.participant_id)


class InFlight:
    """Counts the joins running at once in this process (the highest count is reported)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._now = 0
        self.most = 0

    def __enter__(self) -> None:
        with self._lock:
            self._now += 1
            self.most = max(self.most, self._now)

    def __exit__(self, *_: object) -> None:
        with self._lock:
            self._now -= 1


def wait_for(path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path} did not appear within {timeout:.0f} s")
        time.sleep(0.001)


def run(args: argparse.Namespace) -> dict[str, object]:
    if args.joins_per_minute is not None:
        # The name participation imported (not re-exported, hence the ignore) is the one read.
        participation.MAX_JOINS_PER_MINUTE = args.joins_per_minute  # type: ignore[attr-defined]
    store = open_store(args.url)
    try:
        threads: int = args.threads
        warmed = threading.Barrier(threads + 1)
        go = threading.Event()
        in_flight = InFlight()

        def worker(slot: int) -> list[Outcome]:
            # A connection of its own and the questionnaire loaded, before the start:
            # the right code from a clean browser is read and nothing is written.
            try:
                store.workshops.check_code(
                    args.code, f"10.250.0.{slot}/warmup-{args.prefix}-{slot}"
                )
            except BaseException:
                warmed.abort()  # the main thread stops waiting, and reports this below
                raise
            warmed.wait()
            go.wait()
            done = []
            for index in range(slot, args.joins, threads):
                with in_flight:
                    done.append(join_once(store, args.code, browser_key(args.prefix, index)))
            return done

        with ThreadPoolExecutor(max_workers=threads) as pool:
            futures = [pool.submit(worker, slot) for slot in range(threads)]
            try:
                warmed.wait(timeout=GO_TIMEOUT_SECONDS)
                Path(args.ready).touch()
                wait_for(Path(args.go), GO_TIMEOUT_SECONDS)
                started = time.time()
            finally:
                go.set()  # on a failure too, so that no thread waits forever
            outcomes = [outcome for future in futures for outcome in future.result()]
            finished = time.time()
    finally:
        store.dispose()
    return {
        "prefix": args.prefix,
        "started": started,
        "finished": finished,
        "most_in_flight": in_flight.most,
        "outcomes": [asdict(outcome) for outcome in outcomes],
    }


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--url", required=True, help="the database (SQLAlchemy URL)")
    parser.add_argument("--code", required=True, help="the workshop's join code")
    parser.add_argument("--prefix", required=True, help="browser identifiers: PREFIX-i")
    parser.add_argument("--joins", type=int, required=True, help="browsers 0 … JOINS-1")
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--ready", required=True, help="file created once warmed up")
    parser.add_argument("--go", required=True, help="file whose appearance starts the joins")
    parser.add_argument("--joins-per-minute", type=int, default=None, help="lift that cap")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    json.dump(run(parse(argv)), sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
