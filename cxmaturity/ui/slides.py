"""The projector's findings, one screen each (`cxmaturity.deck` decides which, in which
order): the same figures, sentences and charts as the results view and the PDF, in type
the back of the room can read. Participant text stays plain text.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import streamlit as st

from cxmaturity import charts
from cxmaturity.deck import Slide, SlideKind
from cxmaturity.formatting import long_date
from cxmaturity.i18n import t
from cxmaturity.localized import Lang
from cxmaturity.report.context import ReportContext
from cxmaturity.report.sentences import item_facts, no_divergence, withheld_note
from cxmaturity.results.roadmap import due_by
from cxmaturity.results.spread import answer_dots, nameable_roles, withheld_answers
from cxmaturity.results.summary import horizon_key, owner_label
from cxmaturity.ui.consensus_view import consensus_form
from cxmaturity.ui.plain import plain
from cxmaturity.ui.results_view import (
    Rows,
    chart,
    definition_body,
    headline,
    mistakes_body,
    objectives_body,
    profile_chart,
)
from cxmaturity.workshops.access import Credential
from cxmaturity.workshops.views import WorkshopView

#: Role names in the projector's type ("Relation client / service client" in full).
ROLE_LABELS_PX = 320


def title(ctx: ReportContext, slide: Slide, slides: list[Slide]) -> str:
    """The slide's heading; a divergence is numbered among the divergences."""
    lang = ctx.lang
    if slide.kind == "divergence":
        divergences = [s for s in slides if s.kind == "divergence"]
        n = divergences.index(slide) + 1
        return t("present_divergence_title", lang, n=n, total=len(divergences))
    if slide.kind == "ambition" and not ctx.q.ambitions:  # v1 questionnaires ask none
        return t("report_h_profile", lang)
    return _TITLES[slide.kind](lang)


_TITLES: dict[SlideKind, Callable[[Lang], str]] = {
    "summary": lambda lang: t("present_summary_title", lang),
    "definition": lambda lang: t("report_definition_title", lang),
    "objectives": lambda lang: t("report_objectives_title", lang),
    "ambition": lambda lang: t("present_ambition_title", lang),
    "mistakes": lambda lang: t("report_h_mistakes", lang),
    "roadmap": lambda lang: t("report_h_roadmap", lang),
}


def draw(
    ctx: ReportContext,
    slide: Slide,
    slides: list[Slide],
    workshop: WorkshopView,
    token: Credential,
) -> None:
    st.title(title(ctx, slide, slides), anchor=False)
    if slide.kind == "summary":
        _summary(ctx, slides)
    elif slide.kind == "divergence" and slide.question_id:
        _divergence(ctx, slide.question_id, workshop, token)
    elif slide.kind == "definition":
        definition_body(ctx, large=True)
    elif slide.kind == "objectives":
        objectives_body(ctx, table=room_table, large=True)
    elif slide.kind == "ambition":
        _ambition(ctx)
    elif slide.kind == "mistakes":
        mistakes_body(ctx)
    elif slide.kind == "roadmap":
        _roadmap(ctx, workshop)


def _summary(ctx: ReportContext, slides: list[Slide]) -> None:
    r, lang = ctx.results, ctx.lang
    if not r.participants:
        st.info(t("results_nobody", lang), icon=":material/hourglass_empty:")
        return
    headline(ctx)
    discussed = sum(s.kind == "divergence" for s in slides)
    if discussed:
        st.write(t("present_divergences_ahead", lang, n=discussed))
    else:
        st.write(no_divergence(ctx))


def _divergence(
    ctx: ReportContext, question_id: str, workshop: WorkshopView, token: Credential
) -> None:
    """The item, every answer as a dot by role, and the consensus the room reaches."""
    r, q, lang = ctx.results, ctx.q, ctx.lang
    item = r.item(question_id)
    st.subheader(plain(q.questions[question_id].text(lang)), anchor=False)
    st.write(plain(item_facts(ctx, question_id, with_consensus=False)))  # the expander says it
    dots = answer_dots(ctx.archive, [question_id])
    figure = charts.answers_by_role(dots, question_id, 1, q, lang, label_limit=ROLE_LABELS_PX)
    chart(figure, large=True)
    if note := withheld_note(ctx, withheld_answers(ctx.archive, [question_id]), question_id):
        st.caption(note)
    with st.expander(
        t("present_consensus_recorded", lang, level=item.consensus.level)
        if item.consensus
        else t("present_consensus_record", lang),
        icon=":material/handshake:",
    ):
        consensus_form(
            workshop, token, q, r, question_id, nameable_roles(ctx.archive, q, question_id), lang
        )


def _ambition(ctx: ReportContext) -> None:
    """The profile only: it already draws each dimension's ambition beside its score;
    the table of agreements stays in the console and the PDF."""
    profile_chart(ctx, large=True)


def _roadmap(ctx: ReportContext, workshop: WorkshopView) -> None:
    r, q, lang = ctx.results, ctx.q, ctx.lang
    if not r.roadmap:
        st.write(t("headline_roadmap_none", lang))
        return
    rows: Rows = [
        {
            "#": n,
            t("col_action", lang): q.actions_by_id[entry.action_id].title(lang),
            t("present_col_horizon", lang): t(horizon_key(entry.horizon), lang),
            t("col_owner", lang): owner_label(q, entry, lang),
            t("roadmap_due", lang): long_date(due_by(entry, workshop.workshop_date), lang),
        }
        for n, entry in enumerate(r.roadmap, start=1)
    ]
    room_table(rows)
    if r.roadmap_dropped:
        st.caption(t("present_roadmap_dropped", lang, n=len(r.roadmap_dropped)))


def room_table(rows: Rows) -> None:
    """A table in the room's type (a data frame draws on a canvas that CSS cannot
    enlarge). Every cell is escaped: an owner's name is someone's typing."""
    if not rows:
        return
    head = "".join(f"<th>{html.escape(str(column))}</th>" for column in rows[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in row.values()) + "</tr>"
        for row in rows
    )
    st.html(
        f'<table class="room-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    )
