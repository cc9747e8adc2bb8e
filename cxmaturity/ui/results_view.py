"""The results, once revealed: the same charts as the PDF (one set of altair functions),
most divergent items first, each person's answer as a dot coloured by role."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import cast

import altair as alt
import pandas as pd
import streamlit as st

from cxmaturity import charts
from cxmaturity.formatting import number, signed
from cxmaturity.i18n import t
from cxmaturity.localized import Lang
from cxmaturity.report.context import ReportContext
from cxmaturity.report.findings import heatmap_absent
from cxmaturity.report.sentences import (
    agreement_cell,
    choice_sentence,
    first_choices,
    gap_cell,
    no_divergence,
    objectives_sentence,
    shares_an_order,
    top_objective_by_role,
    withheld_note,
)
from cxmaturity.report.summary import verdict_sentence
from cxmaturity.results.spread import answer_dots, withheld_answers
from cxmaturity.ui.console_data import outcome, questionnaire_of
from cxmaturity.ui.live_progress import reveal_button
from cxmaturity.ui.messages import friendly_errors
from cxmaturity.ui.plain import plain
from cxmaturity.workshops.access import Credential
from cxmaturity.workshops.lifecycle import RESULTS_VISIBLE
from cxmaturity.workshops.views import WorkshopView

#: Streamlit's frontend sizes charts with autosize "fit": the spec's height becomes the
#: whole chart's, axes, title and legend included, and the plot is squeezed into what is
#: left. "fit-x" fills the width and keeps the plot's own height (the PDF is unaffected).
_SCREEN_SIZE = alt.AutoSizeParams(type="fit-x", contains="padding")
_LARGE_HEIGHT = 2.0
_LARGE_TYPE = {
    "axis": {"labelFontSize": 17, "titleFontSize": 17},
    "legend": {"labelFontSize": 17, "titleFontSize": 17, "symbolSize": 160},
    "title": {"fontSize": 20},
}


def render(workshop: WorkshopView, token: Credential, lang: Lang) -> None:
    if not hidden_until_reveal(workshop, token, lang):
        with friendly_errors(lang):
            _results(workshop, token, lang)


def hidden_until_reveal(workshop: WorkshopView, token: Credential, lang: Lang) -> bool:
    """Before the reveal, say so (and offer it): nobody anchors on the first answers seen."""
    if workshop.status in RESULTS_VISIBLE:
        return False
    st.info(t("results_hidden", lang), icon=":material/visibility_off:")
    if workshop.status == "open":  # a draft has nobody to reveal yet
        reveal_button(workshop, token, lang)
    return True


Rows = Sequence[Mapping[str, object]]
Table = Callable[[Rows], None]


def data_frame(rows: Rows) -> None:
    st.dataframe(pd.DataFrame(rows), hide_index=True)


def chart(figure: alt.TopLevelMixin | None, large: bool = False) -> None:
    """`large`: the projector's, read from the back of a room — larger type, taller, and
    no title (the slide's heading says it)."""
    if figure is None:
        return
    sized = cast(alt.Chart, figure.properties(autosize=_SCREEN_SIZE))  # any top-level chart
    if large:  # a new config on the copy: the figure's own is shared with it
        config = sized.config.to_dict() if sized.config is not alt.Undefined else {}
        for part, size in _LARGE_TYPE.items():
            config[part] = {**config.get(part, {}), **size}
        sized.config = alt.Config.from_dict(config)
        sized.title = alt.Undefined
        if isinstance(sized.height, int):
            sized.height = int(sized.height * _LARGE_HEIGHT)
    st.altair_chart(sized, theme=None, width="stretch")


def _results(workshop: WorkshopView, token: Credential, lang: Lang) -> None:
    archive, r = outcome(workshop.id, token, workshop.revision)
    q = questionnaire_of(workshop)
    if not r.participants:
        st.info(t("results_nobody", lang), icon=":material/hourglass_empty:")
        return
    ctx = ReportContext(archive, q, r, lang)
    headline(ctx)

    profile(ctx)
    st.subheader(t("report_heatmap_title", lang), anchor=False)
    heatmap = charts.role_heatmap(r, q, lang)
    if heatmap is None:
        st.caption(heatmap_absent(ctx))
    chart(heatmap)

    _divergent(ctx)
    st.subheader(t("report_objectives_title", lang), anchor=False)
    objectives_body(ctx)
    st.subheader(t("report_definition_title", lang), anchor=False)
    definition_body(ctx)
    st.subheader(t("results_angle_title", lang), anchor=False)
    angle = r.alignment.starting_angle
    st.write(choice_sentence(ctx, angle, ctx.option_labels(angle)))
    chart(charts.choice_bars(r.alignment.starting_angle, q, lang))
    st.subheader(t("report_h_mistakes", lang), anchor=False)
    mistakes_body(ctx)
    _value_destruction(ctx)


def headline(ctx: ReportContext, people: bool = True) -> None:
    """The overall score and its level, how many answered (`people`), the alignment
    verdict, and the sentence that says it."""
    r, q, lang = ctx.results, ctx.q, ctx.lang
    columns = st.columns(3 if people else 2)
    overall, aligned = columns[0], columns[-1]
    overall.metric(t("results_overall", lang), number(r.overall.score, lang))
    if r.overall.level:
        level = q.level(r.overall.level).name(lang)
        overall.caption(t("report_level_line", lang, n=r.overall.level, name=level))
    if people:
        columns[1].metric(t("results_participants", lang), r.participants)
    aligned.metric(t("results_alignment", lang), t(f"verdict_{r.alignment.verdict}", lang))
    st.write(verdict_sentence(ctx))


def profile(ctx: ReportContext) -> None:
    """Each dimension's score against the levels (and its ambition), then the table."""
    st.subheader(t("report_h_profile", ctx.lang), anchor=False)
    profile_chart(ctx)
    ambitions_table(ctx)


def profile_chart(ctx: ReportContext, large: bool = False) -> None:
    r, q, lang = ctx.results, ctx.q, ctx.lang
    st.caption(
        t("report_profile_intro_ambition", lang) if q.ambitions else t("report_profile_intro", lang)
    )
    chart(charts.maturity_profile(r, q, lang), large=large)


def definition_body(ctx: ReportContext, large: bool = False) -> None:
    r, q, lang = ctx.results, ctx.q, ctx.lang
    st.write(
        choice_sentence(ctx, r.alignment.definition, ctx.option_labels(r.alignment.definition))
    )
    chart(charts.choice_bars(r.alignment.definition, q, lang), large=large)
    if q.reference_definition:  # shown after the team's answers, never among the options
        reference = q.reference_definition
        st.markdown(
            f"**{plain(t('report_reference_definition', lang, source=reference.source(lang)))}**"
        )
        st.caption(plain(reference.text(lang)))


def ambitions_table(ctx: ReportContext) -> None:
    """Where the team wants each dimension in 18 months, next to where it stands."""
    r, q, lang = ctx.results, ctx.q, ctx.lang
    if not q.ambitions:  # v1 workshops asked none
        return
    rows = [
        {
            t("col_dimension", lang): q.dimensions_by_id[d.id].name(lang),
            t("col_score", lang): number(d.score, lang),
            t("report_col_agreement", lang): agreement_cell(ctx, d.agreement, d.verdict),
            t("col_ambition", lang): number(d.ambition_level, lang, 1),
            t("col_ambition_agreement", lang): agreement_cell(
                ctx, d.ambition.agreement, d.ambition.verdict
            )
            if d.ambition
            else "–",
            t("col_gap", lang): signed(d.gap, lang),
        }
        for d in r.dimensions
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True)
    st.caption(f"{t('report_ambition_note', lang)} {t('results_ambition_agreement', lang)}")


def _divergent(ctx: ReportContext) -> None:
    r, q, lang = ctx.results, ctx.q, ctx.lang
    st.subheader(t("report_divergent_title", lang), anchor=False)
    shown = r.alignment.discussed
    if not shown:
        st.caption(no_divergence(ctx))
        return
    st.caption(t(f"report_divergent_intro_{r.role_figures}", lang))
    rows = []
    for n, question_id in enumerate(shown, start=1):
        item = r.item(question_id)
        rows.append(
            {
                "#": n,
                "item": q.questions[question_id].text(lang),
                "mean": number(item.mean, lang),
                "agreement": agreement_cell(ctx, item.agreement, item.verdict),
                "gap": gap_cell(ctx, item.role_gap),
                "consensus": str(item.consensus.level) if item.consensus else "",
            }
        )
    labels = {
        "item": t("col_item", lang),
        "mean": t("col_mean", lang),
        "agreement": t("report_col_agreement", lang),
        "gap": t("col_role_gap", lang),
        "consensus": t("col_consensus", lang),
    }
    table = pd.DataFrame(rows)
    if not any(row["consensus"] for row in rows):
        table = table.drop(columns="consensus")
    st.dataframe(table.rename(columns=labels), hide_index=True)
    st.caption(t("report_agreement_note", lang))
    dots = answer_dots(ctx.archive, shown)
    withheld = withheld_answers(ctx.archive, shown)
    for n, question_id in enumerate(shown, start=1):
        chart(charts.answers_by_role(dots, question_id, n, q, lang))
        if note := withheld_note(ctx, withheld, question_id):
            st.caption(note)


def objectives_body(ctx: ReportContext, table: Table | None = None, large: bool = False) -> None:
    """`table` draws the rows (a data frame here; the projector's large-type table)."""
    r, q, lang = ctx.results, ctx.q, ctx.lang
    a = r.alignment
    if not a.objectives.n:
        st.caption(t("report_no_answer", lang))
        return
    st.write(objectives_sentence(ctx, a.objectives))
    if shares_an_order(a.objectives):
        chart(charts.objectives_ranking(r, q, lang), large=large)
    options = q.options_of(q.key_questions.objectives)
    if len(a.objectives.top_by_role) >= 2:
        rows = [
            {
                t("col_role", lang): charts.group_label(group, q, lang),
                t("col_top_objective", lang): objective,
            }
            for group, objective in top_objective_by_role(ctx, a.objectives)
        ]
    else:
        rows = [
            {
                t("col_top_objective", lang): options[objective].label(lang),
                t("col_ranked_first", lang): t("count_of", lang, count=count, n=a.objectives.n),
            }
            for objective, count in first_choices(a.objectives).items()
        ]
    (table or data_frame)(rows)


def mistakes_body(ctx: ReportContext) -> None:
    q, lang = ctx.q, ctx.lang
    st.caption(t("report_mistakes_intro", lang))
    for result in ctx.results.mistakes:
        mistake = q.mistakes_by_id[result.id]
        risk = result.risk
        label = t(f"risk_{risk}", lang) if risk else t("report_risk_unknown", lang)
        with st.container(border=True):
            st.markdown(f"**{plain(mistake.name(lang))}** · {plain(label)}")
            if risk:
                st.caption(plain(getattr(mistake.meaning, risk)(lang)))
                st.caption(t("report_mistake_score", lang, score=number(result.score, lang)))
            if result.raised_by:
                st.caption(t("report_raised", lang))


def _value_destruction(ctx: ReportContext) -> None:
    """Participants' own words: plain text (never Markdown or HTML), wrapped so that a
    phone shows every word of it."""
    texts = ctx.results.framing.value_destruction
    st.subheader(t("results_value_title", lang := ctx.lang), anchor=False)
    if not texts:
        st.caption(t("report_free_text_none", lang))
        return
    st.caption(t("results_their_words", lang))
    with st.container(border=True):
        for text in texts:
            st.text(f"— {text}")
