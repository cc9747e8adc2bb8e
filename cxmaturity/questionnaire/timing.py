"""How long a respondent needs: the questionnaire promises 12–15 minutes, so we measure it.

An estimate from what a person must read and do: every question text, help, option and
level statement read once at a careful reading speed, plus a few seconds per answer and
more for the ranking and the free text. Crude, but it moves when content grows, which is
what a test needs to catch a questionnaire that has quietly become 25 minutes long.
"""

from __future__ import annotations

from cxmaturity.localized import Lang
from cxmaturity.questionnaire.model import (
    FreeTextQuestion,
    Questionnaire,
    RankingQuestion,
    ScoredQuestion,
)

#: Careful reading of short business statements on a screen (words per minute).
READING_WPM = 220
SECONDS_PER_ANSWER = 5
EXTRA_SECONDS_RANKING = 30
EXTRA_SECONDS_FREE_TEXT = 60


def reading_words(q: Questionnaire, lang: Lang) -> int:
    words = 0
    for section in q.sections:
        texts = [section.title, section.intro]
        for question in section.questions:
            texts += [question.text, question.help]
            if isinstance(question, ScoredQuestion):
                texts += question.levels
            elif not isinstance(question, FreeTextQuestion):
                texts += [option.label for option in question.options]
                texts += [option.description for option in question.options]
        words += sum(len(text(lang).split()) for text in texts if text is not None)
    return words


def estimated_minutes(q: Questionnaire, lang: Lang = "fr") -> float:
    seconds = reading_words(q, lang) / READING_WPM * 60
    for question in q.questions.values():
        seconds += SECONDS_PER_ANSWER
        if isinstance(question, RankingQuestion):
            seconds += EXTRA_SECONDS_RANKING
        elif isinstance(question, FreeTextQuestion):
            seconds += EXTRA_SECONDS_FREE_TEXT
    return seconds / 60
