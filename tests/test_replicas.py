"""Two app replicas — two OS processes, each its own store on one database — joining one
workshop at the same moment from 16 threads each: the caps stay exact, a browser keeps
one seat. On a SQLite file (two processes on one file) and on PostgreSQL.

Each replica is `tests/replica_joins.py`; the test opens the workshop, starts both, waits
until both are warmed up, then creates the file both are waiting for.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from cxmaturity.store.factory import Store, open_store
from cxmaturity.store.tables import participants
from cxmaturity.workshops import limits
from tests.replica_joins import browser_key
from tests.test_store import Opened, opened

ROOT = Path(__file__).resolve().parents[1]
REPLICAS = 2
THREADS = 16
#: Longest a replica may take, from its start to its report.
REPLICA_TIMEOUT_SECONDS = 60.0
UNLIMITED = 1_000_000


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database: a SQLite file of its own, or a schema of its own (conftest)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'replicas.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def facilitator(database: str) -> Iterator[Store]:
    """The test's own store, which creates (and migrates) the database first."""
    store = open_store(database)
    try:
        yield store
    finally:
        store.dispose()


@dataclass(frozen=True)
class Report:
    """What one replica printed."""

    prefix: str
    started: float
    finished: float
    most_in_flight: int
    outcomes: list[dict[str, Any]]

    def kinds(self) -> Counter[str]:
        return Counter(outcome["outcome"] for outcome in self.outcomes)


def run_replicas(
    database: str,
    code: str,
    work: Path,
    prefixes: list[str],
    joins: int,
    joins_per_minute: int | None = None,
) -> list[Report]:
    """Both replicas, started together; their reports, once both have finished."""
    work.mkdir()
    go = work / "go"
    launched: list[tuple[subprocess.Popen[bytes], Path, Path, Path]] = []
    try:
        for r, prefix in enumerate(prefixes):
            ready, out, err = (work / f"replica{r}.{ext}" for ext in ("ready", "out", "err"))
            command = [
                sys.executable,
                "-m",
                "tests.replica_joins",
                f"--url={database}",
                f"--code={code}",
                f"--prefix={prefix}",
                f"--joins={joins}",
                f"--threads={THREADS}",
                f"--ready={ready}",
                f"--go={go}",
            ]
            if joins_per_minute is not None:
                command.append(f"--joins-per-minute={joins_per_minute}")
            with out.open("wb") as stdout, err.open("wb") as stderr:
                process = subprocess.Popen(command, cwd=ROOT, stdout=stdout, stderr=stderr)
            launched.append((process, ready, out, err))
        deadline = time.monotonic() + REPLICA_TIMEOUT_SECONDS
        while not all(ready.exists() for _, ready, _, _ in launched):
            for process, _, _, err in launched:
                if process.poll() is not None:
                    pytest.fail(f"a replica stopped before the start:\n{err.read_text()}")
            if time.monotonic() > deadline:
                pytest.fail("the replicas were not ready in time")
            time.sleep(0.01)
        go.touch()  # both replicas start joining now
        reports = []
        for process, _, out, err in launched:
            returncode = process.wait(timeout=max(1.0, deadline - time.monotonic()))
            assert returncode == 0, f"a replica failed:\n{err.read_text()}"
            reports.append(Report(**json.loads(out.read_text())))
        return reports
    finally:
        for process, *_ in launched:
            if process.poll() is None:
                process.kill()
                process.wait()


def stored_ids(store: Store, workshop_id: str) -> list[str]:
    """The public ids of the workshop's participant rows, read from the table itself."""
    assert store.engine is not None
    with store.engine.connect() as connection:
        query = select(participants.c.public_id).where(participants.c.workshop_id == workshop_id)
        return list(connection.execute(query).scalars())


def check_concurrent(reports: list[Report]) -> None:
    """The replicas ran at the same time, each with its threads joining at once."""
    assert len(reports) == REPLICAS
    assert max(r.started for r in reports) < min(r.finished for r in reports)
    assert all(r.most_in_flight > 1 for r in reports), [r.most_in_flight for r in reports]


def summary(label: str, reports: list[Report]) -> str:
    parts = [
        f"{r.prefix}: {dict(r.kinds())} in {r.finished - r.started:.2f} s, "
        f"{r.most_in_flight} at once"
        for r in reports
    ]
    return f"{label}: " + "; ".join(parts)


def errors_of(reports: list[Report]) -> list[str]:
    return [o["error"] for r in reports for o in r.outcomes if o["outcome"] == "error"]


def seated_ids(reports: list[Report]) -> list[str]:
    return [o["participant_id"] for r in reports for o in r.outcomes if o["outcome"] == "seated"]


def test_two_replicas_fill_a_workshop_to_exactly_its_cap(
    database: str, facilitator: Store, tmp_path: Path
) -> None:
    w: Opened = opened(facilitator)
    joins = 200  # a replica: 400 in all, for 300 seats
    reports = run_replicas(
        database,
        w.code,
        tmp_path / "cap",
        ["replica0", "replica1"],
        joins,
        joins_per_minute=UNLIMITED,
    )
    print(summary("cap", reports))
    check_concurrent(reports)
    assert errors_of(reports) == []
    kinds = sum((r.kinds() for r in reports), Counter[str]())
    assert kinds == {"seated": limits.MAX_PARTICIPANTS, "full": 2 * joins - limits.MAX_PARTICIPANTS}
    assert all(r.kinds()["seated"] > 0 for r in reports)  # both replicas took seats
    assert facilitator.workshops.progress(w.id, w.token).joined == limits.MAX_PARTICIPANTS
    rows = stored_ids(facilitator, w.id)
    assert len(rows) == limits.MAX_PARTICIPANTS
    assert sorted(rows) == sorted(seated_ids(reports))


def test_two_replicas_hold_to_the_joins_a_minute(
    database: str, facilitator: Store, tmp_path: Path
) -> None:
    w = opened(facilitator)
    joins = 100  # a replica: 200 in all, in far less than a minute
    reports = run_replicas(database, w.code, tmp_path / "minute", ["replica0", "replica1"], joins)
    print(summary("per minute", reports))
    check_concurrent(reports)
    assert errors_of(reports) == []
    kinds = sum((r.kinds() for r in reports), Counter[str]())
    allowed = limits.MAX_JOINS_PER_MINUTE
    assert kinds == {"seated": allowed, "full": 2 * joins - allowed}
    assert facilitator.workshops.progress(w.id, w.token).joined == allowed
    rows = stored_ids(facilitator, w.id)
    assert len(rows) == allowed
    assert sorted(rows) == sorted(seated_ids(reports))


def test_a_browser_gets_one_seat_whichever_replica_it_reaches(
    database: str, facilitator: Store, tmp_path: Path
) -> None:
    w = opened(facilitator)
    browsers = 20
    reports = run_replicas(database, w.code, tmp_path / "same", ["shared", "shared"], browsers)
    print(summary("one seat a browser", reports))
    check_concurrent(reports)
    assert errors_of(reports) == []
    kinds = sum((r.kinds() for r in reports), Counter[str]())
    assert kinds == {"seated": browsers, "resumed": browsers}
    by_browser = [
        {o["browser"]: o["participant_id"] for o in r.outcomes if o["participant_id"]}
        for r in reports
    ]
    keys = {browser_key("shared", i) for i in range(browsers)}
    assert set(by_browser[0]) == set(by_browser[1]) == keys
    differing = {key for key in keys if by_browser[0][key] != by_browser[1][key]}
    assert differing == set()
    assert facilitator.workshops.progress(w.id, w.token).joined == browsers
    rows = stored_ids(facilitator, w.id)
    assert sorted(rows) == sorted(by_browser[0].values())
