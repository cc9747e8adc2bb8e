"""Read-only preview of the questionnaire: what participants will be asked, in FR or EN."""

from __future__ import annotations

import streamlit as st

from cxmaturity.formatting import number
from cxmaturity.i18n import t
from cxmaturity.localized import Lang
from cxmaturity.problems import InputError
from cxmaturity.questionnaire import Questionnaire, default_questionnaire
from cxmaturity.questionnaire.model import (
    AmbitionQuestion,
    FreeTextQuestion,
    MultiChoiceQuestion,
    Question,
    RankingQuestion,
    ScoredQuestion,
    Section,
)
from cxmaturity.questionnaire.timing import estimated_minutes
from cxmaturity.ui.frame import page_frame
from cxmaturity.ui.plain import plain


def render() -> None:
    lang = page_frame()
    try:
        questionnaire = default_questionnaire()
    except InputError as exc:
        st.error(t("content_error_title", lang))
        st.write(t("content_error_body", lang))
        st.code("\n".join(exc.lines()), language=None)
        return

    st.title(plain(questionnaire.title(lang)), anchor=False)
    st.caption(t("preview_caption", lang, version=questionnaire.version))
    st.write(plain(questionnaire.description(lang)))
    _key_figures(questionnaire, lang)
    _levels(questionnaire, lang)
    for position, section in enumerate(questionnaire.sections, start=1):
        _section(questionnaire, section, position, lang)


def _key_figures(q: Questionnaire, lang: Lang) -> None:
    """One line that reads well on a phone: what the questionnaire holds and how long it takes."""
    st.markdown(
        t(
            "key_figures",
            lang,
            sections=len(q.sections),
            dimensions=len(q.dimensions),
            questions=len(q.questions),
            items=len(q.scored_items),
            minutes=round(estimated_minutes(q, lang)),
        )
    )


def _levels(q: Questionnaire, lang: Lang) -> None:
    with st.expander(t("levels_heading", lang)):
        for level in q.levels:
            st.markdown(
                f"**{t('level_label', lang, n=level.level)} · {plain(level.name(lang))}**  \n"
                f"{plain(level.description(lang))}"
            )


def _section(q: Questionnaire, section: Section, number: int, lang: Lang) -> None:
    with st.expander(f"{number}. {plain(section.title(lang))}", expanded=number == 1):
        st.caption(t("section_label", lang, n=number, total=len(q.sections)))
        if section.intro:
            st.write(plain(section.intro(lang)))
        for question in section.questions:
            st.divider()
            _question(q, question, lang)


def _question(q: Questionnaire, question: Question, lang: Lang) -> None:
    st.markdown(f"**{plain(question.text(lang))}**")
    if question.help:
        st.caption(plain(question.help(lang)))
    match question:
        case ScoredQuestion():
            dimension = q.dimensions_by_id[question.dimension].name(lang)
            tags = [t("labelled", lang, label=t("dimension_label", lang), value=dimension)]
            if question.mistake:
                mistake = q.mistakes_by_id[question.mistake].name(lang)
                tags.append(t("labelled", lang, label=t("mistake_label", lang), value=mistake))
            st.caption(plain(" · ".join(tags)))
            lines = [
                f"{n}. **{plain(q.level(n).name(lang))}** — {plain(statement(lang))}"
                for n, statement in enumerate(question.levels, start=1)
            ]
            st.markdown("\n".join([*lines, f"- *{plain(t('dont_know', lang))}*"]))
        case AmbitionQuestion():
            dimension = q.dimensions_by_id[question.dimension].name(lang)
            st.caption(plain(t("ambition_hint", lang, dimension=dimension)))
            lines = [f"{level.level}. **{plain(level.name(lang))}**" for level in q.levels]
            st.markdown("\n".join([*lines, f"- *{plain(t('dont_know', lang))}*"]))
        case FreeTextQuestion():
            st.caption(t("free_text_hint", lang, n=number(question.max_length, lang, digits=0)))
        case _:
            st.caption(_choice_hint(question, lang))
            options = [
                f"- {plain(option.label(lang))}"
                + (f" — *{plain(option.description(lang))}*" if option.description else "")
                for option in question.options
            ]
            st.markdown("\n".join([*options, f"- *{plain(t('dont_know', lang))}*"]))


def _choice_hint(question: Question, lang: Lang) -> str:
    match question:
        case RankingQuestion():
            return t("ranking_hint", lang, n=question.min_ranked)
        case MultiChoiceQuestion():
            return t("multi_choice_hint", lang)
    return t("single_choice_hint", lang)
