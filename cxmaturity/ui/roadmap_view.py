"""The roadmap review: keep or drop each proposed action, reorder, name an owner and a date.

The table is edited freely; nothing is saved until "Save the review", and the save carries
the revision the page was drawn at (a change from another tab is refused, not overwritten).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pandas as pd
import streamlit as st

from cxmaturity import charts
from cxmaturity.archive.model import RoadmapDecision
from cxmaturity.i18n import t
from cxmaturity.localized import Lang
from cxmaturity.questionnaire.model import Questionnaire
from cxmaturity.report.context import ReportContext
from cxmaturity.report.sentences import roadmap_choices
from cxmaturity.results.model import Results
from cxmaturity.results.roadmap import horizon_end
from cxmaturity.results.summary import horizon_key
from cxmaturity.ui.console_data import forget, outcome, questionnaire_of
from cxmaturity.ui.console_nav import drawn_revision
from cxmaturity.ui.messages import flash, friendly_errors
from cxmaturity.ui.plain import plain
from cxmaturity.ui.results_view import chart, hidden_until_reveal
from cxmaturity.ui.session import store
from cxmaturity.workshops.access import Credential
from cxmaturity.workshops.views import WorkshopView


def render(workshop: WorkshopView, token: Credential, lang: Lang) -> None:
    if hidden_until_reveal(workshop, token, lang):
        return
    with friendly_errors(lang):
        archive, r = outcome(workshop.id, token, workshop.revision)
        q = questionnaire_of(workshop)
        st.caption(t("roadmap_intro", lang))
        if not r.roadmap and not r.roadmap_dropped:
            st.info(t("report_no_actions", lang))
            return
        table = review_table(q, r, lang, workshop.workshop_date)
        # The editor keeps pending edits by row position: a key naming the rows makes a
        # new editor when the proposal changes under it (answers may still move after
        # the reveal), instead of leaving edits on the actions that moved into their place.
        rows = hashlib.sha256("|".join(table["id"]).encode()).hexdigest()[:16]
        edited = st.data_editor(
            table,
            column_config=_columns(q, lang),
            column_order=["keep", "order", "action", "horizon", "owner", "due"],
            disabled=["action", "horizon"],
            hide_index=True,
            width="stretch",
            height=35 * (len(table) + 1) + 3,  # every action in view, no inner scrolling
            key=f"roadmap:{workshop.id}:{workshop.revision}:{rows}",
        )
        with st.container(horizontal=True):
            if st.button(t("roadmap_save", lang), type="primary", icon=":material/save:"):
                _save(workshop, token, decisions_from(edited, q, lang), lang)
            if st.button(t("roadmap_accept_all", lang), icon=":material/done_all:"):
                _save(workshop, token, decisions_from(table, q, lang, accept_all=True), lang)
        accepted = sum(e.status == "accepted" for e in r.roadmap)
        reviewed = accepted + len(r.roadmap_dropped)
        st.caption(
            t("roadmap_not_reviewed", lang, proposed=len(r.roadmap))
            if not reviewed
            else t(
                "roadmap_status",
                lang,
                accepted=accepted,
                proposed=len(r.roadmap) - accepted,
                dropped=len(r.roadmap_dropped),
            )
        )
        chart(charts.roadmap_timeline(r.roadmap, q, lang))
        _why(ReportContext(archive, q, r, lang))


def _why(ctx: ReportContext) -> None:
    """Every action's reasons, as in the PDF: the signals that triggered it and the
    engine's choices (first step, weakest dimensions, order, owner)."""
    with st.expander(t("roadmap_why", ctx.lang), icon=":material/help:"):
        for n, entry in enumerate(ctx.results.roadmap, start=1):
            title = ctx.q.actions_by_id[entry.action_id].title(ctx.lang)
            st.markdown(f"**{n}. {plain(title)}**")
            signals = [ctx.reason(key) for key in entry.because[:3]]
            lines = [ctx.t("report_signals", items=" · ".join(signals))] if signals else []
            for line in [*lines, *roadmap_choices(ctx, entry)]:
                st.caption(plain(line))


def review_table(q: Questionnaire, r: Results, lang: Lang, start: dt.date) -> pd.DataFrame:
    """One row per action: the kept ones in their current order, then the dropped ones.
    An action without a date is proposed for the end of its horizon."""
    rows: list[dict[str, Any]] = [
        {
            "id": entry.action_id,
            "keep": True,
            "order": n,
            "action": q.actions_by_id[entry.action_id].title(lang),
            "horizon": t(horizon_key(entry.horizon), lang),
            "owner": q.roles_by_id[entry.owner_role].short_label(lang),
            "due": entry.due or horizon_end(start, entry.horizon),
        }
        for n, entry in enumerate(r.roadmap, start=1)
    ]
    for action_id in r.roadmap_dropped:
        action = q.actions_by_id[action_id]
        rows.append(
            {
                "id": action_id,
                "keep": False,
                "order": len(rows) + 1,
                "action": action.title(lang),
                "horizon": t(horizon_key(action.horizon), lang),
                "owner": q.roles_by_id[action.owner_role].short_label(lang),
                "due": horizon_end(start, action.horizon),
            }
        )
    frame = pd.DataFrame(rows, columns=["id", "keep", "order", "action", "horizon", "owner", "due"])
    frame["due"] = pd.to_datetime(frame["due"])  # missing dates: NaT, shown empty
    return frame


def decisions_from(
    table: pd.DataFrame, q: Questionnaire, lang: Lang, accept_all: bool = False
) -> list[RoadmapDecision]:
    """The review as the store keeps it: rows by their order number, owners as role ids."""
    role_by_label = {role.short_label(lang): role.id for role in q.roles}
    ordered = table.sort_values("order", kind="stable")
    decisions = []
    for row in ordered.itertuples(index=False):
        due = None if pd.isna(row.due) else pd.Timestamp(row.due).date()
        kept = accept_all or bool(row.keep)
        decisions.append(
            RoadmapDecision(
                action_id=row.id,
                status="accepted" if kept else "dropped",
                owner_role=role_by_label.get(row.owner),
                due=due,
            )
        )
    return decisions


def _columns(q: Questionnaire, lang: Lang) -> dict[str, Any]:
    """Widths in pixels: the action's title gets what the short columns leave."""
    return {
        "keep": st.column_config.CheckboxColumn(t("roadmap_keep", lang), width=95),
        "order": st.column_config.NumberColumn(
            t("roadmap_order", lang), min_value=1, step=1, width=75
        ),
        "action": st.column_config.TextColumn(t("col_action", lang), width="large"),
        "horizon": st.column_config.TextColumn(t("roadmap_horizon", lang), width=95),
        "owner": st.column_config.SelectboxColumn(
            t("col_owner", lang),
            options=[role.short_label(lang) for role in q.roles],
            required=True,
            width=170,
        ),
        "due": st.column_config.DateColumn(t("roadmap_due", lang), format="DD/MM/YYYY", width=115),
    }


def _save(
    workshop: WorkshopView, token: Credential, decisions: list[RoadmapDecision], lang: Lang
) -> None:
    with friendly_errors(lang):
        store().workshops.set_roadmap_review(
            workshop.id, token, decisions, expected_revision=drawn_revision(workshop)
        )
        forget(workshop, token)
        flash(t("roadmap_saved", lang))
        st.rerun()
