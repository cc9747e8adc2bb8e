"""The cover and the one-page executive summary: what a reader must take away."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, FrameBreak, KeepTogether, Spacer, Table

from cxmaturity.charts import MUTED, ordered_groups
from cxmaturity.formatting import long_date
from cxmaturity.report import headlines
from cxmaturity.report.context import ReportContext, table
from cxmaturity.report.markup import esc, muted, para, rich, section_title
from cxmaturity.report.sentences import kpi_line, level_caveat, sharpest_divergences
from cxmaturity.report.styles import (
    BIG_NUMBER,
    BODY,
    C_LEVELS,
    C_PANEL,
    C_RISK,
    CAPTION,
    CELL,
    CELL_BOLD,
    CELL_RIGHT,
    COVER_ORG,
    COVER_SUBTITLE,
    COVER_TITLE,
    H2,
    KICKER,
    LEAD,
    SMALL,
    table_style,
)
from cxmaturity.results.model import DimensionResult, RoadmapEntry
from cxmaturity.results.roadmap import due_by
from cxmaturity.results.summary import horizon_key, owner_label
from cxmaturity.results.verdicts import MIN_RESPONDENTS


def cover(ctx: ReportContext) -> list[Flowable]:
    r = ctx.results
    band = [
        para(ctx.t("report_title"), COVER_TITLE),
        Spacer(1, 3 * mm),
        para(ctx.t("report_subtitle"), COVER_SUBTITLE),
        para(ctx.archive.organisation, COVER_ORG),
        para(ctx.t("report_cover_date", date=ctx.date()), COVER_SUBTITLE),
    ]
    rows = [
        [ctx.role(group), str(r.groups[group])] for group in ordered_groups(set(r.groups), ctx.q)
    ]
    if r.hidden_participants:
        rows.append([ctx.t("report_cover_hidden"), str(r.hidden_participants)])
    details: list[Flowable] = [
        para(ctx.t("report_cover_participants", n=r.participants), LEAD),
        Spacer(1, 2 * mm),
    ]
    if rows:
        details.append(
            table(
                [ctx.t("col_role"), ctx.t("chart_people")],
                rows,
                [ctx.width * 0.6, ctx.width * 0.15],
                numeric=[1],
            )
        )
    note = (
        ctx.t("report_anonymity_note_open")
        if r.role_figures == "open"
        else ctx.t("report_anonymity_note", k=r.min_group_size)
    )
    details += [
        Spacer(1, 5 * mm),
        para(note, CAPTION),
        para(
            ctx.t("report_cover_questionnaire", title=ctx.q.title(ctx.lang), version=ctx.q.version),
            CAPTION,
        ),
        para(ctx.t("report_cover_language"), CAPTION),
    ]
    return [*band, FrameBreak(), *details]


def executive_summary(ctx: ReportContext) -> list[Flowable]:
    """One page, in words drawn from the answers: where the team stands (the level's text
    reconciled with the evidence), how aligned it is, what divides it, and the first moves
    — no statistic named."""
    r = ctx.results
    story: list[Flowable] = section_title(ctx.t("report_h_summary"), headlines.summary(ctx))
    if r.participants == 1:
        story.append(para(ctx.t("report_single_respondent"), LEAD))
    elif r.participants < MIN_RESPONDENTS:
        story.append(para(ctx.t("report_few_respondents", n=r.participants), LEAD))
    story.append(_overall_block(ctx))
    story.append(Spacer(1, 5 * mm))
    scored = [d for d in r.dimensions if d.score is not None]
    if scored:
        ranked = sorted(scored, key=lambda d: (-d.score, d.id))  # type: ignore[operator]
        story.append(_strengths_and_weaknesses(ctx, ranked[:3], ranked[::-1][:3]))
    story += [para(ctx.t("report_alignment_kicker"), H2), para(verdict_sentence(ctx), BODY)]
    divergences = sharpest_divergences(ctx)
    if divergences:
        story.append(para(ctx.t("report_divergences_kicker"), H2))
        story += [para(f"• {line}", SMALL) for line in divergences]
    story += [para(ctx.t("report_mistakes_kicker"), H2), _mistakes_at_a_glance(ctx)]
    story.append(para(ctx.t("report_first_actions"), H2))
    for number, entry in enumerate(r.roadmap[:3], start=1):
        story.append(KeepTogether(first_move(ctx, number, entry)))
    if not r.roadmap:
        story.append(para(ctx.t("report_no_actions"), BODY))
    return story


def first_move(ctx: ReportContext, number: int, entry: RoadmapEntry) -> list[Flowable]:
    """An action as the committee reads it: what, what exists at the end, who, and how it
    is tracked from today's baseline."""
    action = ctx.q.actions_by_id[entry.action_id]
    due = long_date(due_by(entry, ctx.archive.date), ctx.lang)  # as the team set it
    owner = esc(owner_label(ctx.q, entry, ctx.lang))  # a name the team typed: text only
    lines = [f"<b>{number}. {esc(action.title(ctx.lang))}</b>"]
    if action.deliverable is not None:
        lines.append(esc(ctx.t("report_deliverable", text=action.deliverable(ctx.lang))))
    meta = f"{owner} · {ctx.t(horizon_key(entry.horizon))} · {kpi_line(ctx, entry, due)}"
    lines.append(muted(meta))
    return [rich("<br/>".join(lines), SMALL), Spacer(1, 2 * mm)]


def _mistakes_at_a_glance(ctx: ReportContext) -> Flowable:
    cells = []
    for result in ctx.results.mistakes:
        name = ctx.q.mistakes_by_id[result.id].name(ctx.lang)
        risk = ctx.t(f"risk_{result.risk}") if result.risk else ctx.t("report_risk_unknown")
        cells.append([para(name, CELL_BOLD), para(risk.capitalize(), CELL)])
    row = Table([cells], colWidths=[ctx.width / 3] * 3)
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]
    for i, result in enumerate(ctx.results.mistakes):
        commands += [
            ("LINEBEFORE", (i, 0), (i, 0), 3, C_RISK.get(result.risk or "", C_PANEL)),
            ("BACKGROUND", (i, 0), (i, 0), C_PANEL),
        ]
    row.setStyle(table_style(commands))
    return row


def verdict_sentence(ctx: ReportContext) -> str:
    """The team's alignment over seed 002's three questions, each with its own verdict."""
    a = ctx.results.alignment
    if a.verdict == "too_few":
        return ctx.t("report_verdict_too_few")
    return ctx.t(
        f"report_verdict_{a.verdict}",
        definition=ctx.t(f"verdict_{a.definition.verdict}"),
        objectives=ctx.t(f"verdict_{a.objectives.verdict}"),
        ambition=ctx.t(f"verdict_{a.ambition.verdict}" if a.ambition else "verdict_not_asked"),
    )


def _overall_block(ctx: ReportContext) -> Flowable:
    overall = ctx.results.overall
    if overall.score is None or overall.level is None:
        return para(ctx.t("summary_no_scores"), LEAD)
    level = ctx.q.level(overall.level)
    left = [
        para(ctx.t("report_overall_kicker"), KICKER),
        rich(
            f"{esc(ctx.num(overall.score))}<font size='16' color='{MUTED}'> / 5</font>", BIG_NUMBER
        ),
    ]
    right = [para(ctx.t("report_level_line", n=overall.level, name=level.name(ctx.lang)), LEAD)]
    caveat = level_caveat(ctx)
    if caveat:  # the evidence first; the level's text as what it describes, not as a fact
        right += [
            para(caveat, BODY),
            para(ctx.t("report_level_describes", text=level.description(ctx.lang)), CAPTION),
        ]
    else:
        right.append(para(level.description(ctx.lang), BODY))
    block = Table([[left, right]], colWidths=[ctx.width * 0.34, ctx.width * 0.66])
    block.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), C_PANEL),
                ("LINEBEFORE", (0, 0), (0, 0), 4, C_LEVELS[overall.level - 1]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 10),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
                ("LEFTPADDING", (0, 0), (-1, -1), 12),
                ("RIGHTPADDING", (0, 0), (-1, -1), 12),
            ]
        )
    )
    return block


def _strengths_and_weaknesses(
    ctx: ReportContext, strongest: list[DimensionResult], weakest: list[DimensionResult]
) -> Flowable:
    def column(title: str, dimensions: list[DimensionResult]) -> Table:
        rows = [["", para(title, CELL_BOLD), ""]]
        for d in dimensions:
            rows.append(["", para(ctx.dimension(d.id), CELL), para(ctx.num(d.score), CELL_RIGHT)])
        inner = Table(rows, colWidths=[4, ctx.width * 0.47 - 50, 40])
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (1, 0), (-1, 0), 0.6, C_LEVELS[2]),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        commands += [
            ("BACKGROUND", (0, i), (0, i), C_LEVELS[(d.level or 1) - 1])
            for i, d in enumerate(dimensions, start=1)
        ]
        inner.setStyle(table_style(commands))
        return inner

    outer = Table(
        [
            [
                column(ctx.t("report_strengths"), strongest),
                column(ctx.t("report_weaknesses"), weakest),
            ]
        ],
        colWidths=[ctx.width * 0.5, ctx.width * 0.5],
    )
    outer.setStyle(
        table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    return outer
