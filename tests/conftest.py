"""Shared fixtures: the real content, a real `streamlit run` server, a real Chromium."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.load.database import postgres_schema
from bench.load.server import StreamlitServer as LaunchedServer
from cxmaturity.store.factory import Store

ROOT = Path(__file__).resolve().parents[1]
#: The newest questionnaire, the one new workshops use; v1 stays beside it for old archives.
CONTENT = ROOT / "questionnaires" / "cx-maturity-v2.yaml"
CONTENT_V1 = ROOT / "questionnaires" / "cx-maturity-v1.yaml"
SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
#: Flags a headless Chromium needs on this closed network (see README "Tests").
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


class StreamlitServer(LaunchedServer):
    """The app on a SQLite file of its own, in `tmp`."""

    def __init__(self, tmp: Path) -> None:
        super().__init__(f"sqlite:///{tmp / 'cxmaturity.db'}", tmp / "streamlit.log")


@pytest.fixture(scope="session")
def streamlit_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    server = StreamlitServer(tmp_path_factory.mktemp("server"))
    try:
        server.wait_until_healthy(timeout=60)
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright; skipped (or failed, in CI) when missing."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def have(executable: str) -> bool:
    return shutil.which(executable) is not None


# --- the workshop store on every back end ---------------------------------------------

POSTGRES_URL = os.environ.get("CXM_TEST_POSTGRES_URL")
BACKENDS = ["memory", "sqlite", "postgresql"]


class FakeClock:
    """A clock the test moves by hand (join codes expire, throttling windows pass)."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh schema of its own in the test database, dropped after the test."""
    if not POSTGRES_URL:
        pytest.skip("CXM_TEST_POSTGRES_URL is not set: the PostgreSQL store tests are skipped")
    with postgres_schema(POSTGRES_URL, "cxm_test") as url:
        yield url


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The database URL for this run ("memory" for the fake)."""
    if request.param == "memory":
        return "memory"
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cxmaturity.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(backend: str, clock: FakeClock) -> Iterator[object]:
    from cxmaturity.store.factory import memory_store, open_store

    opened = memory_store(clock) if backend == "memory" else open_store(backend, clock)
    try:
        yield opened
    finally:
        opened.dispose()


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The database the app's pages use (AppTest), and a store of our own on the same file."""
    from cxmaturity.store.factory import open_store
    from cxmaturity.ui import session

    monkeypatch.setenv("CXM_DATABASE_URL", f"sqlite:///{tmp_path / 'pages.db'}")
    session.store.clear()
    own = open_store()
    try:
        yield own
    finally:
        own.dispose()
        session.store.clear()
