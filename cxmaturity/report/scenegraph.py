"""Vega's scenegraph → reportlab shapes: each chart drawn straight from the layout
vl-convert computes, placed the way Vega's own SVG renderer places it.

Why not SVG: rendering the SVG (vl-convert) and parsing it back (svglib) cost two thirds
of a chart's time, and the scenegraph already holds every mark's position, size and
colour. Only what the report's charts use is drawn — groups (with clipping), rects,
rules, circle and square symbols, and text — and any other mark is refused by name, so a
new chart cannot silently lose part of itself.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any, cast

from reportlab.graphics.shapes import Circle, DirectDraw, Drawing, Group, Line, Path, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from cxmaturity.report.fonts import BOLD, REGULAR

Item = dict[str, Any]
Mark = dict[str, Any]

#: CSS pixels to points, as SVG and the browser count them (96 px = 72 pt = 1 inch).
PX = 0.75
#: Vega's defaults where an item leaves a property out.
FONT_SIZE = 11
SYMBOL_SIZE = 64
ELLIPSIS = "…"
#: Vega's SVG renderer moves text from its baseline by these fractions of the font size
#: (and, for line-top and line-bottom, of the line height); the result is rounded.
BASELINE_SHIFT = {
    "top": (0.79, 0),
    "middle": (0.30, 0),
    "bottom": (-0.21, 0),
    "line-top": (0.29, 0.5),
    "line-bottom": (0.29, -0.5),
}
TEXT_ANCHOR = {"left": "start", "center": "middle", "right": "end"}
XML_SPACE = re.compile(r"[ \t\r\n]+")
#: Vega's rounded corner as one cubic Bézier: the control points' distance from the
#: corner, as a fraction of the radius.
CORNER = 0.448084975506
#: Properties this renderer does not implement: a mark using one is refused, not
#: drawn wrong.
UNSUPPORTED = ("lineBreak", "radius", "theta", "strokeForeground", "blend")


class UnsupportedMark(ValueError):
    """The chart uses a mark this renderer does not draw."""


def to_drawing(scene: dict[str, Any]) -> Drawing:
    """The scene (vl-convert's `vegalite_to_scenegraph`) as a drawing of its size, in
    points: a chart is as large on paper as on a screen at 100 %."""
    width, height = float(scene["width"]), float(scene["height"])
    origin_x, origin_y = scene.get("origin", (0, 0))
    shapes = list(_Painter(height).mark(scene["scenegraph"], origin_x, origin_y))
    drawing = Drawing(width * PX, height * PX)
    drawing.add(Group(*shapes, transform=(PX, 0, 0, PX, 0, 0)))
    return drawing


class _Painter:
    """Walks the scene, accumulating group offsets, and paints each item as reportlab
    shapes with y flipped (Vega counts down from the top, reportlab up from the bottom)."""

    def __init__(self, height: float) -> None:
        self.height = height
        self.draw: dict[str, Callable[[Item, float, float], Iterator[Any]]] = {
            "group": self.group,
            "rect": self.rect,
            "rule": self.rule,
            "symbol": self.symbol,
            "text": self.text,
        }

    def mark(self, mark: Mark, x: float, y: float) -> Iterator[Any]:
        kind = mark.get("marktype")
        draw = self.draw.get(kind or "")
        if draw is None:
            raise UnsupportedMark(f"the PDF cannot draw a chart's {kind!r} mark")
        for item in mark.get("items", []):
            refused = [name for name in UNSUPPORTED if item.get(name)]
            if refused or item.get("dir") == "rtl":
                raise UnsupportedMark(
                    f"the PDF cannot draw a chart's {kind} with {refused or 'dir'}"
                )
            yield from draw(item, x, y)

    def group(self, item: Item, x: float, y: float) -> Iterator[Any]:
        gx, gy = x + item.get("x", 0), y + item.get("y", 0)
        width, height = item.get("width", 0), item.get("height", 0)
        fill, stroke = _fill(item), _stroke(item)
        if fill or stroke:
            # Vega moves a group's box by half a pixel when its border is about 1 px wide,
            # so that the line falls on whole pixels.
            border = item.get("strokeWidth", 1)
            nudge = 0.5 - abs(border - 1) if stroke and 0.5 < border < 1.5 else 0
            nudge = item.get("strokeOffset", nudge)
            yield self._box(item, gx + nudge, gy + nudge, width, height, fill, stroke)
        # Vega draws a group's marks without a zindex first, in order, then the others
        # by zindex (ties in order): a negative zindex ends up on top.
        marks = sorted(
            item.get("items", []), key=lambda m: (bool(m.get("zindex")), m.get("zindex") or 0)
        )
        shapes = [shape for mark in marks for shape in self.mark(mark, gx, gy)]
        if item.get("clip"):
            clip = self._outline(item, gx, gy, width, height)
            clip.isClipPath = 1
            clip.fillColor = clip.strokeColor = None
            yield Group(clip, *shapes)  # the clip holds until the group ends
        else:
            yield from shapes

    def rect(self, item: Item, x: float, y: float) -> Iterator[Any]:
        fill, stroke = _fill(item), _stroke(item)
        rx, ry = x + item.get("x", 0), y + item.get("y", 0)
        width, height = item.get("width", 0), item.get("height", 0)
        if isinstance(item.get("fill"), dict):
            yield _LinearGradient(self._rect_in_pdf(rx, ry, width, height), item["fill"])
            fill = None
        if fill or stroke:
            yield self._box(item, rx, ry, width, height, fill, stroke)

    def rule(self, item: Item, x: float, y: float) -> Iterator[Any]:
        stroke = _stroke(item)
        if stroke is None:
            return
        x1: float = x + item.get("x", 0)
        y1: float = y + item.get("y", 0)
        # A rule without x2 is vertical; without y2, horizontal.
        x2: float = x + (item["x2"] if "x2" in item else item.get("x", 0))
        y2: float = y + (item["y2"] if "y2" in item else item.get("y", 0))
        line = Line(x1, self.height - y1, x2, self.height - y2)
        _apply_stroke(line, item, stroke)
        yield line

    def symbol(self, item: Item, x: float, y: float) -> Iterator[Any]:
        fill, stroke = _fill(item), _stroke(item)
        if not (fill or stroke):
            return
        cx, cy = x + item.get("x", 0), self.height - (y + item.get("y", 0))
        size, shape = item.get("size", SYMBOL_SIZE), item.get("shape", "circle")
        if shape == "circle":
            symbol: Circle | Rect = Circle(cx, cy, math.sqrt(size) / 2)
        elif shape == "square":
            side = math.sqrt(size)
            symbol = Rect(cx - side / 2, cy - side / 2, side, side)
        else:
            raise UnsupportedMark(f"the PDF cannot draw a chart's {shape!r} symbol")
        yield _painted(symbol, item, fill, stroke)

    def text(self, item: Item, x: float, y: float) -> Iterator[Any]:
        fill = _fill(item)
        if fill is None or item.get("text") is None:
            return
        if item.get("fontStyle") == "italic":  # vl-convert measures with regular and bold only
            raise UnsupportedMark("the PDF cannot draw a chart's italic text")
        font, size = _font(item), item.get("fontSize", FONT_SIZE)
        limit, ellipsis = item.get("limit", 0), item.get("ellipsis", ELLIPSIS)
        lines = [_text_value(line, font, size, limit, ellipsis) for line in _lines(item["text"])]
        line_height = item.get("lineHeight", size + 2)
        of_size, of_line = BASELINE_SHIFT.get(item.get("baseline", ""), (0, 0))
        shift = _js_round(of_size * size + of_line * line_height)
        # Vega's frame: translate(x, y), rotate(angle), then translate(dx, dy + shift);
        # each further line one line height lower.
        anchor_x, anchor_y = x + item.get("x", 0), y + item.get("y", 0)
        dx, dy = item.get("dx", 0), item.get("dy", 0) + shift
        angle = item.get("angle", 0)
        if angle:  # drawn in a group rotated about the anchor
            origin_x, origin_y = dx, -dy
        else:
            origin_x, origin_y = anchor_x + dx, self.height - (anchor_y + dy)
        anchor = TEXT_ANCHOR.get(item.get("align", ""), "start")
        strings = [
            String(
                origin_x,
                origin_y - i * line_height,
                text,
                fontName=font,
                fontSize=size,
                textAnchor=cast(Any, anchor),  # start / middle / end, from Vega's align
                fillColor=fill,
            )
            for i, text in enumerate(lines)
            if text
        ]
        if not angle:
            yield from strings
            return
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        yield Group(*strings, transform=(cos, -sin, sin, cos, anchor_x, self.height - anchor_y))

    def _box(
        self,
        item: Item,
        x: float,
        y: float,
        width: float,
        height: float,
        fill: colors.Color | None,
        stroke: colors.Color | None,
    ) -> Rect | Path:
        if _corners(item, width, height) == (0, 0, 0, 0):
            left, bottom, w, h = self._rect_in_pdf(x, y, width, height)
            return _painted(Rect(left, bottom, w, h), item, fill, stroke)
        return _painted(self._outline(item, x, y, width, height), item, fill, stroke)

    def _rect_in_pdf(
        self, x: float, y: float, width: float, height: float
    ) -> tuple[float, float, float, float]:
        left, top = min(x, x + width), min(y, y + height)
        return left, self.height - top - abs(height), abs(width), abs(height)

    def _outline(self, item: Item, x: float, y: float, width: float, height: float) -> Path:
        """The rectangle's outline with Vega's corner radii (top-left, top-right,
        bottom-right, bottom-left), each capped at half the shorter side."""
        left, bottom, w, h = self._rect_in_pdf(x, y, width, height)
        cap = min(w, h) / 2
        tl, tr, br, bl = (min(r, cap) for r in _corners(item, width, height))
        top, right = bottom + h, left + w
        k = CORNER
        path = Path()
        path.moveTo(left + tl, top)
        path.lineTo(right - tr, top)
        if tr:
            path.curveTo(right - k * tr, top, right, top - k * tr, right, top - tr)
        path.lineTo(right, bottom + br)
        if br:
            path.curveTo(right, bottom + k * br, right - k * br, bottom, right - br, bottom)
        path.lineTo(left + bl, bottom)
        if bl:
            path.curveTo(left + k * bl, bottom, left, bottom + k * bl, left, bottom + bl)
        path.lineTo(left, top - tl)
        if tl:
            path.curveTo(left, top - k * tl, left + k * tl, top, left + tl, top)
        path.closePath()
        return path


class _LinearGradient(DirectDraw):
    """A legend's colour ramp: a PDF shading clipped to its rectangle (reportlab's shapes
    have no gradient fill)."""

    def __init__(self, box: tuple[float, float, float, float], fill: dict[str, Any]) -> None:
        self.box = box
        left, bottom, width, height = box
        # Gradient coordinates are fractions of the box, measured from its top-left.
        self.start = (
            left + fill.get("x1", 0) * width,
            bottom + height - fill.get("y1", 0) * height,
        )
        self.end = (left + fill.get("x2", 1) * width, bottom + height - fill.get("y2", 0) * height)
        stops = fill.get("stops", [])
        self.colors = [_color(stop["color"]) or colors.white for stop in stops]
        self.positions = [float(stop["offset"]) for stop in stops]

    def copy(self) -> _LinearGradient:
        return self  # immutable once built: nothing to copy

    def drawDirectly(self, renderer: Any) -> None:
        canvas = renderer._canvas
        canvas.saveState()
        path = canvas.beginPath()
        path.rect(*self.box)
        canvas.clipPath(path, stroke=0, fill=0)
        canvas.linearGradient(*self.start, *self.end, self.colors, self.positions, extend=True)
        canvas.restoreState()

    def getBounds(self) -> tuple[float, float, float, float]:
        left, bottom, width, height = self.box
        return left, bottom, left + width, bottom + height


def _painted(shape: Any, item: Item, fill: colors.Color | None, stroke: colors.Color | None) -> Any:
    shape.fillColor = fill
    if stroke is None:
        shape.strokeColor = None
    else:
        _apply_stroke(shape, item, stroke)
    return shape


def _apply_stroke(shape: Any, item: Item, stroke: colors.Color) -> None:
    shape.strokeColor = stroke
    shape.strokeWidth = item.get("strokeWidth", 1)
    alpha = item.get("opacity", 1) * item.get("strokeOpacity", 1)
    if alpha < 1:
        shape.strokeOpacity = alpha
    if item.get("strokeDash"):
        shape.strokeDashArray = list(item["strokeDash"])
    shape.strokeLineCap = {"butt": 0, "round": 1, "square": 2}.get(item.get("strokeCap", "butt"), 0)


def _fill(item: Item) -> colors.Color | None:
    """The fill colour, its alpha the item's opacity (reportlab applies a colour's alpha
    to text too); None when there is nothing to paint."""
    value = item.get("fill")
    color = _color(value) if isinstance(value, str) else None
    alpha = item.get("opacity", 1) * item.get("fillOpacity", 1)
    if color is None or alpha <= 0:
        return None
    return color if alpha >= 1 else colors.Color(color.red, color.green, color.blue, alpha)


def _stroke(item: Item) -> colors.Color | None:
    value = item.get("stroke")
    alpha = item.get("opacity", 1) * item.get("strokeOpacity", 1)
    if not isinstance(value, str) or item.get("strokeWidth", 1) == 0 or alpha <= 0:
        return None
    return _color(value)


@lru_cache(maxsize=512)
def _color(value: str) -> colors.Color | None:
    """A CSS colour as Vega writes it: a name, #rgb / #rrggbb or rgb(r, g, b)."""
    text = value.strip().lower()
    if text in ("", "none", "transparent"):
        return None
    if text.startswith("rgb(") and text.endswith(")"):
        red, green, blue = (float(part) for part in text[4:-1].split(","))
        return colors.Color(red / 255, green / 255, blue / 255)
    return colors.toColor(text)


def _corners(item: Item, width: float, height: float) -> tuple[float, float, float, float]:
    """Top-left, top-right, bottom-right, bottom-left radii; none on a rectangle drawn
    with a negative width or height, as in Vega."""
    if width < 0 or height < 0:
        return (0, 0, 0, 0)
    radius = item.get("cornerRadius") or 0
    corners = ("TopLeft", "TopRight", "BottomRight", "BottomLeft")
    values = (item.get(f"cornerRadius{corner}") for corner in corners)
    return tuple(radius if value is None else value for value in values)  # type: ignore[return-value]


def _font(item: Item) -> str:
    """Lato regular or bold, the faces vl-convert measured the text with."""
    weight = item.get("fontWeight", "normal")
    bold = weight in ("bold", "bolder") or (isinstance(weight, int | float) and weight >= 600)
    return BOLD if bold else REGULAR


def _lines(text: Any) -> list[Any]:
    return list(text) if isinstance(text, list) else [text]


def _text_value(line: Any, font: str, size: float, limit: float, ellipsis: str) -> str:
    """The line as Vega's SVG shows it: a JavaScript string, trimmed, runs of white space
    folded as SVG folds them, then cut with an ellipsis to fit `limit` (if any)."""
    text = XML_SPACE.sub(" ", _js_string(line)).strip()
    if limit <= 0 or not text or _width(text, font, size) < limit:
        return text
    room = limit - _width(ellipsis, font, size)
    low, high = 0, len(text)
    while low < high:
        middle = 1 + (low + high) // 2
        if _width(text[:middle], font, size) < room:
            low = middle
        else:
            high = middle - 1
    return text[:low] + ellipsis


def _js_string(value: Any) -> str:
    """String(value) in JavaScript, for the values a scene holds: 3.0 is "3", True "true"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _width(text: str, font: str, size: float) -> float:
    """The width vl-convert gives Vega for text already folded (_text_value): set in an
    SVG <text>, which keeps no space at either end — a cut that ends on a space measures
    as if it did not."""
    return stringWidth(text.strip(" "), font, size)


def _js_round(value: float) -> int:
    """JavaScript's Math.round: halves go up, also below zero."""
    return math.floor(value + 0.5)
