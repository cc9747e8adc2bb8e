"""Pages: an A4 cover with a navy band, then body pages with a running header and footer.

Page numbers read "page 3 / 12": the canvas keeps each page until the document is
complete, then stamps the totals. Header and footer text is drawn with drawString, which
does not read markup — a company name is printed as written.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from cxmaturity.report.fonts import REGULAR, SEMIBOLD
from cxmaturity.report.styles import BOTTOM_MARGIN, C_MUTED, C_NAVY, C_RULE, PAGE_MARGIN, TOP_MARGIN

PAGE_WIDTH, PAGE_HEIGHT = A4
FRAME_WIDTH = PAGE_WIDTH - 2 * PAGE_MARGIN
COVER_BAND = 0.46 * PAGE_HEIGHT


class _NumberedCanvas(canvas.Canvas):
    """Holds the pages back until the total is known, then writes the footers."""

    def __init__(
        self, *args: Any, footer_left: str = "", page_label: str = "{n} / {total}", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._footer_left = footer_left
        self._page_label = page_label
        self._saved: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._saved.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab's own, not in its stubs

    def save(self) -> None:
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            if self.getPageNumber() > 1:  # the cover has no footer
                self._footer(total)
            super().showPage()
        super().save()

    def _footer(self, total: int) -> None:
        self.saveState()
        self.setStrokeColor(C_RULE)
        self.setLineWidth(0.5)
        y = BOTTOM_MARGIN - 8 * mm
        self.line(PAGE_MARGIN, y + 10, PAGE_WIDTH - PAGE_MARGIN, y + 10)
        self.setFont(REGULAR, 7.5)
        self.setFillColor(C_MUTED)
        self.drawString(PAGE_MARGIN, y, _fit(self._footer_left, REGULAR, 7.5, FRAME_WIDTH * 0.75))
        label = self._page_label.format(n=self.getPageNumber(), total=total)
        self.drawRightString(PAGE_WIDTH - PAGE_MARGIN, y, label)
        self.restoreState()


def _frame(name: str, bottom: float, height: float) -> Frame:
    """A frame exactly as wide as the text column (no inner padding)."""
    return Frame(
        PAGE_MARGIN,
        bottom,
        FRAME_WIDTH,
        height,
        id=name,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )


def _fit(text: str, font: str, size: float, width: float) -> str:
    """`text`, shortened with an ellipsis to fit `width` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def build_pdf(
    story: Sequence[Flowable],
    *,
    title: str,
    author: str,
    subject: str,
    lang: str,
    header_left: str,
    header_right: str,
    footer_left: str,
    page_label: str,
) -> bytes:
    """Lay out `story` (cover flowables first) and return the PDF bytes — the same bytes
    for the same story."""
    buffer = io.BytesIO()

    def header(c: canvas.Canvas, _doc: BaseDocTemplate) -> None:
        c.saveState()
        y = PAGE_HEIGHT - TOP_MARGIN + 9 * mm
        c.setFont(SEMIBOLD, 7.5)
        c.setFillColor(C_NAVY)
        c.drawString(PAGE_MARGIN, y, _fit(header_left, SEMIBOLD, 7.5, FRAME_WIDTH * 0.55))
        c.setFont(REGULAR, 7.5)
        c.setFillColor(C_MUTED)
        c.drawRightString(
            PAGE_WIDTH - PAGE_MARGIN, y, _fit(header_right, REGULAR, 7.5, FRAME_WIDTH * 0.4)
        )
        c.setStrokeColor(C_RULE)
        c.setLineWidth(0.5)
        c.line(PAGE_MARGIN, y - 5, PAGE_WIDTH - PAGE_MARGIN, y - 5)
        c.restoreState()

    def cover(c: canvas.Canvas, _doc: BaseDocTemplate) -> None:
        c.saveState()
        c.setFillColor(C_NAVY)
        c.rect(0, PAGE_HEIGHT - COVER_BAND, PAGE_WIDTH, COVER_BAND, stroke=0, fill=1)
        c.setFillColor(C_MUTED)
        c.setFont(REGULAR, 7.5)
        c.drawString(
            PAGE_MARGIN, BOTTOM_MARGIN - 8 * mm, _fit(footer_left, REGULAR, 7.5, FRAME_WIDTH)
        )
        c.restoreState()

    band_frame = _frame("band", PAGE_HEIGHT - COVER_BAND + 14 * mm, COVER_BAND - 30 * mm)
    details_frame = _frame(
        "details", BOTTOM_MARGIN, PAGE_HEIGHT - COVER_BAND - BOTTOM_MARGIN - 10 * mm
    )
    body_frame = _frame("body", BOTTOM_MARGIN, PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN)
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=PAGE_MARGIN,
        rightMargin=PAGE_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=title,
        author=author,
        subject=subject,
        creator="cx-maturity",
        lang=lang,
        invariant=1,
        displayDocTitle=1,
        initialFontName=REGULAR,  # not Helvetica: every font in the file is embedded Lato
        pageTemplates=[
            PageTemplate(id="cover", frames=[band_frame, details_frame], onPage=cover),
            PageTemplate(id="body", frames=[body_frame], onPage=header),
        ],
    )

    def canvas_maker(*args: Any, **kwargs: Any) -> _NumberedCanvas:
        return _NumberedCanvas(*args, footer_left=footer_left, page_label=page_label, **kwargs)

    document.build(list(story), canvasmaker=canvas_maker)
    return buffer.getvalue()
