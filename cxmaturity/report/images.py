"""Charts into the PDF as vector drawings: Altair spec → Vega scenegraph (vl-convert lays
the chart out, measuring its text in Lato) → reportlab shapes (`scenegraph`). Crisp at
any zoom and in print, small files, and nothing fetched from anywhere.

Layout is the costly step; the shapes are cached by spec, so building the report again
after a roadmap edit redraws only what changed.
"""

from __future__ import annotations

import json
from functools import lru_cache

import altair as alt
import vl_convert
from reportlab.graphics.shapes import Drawing, Group

from cxmaturity.formatting import LOCALES
from cxmaturity.localized import Lang
from cxmaturity.report.fonts import register_fonts
from cxmaturity.report.scenegraph import to_drawing

#: A report has about a dozen charts; keep a few reports' worth.
CACHED_CHARTS = 96


def chart_spec(chart: alt.TopLevelMixin) -> str:
    """The Vega-Lite spec as canonical JSON: the cache key, and what vl-convert reads.
    Validating against the schema costs ~40 ms a chart; tests/test_charts.py validates
    every chart function instead."""
    return json.dumps(chart.to_dict(validate=False), sort_keys=True)


def vl_locale(lang: Lang) -> str:
    return LOCALES[lang].replace("_", "-")


def chart_image(
    chart: alt.TopLevelMixin, lang: Lang, max_width: float, max_height: float = 640
) -> Drawing:
    """The chart as a flowable at its natural size (1 px = 0.75 pt), shrunk to fit
    `max_width` × `max_height` points — a page's text area — if larger. The cached shapes
    are shared, not copied: drawing them changes nothing."""
    register_fonts()
    source = _drawing(chart_spec(chart), vl_locale(lang))
    ratio = min(1.0, max_width / source.width, max_height / source.height)
    drawing = Drawing(source.width * ratio, source.height * ratio)
    drawing.add(Group(*source.contents, transform=(ratio, 0, 0, ratio, 0, 0)))
    drawing.hAlign = "LEFT"
    return drawing


@lru_cache(maxsize=CACHED_CHARTS)
def _drawing(spec: str, locale: str) -> Drawing:
    scene = vl_convert.vegalite_to_scenegraph(
        json.loads(spec),
        allowed_base_urls=[],  # no network, no file access: everything is in the spec
        format_locale=locale,
    )
    return to_drawing(scene)
