"""archive → results → the PDF, in the workshop's language or another."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, NextPageTemplate, PageBreak, Spacer

from cxmaturity.archive.model import WorkshopArchive
from cxmaturity.i18n import t
from cxmaturity.localized import Lang
from cxmaturity.questionnaire.model import Questionnaire
from cxmaturity.report.context import ReportContext
from cxmaturity.report.document import PAGE_HEIGHT, build_pdf
from cxmaturity.report.findings import alignment, maturity_profile, mistakes
from cxmaturity.report.fonts import register_fonts
from cxmaturity.report.plan import appendix, framing, ninety_days, roadmap
from cxmaturity.report.styles import BOTTOM_MARGIN, TOP_MARGIN
from cxmaturity.report.summary import cover, executive_summary
from cxmaturity.results import compute_results

PDF_LANGUAGE = {"fr": "fr-FR", "en": "en-GB"}
#: A section that follows another starts on the same page when this much of the page is
#: still free: a chart alone at the top of a page is not followed by a blank half page.
SHARED_PAGE_ROOM = 0.35 * (PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN)


def build_report(archive: WorkshopArchive, q: Questionnaire, lang: Lang | None = None) -> bytes:
    """The report as PDF bytes (for a file or a download button); same input, same bytes."""
    register_fonts()
    language: Lang = lang or archive.language
    ctx = ReportContext(archive=archive, q=q, results=compute_results(archive, q), lang=language)
    # (section, whether it opens a page of its own whatever room is left)
    sections = [
        (executive_summary, True),
        (ninety_days, True),
        (maturity_profile, True),
        (alignment, True),
        (mistakes, False),
        (framing, True),
        (roadmap, True),
        (appendix, True),
    ]
    story: list[Flowable] = [*cover(ctx), NextPageTemplate("body")]
    for section, own_page in sections:
        flowables = section(ctx)
        while flowables and isinstance(flowables[-1], Spacer):
            flowables.pop()  # a trailing space that spills over would leave a blank page
        if flowables:  # a section with nothing to say takes no page
            story += [PageBreak() if own_page else CondPageBreak(SHARED_PAGE_ROOM), *flowables]
    title = t("report_title", language)
    return build_pdf(
        story,
        title=f"{title} — {archive.organisation}",
        author=archive.organisation,
        subject=t("report_subtitle", language),
        lang=PDF_LANGUAGE[language],
        header_left=archive.organisation,
        header_right=title,
        footer_left=t("report_confidential", language, organisation=archive.organisation),
        page_label=t("report_page", language, n="{n}", total="{total}"),
    )
