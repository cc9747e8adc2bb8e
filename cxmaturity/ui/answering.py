"""The participant's page: the questionnaire section by section, every answer saved at once.

The URL holds the resume token (`?p=`), the database holds the answers and the section the
person is on: a reload, a closed tab or a lost connection resumes at the same place.
"""

from __future__ import annotations

from collections import Counter

import streamlit as st

from cxmaturity.answers import AnswerValue
from cxmaturity.i18n import t
from cxmaturity.links import ANSWER_PAGE, answer_link
from cxmaturity.localized import Lang
from cxmaturity.questionnaire.model import AmbitionQuestion, Questionnaire, Section
from cxmaturity.questionnaire.registry import questionnaire_for
from cxmaturity.ui import participant_results
from cxmaturity.ui.frame import ANSWER_STYLE, page_frame
from cxmaturity.ui.messages import error_text, log
from cxmaturity.ui.plain import plain
from cxmaturity.ui.question_inputs import question_input, section_scale, show_save_error
from cxmaturity.ui.routes import JOIN
from cxmaturity.ui.scrolling import scroll_to_top
from cxmaturity.ui.section_history import remember, section_from_address
from cxmaturity.ui.session import base_url, store
from cxmaturity.workshops.errors import InvalidResumeToken, StoreError
from cxmaturity.workshops.views import ParticipantState

_MOVED = "answer_moved"  # set by the section buttons: the next run scrolls to the top


def render() -> None:
    lang = page_frame()
    token = st.query_params.get("p", "")
    try:
        state = store().workshops.resume(token)
    except StoreError as exc:
        st.title(t("answer_title", lang), anchor=False)
        st.error(error_text(exc, lang), icon=":material/error:")
        if type(exc) is InvalidResumeToken:
            st.write(t("answer_link_invalid_help", lang))
        st.page_link(JOIN, label=t("join_title", lang), query_params={"lang": lang})
        return
    q = questionnaire_for(state.workshop.questionnaire_id, state.workshop.questionnaire_version)
    section = min(state.section, len(q.sections))
    asked = section_from_address(len(q.sections))
    if asked is not None and asked != section and _move(token, asked):
        section = asked  # Back or Forward in the browser: that section is now their place
    if st.session_state.pop(_MOVED, False):
        scroll_to_top()
    st.html(ANSWER_STYLE)
    missing = unanswered(q, state)
    _header(q, state, missing, lang, compact=section > 0)
    team_results = participant_results.switch(state.workshop, lang)  # once revealed
    show_save_error(lang)
    closed = state.workshop.status == "closed"
    if closed:
        st.info(t("answer_closed", lang), icon=":material/lock:")
    if team_results:
        participant_results.render(token, lang)
        return
    _sections_menu(q, missing, section, token, lang)
    if section >= len(q.sections):
        participant_results.invitation(state.workshop, lang)
        _end_screen(q, missing, token, lang, closed)
    else:
        _section(q, q.sections[section], section, state, token, lang, closed)
    remember(section)  # last: an element, even empty, would put a gap above the questions


def unanswered(q: Questionnaire, state: ParticipantState) -> Counter[str]:
    """Section id → how many of its required questions still have no answer."""
    return Counter(
        section for question_id, section in q.required.items() if question_id not in state.answers
    )


def _header(
    q: Questionnaire, state: ParticipantState, missing: Counter[str], lang: Lang, compact: bool
) -> None:
    """The organisation, the role and the progress on the first screen; after it, one
    line and the bar (the questions start near the top of a phone's screen)."""
    total = len(q.required)
    answered = total - missing.total()
    progress = t("answer_progress", lang, answered=answered, total=total)
    if compact:  # the bar's text is Markdown: the organisation is escaped
        with st.container(key="answer_header_compact"):
            line = f"{plain(state.workshop.organisation)} · {progress}"
            st.progress(answered / total, text=line)
        return
    st.title(plain(state.workshop.organisation), anchor=False)
    # The role only: an alias is for the roster and, as the join page promised, never
    # sits next to answers — not even on the person's own screen, which others may see.
    st.text(t("answer_role", lang, role=q.roles_by_id[state.role].label(lang)))
    st.progress(answered / total, text=progress)


def _section(
    q: Questionnaire,
    section: Section,
    index: int,
    state: ParticipantState,
    token: str,
    lang: Lang,
    closed: bool,
) -> None:
    st.subheader(
        t("section_label", lang, n=index + 1, total=len(q.sections))
        + " · "
        + plain(section.title(lang)),
        anchor=False,
    )
    if section.intro:
        st.write(plain(section.intro(lang)))
    section_scale(q, section, lang)
    numbers = {question_id: n for n, question_id in enumerate(q.questions, start=1)}

    def save(question_id: str, value: AnswerValue | None) -> None:
        store().workshops.answer(token, question_id, value)

    for question in section.questions:
        # Ambitions are eight quick taps on one scale: a card each would make the page
        # three phone screens long.
        with st.container(border=not isinstance(question, AmbitionQuestion)):
            question_input(
                q,
                question,
                numbers[question.id],
                state.answers.get(question.id),
                save,
                key=f"a:{question.id}",
                lang=lang,
                disabled=closed,
            )
    if not closed:  # closed, the notice above says it all: the answers are final
        st.caption(t("answer_saved_automatically", lang))
    back, forward = st.columns(2)
    if index > 0:
        back.button(
            t("answer_previous", lang),
            icon=":material/arrow_back:",
            on_click=_go,
            args=(token, index - 1),
            width="stretch",
        )
    last = index == len(q.sections) - 1
    forward.button(
        t("answer_finish", lang) if last else t("answer_next", lang),
        icon=":material/check:" if last else ":material/arrow_forward:",
        type="primary",
        on_click=_go,
        args=(token, index + 1),
        width="stretch",
    )


def _sections_menu(
    q: Questionnaire, missing: Counter[str], current: int, token: str, lang: Lang
) -> None:
    """Jump to any section; each shows how many of its questions are answered, and the
    one on screen stands out."""
    totals = Counter(q.required.values())
    with st.sidebar:
        st.markdown(f"**{t('answer_sections', lang)}**")
        for index, section in enumerate(q.sections):
            total = totals[section.id]
            done = total - missing[section.id]
            mark = "✓" if done == total else f"{done}/{total}"
            label = f"{index + 1}\\. {plain(section.title(lang))} · {mark}"
            st.button(
                f"**{label}**" if index == current else label,
                key=f"jump:{index}",
                on_click=_go,
                args=(token, index),
                type="tertiary",
            )


def _end_screen(
    q: Questionnaire, missing: Counter[str], token: str, lang: Lang, closed: bool
) -> None:
    """Once closed, only the way back to the (read-only) answers: the notice above says
    they are final, so nothing here may say what is left to answer or that it can change."""
    if not closed:
        _what_is_left(q, missing, token, lang)
    st.button(
        t("answer_review", lang),
        icon=":material/visibility:" if closed else ":material/edit:",
        on_click=_go,
        args=(token, 0),
    )
    st.caption(t("answer_keep_link", lang))
    st.code(answer_link(base_url(ANSWER_PAGE), token, lang), language=None, wrap_lines=True)


def _what_is_left(q: Questionnaire, missing: Counter[str], token: str, lang: Lang) -> None:
    if missing:
        st.warning(t("answer_end_missing", lang, n=missing.total()), icon=":material/pending:")
        for index, section in enumerate(q.sections):
            gaps = missing[section.id]
            if gaps:
                st.button(
                    t(
                        "answer_go_to",
                        lang,
                        n=index + 1,
                        title=plain(section.title(lang)),
                        missing=gaps,
                    ),
                    key=f"gap:{index}",
                    on_click=_go,
                    args=(token, index),
                )
    else:
        st.success(t("answer_end_done", lang), icon=":material/task_alt:")
    st.write(t("answer_end_body", lang))


def _go(token: str, section: int) -> None:
    """A button's callback: move to `section`."""
    _move(token, section)


def _move(token: str, section: int) -> bool:
    """Move to `section` (stored as the participant's place); whether it moved."""
    try:
        store().workshops.set_section(token, section)
    except Exception as exc:  # the next run shows why (the token is checked again there)
        if not isinstance(exc, StoreError):
            log.exception("moving to section %s failed", section)
        return False
    st.session_state[_MOVED] = True
    return True
