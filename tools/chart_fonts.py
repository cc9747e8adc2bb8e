"""Derive the faces vl-convert measures chart text with (`cxmaturity/report/fonts/charts`)
from the embedded Lato: every glyph and advance width kept, the hinting programs and the
OpenType layout tables dropped.

Why: without kerning and ligatures, which reportlab never applies when it draws the
text, each label measures exactly as wide as it is drawn. And vl-convert reads the font
for each label it measures: without the hinting programs, which measuring never runs,
the file is half the size and a report's layout a little faster (docs/PERFORMANCE.md,
section 3).

    .venv/bin/python -m tools.chart_fonts        (make chart-fonts)

tests/test_chart_fonts.py checks the committed files are what this writes.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parents[1] / "cxmaturity" / "report" / "fonts"
FACES = ("Lato-Regular.ttf", "Lato-Bold.ttf")


def chart_face(source: Path) -> TTFont:
    """`source` with every glyph, no hinting, no GSUB/GPOS/GDEF/kern."""
    options = subset.Options()
    options.glyph_names = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.hinting = False
    options.layout_features = []
    options.drop_tables += ["kern", "GSUB", "GPOS", "GDEF"]
    options.notdef_outline = True
    font = TTFont(source, recalcTimestamp=False)  # same source, same bytes
    subsetter = subset.Subsetter(options)
    subsetter.populate(glyphs=font.getGlyphOrder())
    subsetter.subset(font)
    return font


def write(target: Path = FONTS / "charts") -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FACES:
        font = chart_face(FONTS / name)
        font.save(target / name)
        written.append(target / name)
    return written


if __name__ == "__main__":
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # Lato's odd 'created' date
    for path in write(Path(sys.argv[1]) if len(sys.argv) > 1 else FONTS / "charts"):
        print(path, path.stat().st_size, "bytes")
