"""The store's command line: db upgrade, import, export, delete, list — each with --db."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import cxmaturity.store
from tests.test_cli import cli

MIGRATIONS = Path(cxmaturity.store.__file__).parent / "migrations" / "versions"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "w.json"
    assert cli("demo", "--participants", "12", "--seed", "3", "--out", path).returncode == 0
    return path


def test_db_upgrade(db: str) -> None:
    result = cli("db", "upgrade", "--db", db)
    assert result.returncode == 0
    head = max(p.name[:4] for p in MIGRATIONS.glob("[0-9][0-9][0-9][0-9]_*.py"))
    assert result.stdout.strip().endswith(f"schema at revision {head}")


def test_import_export_round_trip_gives_identical_results(
    db: str, archive: Path, tmp_path: Path
) -> None:
    imported = cli("import", archive, "--db", db)
    assert imported.returncode == 0, imported.stderr
    workshop_id = re.search(r"workshop id:\s+(\S+)", imported.stdout).group(1)  # type: ignore[union-attr]
    token = re.search(r"facilitator token:\s+(\S+)", imported.stdout).group(1)  # type: ignore[union-attr]
    assert len(token) >= 43 and "shown only once" in imported.stdout

    listed = cli("list", "--db", db)
    assert workshop_id in listed.stdout and "12 participants" in listed.stdout

    out = tmp_path / "back.json"
    assert cli("export", workshop_id, "--out", out, "--db", db).returncode == 0
    assert json.loads(out.read_text()) == json.loads(archive.read_text())
    assert cli("score", out, "--json").stdout == cli("score", archive, "--json").stdout


def test_delete(db: str, archive: Path, tmp_path: Path) -> None:
    workshop_id = re.search(
        r"workshop id:\s+(\S+)", cli("import", archive, "--db", db).stdout
    ).group(1)  # type: ignore[union-attr]
    refused = cli("delete", workshop_id, "--db", db)  # no TTY, no --yes: nothing happens
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert workshop_id in cli("list", "--db", db).stdout

    assert cli("delete", workshop_id, "--yes", "--db", db).returncode == 0
    assert cli("list", "--db", db).stdout.strip() == "no workshops"
    again = cli("delete", workshop_id, "--yes", "--db", db)
    assert again.returncode == 2
    assert again.stderr.strip() == f"error: no such workshop: {workshop_id}"
    missing = cli("export", workshop_id, "--out", tmp_path / "x.json", "--db", db)
    assert missing.returncode == 2 and not (tmp_path / "x.json").exists()


def test_a_broken_archive_is_not_imported(db: str, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format_version": 1}')
    result = cli("import", path, "--db", db)
    assert result.returncode == 2
    assert f"{path}: organisation: missing" in result.stderr
    assert cli("list", "--db", db).stdout.strip() == "no workshops"
