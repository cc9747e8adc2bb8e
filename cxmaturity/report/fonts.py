"""Lato, embedded: a TrueType face that covers French typography (é, œ, « », €, and the
narrow no-break space U+202F), registered once per process for reportlab, vl-convert (chart
layout) and svglib (chart drawing)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import vl_convert
from reportlab.graphics.shapes import STATE_DEFAULTS
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from svglib.fonts import register_font as register_svg_font

FONTS_DIR = Path(__file__).with_name("fonts")
REGULAR, ITALIC, SEMIBOLD, BOLD, LIGHT = (
    "Lato",
    "Lato-Italic",
    "Lato-Semibold",
    "Lato-Bold",
    "Lato-Light",
)
_FILES = {
    REGULAR: "Lato-Regular.ttf",
    ITALIC: "Lato-Italic.ttf",
    SEMIBOLD: "Lato-Semibold.ttf",
    BOLD: "Lato-Bold.ttf",
    LIGHT: "Lato-Light.ttf",
}


@cache
def register_fonts() -> None:
    """Make Lato available to reportlab (bold and italic in markup) and to vl-convert."""
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / filename)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
    # reportlab's graphics renderer opens every drawing with its default state font:
    # make that Lato too, or each chart would reference a non-embedded Helvetica.
    STATE_DEFAULTS["fontName"] = REGULAR
    vl_convert.register_font_directory(str(FONTS_DIR.resolve()))
    # svglib draws the charts' text: map the SVG's "Lato" (and its bold, italic) to the
    # fonts registered above, so it never falls back to Helvetica or asks fontconfig.
    for weight, style, name in (
        ("normal", "normal", REGULAR),
        ("bold", "normal", BOLD),
        ("normal", "italic", ITALIC),
    ):
        register_svg_font("Lato", str(FONTS_DIR / _FILES[name]), weight, style, rlgFontName=name)
