"""What the team said it wants, and what to do: framing synthesis, roadmap, appendix."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from cxmaturity import charts
from cxmaturity.charts import NAVY
from cxmaturity.formatting import long_date
from cxmaturity.report import headlines
from cxmaturity.report.context import Cell, ReportContext, table
from cxmaturity.report.images import chart_image
from cxmaturity.report.markup import esc, markdown_flowables, muted, para, rich, section_title
from cxmaturity.report.sentences import (
    agreement_cell,
    first_choices,
    kpi_label,
    kpi_progress,
    objectives_sentence,
    roadmap_choices,
    share,
    shares_an_order,
    top_objective_by_role,
)
from cxmaturity.report.styles import BODY, CAPTION, CELL, CELL_BOLD, H1, H2, H3, QUOTE, SMALL
from cxmaturity.results.model import ChoiceResult, RoadmapEntry
from cxmaturity.results.roadmap import HORIZONS, horizon_end
from cxmaturity.results.summary import horizon_key, owner_label

DOCS = Path(__file__).resolve().parents[2] / "docs"
METHOD = {"fr": DOCS / "METHOD.fr.md", "en": DOCS / "METHOD.md"}


def framing(ctx: ReportContext) -> list[Flowable]:
    r, q = ctx.results, ctx.q
    keys = q.key_questions
    story: list[Flowable] = [
        para(ctx.t("report_h_framing"), H1),
        para(ctx.t("report_framing_intro"), BODY),
    ]

    scope: list[Flowable] = [
        para(ctx.t("report_scope_title"), H2),
        para(ctx.question(keys.cx_owner), H3),
    ]
    scope += _choice(ctx, r.framing.cx_owner)
    scope.append(_items_table(ctx, _items_citing(ctx, "scope")))
    story.append(KeepTogether(scope))

    objectives: list[Flowable] = [para(ctx.t("report_objectives_framing_title"), H2)]
    options = q.options_of(keys.objectives)
    ranked = r.alignment.objectives
    if not ranked.n:
        objectives.append(para(ctx.t("report_no_answer"), BODY))
    elif shares_an_order(ranked):
        objectives.append(para(ctx.t("report_objectives_order"), BODY))
        for i, o in enumerate(ranked.order, start=1):
            rank = ctx.t("report_mean_rank", rank=ctx.num(ranked.mean_ranks[o], 1))
            objectives.append(
                rich(f"<b>{i}. {esc(options[o].label(ctx.lang))}</b> {muted('— ' + rank)}", BODY)
            )
    else:  # no shared order to print: what each role, or each respondent, puts first
        objectives.append(para(objectives_sentence(ctx, ranked), BODY))
        if len(ranked.top_by_role) >= 2:
            objectives.append(para(ctx.t("objectives_by_role"), BODY))
            for group, top in top_objective_by_role(ctx, ranked):
                line = f"<b>{esc(ctx.role(group))}</b> {muted('— ' + top)}"
                objectives.append(rich(line, BODY))
        else:
            objectives.append(para(ctx.t("objectives_first_choices"), BODY))
            for o, count in first_choices(ranked).items():
                counted = muted("— " + ctx.t("count_of", count=count, n=ranked.n))
                objectives.append(rich(f"<b>{esc(options[o].label(ctx.lang))}</b> {counted}", BODY))
    story.append(KeepTogether(objectives))

    angle = r.alignment.starting_angle
    start: list[Flowable] = [para(ctx.t("report_angle_title"), H2)]
    if angle.modal_option:
        label = q.options_of(keys.starting_angle)[angle.modal_option].label(ctx.lang)
        if angle.verdict == "divided" or angle.tied > 1:  # no angle leads a split team
            line = ctx.t("report_angle_not_shared")
        elif angle.n > 1:
            count = angle.counts[angle.modal_option]
            line = ctx.t("report_angle_line", option=label, share=share(ctx, count, angle.n))
        else:
            line = ctx.t("report_angle_single", option=label)
        start.append(para(line, BODY))
        start.append(chart_image(charts.choice_bars(angle, q, ctx.lang), ctx.lang, ctx.width))
    else:
        start.append(para(ctx.t("report_no_answer"), BODY))
    story.append(KeepTogether(start))

    value: list[Flowable] = [para(ctx.t("report_value_title"), H2)]
    value.append(_items_table(ctx, _items_citing(ctx, "value_destruction", "best_experience")))
    value.append(para(ctx.question(keys.value_destruction), H3))
    story.append(KeepTogether(value))
    story += _free_texts(ctx)

    story.append(para(ctx.t("report_kpis_title"), H2))
    measured = r.framing.kpis_measured
    if measured.n:
        labels = q.options_of(measured.question_id)
        rows = [
            [labels[o].label(ctx.lang), share(ctx, count, measured.n)]
            for o, count in measured.counts.items()
        ]
        header = [ctx.t("col_indicator"), ctx.t("col_share_measured")]
        story.append(table(header, rows, [ctx.width * 0.64, ctx.width * 0.36], numeric=[1]))
        base = (
            ctx.t("report_kpis_base_one")
            if measured.n == 1
            else ctx.t("report_kpis_base", n=measured.n)
        )
        story.append(para(base, CAPTION))
        frequency = r.framing.kpis_frequency
        if frequency is not None and frequency.modal_option:
            label = q.options_of(frequency.question_id)[frequency.modal_option].label(ctx.lang)
            story.append(
                para(
                    ctx.t(
                        "report_kpis_frequency",
                        option=label,
                        share=share(ctx, frequency.counts[frequency.modal_option], frequency.n),
                    ),
                    CAPTION,
                )
            )
    else:
        story.append(para(ctx.t("report_no_answer"), BODY))
    return story


def roadmap(ctx: ReportContext) -> list[Flowable]:
    r, q = ctx.results, ctx.q
    story: list[Flowable] = [
        *section_title(ctx.t("report_h_roadmap"), headlines.roadmap(ctx)),
        para(ctx.t("report_roadmap_intro"), BODY),
    ]
    reviewed = sum(e.status == "accepted" for e in r.roadmap)
    if reviewed or r.roadmap_dropped:
        story.append(
            para(
                ctx.t("report_reviewed", accepted=reviewed, dropped=len(r.roadmap_dropped)), CAPTION
            )
        )
    if not r.roadmap:
        return [*story, para(ctx.t("report_no_actions"), BODY)]
    present = _present(ctx)
    numbers = {e.action_id: i for i, e in enumerate(r.roadmap, start=1)}
    w = ctx.width
    for horizon in HORIZONS:
        entries = [e for e in r.roadmap if e.horizon == horizon]
        if not entries:
            continue
        rows: list[list[Cell]] = [
            [
                str(numbers[e.action_id]),
                _action_cell(ctx, e),
                _owner(ctx, e, present),
                kpi_label(ctx, e),
            ]
            for e in entries
        ]
        header = ["#", ctx.t("col_action"), ctx.t("col_owner"), ctx.t("col_kpi")]
        story.append(para(ctx.t(horizon_key(horizon)), H2))
        story.append(table(header, rows, [w * 0.05, w * 0.59, w * 0.18, w * 0.18]))
    timeline = chart_image(charts.roadmap_timeline(r.roadmap, q, ctx.lang), ctx.lang, ctx.width)
    story.append(
        KeepTogether(
            [
                para(ctx.t("report_timeline_title"), H2),
                timeline,
                para(ctx.t("report_timeline_note"), CAPTION),
            ]
        )
    )
    return story


#: The plan is reviewed two weeks after its horizon ends: time to measure what it did.
REVIEW_AFTER_DAYS = 14


def ninety_days(ctx: ReportContext) -> list[Flowable]:
    """The first quarter's actions, each with its deliverable, owner and KPI baseline →
    target; skipped when no action starts in it."""
    entries = [e for e in ctx.results.roadmap if e.horizon == "0-3m"]
    if not entries:
        return []
    end = horizon_end(ctx.archive.date, "0-3m")
    review = long_date(end + dt.timedelta(days=REVIEW_AFTER_DAYS), ctx.lang)
    date = long_date(end, ctx.lang)
    if len(entries) == 1:
        headline = ctx.t("headline_ninety_days_one", date=date, review=review)
    else:
        headline = ctx.t("headline_ninety_days", k=len(entries), date=date, review=review)
    numbers = {e.action_id: i for i, e in enumerate(ctx.results.roadmap, start=1)}
    rows: list[list[Cell]] = []
    for e in entries:
        action = ctx.q.actions_by_id[e.action_id]
        cell: list[Flowable] = [rich(f"<b>{esc(action.title(ctx.lang))}</b>", CELL_BOLD)]
        if action.deliverable is not None:
            cell.append(para(action.deliverable(ctx.lang), CELL))
        rows.append(
            [
                str(numbers[e.action_id]),
                cell,
                _owner(ctx, e, _present(ctx)),
                _kpi_cell(ctx, e),
            ]
        )
    w = ctx.width
    header = ["#", ctx.t("col_deliverable"), ctx.t("col_owner"), ctx.t("col_baseline_target")]
    return [
        *section_title(ctx.t("report_h_ninety_days"), headline),
        para(ctx.t("ninety_days_intro"), BODY),
        table(header, rows, [w * 0.05, w * 0.55, w * 0.17, w * 0.23]),
    ]


def _kpi_cell(ctx: ReportContext, entry: RoadmapEntry) -> str:
    label = kpi_label(ctx, entry)
    found = kpi_progress(ctx, entry)
    if found is None:
        return ctx.t("kpi_cell_none", kpi=label)
    return ctx.t("kpi_cell", kpi=label, baseline=found[0], target=found[1])


def appendix(ctx: ReportContext) -> list[Flowable]:
    r = ctx.results
    story: list[Flowable] = [para(ctx.t("report_h_appendix"), H1)]
    story += markdown_flowables(METHOD[ctx.lang].read_text(encoding="utf-8"))
    if r.role_figures == "open":
        anonymity = (
            ctx.t("report_anonymity_open_one")
            if r.participants == 1
            else ctx.t("report_anonymity_open", n=r.participants)
        )
    elif r.hidden_participants:
        anonymity = ctx.t(
            "report_anonymity_some_hidden",
            k=r.min_group_size,
            n=r.participants,
            hidden=r.hidden_participants,
        )
    else:
        anonymity = ctx.t("report_anonymity_all_shown", k=r.min_group_size, n=r.participants)
    story += [
        para(ctx.t("report_anonymity_title"), H2),
        para(anonymity, BODY),
        para(ctx.t("report_levels_title"), H2),
    ]
    for level in ctx.q.levels:
        title = f"{ctx.t('level_label', n=level.level)} · {level.name(ctx.lang)}"
        story.append(
            KeepTogether(
                [
                    rich(f"<b>{esc(title)}</b>", BODY),
                    para(level.description(ctx.lang), SMALL),
                    Spacer(1, 2 * mm),
                ]
            )
        )
    return story


def _choice(ctx: ReportContext, result: ChoiceResult) -> list[Flowable]:
    if not result.n:
        return [para(ctx.t("report_no_answer"), BODY)]
    return [chart_image(charts.choice_bars(result, ctx.q, ctx.lang), ctx.lang, ctx.width)]


def _items_citing(ctx: ReportContext, *concepts: str) -> list[str]:
    """The scored items that cite each concept in turn (questionnaire order within one):
    the framing synthesis gathers them from wherever they are asked."""
    found: list[str] = []
    for concept in concepts:
        found += [x.id for x in ctx.q.scored_items if concept in x.concepts and x.id not in found]
    return found


def _items_table(ctx: ReportContext, question_ids: list[str]) -> Flowable:
    rows = [
        [
            ctx.question(qid),
            ctx.num(ctx.results.item(qid).mean),
            agreement_cell(ctx, ctx.results.item(qid).agreement, ctx.results.item(qid).verdict),
        ]
        for qid in question_ids
    ]
    return table(
        [ctx.t("col_item"), ctx.t("col_mean"), ctx.t("report_col_agreement")],
        rows,
        [ctx.width * 0.62, ctx.width * 0.12, ctx.width * 0.26],
        numeric=[1],
    )


def _free_texts(ctx: ReportContext) -> list[Flowable]:
    texts = ctx.results.framing.value_destruction
    if not texts:
        return [para(ctx.t("report_free_text_none"), BODY)]
    counted = Counter(texts)
    lines: list[Flowable] = [para(ctx.t("report_free_text_note"), CAPTION)]
    for text in sorted(counted):  # alphabetical: the order reveals no one
        times = f" {muted(ctx.t('report_times', n=counted[text]))}" if counted[text] > 1 else ""
        lines.append(rich(f"{esc(text)}{times}", QUOTE))
    return lines


def _action_cell(ctx: ReportContext, entry: RoadmapEntry) -> list[Flowable]:
    action = ctx.q.actions_by_id[entry.action_id]
    title = esc(action.title(ctx.lang))
    if entry.first_step:
        from_angle = any(c.startswith("first_step:") for c in entry.choices)
        tag = ctx.t("report_first_step") if from_angle else ctx.t("report_first_project")
        title = f"{title} <font color='{NAVY}'>— {esc(tag)}</font>"
    cell: list[Flowable] = [rich(title, CELL_BOLD), para(action.rationale(ctx.lang), CELL)]
    details = []
    signals = [ctx.reason(key) for key in entry.because[:3]]
    if signals:
        details.append(ctx.t("report_signals", items=" · ".join(signals)))
    if entry.due:
        details.append(ctx.t("report_due", date=long_date(entry.due, ctx.lang)))
    if details:
        cell.append(para(" — ".join(details), CAPTION))
    for said in roadmap_choices(ctx, entry):  # the engine's choices, each traceable
        cell.append(para(said, CAPTION))
    return cell


def _level_title(ctx: ReportContext, number: int, name: str) -> str:
    return f"{ctx.t('level_label', n=number)} · {name}"


def _present(ctx: ReportContext) -> set[str] | None:
    """The roles that answered, in open mode; None in protected mode, which never says
    which roles took part (no "to be brought in" flag there)."""
    if ctx.results.role_figures != "open":
        return None
    return {p.role for p in ctx.archive.participants if p.answers}


def _owner(ctx: ReportContext, entry: RoadmapEntry, present: set[str] | None) -> str:
    """Who owns the action: the person the team named and their role, or the role; a
    role nobody from that function answered for is flagged — in open mode only
    (`present` is None in protected mode, where attendance is not shown)."""
    label = owner_label(ctx.q, entry, ctx.lang)
    if entry.owner_name or present is None or entry.owner_role in present:
        return label
    return ctx.t("report_owner_absent", owner=label)
