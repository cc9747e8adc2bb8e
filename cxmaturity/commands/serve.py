"""`serve`: the app's web server, started with the proxy trust it needs (see proxies)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from cxmaturity.proxies import SERVER_TRUST_ENV, trusted_proxies

APP = Path(__file__).resolve().parents[2] / "app.py"


def run_serve(args: argparse.Namespace) -> int:
    """Replace this process with `streamlit run app.py`, trusting X-Forwarded-For only
    from the proxies in CXM_TRUSTED_PROXIES (none by default)."""
    environment = dict(os.environ)
    environment[SERVER_TRUST_ENV] = ",".join(trusted_proxies())
    command = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(args.port)]
    if args.address:
        command += ["--server.address", args.address]
    command += ["--server.headless", "true"] if args.headless else []
    os.execve(sys.executable, command, environment)  # noqa: S606 (no shell: a fixed argv)
    return 0  # pragma: no cover - execve does not return
