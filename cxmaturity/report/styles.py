"""The report's look: one palette, one type scale, defined once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import TableStyle

from cxmaturity.charts import INK, LEVEL_COLORS, MUTED, NAVY
from cxmaturity.report.fonts import BOLD, ITALIC, LIGHT, REGULAR, SEMIBOLD

PAGE_MARGIN = 20 * mm
TOP_MARGIN = 24 * mm
BOTTOM_MARGIN = 20 * mm

C_INK = colors.HexColor(INK)
C_MUTED = colors.HexColor(MUTED)
C_NAVY = colors.HexColor(NAVY)
C_RULE = colors.HexColor("#d5dde8")
C_ZEBRA = colors.HexColor("#f4f6f9")
C_PANEL = colors.HexColor("#eef2f7")
C_LEVELS = [colors.HexColor(c) for c in LEVEL_COLORS]
C_RISK = {
    "low": colors.HexColor("#2f7d62"),
    "medium": colors.HexColor("#e09a4a"),
    "high": colors.HexColor("#c4553a"),
}


def _style(name: str, **kwargs: object) -> ParagraphStyle:
    defaults: dict[str, object] = {
        "fontName": REGULAR,
        "fontSize": 9.5,
        "leading": 13.5,
        "textColor": C_INK,
        "alignment": TA_LEFT,
        "splitLongWords": 1,
    }
    settings: dict[str, Any] = {**defaults, **kwargs}
    return ParagraphStyle(name, **settings)


BODY = _style("body", spaceAfter=5)
SMALL = _style("small", fontSize=8.5, leading=11.5)
CAPTION = _style("caption", fontSize=8, leading=11, textColor=C_MUTED, spaceBefore=3, spaceAfter=4)
QUOTE = _style(
    "quote", fontName=ITALIC, fontSize=9, leading=12.5, leftIndent=10, spaceAfter=4, textColor=C_INK
)
KICKER = _style(
    "kicker", fontName=SEMIBOLD, fontSize=8.5, leading=11, textColor=C_NAVY, spaceAfter=2
)
H1 = _style(
    "h1", keepWithNext=1, fontName=LIGHT, fontSize=22, leading=27, textColor=C_NAVY, spaceAfter=10
)
#: A page's finding under its label: a sentence, so smaller than a label-sized H1.
HEADLINE = _style(
    "headline",
    keepWithNext=1,
    fontName=LIGHT,
    fontSize=17,
    leading=22,
    textColor=C_NAVY,
    spaceAfter=8,
)
SECTION = _style(
    "section",
    keepWithNext=1,
    fontName=SEMIBOLD,
    fontSize=9,
    leading=12,
    textColor=C_MUTED,
    spaceAfter=2,
)
H2 = _style(
    "h2",
    keepWithNext=1,
    fontName=SEMIBOLD,
    fontSize=12.5,
    leading=16,
    textColor=C_NAVY,
    spaceBefore=10,
    spaceAfter=5,
)
H3 = _style(
    "h3",
    keepWithNext=1,
    fontName=SEMIBOLD,
    fontSize=10.5,
    leading=14,
    textColor=C_INK,
    spaceBefore=6,
    spaceAfter=3,
)
CELL = _style("cell", fontSize=8.5, leading=11)
CELL_BOLD = _style("cell_bold", fontName=SEMIBOLD, fontSize=8.5, leading=11)
CELL_RIGHT = _style("cell_right", fontSize=8.5, leading=11, alignment=TA_RIGHT)
CELL_HEAD = _style("cell_head", fontName=SEMIBOLD, fontSize=8, leading=10.5, textColor="white")
CELL_HEAD_RIGHT = _style(
    "cell_head_right",
    fontName=SEMIBOLD,
    fontSize=8,
    leading=10.5,
    textColor="white",
    alignment=TA_RIGHT,
)
BIG_NUMBER = _style("big_number", fontName=LIGHT, fontSize=46, leading=50, textColor=C_NAVY)
LEAD = _style("lead", fontName=SEMIBOLD, fontSize=13, leading=17.5, textColor=C_INK, spaceAfter=4)
COVER_TITLE = _style("cover_title", fontName=LIGHT, fontSize=30, leading=36, textColor="white")
COVER_SUBTITLE = _style(
    "cover_subtitle", fontSize=13, leading=18, textColor=colors.HexColor("#d9e4f0")
)
COVER_ORG = _style(
    "cover_org", fontName=BOLD, fontSize=20, leading=25, textColor="white", spaceBefore=18
)
BADGE = _style(
    "badge", fontName=SEMIBOLD, fontSize=8, leading=10.5, textColor="white", alignment=TA_CENTER
)


def table_style(commands: Sequence[tuple[Any, ...]]) -> TableStyle:
    """A table style that also names the font: reportlab's Table otherwise selects Helvetica
    when it draws cells, which would put a non-embedded font in the file."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands])
