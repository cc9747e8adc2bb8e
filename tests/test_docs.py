"""The documents stay true to the code: every benchmark command and make target
docs/PERFORMANCE.md gives exists, and every test docs/BAD_INPUTS.md and docs/SECURITY.md
cite exists."""

from __future__ import annotations

import importlib.util
import re

import pytest

from tests.conftest import ROOT

DOC = (ROOT / "docs" / "PERFORMANCE.md").read_text(encoding="utf-8")
CITING = ["BAD_INPUTS.md", "SECURITY.md"]


def test_every_benchmark_command_in_the_document_exists() -> None:
    modules = set(re.findall(r"python -m (bench(?:\.\w+)*)", DOC))
    assert {"bench", "bench.engine", "bench.report", "bench.load"} <= modules
    assert [m for m in sorted(modules) if importlib.util.find_spec(m) is None] == []


def test_every_make_target_in_the_document_exists() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"make (\w+)", DOC))
    assert targets
    assert [t for t in sorted(targets) if not re.search(rf"^{t}:", makefile, re.M)] == []


@pytest.mark.parametrize("name", CITING)
def test_every_test_a_document_cites_exists(name: str) -> None:
    doc = (ROOT / "docs" / name).read_text(encoding="utf-8")
    cited = set(re.findall(r"tests/(test_\w+)\.py::(test_\w+)", doc))
    assert len(cited) >= 8
    missing = [
        f"{module}::{function}"
        for module, function in sorted(cited)
        if f"def {function}(" not in (ROOT / "tests" / f"{module}.py").read_text(encoding="utf-8")
    ]
    assert missing == []
