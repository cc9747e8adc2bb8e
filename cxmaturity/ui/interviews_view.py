"""Interview mode: the facilitator enters answers for respondents met one by one, on this
device; or imports a CSV of answers collected elsewhere."""

from __future__ import annotations

import streamlit as st

from cxmaturity.answers import AnswerValue
from cxmaturity.archive.csv_io import csv_to_archive
from cxmaturity.i18n import t
from cxmaturity.localized import Lang
from cxmaturity.questionnaire.model import Questionnaire
from cxmaturity.ui.console_data import forget, progress, questionnaire_of
from cxmaturity.ui.messages import field_problem, flash, friendly_errors
from cxmaturity.ui.plain import plain, role_labels
from cxmaturity.ui.question_inputs import question_input, section_scale, show_save_error
from cxmaturity.ui.session import store
from cxmaturity.workshops.access import Credential
from cxmaturity.workshops.identity import ENTERED_BY_FACILITATOR, alias_beside_answers
from cxmaturity.workshops.limits import ALIAS_LIMIT
from cxmaturity.workshops.views import ParticipantProgress, WorkshopView

_RESPONDENT = "interviewee"


def render(workshop: WorkshopView, token: Credential, lang: Lang) -> None:
    if workshop.status == "closed":
        st.info(t("interviews_closed", lang), icon=":material/lock:")
        return
    q = questionnaire_of(workshop)
    st.caption(t("interviews_intro", lang))
    show_save_error(lang)
    with friendly_errors(lang):
        respondents = [
            p
            for p in progress(workshop.id, token).participants
            if p.entered_by == ENTERED_BY_FACILITATOR
        ]
        _add_respondent(workshop, token, q, lang)
        if respondents:
            chosen = _pick(workshop, respondents, q, lang)
            if chosen:
                _answers(workshop, token, q, chosen, lang)
    st.divider()
    _csv_import(workshop, token, q, lang)


def _add_respondent(
    workshop: WorkshopView, token: Credential, q: Questionnaire, lang: Lang
) -> None:
    with (
        st.expander(t("interviews_add", lang), icon=":material/person_add:"),
        st.form("add_respondent", border=False),
    ):
        role = st.selectbox(
            t("interviews_role_label", lang),  # the respondent's, not the facilitator's
            options=[r.id for r in q.roles_offered(workshop.roles_expected)],
            format_func=role_labels(q, lang).__getitem__,
        )
        alias, label = None, ""
        if workshop.anonymity != "anonymous":
            label = t(f"interviews_identity_{workshop.anonymity}", lang)
            alias = st.text_input(label, max_chars=ALIAS_LIMIT)
        if st.form_submit_button(t("interviews_add_submit", lang), type="primary"):
            problem = None if alias is None else field_problem(alias, ALIAS_LIMIT, label, lang)
            if problem:
                st.warning(problem)
                return
            with friendly_errors(lang):
                added = store().workshops.add_participant(workshop.id, token, role, alias)
                st.session_state[_RESPONDENT] = added
                forget(workshop, token)
                st.rerun()


def _pick(
    workshop: WorkshopView, respondents: list[ParticipantProgress], q: Questionnaire, lang: Lang
) -> str | None:
    """Whom to enter answers for. The answers show below the choice, so the label carries
    a name only in a named workshop; otherwise the interviewee's number, in the order
    they were added (an alias stays on the roster, never next to answers)."""
    ids = [p.participant_id for p in respondents]
    named = alias_beside_answers(workshop.anonymity)
    labels = {
        p.participant_id: q.roles_by_id[p.role].label(lang)
        + (f" · {p.alias}" if named and p.alias else " · " + t("interviews_number", lang, n=number))
        + f" — {p.answered}/{p.required}"
        for number, p in enumerate(respondents, start=1)
    }

    wanted = st.session_state.get(_RESPONDENT)
    return st.selectbox(
        t("interviews_respondent", lang),
        options=ids,
        index=ids.index(wanted) if wanted in ids else len(ids) - 1,
        format_func=labels.__getitem__,
    )


def _answers(
    workshop: WorkshopView, token: Credential, q: Questionnaire, participant_id: str, lang: Lang
) -> None:
    service = store().workshops
    saved = service.participant_answers(workshop.id, token, participant_id)

    def save(question_id: str, value: AnswerValue | None) -> None:
        service.answer_for(workshop.id, token, participant_id, question_id, value)

    numbers = {question_id: n for n, question_id in enumerate(q.questions, start=1)}
    for index, section in enumerate(q.sections, start=1):
        title = f"{index}. {plain(section.title(lang))}"
        with st.expander(title, expanded=index == 1):
            section_scale(q, section, lang)
            for question in section.questions:
                question_input(
                    q,
                    question,
                    numbers[question.id],
                    saved.get(question.id),
                    save,
                    key=f"i:{participant_id}:{question.id}",
                    lang=lang,
                )
    st.caption(t("answer_saved_automatically", lang))


def _csv_import(workshop: WorkshopView, token: Credential, q: Questionnaire, lang: Lang) -> None:
    st.subheader(t("import_heading", lang), anchor=False)
    st.caption(t("import_help", lang))
    round_ = st.session_state.get("import_round", 0)  # a new uploader after each import
    upload = st.file_uploader(
        t("import_file", lang), type=["csv", "tsv", "txt"], key=f"import_csv:{round_}"
    )
    if upload is None:
        return
    with friendly_errors(lang):
        archive = csv_to_archive(
            upload.getvalue(),
            upload.name,
            q,
            organisation=workshop.organisation,
            date=workshop.workshop_date,
            language=workshop.language,
            role_figures=workshop.role_figures,  # type: ignore[arg-type]
            min_group_size=workshop.min_group_size,
        )
        people = archive.participants
        answers = sum(len(p.answers) for p in people)
        st.write(t("import_preview", lang, people=len(people), answers=answers))
        if st.button(
            t("import_submit", lang, people=len(people)), type="primary", disabled=not people
        ):
            added = store().workshops.import_participants(workshop.id, token, people)
            forget(workshop, token)
            st.session_state["import_round"] = round_ + 1
            flash(t("import_done", lang, people=added))
            st.rerun()
