"""What every section of the report needs: the workshop, its results, words and numbers
in the report's language, and one way to draw tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table

from cxmaturity.archive.model import WorkshopArchive
from cxmaturity.charts import group_label
from cxmaturity.formatting import long_date, number, percent, signed
from cxmaturity.i18n import t
from cxmaturity.localized import Lang
from cxmaturity.questionnaire.model import AmbitionQuestion, Questionnaire
from cxmaturity.report.document import FRAME_WIDTH
from cxmaturity.report.markup import esc
from cxmaturity.report.styles import (
    C_NAVY,
    C_RULE,
    C_ZEBRA,
    CELL,
    CELL_HEAD,
    CELL_HEAD_RIGHT,
    CELL_RIGHT,
    table_style,
)
from cxmaturity.results.model import ChoiceResult, Results

#: A table cell: text (escaped, wrapped), a flowable, or flowables stacked.
Cell: TypeAlias = str | Flowable | list[Flowable]


@dataclass(frozen=True)
class ReportContext:
    archive: WorkshopArchive
    q: Questionnaire
    results: Results
    lang: Lang

    width: float = FRAME_WIDTH

    def t(self, key: str, /, **params: object) -> str:
        return t(key, self.lang, **params)

    def num(self, value: float | None, digits: int = 2) -> str:
        return number(value, self.lang, digits)

    def signed(self, value: float | None) -> str:
        return signed(value, self.lang)

    def pct(self, value: float | None) -> str:
        return percent(value, self.lang)

    def date(self) -> str:
        return long_date(self.archive.date, self.lang)

    def dimension(self, dimension_id: str) -> str:
        return self.q.dimensions_by_id[dimension_id].name(self.lang)

    def question(self, question_id: str) -> str:
        return self.q.questions[question_id].text(self.lang)

    def role(self, group: str, short: bool = False) -> str:
        return group_label(group, self.q, self.lang, short=short)

    def option_labels(self, result: ChoiceResult) -> dict[str, str]:
        return {
            o: option.label(self.lang)
            for o, option in self.q.options_of(result.question_id).items()
        }

    def level_name(self, level: int | None) -> str:
        return self.q.level(level).name(self.lang) if level else "–"

    def reason(self, key: str) -> str:
        """A question or dimension id, as a person reads it: a dimension's name, what a
        key question measures, or the question itself."""
        if key in self.q.dimensions_by_id:
            return self.dimension(key)
        keys = self.q.key_questions
        measured = {
            keys.definition: "definition",
            keys.objectives: "objectives",
            keys.starting_angle: "starting_angle",
            keys.cx_owner: "cx_owner",
            keys.kpis_measured: "kpis_measured",
        }
        if key in measured:
            return self.t(f"reason_{measured[key]}")
        question = self.q.questions[key]
        if isinstance(question, AmbitionQuestion):
            return self.t("reason_ambition", dimension=self.dimension(question.dimension))
        return self.question(key).rstrip(".")


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    numeric: Sequence[int] = (),
    style: ParagraphStyle = CELL,
) -> Table:
    """A table in the report's style; text cells become escaped, wrapping Paragraphs."""

    def cell(value: Cell, column: int, head: bool) -> Flowable | list[Flowable]:
        if not isinstance(value, str):
            return value
        if head:
            return Paragraph(esc(value), CELL_HEAD_RIGHT if column in numeric else CELL_HEAD)
        return Paragraph(esc(value), CELL_RIGHT if column in numeric else style)

    data = [[cell(v, i, True) for i, v in enumerate(header)]]
    data += [[cell(v, i, False) for i, v in enumerate(row)] for row in rows]
    result = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    commands: list[tuple[object, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), C_NAVY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, C_RULE),
    ]
    commands += [("BACKGROUND", (0, r), (-1, r), C_ZEBRA) for r in range(2, len(data), 2)]
    result.setStyle(table_style(commands))
    return result
