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


QUESTIONNAIRE_DOC = (ROOT / "docs" / "QUESTIONNAIRE.md").read_text(encoding="utf-8")


def test_the_questionnaire_document_maps_every_concept_as_the_file_does() -> None:
    from cxmaturity.questionnaire import default_questionnaire

    q = default_questionnaire()
    rows = dict(re.findall(r"^\| `(\w+)` \| ([\w, ]+) \|$", QUESTIONNAIRE_DOC, re.M))
    expected = {
        concept.id: ", ".join(x.id for x in q.questions.values() if concept.id in x.concepts)
        for concept in q.concepts
    }
    assert rows == expected


def test_every_test_the_questionnaire_document_names_exists() -> None:
    named = set(re.findall(r"tests/(test_\w+)\.py::(test_\w+)", QUESTIONNAIRE_DOC))
    bare = set(re.findall(r"`(test_\w+)`", QUESTIONNAIRE_DOC))  # in test_questionnaire_content
    assert len(named) >= 4 and len(bare) >= 8
    named |= {("test_questionnaire_content", function) for function in bare}
    missing = [
        f"{module}::{function}"
        for module, function in sorted(named)
        if f"def {function}(" not in (ROOT / "tests" / f"{module}.py").read_text(encoding="utf-8")
    ]
    assert missing == []
