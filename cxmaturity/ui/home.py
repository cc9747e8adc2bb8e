"""The front door: participants type their code, facilitators create a workshop."""

from __future__ import annotations

import streamlit as st

from cxmaturity.formatting import long_date
from cxmaturity.i18n import t
from cxmaturity.localized import Lang
from cxmaturity.questionnaire import default_questionnaire
from cxmaturity.questionnaire.timing import estimated_minutes
from cxmaturity.ui.frame import page_frame
from cxmaturity.ui.plain import plain
from cxmaturity.ui.routes import FACILITATE, JOIN, NEW, QUESTIONNAIRE
from cxmaturity.ui.session import store
from cxmaturity.ui.signin import sign_in_bar, sign_in_configured
from cxmaturity.workshops.tokens import normalise_code


def render() -> None:
    lang = page_frame()
    st.title(t("home_heading", lang), anchor=False)
    if st.query_params.get("deleted"):
        st.success(t("home_deleted", lang), icon=":material/delete:")

    minutes = round(estimated_minutes(default_questionnaire(), lang))
    st.write(t("home_intro", lang, minutes=minutes))
    participant, facilitator = st.columns(2, gap="large")
    with participant, st.container(border=True):
        st.subheader(t("home_participant_heading", lang), anchor=False)
        with st.form("home_code", border=False):
            code = st.text_input(t("join_code_label", lang), max_chars=12, placeholder="K7Q-M4X9")
            if st.form_submit_button(t("join_continue", lang), type="primary"):
                st.switch_page(JOIN, query_params={"code": normalise_code(code), "lang": lang})
    with facilitator, st.container(border=True):
        st.subheader(t("home_facilitator_heading", lang), anchor=False)
        st.write(t("home_facilitator_body", lang))
        st.page_link(
            NEW,
            label=t("new_title", lang),
            icon=":material/add_circle:",
            query_params={"lang": lang},
        )
        st.page_link(
            QUESTIONNAIRE,
            label=t("preview_title", lang),
            icon=":material/list_alt:",
            query_params={"lang": lang},
        )
        if sign_in_configured():
            _my_workshops(lang)
    st.caption(t("home_footer", lang))


def _my_workshops(lang: Lang) -> None:
    """A signed-in facilitator's own workshops, each opened without its link."""
    facilitator = sign_in_bar(lang)
    if facilitator is None:
        return
    mine = store().workshops.my_workshops(facilitator)
    if not mine:
        st.caption(t("mine_none", lang))
        return
    st.markdown(f"**{t('mine_heading', lang)}**")
    for w in reversed(mine):  # newest first
        st.page_link(
            FACILITATE,
            label=" · ".join(
                [
                    plain(w.organisation),
                    long_date(w.workshop_date, lang),
                    t(f"status_{w.status}", lang),
                ]
            ),
            icon=":material/co_present:",
            query_params={"w": w.id, "lang": lang},
        )
