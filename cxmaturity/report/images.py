"""Charts into the PDF: Altair spec → PNG at print resolution with vl-convert, nothing fetched."""

from __future__ import annotations

import io

import altair as alt
import vl_convert
from reportlab.platypus import Image

from cxmaturity.formatting import LOCALES
from cxmaturity.localized import Lang
from cxmaturity.report.fonts import register_fonts

#: 3 × the 72-dpi layout size: about 216 dpi once placed, sharp on paper.
SCALE = 3


def chart_png(chart: alt.TopLevelMixin, lang: Lang) -> bytes:
    register_fonts()
    return vl_convert.vegalite_to_png(
        chart.to_dict(),
        scale=SCALE,
        allowed_base_urls=[],  # no network, no file access: everything is in the spec
        format_locale=LOCALES[lang].replace("_", "-"),
    )


def chart_image(
    chart: alt.TopLevelMixin, lang: Lang, max_width: float, max_height: float = 640
) -> Image:
    """The chart as a flowable, at its natural size, shrunk to fit `max_width` × `max_height`
    points (a page's text area) if larger."""
    png = chart_png(chart, lang)
    image = Image(io.BytesIO(png))
    width, height = image.imageWidth / SCALE, image.imageHeight / SCALE
    ratio = min(1.0, max_width / width, max_height / height)
    image.drawWidth, image.drawHeight = width * ratio, height * ratio
    image.hAlign = "LEFT"
    return image
