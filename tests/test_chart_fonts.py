"""The faces vl-convert measures chart text with (fonts/charts) are the embedded Lato's,
minus what measuring never uses: same glyphs, same widths, so every label is laid out at
the width reportlab draws it."""

from __future__ import annotations

import io

import pytest
from fontTools.ttLib import TTFont

from cxmaturity.chart_layout import CHART_FONTS_DIR
from cxmaturity.report.fonts import FONTS_DIR
from tools.chart_fonts import FACES, chart_face

SLOW_TABLES = {"fpgm", "prep", "cvt ", "GSUB", "GPOS", "GDEF", "kern"}


@pytest.mark.parametrize("face", FACES)
def test_chart_face_has_every_glyph_at_the_same_width(face: str) -> None:
    full, chart = TTFont(FONTS_DIR / face), TTFont(CHART_FONTS_DIR / face)
    assert chart.getBestCmap() == full.getBestCmap()
    assert chart["hmtx"].metrics == full["hmtx"].metrics
    assert chart["head"].unitsPerEm == full["head"].unitsPerEm
    assert chart["name"].getDebugName(1) == "Lato"
    assert not SLOW_TABLES & set(chart.keys())
    assert (CHART_FONTS_DIR / face).stat().st_size < 0.5 * (FONTS_DIR / face).stat().st_size


@pytest.mark.parametrize("face", FACES)
def test_committed_chart_face_is_what_the_tool_writes(face: str) -> None:
    written = io.BytesIO()
    chart_face(FONTS_DIR / face).save(written)
    assert written.getvalue() == (CHART_FONTS_DIR / face).read_bytes()
