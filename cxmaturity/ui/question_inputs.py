"""One input per question type, saved the moment it changes.

Used by the participant's page and by the facilitator's interview mode: only the saver
differs. Every input offers "I don't know". A widget's first value comes from the
database (seeded into session state before the widget exists, so a reload shows every
saved answer); after that, each change calls the saver in the widget's callback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from cxmaturity.answers import DONT_KNOW, AnswerValue
from cxmaturity.i18n import t
from cxmaturity.localized import Lang
from cxmaturity.questionnaire.model import (
    AmbitionQuestion,
    FreeTextQuestion,
    MultiChoiceQuestion,
    Question,
    Questionnaire,
    RankingQuestion,
    ScoredQuestion,
    Section,
    SingleChoiceQuestion,
)
from cxmaturity.ui.messages import error_text, log
from cxmaturity.ui.plain import plain
from cxmaturity.workshops.errors import StoreError

Saver = Callable[[str, AnswerValue | None], None]
SAVE_ERROR = "save_error"


@dataclass(frozen=True)
class Field:
    """What every input needs besides its question: where its answer comes from and goes."""

    label: str
    saved: AnswerValue | None
    save: Saver
    key: str
    lang: Lang
    disabled: bool


def question_input(
    q: Questionnaire,
    question: Question,
    number: int,
    saved: AnswerValue | None,
    save: Saver,
    key: str,
    lang: Lang,
    disabled: bool = False,
) -> None:
    st.markdown(f"**{number}\\. {plain(question.text(lang))}**")
    if question.help:
        st.caption(plain(question.help(lang)))
    field = Field(question.text(lang), saved, save, key, lang, disabled)
    match question:
        case ScoredQuestion():
            _scored(question, field)
        case AmbitionQuestion():
            _ambition(q, question, field)
        case SingleChoiceQuestion():
            _single(question, field)
        case MultiChoiceQuestion():
            _multi(question, field)
        case RankingQuestion():
            _ranking(question, field)
        case FreeTextQuestion():
            _free_text(question, field)


def section_scale(q: Questionnaire, section: Section, lang: Lang) -> None:
    """Above a section of ambitions, the five levels with their one-line summaries: what
    each ambition is chosen from, read once rather than under every question."""
    if not any(isinstance(question, AmbitionQuestion) for question in section.questions):
        return
    lines = [
        f"**{level.level} · {plain(level.name(lang))}** — {plain(level.summary(lang))}"
        for level in q.levels
        if level.summary
    ]
    st.markdown("  \n".join(lines))


def show_save_error(lang: Lang) -> None:
    """A save that failed in a callback is reported at the top of the next run."""
    failed = st.session_state.pop(SAVE_ERROR, None)
    if failed:
        st.error(failed, icon=":material/error:")


def _seed(key: str, value: object) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def _store(save: Saver, question_id: str, value: AnswerValue | None, lang: Lang) -> None:
    try:
        save(question_id, value)
    except Exception as exc:  # reported on the page, never a traceback
        if not isinstance(exc, StoreError):
            log.exception("saving %s failed", question_id)
        st.session_state[SAVE_ERROR] = error_text(exc, lang)


def _scored(question: ScoredQuestion, field: Field) -> None:
    """The five statements, from level 1 to 5, without the levels' names: a name such as
    "CX as culture" beside the last one would tell people which answer is expected."""
    labels: dict[int | str, str] = {
        level: plain(statement(field.lang))
        for level, statement in enumerate(question.levels, start=1)
    }
    _radio(question.id, labels, field)


def _ambition(q: Questionnaire, question: AmbitionQuestion, field: Field) -> None:
    """The five levels by name, as chips that wrap: eight ambitions in a row stay about two
    phone screens long (as radio lists they took three). The section shows what each
    level means once, above."""
    labels: dict[int | str, str] = {
        level.level: f"{level.level} · {plain(level.name(field.lang))}" for level in q.levels
    }
    labels[DONT_KNOW] = plain(t("dont_know", field.lang))
    _seed(field.key, field.saved)
    st.pills(
        field.label,
        options=list(labels),
        selection_mode="single",
        format_func=labels.__getitem__,
        key=field.key,
        label_visibility="collapsed",
        disabled=field.disabled,
        on_change=lambda: _store(field.save, question.id, st.session_state[field.key], field.lang),
    )


def _single(question: SingleChoiceQuestion, field: Field) -> None:
    labels: dict[int | str, str] = {o.id: plain(o.label(field.lang)) for o in question.options}
    captions = [plain(o.description(field.lang)) if o.description else "" for o in question.options]
    _radio(question.id, labels, field, captions)


def _radio(
    question_id: str,
    labels: dict[int | str, str],
    field: Field,
    captions: list[str] | None = None,
) -> None:
    """One answer among `labels`, then "I don't know"; nothing chosen until the person does."""
    labels[DONT_KNOW] = f"*{plain(t('dont_know', field.lang))}*"
    _seed(field.key, field.saved)
    st.radio(
        field.label,
        options=list(labels),
        index=None,
        format_func=labels.__getitem__,
        captions=[*captions, ""] if captions else None,
        key=field.key,
        label_visibility="collapsed",
        disabled=field.disabled,
        on_change=lambda: _store(field.save, question_id, st.session_state[field.key], field.lang),
    )


def _multi(question: MultiChoiceQuestion, field: Field) -> None:
    labels = {o.id: o.label(field.lang) for o in question.options}
    labels[DONT_KNOW] = t("dont_know", field.lang)
    exclusive = {o.id for o in question.options if o.exclusive} | {DONT_KNOW}
    before = f"{field.key}#before"
    saved = field.saved
    current = [DONT_KNOW] if saved == DONT_KNOW else list(saved) if isinstance(saved, list) else []
    _seed(field.key, current)
    st.session_state[before] = list(st.session_state[field.key])

    def changed() -> None:
        picked: list[str] = list(st.session_state[field.key])
        added = [v for v in picked if v not in st.session_state.get(before, [])]
        if any(v in exclusive for v in added):  # "none of these" / "I don't know" wins
            picked = [v for v in added if v in exclusive][-1:]
        elif len(picked) > 1:
            picked = [v for v in picked if v not in exclusive]
        st.session_state[field.key] = picked
        value: AnswerValue | None = None
        if picked:
            value = DONT_KNOW if picked == [DONT_KNOW] else picked
        _store(field.save, question.id, value, field.lang)

    st.caption(t("multi_choice_hint", field.lang))
    st.pills(
        field.label,
        options=list(labels),
        selection_mode="multi",
        format_func=labels.__getitem__,
        key=field.key,
        label_visibility="collapsed",
        disabled=field.disabled,
        on_change=changed,
    )


def _ranking(question: RankingQuestion, field: Field) -> None:
    """Tap the options in order of priority; each shows its rank. Large buttons, no
    dragging and no drop-down list: it works with a thumb on a phone."""
    order_key = f"{field.key}#order"
    dont_know = f"{field.key}#dk"
    if field.key not in st.session_state:
        # The widget's first draw for this person: the database is the truth. (The order
        # is not a widget's state, so Streamlit keeps it when the widget goes; without
        # this, the next person in the same browser would start from someone else's.)
        st.session_state[order_key] = list(field.saved) if isinstance(field.saved, list) else []
    _seed(dont_know, field.saved == DONT_KNOW)
    _seed(field.key, list(st.session_state[order_key]))

    def changed() -> None:
        if st.session_state[dont_know]:
            _store(field.save, question.id, DONT_KNOW, field.lang)
            return
        picked = list(st.session_state[field.key] or [])
        kept = [v for v in st.session_state[order_key] if v in picked]
        order = kept + [v for v in picked if v not in kept]  # a new tap ranks last
        st.session_state[order_key] = order
        if not order:
            _store(field.save, question.id, None, field.lang)  # cleared: no answer
        elif len(order) >= question.min_ranked:
            _store(field.save, question.id, order, field.lang)
        # In between, a ranking being redone: the last complete one stays saved.

    order: list[str] = list(st.session_state[order_key])
    unknown = bool(st.session_state[dont_know])
    labels = {
        o.id: (f"{order.index(o.id) + 1} · " if o.id in order and not unknown else "")
        + o.label(field.lang)
        for o in question.options
    }
    if not field.disabled:  # no "how to change it" once it can no longer change
        st.caption(t("ranking_how", field.lang))
    st.pills(
        field.label,
        options=list(labels),
        selection_mode="multi",
        format_func=labels.__getitem__,
        key=field.key,
        label_visibility="collapsed",
        disabled=field.disabled or unknown,
        on_change=changed,
    )
    missing = question.min_ranked - len(order)
    if order and missing > 0 and not unknown and not field.disabled:
        st.caption(t("ranking_missing", field.lang, n=missing))
    with st.expander(t("ranking_details", field.lang)):
        for option in question.options:
            line = f"**{plain(option.label(field.lang))}**"
            if option.description:
                line += f" — {plain(option.description(field.lang))}"
            st.markdown(line)
    st.checkbox(
        t("dont_know", field.lang), key=dont_know, disabled=field.disabled, on_change=changed
    )


def _free_text(question: FreeTextQuestion, field: Field) -> None:
    def changed() -> None:
        text = str(st.session_state[field.key]).strip()
        _store(field.save, question.id, text or None, field.lang)

    _seed(field.key, field.saved if isinstance(field.saved, str) else "")
    st.text_area(
        field.label,
        max_chars=question.max_length,
        key=field.key,
        label_visibility="collapsed",
        placeholder=t("free_text_placeholder", field.lang),
        disabled=field.disabled,
        on_change=changed,
    )
    if not field.disabled:  # "saved when you leave the field": not once answers are final
        st.caption(t("free_text_optional", field.lang))
