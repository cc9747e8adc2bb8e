"""Consensus: after discussing a divergent item, the level the team agrees on and why.

Saved with the revision the page was drawn at: if another tab changed the workshop in the
meantime, the save is refused with a message instead of silently overwriting it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cxmaturity import charts
from cxmaturity.archive.model import Consensus
from cxmaturity.formatting import number
from cxmaturity.i18n import t
from cxmaturity.localized import Lang
from cxmaturity.questionnaire.model import Questionnaire
from cxmaturity.results.model import Results
from cxmaturity.results.spread import answer_dots, nameable_roles
from cxmaturity.ui.console_data import forget, outcome, questionnaire_of
from cxmaturity.ui.console_nav import drawn_revision
from cxmaturity.ui.messages import flash, friendly_errors
from cxmaturity.ui.plain import role_labels
from cxmaturity.ui.results_view import chart, hidden_until_reveal
from cxmaturity.ui.session import store
from cxmaturity.workshops.access import Credential
from cxmaturity.workshops.limits import NOTE_LIMIT
from cxmaturity.workshops.views import WorkshopView


def render(workshop: WorkshopView, token: Credential, lang: Lang) -> None:
    if hidden_until_reveal(workshop, token, lang):
        return
    with friendly_errors(lang):
        archive, r = outcome(workshop.id, token, workshop.revision)
        q = questionnaire_of(workshop)
        st.caption(t("consensus_intro", lang))
        items = _items_in_discussion_order(r)
        question_id = st.selectbox(
            t("consensus_item", lang),
            options=items,
            format_func={qid: _item_label(q, r, qid, items, lang) for qid in items}.__getitem__,
            key="consensus_item",
        )
        if question_id is None:
            return
        number_ = items.index(question_id) + 1
        dots = answer_dots(archive, [question_id])
        chart(charts.answers_by_role(dots, question_id, number_, q, lang))
        consensus_form(
            workshop, token, q, r, question_id, nameable_roles(archive, q, question_id), lang
        )
        _recorded(q, r, lang)


def _items_in_discussion_order(r: Results) -> list[str]:
    """The divergent items first (most divergent first), then every other scored item."""
    divergent = r.alignment.divergent_items
    return [*divergent, *(i.question_id for i in r.items if i.question_id not in divergent)]


def _item_label(q: Questionnaire, r: Results, qid: str, items: list[str], lang: Lang) -> str:
    item = r.item(qid)
    text = q.questions[qid].text(lang)
    short = text if len(text) <= 90 else text[:89] + "…"
    agreed = " ✓" if item.consensus else ""
    return (
        f"{items.index(qid) + 1}. {short} ({t('col_mean', lang)} {number(item.mean, lang)}){agreed}"
    )


def consensus_form(
    workshop: WorkshopView,
    token: Credential,
    q: Questionnaire,
    r: Results,
    qid: str,
    present: list[str],
    lang: Lang,
) -> None:
    current = r.item(qid).consensus
    protected = r.role_figures == "protected"
    with st.form(f"consensus:{qid}"):
        level = st.segmented_control(
            t("consensus_level", lang),
            options=[1, 2, 3, 4, 5],
            default=current.level if current else None,
            format_func={n: f"{n} · {q.level(n).name(lang)}" for n in range(1, 6)}.__getitem__,
        )
        note = st.text_area(
            t("consensus_note", lang), value=current.note if current else "", max_chars=NOTE_LIMIT
        )
        moved = st.multiselect(
            t("consensus_moved", lang),
            options=present,
            default=[m for m in (current.moved if current else []) if m in present],
            format_func=role_labels(q, lang).__getitem__,
            placeholder=t("consensus_moved_placeholder", lang),
            help=t("consensus_moved_protected", lang, k=r.min_group_size) if protected else None,
            select_all=False,
        )
        save, remove = st.columns(2)
        saved = save.form_submit_button(t("consensus_save", lang), type="primary")
        removed = remove.form_submit_button(
            t("consensus_remove", lang), type="tertiary", disabled=current is None
        )
    if not (saved or removed):
        return
    if saved and level is None:
        st.warning(t("consensus_pick_level", lang))
        return
    agreed = None if removed else Consensus(level=int(level), note=note, moved=moved)  # type: ignore[arg-type]
    with friendly_errors(lang):
        store().workshops.set_consensus(
            workshop.id, token, qid, agreed, expected_revision=drawn_revision(workshop)
        )
        forget(workshop, token)
        flash(t("consensus_saved", lang) if agreed else t("consensus_removed", lang))

        st.rerun()


def _recorded(q: Questionnaire, r: Results, lang: Lang) -> None:
    agreed = [i for i in r.items if i.consensus]
    if not agreed:
        return
    st.subheader(t("report_consensus_title", lang), anchor=False)
    rows = [
        {
            t("col_item", lang): q.questions[i.question_id].text(lang),
            t("col_mean", lang): number(i.mean, lang),
            t("col_consensus", lang): i.consensus.level if i.consensus else None,
            t("col_note", lang): i.consensus.note if i.consensus else "",
        }
        for i in agreed
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True)
