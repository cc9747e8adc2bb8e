"""Driving the app in Chromium as people do: helpers shared by the browser tests.

Waits are on what the person would see (a heading, the progress count, a message), never
on sleeps: each answer is confirmed by the progress line moving on.
"""

from __future__ import annotations

import re
from typing import Any

from cxmaturity.answers import DONT_KNOW
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
)

TIMEOUT = 30_000


#: The server has finished the run (Streamlit marks its root element) and every element
#: has mounted: widgets load their code lazily and show a placeholder (`stSkeleton`) for
#: a few hundred milliseconds after the run ends.
_IDLE = """() =>
    document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]') !== null
    && document.querySelector('[data-testid="stSkeleton"]') === null"""


def wait_idle(page: Any) -> None:
    """Until the page is drawn as a person will see it: the run over, every widget mounted."""
    page.wait_for_function(_IDLE, timeout=TIMEOUT)


def expect_progress(page: Any, q: Questionnaire, answered: int, lang: Lang) -> None:
    from playwright.sync_api import expect

    line = t("answer_progress", lang, answered=answered, total=len(q.required))
    # Alone on the first screen; after it, "<organisation> · <line>" (the compact header).
    shown = page.get_by_text(re.compile(f"(^|· ){re.escape(line)}$"))
    expect(shown).to_be_visible(timeout=TIMEOUT)


def answer(page: Any, q: Questionnaire, question: Question, value: Any, lang: Lang) -> None:
    """Give one answer through the question's widget."""
    label = question.text(lang)
    match question:
        case ScoredQuestion():
            group = page.get_by_role("radiogroup", name=label, exact=True)
            index = 5 if value == DONT_KNOW else int(value) - 1
            group.get_by_test_id("stRadioOption").nth(index).click()
        case AmbitionQuestion():  # pills, found by the widget's key (all share their labels)
            pills = page.locator(f".st-key-a-{question.id}")
            name = (
                t("dont_know", lang)
                if value == DONT_KNOW
                else f"{value} · {q.level(int(value)).name(lang)}"
            )
            pills.get_by_role("radio", name=name, exact=True).click()  # single-select pills
        case MultiChoiceQuestion():
            first = question.options[0].label(lang)
            pills = page.get_by_test_id("stButtonGroup").filter(has_text=first)
            names = [t("dont_know", lang)] if value == DONT_KNOW else [
                q.options_of(question.id)[v].label(lang) for v in value
            ]  # fmt: skip
            for name in names:
                pills.get_by_role("button", name=name, exact=True).click()
        case RankingQuestion():
            first = question.options[0].label(lang)
            pills = page.get_by_test_id("stButtonGroup").filter(has_text=first)
            for rank, option_id in enumerate(value, start=1):
                name = q.options_of(question.id)[option_id].label(lang)
                pills.get_by_role("button", name=name, exact=True).click()
                ranked = pills.get_by_role("button", name=f"{rank} · {name}", exact=True)
                ranked.wait_for(timeout=TIMEOUT)  # the tap is saved and shows its rank
        case FreeTextQuestion():
            box = page.get_by_role("textbox", name=label, exact=True)
            box.fill(value)
            box.press("Tab")  # a text area saves when it loses focus
        case _:  # single choice
            group = page.get_by_role("radiogroup", name=label, exact=True)
            ids = [o.id for o in question.options] + [DONT_KNOW]  # type: ignore[attr-defined]
            group.get_by_test_id("stRadioOption").nth(ids.index(value)).click()


def answer_section(
    page: Any,
    q: Questionnaire,
    section: Section,
    plan: dict[str, Any],
    answered: int,
    lang: Lang,
    only: slice = slice(None),
) -> int:
    """Answer a section's questions (or a slice of them); the new answered count.

    First, the section as the person sees it once drawn: while the page turn's run is
    still replacing the last section, a widget can stand twice for a moment."""
    wait_idle(page)
    for question in section.questions[only]:
        answer(page, q, question, plan[question.id], lang)
        if not isinstance(question, FreeTextQuestion):
            answered += 1
            expect_progress(page, q, answered, lang)
    return answered


def plan_for(q: Questionnaire, level: int, note: str) -> dict[str, Any]:
    """A full set of answers: `level` on every scored item, varied choices elsewhere."""
    plan: dict[str, Any] = {}
    for question in q.questions.values():
        match question:
            case ScoredQuestion():
                plan[question.id] = level
            case AmbitionQuestion():
                plan[question.id] = min(5, level + 1)
            case MultiChoiceQuestion():
                regular = [o.id for o in question.options if not o.exclusive]
                plan[question.id] = regular[: 1 + level % 2]
            case RankingQuestion():
                ids = [o.id for o in question.options]
                shift = level % len(ids)
                plan[question.id] = (ids[shift:] + ids[:shift])[: question.min_ranked]
            case FreeTextQuestion():
                plan[question.id] = note
            case _:
                ids = [o.id for o in question.options]  # type: ignore[attr-defined]
                plan[question.id] = ids[level % len(ids)]
    return plan
