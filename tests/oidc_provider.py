"""A real OpenID Connect provider for the tests: `tests/oidc/provider.mjs` (oidc-provider on Node).

`oidc_provider(redirect_uri)` installs the npm package pinned in `tests/oidc/package-lock.json`
when `tests/oidc/node_modules` is missing (`npm ci`), starts the provider on a free loopback
port over plain http, waits until its discovery document answers, and stops it afterwards.
Any login with any password signs in (see provider.mjs): login "ana@example.com" has email
ana@example.com (verified), name "ana" and a sub derived from the email.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from tests.npm_packages import NpmInstallError, npm_ci

OIDC_DIR = Path(__file__).resolve().parent / "oidc"
STARTUP_TIMEOUT = 30.0


class OIDCProviderError(RuntimeError):
    """The provider could not be installed or started."""


@dataclass(frozen=True)
class OIDCProvider:
    """What a relying party needs to sign in against the running provider."""

    issuer: str
    client_id: str
    client_secret: str
    redirect_uri: str
    log: Path

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"


def have_node() -> bool:
    return shutil.which("node") is not None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def install() -> None:
    """`npm ci` in tests/oidc when needed: the exact versions of its lock file."""
    try:
        npm_ci(OIDC_DIR, "oidc-provider")
    except NpmInstallError as exc:
        raise OIDCProviderError(str(exc)) from exc


def _discovery_answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 - loopback
            return answer.status == 200 and "authorization_endpoint" in json.load(answer)
    except (OSError, ValueError):
        return False


@contextmanager
def oidc_provider(redirect_uri: str, log_dir: Path | None = None) -> Iterator[OIDCProvider]:
    """Run the provider, with one confidential client allowed to use `redirect_uri`.

    Its stderr (oidc-provider's warnings, any crash) goes to `provider-<port>.log` in
    `log_dir` (the system's temporary directory by default).
    """
    node = shutil.which("node")
    if node is None:
        raise OIDCProviderError("node is missing: the test OIDC provider runs on Node.js")
    install()
    port = free_port()
    while port == urlsplit(redirect_uri).port:  # the app's port, chosen but maybe not bound yet
        port = free_port()
    provider = OIDCProvider(
        issuer=f"http://127.0.0.1:{port}",
        client_id="cx-maturity-test",
        client_secret=secrets.token_urlsafe(32),
        redirect_uri=redirect_uri,
        log=(log_dir or Path(tempfile.gettempdir())) / f"provider-{port}.log",
    )
    env = {
        **os.environ,
        "PORT": str(port),
        "OIDC_CLIENT_ID": provider.client_id,
        "OIDC_CLIENT_SECRET": provider.client_secret,
        "OIDC_REDIRECT_URI": redirect_uri,
        "NODE_ENV": "test",
    }
    with provider.log.open("w") as log:
        process = subprocess.Popen(
            [node, "provider.mjs"],
            cwd=OIDC_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )
        assert process.stdout is not None
        stdout = _Lines(process.stdout, ready=f"READY {provider.issuer}")
        try:
            _wait_ready(process, provider, stdout)
            yield provider
        finally:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            stdout.close()


class _Lines:
    """Reads a process' stdout on a thread of its own (so the pipe never fills up)."""

    def __init__(self, stream: IO[str], ready: str) -> None:
        self.lines: list[str] = []
        self.ready = threading.Event()
        self._stream = stream
        self._ready_line = ready
        self._thread = threading.Thread(target=self._read, name="oidc-provider", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        for line in self._stream:
            self.lines.append(line)
            if line.strip() == self._ready_line:
                self.ready.set()

    def close(self) -> None:
        self._thread.join(timeout=5)
        self._stream.close()

    def __str__(self) -> str:
        return "".join(self.lines)


def _wait_ready(process: subprocess.Popen[str], provider: OIDCProvider, stdout: _Lines) -> None:
    """Until the process prints READY <issuer> and serves its discovery document."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise OIDCProviderError(
                f"provider.mjs exited with code {process.returncode}; stdout: {stdout!s}; "
                f"stderr: {provider.log.read_text()}"
            )
        if stdout.ready.is_set() and _discovery_answers(provider.metadata_url):
            return
        time.sleep(0.05)
    raise OIDCProviderError(
        f"provider.mjs did not answer at {provider.metadata_url} in {STARTUP_TIMEOUT:.0f}s; "
        f"stdout: {stdout!s}; stderr: {provider.log.read_text()}"
    )
