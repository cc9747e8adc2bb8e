"""Small helpers to build workshop archives in tests, and a hypothesis strategy for them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from cxmaturity.archive.model import Participant, QuestionnaireRef, WorkshopArchive
from cxmaturity.questionnaire import Questionnaire, default_questionnaire
from cxmaturity.questionnaire.model import (
    AmbitionQuestion,
    FreeTextQuestion,
    MultiChoiceQuestion,
    Question,
    RankingQuestion,
    ScoredQuestion,
    SingleChoiceQuestion,
)

Q = default_questionnaire()


def archive(people: list[tuple[str, dict[str, Any]]], **fields: Any) -> WorkshopArchive:
    """An archive of participants given as (role, answers)."""
    return WorkshopArchive(
        organisation=fields.pop("organisation", "Test SA"),
        date=fields.pop("date", dt.date(2026, 1, 15)),
        language=fields.pop("language", "fr"),
        questionnaire=QuestionnaireRef(id=Q.id, version=Q.version),
        participants=[
            Participant(id=f"p{i:02d}", role=role, answers=answers)
            for i, (role, answers) in enumerate(people, start=1)
        ],
        **fields,
    )


def everything(level: int, q: Questionnaire = Q) -> dict[str, Any]:
    """Answers at `level` to every scored item."""
    return {item.id: level for item in q.scored_items}


def _answer(question: Question) -> st.SearchStrategy[Any]:
    dk = st.just("dk")
    match question:
        case ScoredQuestion() | AmbitionQuestion():
            return st.one_of(st.integers(1, 5), dk)
        case SingleChoiceQuestion():
            return st.one_of(st.sampled_from([o.id for o in question.options]), dk)
        case MultiChoiceQuestion():
            plain = [o.id for o in question.options if not o.exclusive]
            return st.one_of(st.lists(st.sampled_from(plain), min_size=1, unique=True), dk)
        case RankingQuestion():
            ids = [o.id for o in question.options]
            return st.one_of(
                st.permutations(ids).flatmap(
                    lambda order: st.integers(question.min_ranked, len(ids)).map(
                        lambda k: list(order[:k])
                    )
                ),
                dk,
            )
        case FreeTextQuestion():
            return st.text(min_size=1, max_size=40)
    raise TypeError(question)


@st.composite
def participants(draw: st.DrawFn, q: Questionnaire = Q) -> tuple[str, dict[str, Any]]:
    role = draw(
        st.sampled_from(["ceo", "marketing", "sales", "customer_relations", "cx", "finance"])
    )
    answers = {}
    for question in q.questions.values():
        if draw(st.floats(0, 1)) < 0.85:
            answers[question.id] = draw(_answer(question))
    return role, answers


def archives(min_size: int = 1, max_size: int = 14) -> st.SearchStrategy[WorkshopArchive]:
    """Workshops in either role-figures mode; the stored minimum may be below 3, as v1
    archives' could."""
    return st.builds(
        lambda people, mode, group: archive(people, role_figures=mode, min_group_size=group),
        st.lists(participants(), min_size=min_size, max_size=max_size),
        st.sampled_from(["open", "protected"]),
        st.integers(1, 4),
    )
