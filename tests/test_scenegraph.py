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
from collections.abc import Iterable
from typing import Any

import pytest
import vl_convert
from reportlab.graphics.shapes import Circle, Drawing, Line, Path, Rect, String
from reportlab.lib import colors

from cxmaturity.demo import demo_archive
from cxmaturity.report import build_report, images
from cxmaturity.report.fonts import register_fonts
from cxmaturity.report.scenegraph import PX, UnsupportedMark, _LinearGradient, to_drawing
from tests.builders import Q
from tests.drawings import Affine, placed

SVG = "{http://www.w3.org/2000/svg}"
LONG = "A label far too long to fit in sixty pixels, which Vega cuts with an ellipsis"


def report_specs(
    lang: str, participants: int, monkeypatch: pytest.MonkeyPatch
) -> list[tuple[str, str]]:
    """The (spec, locale) of every chart a report draws."""
    seen: list[tuple[str, str]] = []

    class Recorded(images._Layouts):
        def get(self, spec: str, locale: str) -> images._Layout:
            seen.append((spec, locale))
            return super().get(spec, locale)

    with monkeypatch.context() as patch:
        patch.setattr(images, "_LAYOUTS", Recorded(images.CACHED_CHARTS))
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
                    "mark": {
                        "type": "text",
                        "fontWeight": "bold",
                        "dx": 5,
                        "align": "left",
                        "opacity": 0.6,
                    },
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
        {  # an upright gradient legend over rounded, see-through cells in a filled view
            **base,
            "config": {"font": "Lato", "view": {"fill": "#f4f6f8"}},
            "mark": {"type": "rect", "stroke": "white", "strokeWidth": 2, "cornerRadius": 4},
            "encoding": {
                "x": {"field": "kind", "type": "nominal"},
                "y": {"field": "two", "type": "nominal"},
                "color": {"field": "v", "type": "quantitative"},  # upright: the heatmap's lies
                "opacity": {"field": "n", "type": "quantitative"},
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


def test_italic_chart_text_is_refused() -> None:
    """vl-convert measures chart text in Lato regular and bold only: italic would be laid
    out in one face and drawn in another."""
    spec = {"data": {"values": [{"t": "x"}]}, "mark": {"type": "text", "fontStyle": "italic"}}
    spec["encoding"] = {"text": {"field": "t"}}
    with pytest.raises(UnsupportedMark, match="italic"):
        to_drawing(vl_convert.vegalite_to_scenegraph(spec))


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
    assert same_shapes(shapes, expected_shapes)
    return texts


def same_shapes(drawn: list[tuple[Any, ...]], expected: list[tuple[Any, ...]]) -> bool:
    """The same shapes, painted alike and in the same order (later ones cover earlier
    ones), their boxes within 0.02 px: JavaScript's floats and ours round differently."""
    assert [shape[:-1] for shape in drawn] == [shape[:-1] for shape in expected]
    assert [shape[-1] for shape in drawn] == [pytest.approx(s[-1], abs=0.02) for s in expected]
    return True


# -- Vega's SVG, read back ---------------------------------------------------------------
#
# A text is (string, anchor, size, bold, colour, alpha, angle, x, y); a shape is (kind,
# fill, fill alpha, stroke, stroke width, bounding box), positions in px to 0.01.


def svg_contents(svg: ET.Element) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    texts: list[tuple[Any, ...]] = []
    shapes: list[tuple[Any, ...]] = []
    page = [child for child in svg if child.tag == f"{SVG}rect"]
    assert len(page) == 1 and page[0].get("fill") == "white"  # the page, which the PDF has
    gradients = {
        g.get("id"): (
            tuple(float(g.get(k, 0)) for k in ("x1", "y1", "x2", "y2")),
            tuple((float(s.get("offset", 0)), hex_of(s.get("stop-color", ""))) for s in g),
        )
        for g in svg.iter(f"{SVG}linearGradient")
    }
    for child in svg:
        if child not in page:
            walk_svg(child, (1, 0, 0, 1, 0, 0), texts, shapes, gradients)
    return texts, shapes


def walk_svg(
    node: ET.Element, transform: Affine, texts: list, shapes: list, gradients: dict
) -> None:
    transform = compose(transform, parse_transform(node.get("transform", "")))
    tag = node.tag.removeprefix(SVG)
    if tag == "text":
        texts += svg_text(node, transform)
        return
    if tag in ("clipPath", "defs") or node.get("class") == "foreground":
        return
    opacity = float(node.get("opacity", 1))
    fill, stroke = paint(node.get("fill")), paint(node.get("stroke"))
    if fill == "gradient":
        fill = gradients[node.get("fill", "")[5:-1]]  # url(#id)
    if float(node.get("stroke-width", 1)) == 0:
        stroke = None  # SVG draws no line 0 wide
    if tag in ("path", "line") and (fill or stroke):
        if tag == "line":
            points = [(0.0, 0.0), (float(node.get("x2", 0)), float(node.get("y2", 0)))]
        else:
            points = path_points(node.get("d", ""))
        shapes.append(
            (
                "line" if tag == "line" else "area",
                fill,
                round(opacity * float(node.get("fill-opacity", 1)), 3) if fill else None,
                stroke,
                float(node.get("stroke-width", 1)) if stroke else None,
                box(apply(transform, x, y) for x, y in points),
            )
        )
    for child in node:
        walk_svg(child, transform, texts, shapes, gradients)


def svg_text(node: ET.Element, transform: Affine) -> list[tuple[Any, ...]]:
    found = []
    alpha = round(float(node.get("opacity", 1)) * float(node.get("fill-opacity", 1)), 3)
    angle = round(math.degrees(math.atan2(transform[1], transform[0])) % 360, 1)
    lines = node.findall(f"{SVG}tspan") or [node]
    offset = 0.0
    for line in lines:
        offset += float(line.get("dy", 0)) if line is not node else 0
        x, y = apply(transform, 0, offset)
        text = re.sub(r"[ \t\r\n]+", " ", line.text or "").strip()  # as the browser shows it
        if not text:
            continue  # Vega writes empty labels out; the PDF leaves them out
        found.append(
            (
                text,
                node.get("text-anchor", "start"),
                float(node.get("font-size", "11px").removesuffix("px")),
                node.get("font-weight") == "bold",
                paint(node.get("fill")),
                alpha,
                angle,
                round(x, 2),
                round(y, 2),
            )
        )
    return found


def path_points(d: str) -> list[tuple[float, float]]:
    """The points an SVG path passes through or is pulled towards (M, L, H, V, C, Z, and
    the A of Vega's circles: two half-circle arcs, whose box is the circle's)."""
    tokens = re.findall(r"[MLHVCAZmlhvcaz]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?", d)
    points: list[tuple[float, float]] = []
    x = y = 0.0
    command, i = "", 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command, i = tokens[i], i + 1
            if command in "Zz":
                continue
        relative, kind = command.islower(), command.upper()
        count = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "A": 7}[kind]
        args = [float(v) for v in tokens[i : i + count]]
        i += count
        base_x, base_y = (x, y) if relative else (0.0, 0.0)
        if kind == "H":
            x = args[0] + (x if relative else 0)
        elif kind == "V":
            y = args[0] + (y if relative else 0)
        elif kind == "C":
            points += [(base_x + args[0], base_y + args[1]), (base_x + args[2], base_y + args[3])]
            x, y = base_x + args[4], base_y + args[5]
        elif kind == "A":
            end_x, end_y = base_x + args[5], base_y + args[6]
            mid_x, mid_y = (x + end_x) / 2, (y + end_y) / 2
            points += [(mid_x - args[0], mid_y - args[1]), (mid_x + args[0], mid_y + args[1])]
            x, y = end_x, end_y
        else:
            x, y = base_x + args[0], base_y + args[1]
        points.append((x, y))
    return points


def paint(css: str | None) -> str | None:
    if css is None or css in ("none", "transparent"):
        return None
    return "gradient" if css.startswith("url(") else hex_of(css)


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


def drawing_contents(drawing: Drawing) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    height = drawing.height / PX

    def to_svg(transform: Affine, x: float, y: float) -> tuple[float, float]:
        X, Y = apply(transform, x, y)
        return X / PX, height - Y / PX

    texts: list[tuple[Any, ...]] = []
    shapes: list[tuple[Any, ...]] = []
    for shape, transform in placed(drawing):
        if isinstance(shape, String):
            x, y = to_svg(transform, shape.x, shape.y)
            # Back in Vega's frame (y down), the rotation changes sign.
            angle = round(-math.degrees(math.atan2(transform[1], transform[0])) % 360, 1)
            texts.append(
                (
                    shape.text,
                    shape.textAnchor,
                    shape.fontSize,
                    shape.fontName == "Lato-Bold",
                    shape.fillColor.hexval(),
                    round(shape.fillColor.alpha, 3),
                    angle,
                    round(x, 2),
                    round(y, 2),
                )
            )
            continue
        if isinstance(shape, Line):
            kind, corners = "line", [(shape.x1, shape.y1), (shape.x2, shape.y2)]
        elif isinstance(shape, Circle):
            r = shape.r
            kind, corners = "area", [(shape.cx - r, shape.cy - r), (shape.cx + r, shape.cy + r)]
        elif isinstance(shape, Rect | Path | _LinearGradient):
            if getattr(shape, "isClipPath", 0):
                continue
            x0, y0, x1, y1 = shape.getBounds()
            kind, corners = "area", [(x0, y0), (x1, y1)]
        else:
            raise AssertionError(f"unexpected shape {shape!r}")
        if isinstance(shape, _LinearGradient):
            shapes.append(
                (
                    kind,
                    gradient_of(shape),
                    1.0,
                    None,
                    None,
                    box(to_svg(transform, *c) for c in corners),
                )
            )
            continue
        fill, stroke = getattr(shape, "fillColor", None), shape.strokeColor
        shapes.append(
            (
                kind,
                fill.hexval() if fill else None,
                round(fill.alpha, 3) if fill else None,
                stroke.hexval() if stroke else None,
                float(shape.strokeWidth) if stroke else None,
                box(to_svg(transform, x, y) for x, y in corners),
            )
        )
    return texts, shapes


def gradient_of(shape: _LinearGradient) -> tuple[Any, ...]:
    """Direction as fractions of the box from its top-left, as SVG writes it, and stops."""
    left, bottom, width, height = shape.box
    top = bottom + height
    fractions = (
        (shape.start[0] - left) / width,
        (top - shape.start[1]) / height,
        (shape.end[0] - left) / width,
        (top - shape.end[1]) / height,
    )
    stops = tuple(zip(shape.positions, (c.hexval() for c in shape.colors), strict=True))
    return tuple(round(f, 6) + 0.0 for f in fractions), stops


def box(points: Iterable[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = zip(*points, strict=True)
    return round(min(xs), 2), round(min(ys), 2), round(max(xs), 2), round(max(ys), 2)


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
