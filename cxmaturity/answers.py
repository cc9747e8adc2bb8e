"""What a valid answer is, for each question type — one definition for every way in.

Answers arrive from the browser, from an archive and from a CSV file; each checks them
here so the rules cannot drift apart. A check returns None when the answer is valid,
otherwise the end of a sentence to put after the offending value:
`"6" is not one of 1–5, dk`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import StrictInt, StrictStr

from cxmaturity.questionnaire.model import (
    AmbitionQuestion,
    FreeTextQuestion,
    MultiChoiceQuestion,
    Option,
    Question,
    RankingQuestion,
    ScoredQuestion,
    SingleChoiceQuestion,
)

#: Characters no person types in free text (tabs and line breaks are fine).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: "I don't know": a real answer (the person saw the question) that counts as missing.
DONT_KNOW = "dk"
#: 1–5 or "dk" (scored, ambition), an option id (single choice), option ids (multi choice,
#: ranking), or the text (free text).
AnswerValue = StrictInt | StrictStr | list[StrictStr]


def check_answer(question: Question, value: AnswerValue) -> str | None:
    match question:
        case ScoredQuestion() | AmbitionQuestion():
            if value == DONT_KNOW or (type(value) is int and 1 <= value <= 5):
                return None
            return f"is not one of 1–5, {DONT_KNOW}"
        case SingleChoiceQuestion():
            if value == DONT_KNOW or (isinstance(value, str) and value in _ids(question.options)):
                return None
            return f"is not one of {_choices(question.options)}, {DONT_KNOW}"
        case MultiChoiceQuestion():
            return None if value == DONT_KNOW else _check_multi(question, value)
        case RankingQuestion():
            return None if value == DONT_KNOW else _check_ranking(question, value)
        case FreeTextQuestion():
            if not isinstance(value, str):
                return "is not a text"
            if _CONTROL.search(value):
                return "contains control characters"
            if len(value) > question.max_length:
                return f"is {len(value)} characters long; the limit is {question.max_length}"
            return None
    raise TypeError(f"unknown question type {type(question).__name__}")  # pragma: no cover


def _check_list(options: Sequence[Option], value: AnswerValue) -> str | None:
    if not isinstance(value, list):
        return f"is not a list of option ids (or {DONT_KNOW})"
    if not value:
        return f"is empty (use {DONT_KNOW} for I don't know)"
    known = _ids(options)
    for item in value:
        if item not in known:
            return f'holds "{item}", which is not one of {_choices(options)}'
    seen: set[str] = set()
    for item in value:
        if item in seen:
            return f'lists "{item}" twice'
        seen.add(item)
    return None


def _check_multi(question: MultiChoiceQuestion, value: AnswerValue) -> str | None:
    problem = _check_list(question.options, value)
    if problem is None and isinstance(value, list) and len(value) > 1:
        exclusive = [o.id for o in question.options if o.exclusive and o.id in value]
        if exclusive:
            return f'combines "{exclusive[0]}" with other options'
    return problem


def _check_ranking(question: RankingQuestion, value: AnswerValue) -> str | None:
    problem = _check_list(question.options, value)
    if problem is None and isinstance(value, list) and len(value) < question.min_ranked:
        return f"ranks {len(value)} options; at least {question.min_ranked} are needed"
    return problem


def _ids(options: Sequence[Option]) -> set[str]:
    return {option.id for option in options}


def _choices(options: Sequence[Option]) -> str:
    return ", ".join(option.id for option in options)
