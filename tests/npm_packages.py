"""The test-only npm packages (tests/oidc, tests/axe): each folder's lock file pins them,
and `npm ci` installs exactly those versions when node_modules does not hold them."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

NPM_CI_TIMEOUT = 300.0


class NpmInstallError(RuntimeError):
    """npm is missing, or `npm ci` failed."""


def installed(folder: Path, package: str) -> bool:
    """node_modules holds the version of `package` that the lock file pins."""
    manifest = folder / "node_modules" / package / "package.json"
    if not manifest.exists():
        return False
    lock = json.loads((folder / "package-lock.json").read_text())
    pinned = lock["packages"][f"node_modules/{package}"]["version"]
    return bool(json.loads(manifest.read_text())["version"] == pinned)


def npm_ci(folder: Path, package: str) -> None:
    """`npm ci` in `folder` unless `package` is already there at its pinned version."""
    if installed(folder, package):
        return
    npm = shutil.which("npm")
    if npm is None:
        raise NpmInstallError(
            f"npm is missing: it installs the test packages in {folder} "
            "(install Node.js 20.18 or newer, with npm)"
        )
    done = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=NPM_CI_TIMEOUT,
        check=False,
    )
    if done.returncode != 0 or not installed(folder, package):
        raise NpmInstallError(
            f"`npm ci` in {folder} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
        )
