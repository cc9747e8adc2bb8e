"""The roadmap review: keep or drop each proposed action, move it up or down, name its
owner (a person and a role) and its due date.

Nothing is saved until "Save the review"; the save carries the revision the page was drawn
at (a change from another tab is refused, not overwritten). Every field starts from what
is stored, so a save changes only what the facilitator changed or saw proposed: a kept
action with no date shows its horizon's end; a dropped one keeps what it had.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import streamlit as st

from cxmaturity import charts
from cxmaturity.archive.model import RoadmapDecision
from cxmaturity.formatting import long_date
from cxmaturity.i18n import t
from cxmaturity.localized import Lang
from cxmaturity.questionnaire.model import Questionnaire
from cxmaturity.report.context import ReportContext
from cxmaturity.report.sentences import roadmap_choices
from cxmaturity.results.model import Results, RoadmapEntry
from cxmaturity.results.roadmap import horizon_end
from cxmaturity.results.summary import horizon_key
from cxmaturity.ui.console_data import forget, outcome, questionnaire_of
from cxmaturity.ui.console_nav import drawn_revision
from cxmaturity.ui.messages import field_problem, flash, friendly_errors
from cxmaturity.ui.plain import plain
from cxmaturity.ui.results_view import chart, hidden_until_reveal
from cxmaturity.ui.session import store
from cxmaturity.workshops.access import Credential
from cxmaturity.workshops.limits import OWNER_NAME_LIMIT
from cxmaturity.workshops.views import WorkshopView

#: A due date is picked within three years of the workshop.
_HORIZON = dt.timedelta(days=3 * 366)


def render(workshop: WorkshopView, token: Credential, lang: Lang) -> None:
    if hidden_until_reveal(workshop, token, lang):
        return
    with friendly_errors(lang):
        archive, r = outcome(workshop.id, token, workshop.revision)
        q = questionnaire_of(workshop)
        st.caption(t("roadmap_intro", lang))
        entries = review_entries(r)
        if not entries:
            st.info(t("report_no_actions", lang))
            return
        # Pending edits live in widgets keyed by the stored review and the proposal: a
        # save, another tab's save or answers moving the proposal start them afresh.
        ids = [e.action_id for e in entries]
        form = (
            f"rm:{workshop.id}:{workshop.revision}:"
            + hashlib.sha256("|".join(ids).encode()).hexdigest()[:12]
        )
        order: list[str] = st.session_state.setdefault(f"{form}:order", ids)
        by_id = {e.action_id: e for e in entries}
        for position, action_id in enumerate(order):
            _action_card(q, by_id[action_id], position, len(order), form, workshop, lang)
        with st.container(horizontal=True):
            if st.button(t("roadmap_save", lang), type="primary", icon=":material/save:"):
                _save(workshop, token, _decisions(q, order, by_id, form, lang), lang)
            if st.button(t("roadmap_accept_all", lang), icon=":material/done_all:"):
                kept = _decisions(q, order, by_id, form, lang, accept_all=True)
                _save(workshop, token, kept, lang)
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


def review_entries(r: Results) -> list[RoadmapEntry]:
    """The actions in the order they are reviewed: kept ones as agreed, then dropped ones."""
    return [*r.roadmap, *r.roadmap_dropped]


def _action_card(
    q: Questionnaire,
    entry: RoadmapEntry,
    position: int,
    count: int,
    form: str,
    workshop: WorkshopView,
    lang: Lang,
) -> None:
    """One action: its title and horizon, up/down, keep, and who owns it by when."""
    key = f"{form}:{entry.action_id}"
    with st.container(border=True, key=f"action-{entry.action_id}"):
        top = st.columns([6, 1.4, 1.6], vertical_alignment="center")
        title = q.actions_by_id[entry.action_id].title(lang)
        top[0].markdown(f"**{position + 1}\\. {plain(title)}**")
        end = horizon_end(workshop.workshop_date, entry.horizon)
        proposed = long_date(end, lang)
        top[0].caption(
            t(
                "roadmap_card_horizon",
                lang,
                horizon=t(horizon_key(entry.horizon), lang),
                date=proposed,
            )
        )
        with top[1], st.container(horizontal=True, gap="small"):
            st.button(
                t("roadmap_up", lang),
                icon=":material/arrow_upward:",
                key=f"{key}:up",
                disabled=position == 0,
                on_click=_move,
                args=(form, position, -1),
                type="tertiary",
            )
            st.button(
                t("roadmap_down", lang),
                icon=":material/arrow_downward:",
                key=f"{key}:down",
                disabled=position == count - 1,
                on_click=_move,
                args=(form, position, 1),
                type="tertiary",
            )
        top[2].toggle(t("roadmap_keep", lang), value=entry.status != "dropped", key=f"{key}:keep")
        fields = st.columns([1.3, 1.3, 1])
        roles = [role.id for role in q.roles]
        fields[0].selectbox(
            t("roadmap_owner_role", lang),
            options=roles,
            index=roles.index(entry.owner_role),
            format_func={role.id: role.label(lang) for role in q.roles}.__getitem__,
            key=f"{key}:role",
        )
        fields[1].text_input(
            t("roadmap_owner_name", lang),
            value=entry.owner_name or "",
            max_chars=OWNER_NAME_LIMIT,
            placeholder=t("roadmap_owner_name_hint", lang),
            key=f"{key}:name",
        )
        earliest = min(workshop.workshop_date, entry.due or workshop.workshop_date)
        fields[2].date_input(
            t("roadmap_due", lang),
            # What is stored; a kept action with no date yet shows its horizon's end,
            # and a dropped one keeps what it had (none is made up for it).
            value=entry.due or (None if entry.status == "dropped" else end),
            min_value=earliest,
            max_value=workshop.workshop_date + _HORIZON,
            format="DD/MM/YYYY",
            help=t("roadmap_due_help", lang, date=proposed),
            key=f"{key}:due",
        )


def _move(form: str, position: int, step: int) -> None:
    order: list[str] = st.session_state[f"{form}:order"]
    other = position + step
    order[position], order[other] = order[other], order[position]


def _decisions(
    q: Questionnaire,
    order: list[str],
    by_id: dict[str, RoadmapEntry],
    form: str,
    lang: Lang,
    accept_all: bool = False,
) -> list[RoadmapDecision] | None:
    """The review as the cards show it, in their order; None (with a message) when a
    name cannot be kept."""
    decisions = []
    for action_id in order:
        key = f"{form}:{action_id}"
        name = st.session_state.get(f"{key}:name", by_id[action_id].owner_name or "").strip()
        problem = field_problem(name, OWNER_NAME_LIMIT, t("roadmap_owner_name", lang), lang)
        if name and problem:
            st.error(problem, icon=":material/error:")
            return None
        kept = accept_all or bool(st.session_state.get(f"{key}:keep", True))
        due = st.session_state.get(f"{key}:due", by_id[action_id].due)
        decisions.append(
            RoadmapDecision(
                action_id=action_id,
                status="accepted" if kept else "dropped",
                owner_role=st.session_state.get(f"{key}:role", by_id[action_id].owner_role),
                owner_name=name or None,
                due=due if isinstance(due, dt.date) else None,
            )
        )
    return decisions


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


def _save(
    workshop: WorkshopView,
    token: Credential,
    decisions: list[RoadmapDecision] | None,
    lang: Lang,
) -> None:
    if decisions is None:
        return
    with friendly_errors(lang):
        store().workshops.set_roadmap_review(
            workshop.id, token, decisions, expected_revision=drawn_revision(workshop)
        )
        forget(workshop, token)
        flash(t("roadmap_saved", lang))
        st.rerun()
