"""Charts are laid out in worker processes (cxmaturity/chart_layout.py): the same
scenegraph as in this process, vl-convert's errors carried back, a dead worker replaced
without losing the chart, and the caller's main module never run again by a worker."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cxmaturity import chart_layout

SPEC = '{"data": {"values": [{"a": 1, "b": "Relation client"}]}, "mark": "bar", "encoding": {"x": {"field": "a", "type": "quantitative"}, "y": {"field": "b", "type": "nominal"}}, "config": {"font": "Lato"}}'  # noqa: E501


def test_a_worker_lays_a_chart_out_as_this_process_does() -> None:
    worker = chart_layout._Worker()
    try:
        assert worker.lay_out(SPEC, "fr-FR") == chart_layout.lay_out(SPEC, "fr-FR")
    finally:
        worker.stop()


def test_vl_convert_errors_come_back_from_the_worker() -> None:
    bad = '{"mark": "no-such-mark"}'
    with pytest.raises(ValueError, match="conversion failed") as here:
        chart_layout.lay_out(bad, "fr-FR")
    worker = chart_layout._Worker()
    try:
        with pytest.raises(chart_layout.LayoutError) as there:
            worker.lay_out(bad, "fr-FR")
        assert str(there.value) == str(here.value)
        assert worker.lay_out(SPEC, "fr-FR")["scenegraph"]["marktype"] == "group"  # serving on
    finally:
        worker.stop()


def test_a_dead_worker_costs_no_chart_and_is_replaced() -> None:
    dead = chart_layout._Worker()
    dead.stop()
    with pytest.raises((OSError, EOFError)):
        dead.lay_out(SPEC, "fr-FR")
    chart_layout._local.worker = dead  # this thread's worker, as a layout thread holds one
    try:
        assert chart_layout._in_worker(SPEC, "fr-FR") == chart_layout.lay_out(SPEC, "fr-FR")
        replaced = chart_layout._local.worker
        assert replaced is not dead and replaced.alive()
    finally:
        chart_layout._local.worker.stop()
        del chart_layout._local.worker


def test_workers_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(chart_layout.WORKERS_ENV, "0")
    assert chart_layout.configured_workers() == 0
    assert chart_layout.submit(SPEC, "fr-FR").result() == chart_layout.lay_out(SPEC, "fr-FR")
    monkeypatch.setenv(chart_layout.WORKERS_ENV, "two")
    with pytest.raises(ValueError, match=r"CXM_CHART_WORKERS must be a whole number.*'two'"):
        chart_layout.configured_workers()


def test_a_script_without_a_main_guard_runs_once(tmp_path: Path) -> None:
    """multiprocessing's spawn would run an unguarded script again in every worker."""
    runs = tmp_path / "runs.txt"
    script = tmp_path / "report.py"
    script.write_text(
        textwrap.dedent(f"""
        from cxmaturity.demo import demo_archive
        from cxmaturity.questionnaire import default_questionnaire
        from cxmaturity.report import build_report
        with open({str(runs)!r}, "a") as out:
            out.write("run\\n")
        q = default_questionnaire()
        assert build_report(demo_archive(q, 6, seed=1), q, "fr").startswith(b"%PDF")
        """),
        encoding="utf-8",
    )
    root = Path(__file__).resolve().parents[1]
    subprocess.run(
        [sys.executable, str(script)], check=True, cwd=root, env={"PYTHONPATH": str(root)}
    )
    assert runs.read_text(encoding="utf-8") == "run\n"
