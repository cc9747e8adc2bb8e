"""Lato, embedded: a TrueType face that covers French typography (é, œ, « », €, and the
narrow no-break space U+202F), registered once per process for reportlab (every page)
and vl-convert (chart layout).

vl-convert gets its own copies of the two faces the charts use, in `fonts/charts`:
every glyph and width, without the hinting and layout tables (tools/chart_fonts.py).
Without kerning, each label is laid out exactly as wide as reportlab draws it; and
vl-convert, which reads the font for each label it measures, is a little faster
(docs/PERFORMANCE.md, section 3).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.graphics.shapes import STATE_DEFAULTS
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from cxmaturity.chart_layout import register_chart_fonts

FONTS_DIR = Path(__file__).with_name("fonts")
REGULAR, ITALIC, SEMIBOLD, BOLD, LIGHT = (
    "Lato",
    "Lato-Italic",
    "Lato-Semibold",
    "Lato-Bold",
    "Lato-Light",
)
_FILES = {
    REGULAR: FONTS_DIR / "Lato-Regular.ttf",
    ITALIC: FONTS_DIR / "Lato-Italic.ttf",
    SEMIBOLD: FONTS_DIR / "Lato-Semibold.ttf",
    BOLD: FONTS_DIR / "Lato-Bold.ttf",
    LIGHT: FONTS_DIR / "Lato-Light.ttf",
}


@cache
def register_fonts() -> None:
    """Make Lato available to reportlab (bold and italic in markup) and to vl-convert."""
    for name, path in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
    # reportlab's graphics renderer opens every drawing with its default state font:
    # make that Lato too, or each chart would reference a non-embedded Helvetica.
    STATE_DEFAULTS["fontName"] = REGULAR
    register_chart_fonts()  # for charts laid out in this process
