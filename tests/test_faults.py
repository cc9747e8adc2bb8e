"""Faults in the middle of a workshop, driven by the load test's simulated participants
(they speak Streamlit's protocol to a real server): nothing acknowledged is lost, and
people see a message they can act on, never a traceback.

- the server is killed with SIGKILL, then started again on the same database: every
  acknowledged answer is there, and each participant's link resumes where they were;
- PostgreSQL restarts under a live workshop: the app reconnects (pool pre-ping, retried
  transactions) and the participants finish, with at most the "database is not
  responding" message while it is down.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import random
import shutil
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.load.__main__ import check_store
from bench.load.database import postgres_schema
from bench.load.people import Pace, Tally, participant
from bench.load.protocol import Session
from bench.load.server import StreamlitServer
from cxmaturity.i18n import t
from cxmaturity.questionnaire import default_questionnaire
from cxmaturity.store.factory import Store, open_store
from cxmaturity.workshops.views import NewWorkshop
from tests.conftest import POSTGRES_URL

Q = default_questionnaire()
PEOPLE = 3
QUICK = Pace(0.05, 0.2)


def new_workshop(store: Store) -> tuple[str, str, str]:
    access = store.workshops.create_workshop(
        NewWorkshop("Panne", dt.date(2026, 11, 30), "fr", Q.id, Q.version, (), "anonymous", 1)
    )
    code = store.workshops.open_workshop(access.workshop_id, access.token).join_code or ""
    return access.workshop_id, access.token, code


async def workshop_with_a_fault(
    server: StreamlitServer, store: Store, fault: Callable[[], None], answered_before: int = 8
) -> list[Tally]:
    """PEOPLE participants answer; once each has given `answered_before` answers, `fault`
    runs (in a thread, while they go on); then they finish, or stop where it hit them."""
    workshop_id, token, code = new_workshop(store)
    people = [
        asyncio.create_task(
            participant(server.url, code, role, Q, random.Random(n), QUICK, reload_midway=False)
        )
        for n, role in enumerate(["ceo", "sales", "cx"])
    ]
    while True:  # until everyone is mid-way (a condition, not a fixed delay)
        progress = await asyncio.to_thread(store.workshops.progress, workshop_id, token)
        counts = [p.answered for p in progress.participants]
        if len(counts) == PEOPLE and min(counts) >= answered_before:
            break
        if all(task.done() for task in people):
            pytest.fail(f"the participants stopped before the fault: {counts}")
        await asyncio.sleep(0.1)
    await asyncio.to_thread(fault)
    return list(await asyncio.gather(*people))


@pytest.mark.server
def test_a_server_killed_mid_workshop_loses_no_acknowledged_answer(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'workshop.db'}"
    server = StreamlitServer(url, tmp_path / "first.log")
    store = open_store(url)
    try:
        server.wait_until_healthy()

        def kill() -> None:
            os.kill(server.process.pid, signal.SIGKILL)
            server.process.wait()

        tallies = asyncio.run(workshop_with_a_fault(server, store, kill))
    finally:
        server.stop()
    assert all(tally.resume_token for tally in tallies)
    assert any("ServerGone" in error for tally in tallies for error in tally.errors)
    acknowledged, stored, lost = check_store(store, tallies)
    assert acknowledged >= PEOPLE * 8
    assert lost == 0  # every acknowledged answer survived the kill
    assert stored >= acknowledged

    again = StreamlitServer(url, tmp_path / "second.log")  # restarted on the same file
    try:
        again.wait_until_healthy()
        for tally in tallies:
            state = store.workshops.resume(tally.resume_token)
            run = asyncio.run(_reopen(again.url, tally.resume_token))
            assert run.ok, run.errors
            on_screen = {w.key for w in run.widgets}
            section = Q.sections[min(state.section, len(Q.sections) - 1)]
            assert {f"a:{q.id}" for q in section.questions} <= on_screen  # where they were
    finally:
        again.stop()
        store.dispose()


async def _reopen(url: str, resume_token: str) -> object:
    session = Session(url)
    try:
        return await session.open("answer", f"p={resume_token}&lang=fr")
    finally:
        await session.close()


def _restart_postgres() -> None:
    version = sorted(path.name for path in Path("/etc/postgresql").iterdir())[-1]
    subprocess.run(  # a fixed command on this machine's cluster
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
        check=True,
        capture_output=True,
        timeout=60,
    )


@pytest.mark.server
@pytest.mark.skipif(not POSTGRES_URL, reason="CXM_TEST_POSTGRES_URL is not set")
@pytest.mark.skipif(
    shutil.which("pg_ctlcluster") is None or os.geteuid() != 0,
    reason="restarting PostgreSQL needs pg_ctlcluster, as root (as in CI on this machine)",
)
def test_postgresql_restarted_mid_workshop_loses_nothing_and_shows_no_traceback(
    tmp_path: Path,
) -> None:
    with postgres_schema(POSTGRES_URL or "", "cxm_fault") as url:
        server = StreamlitServer(url, tmp_path / "server.log")
        store = open_store(url)
        try:
            server.wait_until_healthy()
            tallies = asyncio.run(workshop_with_a_fault(server, store, _restart_postgres))
            acknowledged, stored, lost = check_store(store, tallies)
        finally:
            server.stop()
            store.dispose()
    friendly = "error: " + t("error_store_unavailable", "fr")
    assert [e for tally in tallies for e in tally.errors if e != friendly] == []
    assert all(tally.finished for tally in tallies)
    assert acknowledged >= PEOPLE * 30 and lost == 0 and stored >= acknowledged
    assert "Traceback" not in (tmp_path / "server.log").read_text(encoding="utf-8")
