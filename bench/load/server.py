"""A real server (`cxmaturity serve`, i.e. `streamlit run app.py`) on a free loopback
port, and what it costs the machine.

Used by the load test and by the browser tests' fixture. CPU time and memory are read
from /proc (Linux): user + system time of the server process, and its resident set size
(VmHWM, the peak since it started; VmRSS, now).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class StreamlitServer:
    """`cxmaturity serve` on 127.0.0.1, on the database at `database_url`."""

    def __init__(
        self,
        database_url: str,
        log: Path,
        extra_env: dict[str, str] | None = None,
        port: int | None = None,
    ):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.database_url = database_url
        env = {**os.environ, "CXM_DATABASE_URL": database_url, **(extra_env or {})}
        env.pop("CXM_PUBLIC_URL", None)  # links must point at this server
        self._log_file = log.open("wb")
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and app
            [
                sys.executable, "-m", "cxmaturity", "serve",
                "--port", str(self.port), "--address", "127.0.0.1", "--headless",
            ],
            cwd=ROOT,
            env=env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )  # fmt: skip

    def wait_until_healthy(self, timeout: float = 60) -> None:
        """Poll the health endpoint until it answers "ok" (or the server dies)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited with code {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:  # noqa: S310 - loopback
                    if answer.status == 200 and answer.read().strip() == b"ok":
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise TimeoutError(f"{self.url} did not become healthy in {timeout:.0f}s")

    def cpu_seconds(self) -> float:
        """User + system CPU time the server has used so far."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS

    def memory_mb(self) -> tuple[float, float]:
        """(resident now, peak resident since start), in MB."""
        values = {}
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            name, _, rest = line.partition(":")
            if name in {"VmRSS", "VmHWM"}:
                values[name] = int(rest.split()[0]) / 1024
        return values["VmRSS"], values["VmHWM"]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log_file.close()
