"""How long a respondent needs, computed from the content — never typed into it.

The rule (README and docs/QUESTIONNAIRE.md state it too):

- **reading**: every word the participant's page shows, read once at 200 words a minute —
  section titles and introductions, question texts and help, the five statements of a
  scored item, the labels and descriptions of choices, the labels of a ranking (its
  descriptions sit in a closed panel and are not counted), the level names offered by
  each ambition question, and the levels' names and summaries shown once above the
  ambition questions;
- **answering**: 5 seconds per question, 30 more for the ranking (several taps in order)
  and 60 more for the free text (writing a sentence or two).

A text shown several times on one page is read once: the ambition questions offer the
same five level names, read with the scale above them. Interface words ("I don't know",
buttons) are left out for the same reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cxmaturity.localized import Lang, Text
from cxmaturity.questionnaire.model import (
    AmbitionQuestion,
    FreeTextQuestion,
    Questionnaire,
    RankingQuestion,
    ScoredQuestion,
    Section,
)

READING_WPM = 200
#: A word holds a letter or a digit: French «, : and ; stand apart but are not words.
_WORD = re.compile(r"\w")
SECONDS_PER_ANSWER = 5
EXTRA_SECONDS_RANKING = 30
EXTRA_SECONDS_FREE_TEXT = 60


def shown_texts(q: Questionnaire, section: Section) -> Iterator[Text]:
    """The content texts a participant reads in `section`, as the page shows them."""
    yield section.title
    if section.intro:
        yield section.intro
    questions = section.questions
    if any(isinstance(question, AmbitionQuestion) for question in questions):
        for level in q.levels:  # the scale, shown once above the ambition questions
            yield level.name
            if level.summary:
                yield level.summary
    for question in questions:
        yield question.text
        if question.help:
            yield question.help
        match question:
            case ScoredQuestion():
                yield from question.levels
            case AmbitionQuestion():
                yield from (level.name for level in q.levels)
            case RankingQuestion():
                yield from (option.label for option in question.options)
            case FreeTextQuestion():
                pass
            case _:
                for option in question.options:
                    yield option.label
                    if option.description:
                        yield option.description


def reading_words(q: Questionnaire, lang: Lang) -> int:
    words = 0
    for section in q.sections:
        page = {text(lang) for text in shown_texts(q, section)}  # repeated texts read once
        words += sum(1 for text in page for token in text.split() if _WORD.search(token))
    return words


def answering_seconds(q: Questionnaire) -> float:
    seconds = 0.0
    for question in q.questions.values():
        seconds += SECONDS_PER_ANSWER
        if isinstance(question, RankingQuestion):
            seconds += EXTRA_SECONDS_RANKING
        elif isinstance(question, FreeTextQuestion):
            seconds += EXTRA_SECONDS_FREE_TEXT
    return seconds


def estimated_minutes(q: Questionnaire, lang: Lang = "fr") -> float:
    return (reading_words(q, lang) / READING_WPM * 60 + answering_seconds(q)) / 60
