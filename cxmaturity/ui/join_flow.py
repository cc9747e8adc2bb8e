"""Joining a workshop: the code (typed, or from the QR link), then a role and maybe an alias.

A code is checked once per session, not on every rerun: a wrong code must cost one
throttled attempt, not one per click on the page.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.localized import Lang
from cxmaturity.questionnaire.registry import questionnaire_for
from cxmaturity.questionnaire.timing import estimated_minutes
from cxmaturity.ui.frame import page_frame
from cxmaturity.ui.messages import error_text, field_problem
from cxmaturity.ui.plain import plain, role_labels
from cxmaturity.ui.routes import ANSWER
from cxmaturity.ui.session import knock, remember_browser, store
from cxmaturity.workshops.errors import StoreError
from cxmaturity.workshops.limits import ALIAS_LIMIT
from cxmaturity.workshops.tokens import display_code, normalise_code
from cxmaturity.workshops.views import PublicWorkshop

_CHECKED = "join_checked"  # normalised code → the workshop, or the error it gave
_JOINED = "join_resume"  # workshop id → this session's resume token (the seat it holds)


def render() -> None:
    lang = page_frame()
    st.title(t("join_title", lang), anchor=False)
    remember_browser()
    code = normalise_code(st.query_params.get("code", ""))
    if not code:
        _code_form(lang)
        return
    checked = _check(code)
    if isinstance(checked, Refused):
        st.error(t(checked.key, lang, **checked.params), icon=":material/error:")
        _code_form(lang)
        return
    _identity_form(checked, code, lang)


@dataclass(frozen=True)
class Refused:
    """Why a code was refused, kept (serialisable) for the session's later reruns."""

    key: str
    params: dict[str, object]


def _check(code: str) -> PublicWorkshop | Refused:
    cache: dict[str, PublicWorkshop | Refused] = st.session_state.setdefault(_CHECKED, {})
    if code not in cache:
        try:
            cache[code] = store().workshops.check_code(code, knock())
        except StoreError as exc:
            cache[code] = Refused(exc.key, dict(exc.params))
    return cache[code]


def _code_form(lang: Lang) -> None:
    """The code to type; after a refusal it holds the refused code, to correct, not retype."""
    refused = normalise_code(st.query_params.get("code", ""))
    with st.form("join_code", border=False):
        typed = st.text_input(
            t("join_code_label", lang),
            value=display_code(refused) if refused else "",
            max_chars=12,
            placeholder="K7Q-M4X9",
        )
        st.caption(t("join_code_help", lang))
        if st.form_submit_button(t("join_continue", lang), type="primary"):
            st.session_state.get(_CHECKED, {}).pop(normalise_code(typed), None)
            st.query_params["code"] = normalise_code(typed)
            st.rerun()


def _identity_form(workshop: PublicWorkshop, code: str, lang: Lang) -> None:
    q = questionnaire_for(workshop.questionnaire_id, workshop.questionnaire_version)
    st.subheader(plain(workshop.organisation), anchor=False)
    st.write(t("join_intro", lang))
    st.caption(t("join_duration", lang, minutes=round(estimated_minutes(q, lang))))
    st.caption(t(f"anonymity_participant_{workshop.anonymity}", lang))
    if workshop.role_figures == "open":  # in plain words, before the first answer
        st.info(t("role_figures_participant_open", lang), icon=":material/groups:")
    else:
        k = workshop.min_group_size
        st.caption(t("role_figures_participant_protected", lang, k=k))
    earlier = st.session_state.get(_JOINED, {}).get(workshop.id)
    if earlier:  # Back, then the code again: this browser already has its seat
        st.info(t("join_already", lang), icon=":material/info:")
        st.page_link(
            ANSWER, label=t("join_resume", lang), query_params={"p": earlier, "lang": lang}
        )
        return
    with st.form("join_identity"):
        role = st.selectbox(
            t("join_role_label", lang),
            options=[r.id for r in q.roles_offered(workshop.roles_expected)],
            index=None,
            placeholder=t("join_role_placeholder", lang),
            format_func=role_labels(q, lang).__getitem__,
        )
        alias, label = None, ""
        if workshop.anonymity != "anonymous":
            label = t(f"identity_label_{workshop.anonymity}", lang)
            alias = st.text_input(
                label,
                max_chars=ALIAS_LIMIT,
                help=t(f"identity_help_{workshop.anonymity}", lang),
            )
        submitted = st.form_submit_button(t("join_submit", lang), type="primary")
    if not submitted:
        return
    if role is None:
        st.warning(t("join_pick_role", lang))
        return
    # Asked for only when the workshop is not anonymous.
    problem = None if alias is None else field_problem(alias, ALIAS_LIMIT, label, lang)
    if problem:
        st.warning(problem)
        return
    try:
        access = store().workshops.join(code, knock(), role, alias)
    except StoreError as exc:  # the code may have been replaced, or the workshop closed
        st.session_state[_CHECKED].pop(code, None)
        st.error(error_text(exc, lang), icon=":material/error:")
        _code_form(lang)
        return
    st.session_state.setdefault(_JOINED, {})[workshop.id] = access.resume_token
    st.switch_page(ANSWER, query_params={"p": access.resume_token, "lang": lang})
