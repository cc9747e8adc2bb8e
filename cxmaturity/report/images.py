"""Charts into the PDF as vector drawings: Altair spec → SVG (vl-convert) → reportlab shapes
(svglib). Crisp at any zoom and in print, small files, and nothing fetched from anywhere.

The SVG step is the costly one (the chart's layout and text measurement), then svglib's;
both are cached by spec, so building the report again after a roadmap edit redraws only
what changed.
"""

from __future__ import annotations

import io
import json
from functools import lru_cache

import altair as alt
import vl_convert
from reportlab.graphics.shapes import Drawing, Group, mmult
from svglib.svglib import svg2rlg

from cxmaturity.formatting import LOCALES
from cxmaturity.localized import Lang
from cxmaturity.report.fonts import register_fonts

#: A report has about a dozen charts; keep a few reports' worth.
CACHED_CHARTS = 96


def chart_svg(chart: alt.TopLevelMixin, lang: Lang) -> str:
    register_fonts()
    # Validating against the Vega-Lite schema costs ~40 ms a chart; tests/test_charts.py
    # validates every chart function instead.
    spec = chart.to_dict(validate=False)
    return _svg(json.dumps(spec, sort_keys=True), LOCALES[lang].replace("_", "-"))


@lru_cache(maxsize=CACHED_CHARTS)
def _svg(spec: str, locale: str) -> str:
    return vl_convert.vegalite_to_svg(
        json.loads(spec),
        allowed_base_urls=[],  # no network, no file access: everything is in the spec
        format_locale=locale,
    )


@lru_cache(maxsize=CACHED_CHARTS)
def _drawing(svg: str) -> Drawing:
    """SVG → reportlab shapes (svglib, pure Python: a third of a chart's cost), cached
    like the SVG it comes from."""
    drawing = svg2rlg(io.StringIO(svg))
    if drawing is None:  # pragma: no cover - vl-convert always returns an SVG document
        raise ValueError("the chart could not be drawn")
    return drawing


def chart_image(
    chart: alt.TopLevelMixin, lang: Lang, max_width: float, max_height: float = 640
) -> Drawing:
    """The chart as a flowable at its natural size (1 px = 1 pt), shrunk to fit
    `max_width` × `max_height` points — a page's text area — if larger. The cached shapes
    are shared, not copied: drawing them changes nothing."""
    source = _drawing(chart_svg(chart, lang))
    ratio = min(1.0, max_width / source.width, max_height / source.height)
    drawing = Drawing(source.width * ratio, source.height * ratio)
    drawing.add(
        Group(*source.contents, transform=mmult((ratio, 0, 0, ratio, 0, 0), source.transform))
    )
    drawing.hAlign = "LEFT"
    return drawing
