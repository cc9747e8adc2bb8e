"""Charts into the PDF as vector drawings: Altair spec → Vega scenegraph (vl-convert lays
the chart out, measuring its text in Lato: `cxmaturity.chart_layout`) → reportlab shapes
(`scenegraph`). Crisp at any zoom and in print, small files, and nothing fetched from
anywhere.

A chart is handed to a layout worker as soon as its section asks for it, and drawn when
the page it sits on is laid out: the report builds its other pages meanwhile. Layout is
the costly step; laid-out charts are kept by spec, so building the report again after a
roadmap edit redraws only what changed.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from concurrent.futures import Future
from functools import cached_property
from typing import Any

import altair as alt
from reportlab.graphics.shapes import Drawing, Group
from reportlab.platypus import Flowable

from cxmaturity import chart_layout
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
) -> ChartFlowable:
    """The chart as a flowable at its natural size (1 px = 0.75 pt), shrunk to fit
    `max_width` × `max_height` points — a page's text area — if larger."""
    register_fonts()
    return ChartFlowable(_LAYOUTS.get(chart_spec(chart), vl_locale(lang)), max_width, max_height)


class ChartFlowable(Flowable):
    """A chart whose layout may still be under way: it waits for it when its page is laid
    out. The laid-out shapes are shared, not copied: drawing them changes nothing."""

    def __init__(self, layout: _Layout, max_width: float, max_height: float) -> None:
        super().__init__()
        self._layout = layout
        self._max = (max_width, max_height)
        self.hAlign = "LEFT"

    @cached_property
    def drawing(self) -> Drawing:
        source = self._layout.drawing
        max_width, max_height = self._max
        ratio = min(1.0, max_width / source.width, max_height / source.height)
        drawing = Drawing(source.width * ratio, source.height * ratio)
        drawing.add(Group(*source.contents, transform=(ratio, 0, 0, ratio, 0, 0)))
        drawing.hAlign = "LEFT"
        return drawing

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = self.drawing.wrap(available_width, available_height)
        return self.width, self.height

    def draw(self) -> None:
        self.drawing.drawOn(self.canv, 0, 0)


class _Layout:
    """One spec's layout: started in a worker, turned into shapes once, on first use."""

    def __init__(self, spec: str, locale: str) -> None:
        self._scene: Future[dict[str, Any]] = chart_layout.submit(spec, locale)

    @cached_property
    def drawing(self) -> Drawing:
        return to_drawing(self._scene.result())


class _Layouts:
    """The most recently used layouts, by (spec, locale); shared by every report."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[tuple[str, str], _Layout] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, spec: str, locale: str) -> _Layout:
        key = (spec, locale)
        with self._lock:
            layout = self._entries.get(key)
            if layout is not None:
                self._entries.move_to_end(key)
                return layout
        layout = _Layout(spec, locale)  # outside the lock: it may lay out in this thread
        with self._lock:
            self._entries[key] = layout
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return layout


_LAYOUTS = _Layouts(CACHED_CHARTS)
