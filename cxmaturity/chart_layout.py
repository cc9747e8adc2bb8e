"""Chart layout — Vega-Lite spec → Vega scenegraph, text measured in Lato — in worker
processes, so that a report builds its pages while its charts are being laid out.

vl-convert holds the interpreter lock while it lays a chart out, and layout is about half
of a report's time (docs/PERFORMANCE.md, section 4): a thread alone would overlap it with
nothing. Each layout thread here hands its charts to a worker process of its own — this
file, run as a script, reading one chart per line on stdin and writing its scenegraph on
stdout — and waits on the pipe, which releases the lock. A worker imports vl-convert and
nothing else, and never the caller's main module (unlike multiprocessing's spawn).

With `CXM_CHART_WORKERS=0`, or when a worker cannot be started or dies, a chart is laid
out in the calling process: slower, same result.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import IO, Any, cast

import vl_convert

#: The two faces the charts use, stripped for vl-convert (tools/chart_fonts.py).
CHART_FONTS_DIR = Path(__file__).parent / "report" / "fonts" / "charts"
WORKERS_ENV = "CXM_CHART_WORKERS"
#: Two workers lay out a report's dozen charts in about the time its pages take to build.
DEFAULT_WORKERS = 2

Scene = dict[str, Any]


@cache
def register_chart_fonts() -> None:
    vl_convert.register_font_directory(str(CHART_FONTS_DIR.resolve()))


def lay_out(spec: str, locale: str) -> Scene:
    """One chart's scenegraph. No network, no file access: the spec holds everything."""
    register_chart_fonts()
    scene: Scene = vl_convert.vegalite_to_scenegraph(
        json.loads(spec),
        allowed_base_urls=[],
        # The stubs list every locale vl-convert ships; ours are formatting.LOCALES'.
        format_locale=cast(Any, locale),
    )
    return scene


def configured_workers() -> int:
    raw = os.environ.get(WORKERS_ENV, "").strip()
    if not raw:
        return DEFAULT_WORKERS
    if not raw.isdigit():
        raise ValueError(f"{WORKERS_ENV} must be a whole number of worker processes, got {raw!r}")
    return int(raw)


def submit(spec: str, locale: str) -> Future[Scene]:
    """Start laying a chart out; the future holds its scenegraph (or vl-convert's error)."""
    pool = _threads()
    if pool is not None:
        return pool.submit(_in_worker, spec, locale)
    done: Future[Scene] = Future()
    try:
        done.set_result(lay_out(spec, locale))
    except Exception as error:  # raised by result(), as it would be from a worker
        done.set_exception(error)
    return done


class LayoutError(ValueError):
    """vl-convert refused a spec (in a worker: its message, carried back)."""


_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None
_local = threading.local()


def _threads() -> ThreadPoolExecutor | None:
    global _pool
    count = configured_workers()
    if count == 0:
        return None
    with _lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=count, thread_name_prefix="chart-layout")
        return _pool


def _in_worker(spec: str, locale: str) -> Scene:
    worker: _Worker | None = getattr(_local, "worker", None)
    if worker is None or not worker.alive():
        try:
            worker = _local.worker = _Worker()
        except OSError:
            return lay_out(spec, locale)
    try:
        return worker.lay_out(spec, locale)
    except (OSError, EOFError):  # the worker died: lay this one out here, restart next time
        worker.stop()
        return lay_out(spec, locale)


class _Worker:
    """One worker process and its two pipes, used by one layout thread only."""

    def __init__(self) -> None:
        # -P: the script's folder (cxmaturity/) stays off the worker's import path.
        self._process = subprocess.Popen(  # noqa: S603 — this interpreter, this file
            [sys.executable, "-P", str(Path(__file__).resolve())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def alive(self) -> bool:
        return self._process.poll() is None

    def lay_out(self, spec: str, locale: str) -> Scene:
        stdin, stdout = self._pipes()
        stdin.write(json.dumps({"spec": spec, "locale": locale}) + "\n")
        stdin.flush()
        line = stdout.readline()
        if not line:
            raise EOFError("the chart-layout worker stopped")
        reply = json.loads(line)
        if "error" in reply:
            raise LayoutError(reply["error"])
        scene: Scene = reply["scene"]
        return scene

    def stop(self) -> None:
        self._process.kill()
        self._process.wait()

    def _pipes(self) -> tuple[IO[str], IO[str]]:
        stdin, stdout = self._process.stdin, self._process.stdout
        if stdin is None or stdout is None:  # never: both are PIPE
            raise OSError("the chart-layout worker has no pipes")
        return stdin, stdout


def serve(requests: IO[str], replies: IO[str]) -> None:
    """The worker's loop: one JSON request per line in, one JSON reply per line out,
    until the caller closes the pipe."""
    for line in requests:
        request = json.loads(line)
        try:
            reply: dict[str, Any] = {"scene": lay_out(request["spec"], request["locale"])}
        except Exception as error:  # reported to the caller, who raises it
            reply = {"error": str(error)}
        replies.write(json.dumps(reply) + "\n")
        replies.flush()


if __name__ == "__main__":
    # Replies go to the original stdout; anything else printed goes to stderr.
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(sys.stdin, replies)
