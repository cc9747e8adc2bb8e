"""The team's results on a participant's own phone, once the facilitator has revealed
them: read-only, narrow, and never more than the facilitator's results view shows.

The figures, sentences and charts are the results view's and the report's (one set of
functions); the service (`Participation.team_results`) gives them from an archive that
names and quotes nobody, and refuses before the reveal. Text is shown as plain text.
"""

from __future__ import annotations

import streamlit as st

from cxmaturity import charts
from cxmaturity.archive.model import WorkshopArchive
from cxmaturity.formatting import long_date
from cxmaturity.i18n import t
from cxmaturity.localized import Lang
from cxmaturity.questionnaire.registry import questionnaire_for
from cxmaturity.report.context import ReportContext
from cxmaturity.report.sentences import item_facts, no_divergence, withheld_note
from cxmaturity.results.model import Results
from cxmaturity.results.roadmap import due_by
from cxmaturity.results.spread import answer_dots, withheld_answers
from cxmaturity.results.summary import horizon_key, owner_label
from cxmaturity.ui.console_data import RESULTS_TTL
from cxmaturity.ui.messages import friendly_errors
from cxmaturity.ui.plain import plain
from cxmaturity.ui.results_view import (
    chart,
    definition_body,
    headline,
    mistakes_body,
    objectives_body,
    profile,
)
from cxmaturity.ui.session import store
from cxmaturity.workshops.lifecycle import RESULTS_VISIBLE
from cxmaturity.workshops.views import PublicWorkshop

#: The session key of the switch between one's answers and the team's results.
VIEW = "participant_view"
ANSWERS, RESULTS = "answers", "results"


def offered(workshop: PublicWorkshop) -> bool:
    return workshop.status in RESULTS_VISIBLE


def switch(workshop: PublicWorkshop, lang: Lang) -> bool:
    """Once the results are visible, a switch under the header between the person's own
    answers and the team's results; whether the results are chosen."""
    if not offered(workshop):
        return False
    st.session_state.setdefault(VIEW, ANSWERS)
    labels = {ANSWERS: t("team_results_answers", lang), RESULTS: t("team_results_results", lang)}
    chosen = st.segmented_control(
        t("team_results_switch", lang),
        [ANSWERS, RESULTS],
        format_func=labels.__getitem__,
        key=VIEW,
        required=True,
        label_visibility="collapsed",
        width="stretch",
    )
    return chosen == RESULTS


def invitation(workshop: PublicWorkshop, lang: Lang) -> None:
    """At the top of the end screen, where someone who has finished looks next."""
    if offered(workshop):
        st.button(
            t("team_results_see", lang),
            icon=":material/insights:",
            type="primary",
            on_click=_show_results,
            width="stretch",
        )


def _show_results() -> None:
    st.session_state[VIEW] = RESULTS


@st.cache_data(ttl=RESULTS_TTL, show_spinner=False, max_entries=256)
def team_results(resume_token: str) -> tuple[WorkshopArchive, Results]:
    """Keyed by the resume token: an entry only goes back to whoever holds that link (a
    refusal is never cached)."""
    return store().workshops.team_results(resume_token)


def render(resume_token: str, lang: Lang) -> None:
    with friendly_errors(lang):
        archive, r = team_results(resume_token)
        _results(archive, r, lang)


def _results(archive: WorkshopArchive, r: Results, lang: Lang) -> None:
    q = questionnaire_for(archive.questionnaire.id, archive.questionnaire.version)
    st.subheader(t("team_results_title", lang), anchor=False)
    st.caption(t("team_results_intro", lang))
    if not r.participants:
        st.info(t("results_nobody", lang), icon=":material/hourglass_empty:")
        return
    ctx = ReportContext(archive, q, r, lang)
    headline(ctx, people=False)

    profile(ctx)

    _divergences(ctx)
    st.subheader(t("report_definition_title", lang), anchor=False)
    definition_body(ctx)
    st.subheader(t("report_objectives_title", lang), anchor=False)
    objectives_body(ctx)
    st.subheader(t("report_h_mistakes", lang), anchor=False)
    mistakes_body(ctx)
    _roadmap(ctx)


def _divergences(ctx: ReportContext) -> None:
    """The items the team discusses, one card each (a phone has no room for the console's
    table): the statement, its figures, and every answer shown as a dot by role."""
    r, q, lang = ctx.results, ctx.q, ctx.lang
    st.subheader(t("report_divergent_title", lang), anchor=False)
    shown = r.alignment.discussed
    if not shown:
        st.caption(no_divergence(ctx))
        return
    st.caption(t(f"report_divergent_intro_{r.role_figures}", lang))
    dots = answer_dots(ctx.archive, shown)
    withheld = withheld_answers(ctx.archive, shown)
    for n, question_id in enumerate(shown, start=1):
        with st.container(border=True):
            st.markdown(f"**{n}\\. {plain(q.questions[question_id].text(lang))}**")
            st.caption(plain(item_facts(ctx, question_id)))
            chart(charts.answers_by_role(dots, question_id, n, q, lang))
            if note := withheld_note(ctx, withheld, question_id):
                st.caption(note)
    st.caption(t("report_agreement_note", lang))


def _roadmap(ctx: ReportContext) -> None:
    r, q, lang = ctx.results, ctx.q, ctx.lang
    st.subheader(t("report_h_roadmap", lang), anchor=False)
    if not r.roadmap:
        st.caption(t("headline_roadmap_none", lang))
        return
    for n, entry in enumerate(r.roadmap, start=1):
        due = due_by(entry, ctx.archive.date)
        st.markdown(f"**{n}\\. {plain(q.actions_by_id[entry.action_id].title(lang))}**")
        line = t(
            "team_results_roadmap_line",
            lang,
            horizon=t(horizon_key(entry.horizon), lang),
            owner=owner_label(q, entry, lang),
            due=long_date(due, lang),
        )
        st.caption(plain(line))
