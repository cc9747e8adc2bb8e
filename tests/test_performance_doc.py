"""docs/PERFORMANCE.md is reproducible: every command it gives exists, and so does every
make target it names."""

from __future__ import annotations

import importlib.util
import re

from tests.conftest import ROOT

DOC = (ROOT / "docs" / "PERFORMANCE.md").read_text(encoding="utf-8")


def test_every_benchmark_command_in_the_document_exists() -> None:
    modules = set(re.findall(r"python -m (bench(?:\.\w+)*)", DOC))
    assert {"bench", "bench.engine", "bench.report", "bench.load"} <= modules
    assert [m for m in sorted(modules) if importlib.util.find_spec(m) is None] == []


def test_every_make_target_in_the_document_exists() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"make (\w+)", DOC))
    assert targets
    assert [t for t in sorted(targets) if not re.search(rf"^{t}:", makefile, re.M)] == []
