"""Live progress while people answer: who has joined, how far each has got.

Only this part of the page refreshes (`st.fragment(run_every=…)`), from one cached
aggregate query; results stay hidden until the facilitator reveals them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.localized import Lang
from cxmaturity.ui.console_data import LIVE_REFRESH, forget, progress, questionnaire_of
from cxmaturity.ui.console_nav import show_view
from cxmaturity.ui.messages import friendly_errors
from cxmaturity.ui.session import store
from cxmaturity.workshops.access import Credential
from cxmaturity.workshops.join_gate import GUESSING_WINDOW
from cxmaturity.workshops.lifecycle import REMOVABLE
from cxmaturity.workshops.views import Progress, WorkshopView


def render(workshop: WorkshopView, token: Credential, lang: Lang) -> None:
    _live(workshop, token, lang)
    if workshop.status in REMOVABLE:
        _removal(workshop, token, lang)
    if workshop.status == "open":
        reveal_button(workshop, token, lang)


def reveal_button(workshop: WorkshopView, token: Credential, lang: Lang) -> None:
    st.caption(t("reveal_hint", lang))
    with st.popover(t("reveal", lang), icon=":material/visibility:", type="primary"):
        st.write(t("reveal_confirm", lang))
        if st.button(t("reveal_now", lang), type="primary", key="reveal_now"):
            with friendly_errors(lang):
                store().workshops.reveal(workshop.id, token)
                forget(workshop, token)
                show_view("results")

                st.rerun()


@st.fragment(run_every=LIVE_REFRESH)
def _live(workshop: WorkshopView, token: Credential, lang: Lang) -> None:
    with friendly_errors(lang):
        shown = progress(workshop.id, token)
        if shown.guessing is not None:
            st.warning(
                t(
                    "guessing_alert",
                    lang,
                    wrong=shown.guessing.wrong_codes,
                    addresses=shown.guessing.addresses,
                    minutes=int(GUESSING_WINDOW.total_seconds() // 60),
                ),
                icon=":material/shield:",
            )
        _figures(shown, lang)
        _table(workshop, shown, lang)
        if shown.removed:
            st.caption(t("progress_removed", lang, n=shown.removed))


def _figures(shown: Progress, lang: Lang) -> None:
    joined, started, finished = st.columns(3)
    joined.metric(t("progress_joined", lang), shown.joined)
    started.metric(t("progress_started", lang), shown.started)
    # Over those who started: a joiner with no answer counts in no result either.
    finished.metric(t("progress_finished", lang), f"{shown.complete}/{shown.started}")


def _table(workshop: WorkshopView, shown: Progress, lang: Lang) -> None:
    if not shown.participants:
        st.info(t("progress_nobody", lang), icon=":material/hourglass_empty:")
        return
    q = questionnaire_of(workshop)
    now = dt.datetime.now(dt.UTC)
    rows = [
        {
            "role": q.roles_by_id[p.role].label(lang),
            "alias": p.alias or "",
            "progress": round(100 * p.answered / p.required) if p.required else 0,
            "answered": f"{p.answered}/{p.required}",
            "seen": _ago(now - p.last_seen_at, lang),
            "by": t(f"entered_by_{p.entered_by}", lang),
        }
        for p in sorted(shown.participants, key=lambda p: (-p.answered, p.role))
    ]
    columns: dict[str, Any] = {
        "role": st.column_config.TextColumn(t("col_role", lang)),
        "alias": st.column_config.TextColumn(t(f"col_alias_{workshop.anonymity}", lang)),
        "progress": st.column_config.ProgressColumn(
            t("progress_column", lang),
            min_value=0,
            max_value=100,
            format="%d\u202f%%" if lang == "fr" else "%d%%",
        ),
        "answered": st.column_config.TextColumn(t("progress_answered", lang)),
        "seen": st.column_config.TextColumn(t("progress_seen", lang)),
        "by": st.column_config.TextColumn(t("progress_by", lang)),
    }
    order = [c for c in columns if c != "alias" or workshop.anonymity != "anonymous"]
    st.dataframe(pd.DataFrame(rows), column_config=columns, column_order=order, hide_index=True)


def _removal(workshop: WorkshopView, token: Credential, lang: Lang) -> None:
    """Take out a seat that should not count (a duplicate, a stranger, someone who left)."""
    with friendly_errors(lang):
        shown = progress(workshop.id, token)
    if not shown.participants:
        return
    q = questionnaire_of(workshop)
    labels = {
        p.participant_id: " · ".join(
            part
            for part in (
                q.roles_by_id[p.role].label(lang),
                p.alias or "",
                f"{p.answered}/{p.required}",
                t(f"entered_by_{p.entered_by}", lang),
            )
            if part
        )
        for p in shown.participants
    }
    with st.popover(t("remove_menu", lang), icon=":material/person_remove:"):
        st.write(t("remove_help", lang))
        chosen = st.selectbox(
            t("remove_pick", lang),
            options=list(labels),
            index=None,
            format_func=labels.__getitem__,
            placeholder=t("remove_placeholder", lang),
            key="remove_pick",
        )
        if st.button(t("remove_now", lang), disabled=chosen is None, key="remove_now"):
            with friendly_errors(lang):
                store().workshops.remove_participant(workshop.id, token, str(chosen))
                forget(workshop, token)
                st.rerun()


def _ago(elapsed: dt.timedelta, lang: Lang) -> str:
    minutes = max(0, int(elapsed.total_seconds() // 60))
    return t("seen_now", lang) if minutes < 1 else t("seen_minutes", lang, n=minutes)
