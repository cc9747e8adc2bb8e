"""Where the team stands and where it disagrees: profile, alignment, the three mistakes."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from cxmaturity import charts
from cxmaturity.formatting import after_colon
from cxmaturity.report import headlines
from cxmaturity.report.context import ReportContext, table
from cxmaturity.report.images import chart_image
from cxmaturity.report.markup import esc, muted, notation, para, rich, section_title
from cxmaturity.report.sentences import (
    agreement_cell,
    choice_sentence,
    first_choices,
    gap_cell,
    objectives_sentence,
    shares_an_order,
    top_objective_by_role,
    withheld_note,
)
from cxmaturity.report.styles import (
    BADGE,
    BODY,
    C_PANEL,
    C_RISK,
    CAPTION,
    CELL,
    H2,
    H3,
    QUOTE,
    table_style,
)
from cxmaturity.results.spread import answer_dots, nameable_roles, withheld_answers
from cxmaturity.results.verdicts import MIN_RESPONDENTS

#: How many of the discussed items the report plots answer by answer (the three the
#: summary names: each plot costs a chart layout, ~60 ms).
DIVERGENT_PLOTTED = 3


def maturity_profile(ctx: ReportContext) -> list[Flowable]:
    r = ctx.results
    story: list[Flowable] = [
        *section_title(ctx.t("report_h_profile"), headlines.profile(ctx)),
        para(
            ctx.t("report_profile_intro_ambition")
            if ctx.q.ambitions
            else ctx.t("report_profile_intro"),
            BODY,
        ),
    ]
    if r.overall.score is None:
        return [*story, para(ctx.t("summary_no_scores"), BODY)]
    story.append(chart_image(charts.maturity_profile(r, ctx.q, ctx.lang), ctx.lang, ctx.width))
    story.append(Spacer(1, 4 * mm))
    ambition = bool(ctx.q.ambitions)  # v2 on: the team's 18-month ambition and the gap to it
    rows = [
        [
            ctx.dimension(d.id),
            ctx.num(d.score),
            f"{d.level or '–'} · {ctx.level_name(d.level)}",
            agreement_cell(ctx, d.agreement, d.verdict),
            *([ctx.num(d.ambition_level, 1), ctx.signed(d.gap)] if ambition else []),
        ]
        for d in r.dimensions
    ]
    overall = r.overall
    rows.append(
        [
            ctx.t("report_overall_kicker"),
            ctx.num(overall.score),
            f"{overall.level} · {ctx.level_name(overall.level)}",
            "",
            *(["", ""] if ambition else []),
        ]
    )
    w = ctx.width
    header = [
        ctx.t("col_dimension"),
        ctx.t("col_score"),
        ctx.t("col_level"),
        ctx.t("report_col_agreement"),
    ]
    widths = [w * 0.36, w * 0.1, w * 0.3, w * 0.24]
    numeric = [1]
    note = ctx.t("report_agreement_note")
    if ambition:
        header += [ctx.t("col_ambition"), ctx.t("col_gap")]
        widths = [w * 0.25, w * 0.08, w * 0.24, w * 0.23, w * 0.11, w * 0.09]
        numeric += [4, 5]
        note += " " + ctx.t("report_ambition_note")
    story.append(table(header, rows, widths, numeric=numeric))
    story.append(notation(note, CAPTION))
    return story


def alignment(ctx: ReportContext) -> list[Flowable]:
    r, a = ctx.results, ctx.results.alignment
    story: list[Flowable] = [
        *section_title(ctx.t("report_h_alignment"), headlines.alignment(ctx)),
        para(ctx.t("report_alignment_intro"), BODY),
    ]

    story.append(para(ctx.t("report_heatmap_title"), H2))
    heatmap = charts.role_heatmap(r, ctx.q, ctx.lang)
    story.append(
        chart_image(heatmap, ctx.lang, ctx.width) if heatmap else para(heatmap_absent(ctx), BODY)
    )

    definition: list[Flowable] = [para(ctx.t("report_definition_title"), H2)]
    if a.definition.n:
        definition += [
            para(choice_sentence(ctx, a.definition, ctx.option_labels(a.definition)), BODY),
            chart_image(charts.choice_bars(a.definition, ctx.q, ctx.lang), ctx.lang, ctx.width),
        ]
    else:
        definition.append(para(ctx.t("report_no_answer"), BODY))
    story.append(KeepTogether(definition))
    story += _reference_definition(ctx)

    objectives: list[Flowable] = [para(ctx.t("report_objectives_title"), H2)]
    if a.objectives.n:
        objectives.append(para(objectives_sentence(ctx, a.objectives), BODY))
        if shares_an_order(a.objectives):
            objectives.append(
                chart_image(charts.objectives_ranking(r, ctx.q, ctx.lang), ctx.lang, ctx.width)
            )
        objectives += _objectives_by_role(ctx)
    else:
        objectives.append(para(ctx.t("report_no_answer"), BODY))
    story.append(KeepTogether(objectives))

    story += _divergent_items(ctx)
    story += _consensus(ctx)
    return story


def heatmap_absent(ctx: ReportContext) -> str:
    """Why no role comparison shows: one role only, or protected mode's threshold."""
    if ctx.results.role_figures == "open":
        return ctx.t("report_heatmap_one_role")
    return ctx.t("report_heatmap_none", k=ctx.results.min_group_size)


def _objectives_by_role(ctx: ReportContext) -> list[Flowable]:
    """Each role's first objective; without two roles to show, how many put each first."""
    o = ctx.results.alignment.objectives
    labels = ctx.q.options_of(ctx.q.key_questions.objectives)
    if len(o.top_by_role) >= 2:
        rows = [[ctx.role(g), top] for g, top in top_objective_by_role(ctx, o)]
        header = [ctx.t("col_role"), ctx.t("col_top_objective")]
        return [
            Spacer(1, 2 * mm),
            table(header, rows, [ctx.width * 0.4, ctx.width * 0.6]),
        ]
    rows = [
        [labels[option].label(ctx.lang), ctx.t("count_of", count=count, n=o.n)]
        for option, count in first_choices(o).items()
    ]
    header = [ctx.t("col_top_objective"), ctx.t("col_ranked_first")]
    return [
        Spacer(1, 2 * mm),
        table(header, rows, [ctx.width * 0.7, ctx.width * 0.3], numeric=[1]),
    ]


def _reference_definition(ctx: ReportContext) -> list[Flowable]:
    """The published definition the team can adopt: printed here, after its answers, and
    never offered among the options, where it would read as the expected answer."""
    reference = ctx.q.reference_definition
    if reference is None:
        return []
    return [
        KeepTogether(
            [
                para(ctx.t("report_reference_definition", source=reference.source(ctx.lang)), H3),
                para(reference.text(ctx.lang), QUOTE),
            ]
        )
    ]


def _consensus(ctx: ReportContext) -> list[Flowable]:
    """Every item the team settled in the discussion: the agreed level next to the average."""
    settled = [(item, item.consensus) for item in ctx.results.items if item.consensus is not None]
    if not settled:
        return []
    rows = []
    for item, agreed in settled:
        # Only roles the item may still name: one recorded while it had enough answers
        # is left out once it has fewer (a seat removed, an archive imported).
        nameable = set(nameable_roles(ctx.archive, ctx.q, item.question_id))
        moved = ", ".join(ctx.role(role) for role in agreed.moved if role in nameable) or "–"
        rows.append(
            [
                ctx.question(item.question_id),
                ctx.num(item.mean),
                ctx.t("level_short", n=agreed.level),
                agreed.note or "–",
                moved,
            ]
        )
    w = ctx.width
    header = [
        ctx.t("col_item"),
        ctx.t("col_mean"),
        ctx.t("col_consensus"),
        ctx.t("col_note"),
        ctx.t("col_moved"),
    ]
    return [
        para(ctx.t("report_consensus_title"), H2),
        para(ctx.t("report_consensus_intro"), BODY),
        table(header, rows, [w * 0.34, w * 0.1, w * 0.12, w * 0.26, w * 0.18], numeric=[1]),
    ]


def _divergent_items(ctx: ReportContext) -> list[Flowable]:
    a = ctx.results.alignment
    heading = para(ctx.t("report_divergent_title"), H2)
    shown = a.discussed
    if all(item.agreement is None for item in ctx.results.items):
        return [heading, para(ctx.t("report_divergent_unmeasurable"), BODY)]
    if not shown:
        return [heading, para(ctx.t("report_divergent_none"), BODY)]
    rows = []
    for number, question_id in enumerate(shown, start=1):
        item = ctx.results.item(question_id)
        rows.append(
            [
                str(number),
                ctx.question(question_id),
                ctx.num(item.mean),
                agreement_cell(ctx, item.agreement, item.verdict),
                gap_cell(ctx, item.role_gap),
            ]
        )
    w = ctx.width
    header = [
        "#",
        ctx.t("col_item"),
        ctx.t("col_mean"),
        ctx.t("report_col_agreement"),
        ctx.t("col_role_gap"),
    ]
    summary = table(header, rows, [w * 0.05, w * 0.43, w * 0.1, w * 0.18, w * 0.24], numeric=[2])
    intro = ctx.t(f"report_divergent_intro_{ctx.results.role_figures}")
    story: list[Flowable] = [
        KeepTogether([heading, para(intro, BODY), summary]),
        Spacer(1, 3 * mm),
    ]
    plotted = shown[:DIVERGENT_PLOTTED]
    dots = answer_dots(ctx.archive, plotted)
    withheld = withheld_answers(ctx.archive, plotted)
    for number, question_id in enumerate(plotted, start=1):
        chart = chart_image(
            charts.answers_by_role(dots, question_id, number, ctx.q, ctx.lang), ctx.lang, ctx.width
        )
        block: list[Flowable] = [chart, Spacer(1, 3 * mm)]
        if note := withheld_note(ctx, withheld, question_id):
            block.insert(1, para(note, CAPTION))
        if number == 1:
            block.insert(0, para(ctx.t("report_spread_title"), H3))
        story.append(KeepTogether(block))
    return story


def mistakes(ctx: ReportContext) -> list[Flowable]:
    opening: list[Flowable] = [
        *section_title(ctx.t("report_h_mistakes"), headlines.mistakes(ctx)),
        para(ctx.t("report_mistakes_intro"), BODY),
    ]
    story: list[Flowable] = []
    for result in ctx.results.mistakes:
        mistake = ctx.q.mistakes_by_id[result.id]
        risk = result.risk
        label = ctx.t(f"risk_{risk}") if risk else ctx.t("report_risk_unknown")
        badge = Table([[para(label.capitalize(), BADGE)]], colWidths=[96])
        badge.setStyle(
            table_style(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), C_RISK.get(risk or "", C_PANEL)),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        title = Table([[para(mistake.name(ctx.lang), H2), badge]], colWidths=[ctx.width - 96, 96])
        title.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        head: list[Flowable] = [
            title,
            rich(
                f"{muted(ctx.t('report_the_mistake'))} "
                f"{esc(after_colon(mistake.description(ctx.lang), ctx.lang))}",
                BODY,
            ),
        ]
        if risk:
            meaning = getattr(mistake.meaning, risk)(ctx.lang)
            meaning = after_colon(meaning, ctx.lang)
            head.append(rich(f"<b>{esc(what_it_means(ctx))}</b> {esc(meaning)}", BODY))
            head.append(para(ctx.t("report_mistake_score", score=ctx.num(result.score)), CAPTION))
        if result.raised_by:
            head.append(para(ctx.t("report_raised"), CAPTION))
        card = head
        if result.evidence:
            rows = [
                [ctx.question(qid), ctx.num(ctx.results.item(qid).mean)] for qid in result.evidence
            ]
            evidence = table(
                [ctx.t("report_evidence"), ctx.t("col_mean")],
                rows,
                [ctx.width * 0.84, ctx.width * 0.16],
                numeric=[1],
                style=CELL,
            )
            card.append(evidence)
        # The section's title and introduction travel with its first card: never a
        # title alone at the foot of a page.
        story += [KeepTogether([*opening, *card] if not story else card), Spacer(1, 7 * mm)]
    return story or opening


def what_it_means(ctx: ReportContext) -> str:
    """The catalogue's reading speaks of the team; under four respondents it is said as a
    conditional, about the people who answered."""
    n = ctx.results.participants
    if n == 1:
        return ctx.t("report_what_it_would_mean_one")
    if n < MIN_RESPONDENTS:
        return ctx.t("report_what_it_would_mean_few", n=n)
    return ctx.t("report_what_it_means")
