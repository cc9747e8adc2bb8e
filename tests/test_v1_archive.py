"""A workshop answered with questionnaire v1 keeps its meaning after v2 exists.

`fixtures/v1-workshop.json` is a v1 archive (12 people, a consensus, a reviewed roadmap);
`fixtures/v1-scores.json` holds the maturity scores the v1 code gave it before v2 was
written. Every later version must read the archive, score it the same and report it.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
from pypdf import PdfReader

from cxmaturity.archive.io import load_archive
from cxmaturity.formatting import number
from cxmaturity.report import build_report
from cxmaturity.results import compute_results
from tests.test_cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
ARCHIVE = FIXTURES / "v1-workshop.json"
GOLDEN = json.loads((FIXTURES / "v1-scores.json").read_text(encoding="utf-8"))


def test_the_v1_archive_is_read_with_questionnaire_v1() -> None:
    archive, q = load_archive(ARCHIVE)
    assert (q.id, q.version) == ("cx-maturity", 1)
    assert archive.questionnaire.version == 1
    assert len(archive.participants) == 12


def test_v1_scores_are_unchanged() -> None:
    """Results now keep full precision; at the two decimals v1 printed, nothing moved."""
    archive, q = load_archive(ARCHIVE)
    results = compute_results(archive, q)
    assert results.overall.score is not None
    shown = {"score": round(results.overall.score, 2), "level": results.overall.level}
    assert shown == GOLDEN["overall"]
    assert {
        d.id: {"score": round(d.score, 2) if d.score is not None else None, "level": d.level}
        for d in results.dimensions
    } == GOLDEN["dimensions"]


def test_a_v1_archive_reads_as_protected_with_a_minimum_of_three() -> None:
    """Archives written before role figures existed showed roles only in large enough
    groups: they read as protected, their stored minimum of 2 raised to 3."""
    archive, q = load_archive(ARCHIVE)
    assert "role_figures" not in json.loads(ARCHIVE.read_text(encoding="utf-8"))
    assert (archive.role_figures, archive.min_group_size) == ("protected", 2)
    results = compute_results(archive, q)
    assert (results.role_figures, results.min_group_size) == ("protected", 3)
    assert all(size >= 3 for size in results.groups.values())


def test_v1_scores_follow_from_the_raw_answers() -> None:
    """The golden figures are not just remembered: recomputed here by hand, dimension =
    mean of its items' means, overall = mean of the dimensions."""
    archive, q = load_archive(ARCHIVE)
    dimension_scores = {}
    for dimension in q.dimensions:
        item_means = []
        for item in q.items_of(dimension.id):
            levels = [p.answers[item.id] for p in archive.participants]
            levels = [v for v in levels if isinstance(v, int)]
            item_means.append(sum(levels) / len(levels))
        dimension_scores[dimension.id] = float(np.mean(item_means))
    for dimension_id, score in dimension_scores.items():
        assert round(score, 2) == GOLDEN["dimensions"][dimension_id]["score"]
    overall = float(np.mean([round(s, 2) for s in dimension_scores.values()]))
    assert round(overall, 2) == GOLDEN["overall"]["score"]


def test_the_v1_archive_still_reports(tmp_path: Path) -> None:
    archive, q = load_archive(ARCHIVE)
    pdf = build_report(archive, q, "fr")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert archive.organisation in text
    for dimension in q.dimensions:
        assert dimension.name.fr in text
    assert number(GOLDEN["overall"]["score"], "fr") in text


def test_the_v1_archive_scores_on_the_command_line() -> None:
    result = cli("score", str(ARCHIVE), "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["questionnaire_version"] == 1
    assert round(figures["overall"]["score"], 2) == GOLDEN["overall"]["score"]
