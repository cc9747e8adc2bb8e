"""The PDF draws each chart from Vega's scenegraph (cxmaturity/report/scenegraph.py); Vega's
own SVG renderer is the reference. For every chart of real reports, and for specs built to
exercise truncation, multi-line and rotated labels, titles and both legend kinds, the
drawing holds the same text, at the same place, in the same size, weight and colour, and
the same shapes in the same colours as vl-convert's SVG of the same spec.
"""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from collections import Counter
from typing import Any

import pytest
import vl_convert
from reportlab.graphics.shapes import Circle, Drawing, Line, Path, Rect, String
from reportlab.lib import colors

from cxmaturity.demo import demo_archive
from cxmaturity.report import build_report, images
from cxmaturity.report.fonts import register_fonts
from cxmaturity.report.scenegraph import PX, UnsupportedMark, to_drawing
from tests.builders import Q
from tests.drawings import Affine, placed

SVG = "{http://www.w3.org/2000/svg}"
LONG = "A label far too long to fit in sixty pixels, which Vega cuts with an ellipsis"


def report_specs(
    lang: str, participants: int, monkeypatch: pytest.MonkeyPatch
) -> list[tuple[str, str]]:
    """The (spec, locale) of every chart a report draws."""
    seen: list[tuple[str, str]] = []
    original = images._drawing.__wrapped__

    def record(spec: str, locale: str) -> Drawing:
        seen.append((spec, locale))
        return original(spec, locale)

    with monkeypatch.context() as patch:
        patch.setattr(images, "_drawing", record)
        build_report(demo_archive(Q, participants, seed=11), Q, lang)  # type: ignore[arg-type]
    return seen


def made_up_specs() -> list[dict[str, Any]]:
    rows = [
        {"label": LONG, "two": "first line\nsecond line", "n": 3, "kind": "a", "v": 1.5},
        {"label": "short", "two": "one line", "n": 7, "kind": "b", "v": 4.5},
        # Cut at different places: each leaves a different slack before the ellipsis.
        *({"label": LONG[i:], "two": "x", "n": i, "kind": "c", "v": 2} for i in range(2, 12)),
    ]
    base = {"data": {"values": rows}, "config": {"font": "Lato"}, "width": 200}
    return [
        {  # truncated, multi-line and rotated labels; a title; a bold text mark
            **base,
            "title": {"text": "A title, anchored left", "anchor": "start", "fontSize": 13},
            "layer": [
                {
                    "mark": {"type": "bar", "cornerRadiusEnd": 3},
                    "encoding": {
                        "y": {
                            "field": "label",
                            "type": "nominal",
                            "axis": {"labelLimit": 60},
                        },
                        "x": {"field": "n", "type": "quantitative"},
                    },
                },
                {
                    "mark": {"type": "text", "fontWeight": "bold", "dx": 5, "align": "left"},
                    "encoding": {
                        "y": {"field": "label", "type": "nominal"},
                        "x": {"field": "n", "type": "quantitative"},
                        "text": {"field": "kind"},
                    },
                },
            ],
        },
        {  # a multi-line axis, angled top labels, a symbol legend
            **base,
            "mark": {"type": "circle", "opacity": 0.8},
            "encoding": {
                "x": {
                    "field": "two",
                    "type": "nominal",
                    "axis": {"orient": "top", "labelAngle": -40},
                },
                "y": {
                    "field": "two",
                    "type": "nominal",
                    "axis": {"labelExpr": "split(datum.label, '\\n')"},
                },
                "size": {"field": "n", "type": "quantitative"},
                "color": {"field": "kind", "type": "nominal", "legend": {"orient": "bottom"}},
            },
        },
        {  # a gradient legend over rect cells with white strokes
            **base,
            "mark": {"type": "rect", "stroke": "white", "strokeWidth": 2},
            "encoding": {
                "x": {"field": "kind", "type": "nominal"},
                "y": {"field": "short", "type": "nominal"},
                "color": {"field": "v", "type": "quantitative", "legend": {"orient": "bottom"}},
            },
        },
    ]


def test_every_report_chart_is_drawn_as_vega_draws_it(monkeypatch: pytest.MonkeyPatch) -> None:
    register_fonts()
    compared = 0
    for lang, participants in (("fr", 40), ("en", 3)):
        for spec, locale in report_specs(lang, participants, monkeypatch):
            assert_drawn_alike(json.loads(spec), locale)
            compared += 1
    assert compared >= 16


@pytest.mark.parametrize("spec", made_up_specs(), ids=["labels", "legend", "gradient"])
def test_made_up_charts_are_drawn_as_vega_draws_them(spec: dict[str, Any]) -> None:
    register_fonts()
    texts = assert_drawn_alike(spec, "en-GB")
    if "title" in spec:
        assert any(text.endswith("…") and text.startswith("A label") for text, *_ in texts)


def test_a_mark_it_cannot_draw_is_refused_by_name() -> None:
    spec = {"data": {"values": [{"x": 1, "y": 2}, {"x": 2, "y": 3}]}, "mark": "line"}
    spec["encoding"] = {
        "x": {"field": "x", "type": "quantitative"},
        "y": {"field": "y", "type": "quantitative"},
    }
    with pytest.raises(UnsupportedMark, match="'line'"):
        to_drawing(vl_convert.vegalite_to_scenegraph(spec))


def assert_drawn_alike(spec: dict[str, Any], locale: str) -> list[tuple[Any, ...]]:
    options = {"allowed_base_urls": [], "format_locale": locale}
    drawing = to_drawing(vl_convert.vegalite_to_scenegraph(spec, **options))
    svg = ET.fromstring(vl_convert.vegalite_to_svg(spec, **options))  # noqa: S314 - our own SVG
    expected_texts, expected_shapes = svg_contents(svg)
    texts, shapes = drawing_contents(drawing)
    assert sorted(texts) == sorted(expected_texts)
    assert shapes == expected_shapes
    return texts


# -- Vega's SVG, read back ---------------------------------------------------------------


def svg_contents(svg: ET.Element) -> tuple[list[tuple[Any, ...]], Counter[str]]:
    texts: list[tuple[Any, ...]] = []
    shapes: Counter[str] = Counter()
    # The first child is the white page background, which the PDF does not need.
    for child in list(svg)[1:]:
        walk_svg(child, (1, 0, 0, 1, 0, 0), texts, shapes)
    return texts, shapes


def walk_svg(node: ET.Element, transform: Affine, texts: list, shapes: Counter) -> None:
    transform = compose(transform, parse_transform(node.get("transform", "")))
    tag = node.tag.removeprefix(SVG)
    if tag == "text":
        size = float(node.get("font-size", "11px").removesuffix("px"))
        bold = node.get("font-weight") == "bold"
        fill = hex_of(node.get("fill", ""))
        anchor = node.get("text-anchor", "start")
        lines = node.findall(f"{SVG}tspan") or [node]
        offset = 0.0
        for line in lines:
            offset += float(line.get("dy", 0)) if line is not node else 0
            x, y = apply(transform, 0, offset)
            if not line.text:
                continue  # Vega writes empty labels out; the PDF leaves them out
            texts.append((line.text or "", anchor, size, bold, fill, round(x, 2), round(y, 2)))
        return
    if tag in ("clipPath", "defs") or node.get("class") in ("background", "foreground"):
        return
    fill = node.get("fill")
    if tag in ("path", "rect") and fill not in (None, "none", "transparent"):
        shapes["gradient" if fill.startswith("url(") else f"fill {hex_of(fill)}"] += 1
    if tag == "line" and node.get("stroke") not in (None, "none", "transparent"):
        shapes[f"line {hex_of(node.get('stroke', ''))}"] += 1
    for child in node:
        walk_svg(child, transform, texts, shapes)


def parse_transform(text: str) -> Affine:
    result: Affine = (1, 0, 0, 1, 0, 0)
    for kind, args in re.findall(r"(translate|rotate)\(([^)]*)\)", text):
        values = [float(v) for v in re.split(r"[ ,]+", args.strip())]
        if kind == "translate":
            step: Affine = (1, 0, 0, 1, values[0], values[1] if len(values) > 1 else 0)
        else:
            c, s = math.cos(math.radians(values[0])), math.sin(math.radians(values[0]))
            step = (c, s, -s, c, 0, 0)
        result = compose(result, step)
    return result


# -- the drawing, read back in the same terms -------------------------------------------------


def drawing_contents(drawing: Drawing) -> tuple[list[tuple[Any, ...]], Counter[str]]:
    height = drawing.height / PX
    texts: list[tuple[Any, ...]] = []
    shapes: Counter[str] = Counter()
    for shape, transform in placed(drawing):
        if isinstance(shape, String):
            x, y = apply(transform, shape.x, shape.y)
            bold = shape.fontName == "Lato-Bold"
            texts.append(
                (
                    shape.text,
                    shape.textAnchor,
                    shape.fontSize,
                    bold,
                    shape.fillColor.hexval(),
                    round(x / PX, 2),
                    round(height - y / PX, 2),
                )
            )
        elif isinstance(shape, Line):
            shapes[f"line {shape.strokeColor.hexval()}"] += 1
        elif isinstance(shape, Rect | Circle | Path) and shape.fillColor is not None:
            shapes[f"fill {shape.fillColor.hexval()}"] += 1
        elif type(shape).__name__ == "_LinearGradient":
            shapes["gradient"] += 1
    return texts, shapes


def hex_of(css: str) -> str:
    match = re.fullmatch(r"rgb\((\d+), ?(\d+), ?(\d+)\)", css)
    if match:
        return colors.Color(*(int(v) / 255 for v in match.groups())).hexval()
    return colors.toColor(css).hexval()


def compose(a: Affine, b: Affine) -> Affine:
    """a ∘ b: apply b, then a (SVG's order when reading a transform list left to right)."""
    return (
        a[0] * b[0] + a[2] * b[1],
        a[1] * b[0] + a[3] * b[1],
        a[0] * b[2] + a[2] * b[3],
        a[1] * b[2] + a[3] * b[3],
        a[0] * b[4] + a[2] * b[5] + a[4],
        a[1] * b[4] + a[3] * b[5] + a[5],
    )


def apply(t: Affine, x: float, y: float) -> tuple[float, float]:
    return t[0] * x + t[2] * y + t[4], t[1] * x + t[3] * y + t[5]
