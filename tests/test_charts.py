"""Every chart function gives a valid Vega-Lite spec that the PDF draws, whatever the
workshop size.

The report skips Altair's schema validation to save time; this test does it instead.
"""

from __future__ import annotations

import json

import altair as alt
import pytest
import vl_convert
from reportlab.graphics.shapes import String

from cxmaturity import charts
from cxmaturity.demo import demo_archive
from cxmaturity.formatting import number
from cxmaturity.report.images import chart_image, chart_spec
from cxmaturity.results import compute_results
from cxmaturity.results.spread import answer_dots
from tests.builders import Q
from tests.drawings import strings


@pytest.mark.parametrize("participants", [1, 2, 12, 200])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_chart_is_valid_and_renders(participants: int, lang: str) -> None:
    archive = demo_archive(Q, participants, seed=3, language=lang)  # type: ignore[arg-type]
    r = compute_results(archive, Q)
    items = r.alignment.divergent_items[:5] or [Q.scored_items[0].id]
    dots = answer_dots(archive, items)
    drawn = [
        charts.maturity_profile(r, Q, lang),  # type: ignore[arg-type]
        charts.role_heatmap(r, Q, lang),  # type: ignore[arg-type]
        charts.objectives_ranking(r, Q, lang),  # type: ignore[arg-type]
        charts.choice_bars(r.alignment.definition, Q, lang),  # type: ignore[arg-type]
        charts.roadmap_timeline(r.roadmap, Q, lang),  # type: ignore[arg-type]
        *(charts.answers_by_role(dots, item, n, Q, lang) for n, item in enumerate(items, 1)),  # type: ignore[arg-type]
    ]
    if participants < 2:
        assert drawn[1] is None  # no role comparison without two groups to show
    for chart in drawn:
        if chart is None:
            continue
        chart.to_dict(validate=True)
        drawn_text = strings(chart_image(chart, lang, max_width=500).drawing)  # type: ignore[arg-type]
        assert drawn_text and {s.fontName for s in drawn_text} <= {"Lato", "Lato-Bold"}


def drawn_strings(chart: alt.TopLevelMixin) -> list[String]:
    return strings(chart_image(chart, "fr", 500).drawing)


def test_chart_numbers_are_formatted_like_the_tables() -> None:
    """The chart's labels are the tables' strings: 2,5 never shows as 2,5 here and 2,4 there."""
    archive = demo_archive(Q, 12, seed=3)
    r = compute_results(archive, Q)
    ranking = {s.text for s in drawn_strings(charts.objectives_ranking(r, Q, "fr"))}
    assert {
        number(rank, "fr", digits=1) for rank in r.alignment.objectives.mean_ranks.values()
    } <= ranking
    profile = {s.text for s in drawn_strings(charts.maturity_profile(r, Q, "fr"))}
    assert {number(d.score, "fr") for d in r.dimensions} <= profile


def test_long_labels_wrap_instead_of_being_cut() -> None:
    archive = demo_archive(Q, 12, seed=3)
    r = compute_results(archive, Q)
    spec = charts.choice_bars(r.alignment.definition, Q, "fr").to_dict()
    labels = [row["option"] for row in spec["datasets"][next(iter(spec["datasets"]))]]
    assert any("\n" in label for label in labels)
    assert all(len(line) <= 48 for label in labels for line in label.split("\n"))


def test_wrapped_labels_are_centred_on_their_row() -> None:
    """Vega hangs a label's further lines below its first; the axis moves each label up by
    half its extra lines, so that a three-line label sits on its bar, not under it."""
    archive = demo_archive(Q, 12, seed=3)
    r = compute_results(archive, Q)
    scene = vl_convert.vegalite_to_scenegraph(
        json.loads(chart_spec(charts.roadmap_timeline(r.roadmap, Q, "fr")))
    )
    labels = [i for i in items(scene, "axis-label") if isinstance(i["text"], list)]
    bars = items(scene, "mark", "rect")
    assert len(labels) == len(bars) and any(len(i["text"]) > 1 for i in labels)
    for label, bar in zip(labels, bars, strict=True):
        middle = label["y"] + (len(label["text"]) - 1) * charts.LINE_HEIGHT / 2
        assert middle == pytest.approx(bar["y"] + bar["height"] / 2, abs=1)


def items(node: object, role: str, marktype: str | None = None) -> list[dict]:
    """The items of every mark with this role (and type) in a Vega scene, in order."""
    found: list[dict] = []
    if isinstance(node, dict):
        if node.get("role") == role and marktype in (None, node.get("marktype")):
            found += node.get("items", [])
        for value in node.values():
            found += items(value, role, marktype)
    elif isinstance(node, list):
        for value in node:
            found += items(value, role, marktype)
    return found
