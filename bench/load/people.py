"""What the simulated people do: a participant joins by code, picks a role and answers the
whole questionnaire section by section with pauses, sometimes changing an answer or
reloading the page; the facilitator keeps the live view open while it refreshes itself.

Every rerun's round trip is recorded; an answer counts as acknowledged when the rerun
that carried it finished without an error drawn on the page (as a person sees it saved).
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass, field

from bench.load.protocol import Run, ServerGone, Session, Widget, chosen, clicked, picked, typed
from cxmaturity.answers import DONT_KNOW
from cxmaturity.i18n import t
from cxmaturity.questionnaire.model import (
    AmbitionQuestion,
    FreeTextQuestion,
    MultiChoiceQuestion,
    Questionnaire,
    RankingQuestion,
    ScoredQuestion,
)

LANG = "fr"


@dataclass
class Pace:
    """Think time between two actions, in seconds (uniform between the bounds)."""

    low: float = 2.0
    high: float = 6.0

    async def pause(self, rng: random.Random) -> None:
        await asyncio.sleep(rng.uniform(self.low, self.high))


@dataclass
class Tally:
    """What one simulated person saw."""

    #: Seconds from an answer (or a tap of the ranking) sent to its rerun finished.
    round_trips: list[float] = field(default_factory=list)
    #: The other reruns: pages loaded, the join, moving to the next section, reloads.
    other_trips: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: question id → the value the server acknowledged last (None: cleared).
    acknowledged: dict[str, object] = field(default_factory=dict)
    #: question id → values sent after that whose rerun showed an error: the server may
    #: or may not have saved them (the person would see the error and try again).
    unconfirmed: dict[str, list[object]] = field(default_factory=dict)
    resume_token: str = ""
    finished: bool = False
    reloads: int = 0
    changes: int = 0

    def record(self, run: Run, answer: bool = True) -> bool:
        (self.round_trips if answer else self.other_trips).append(run.seconds)
        self.errors.extend(run.errors)
        return run.ok

    def answered(self, run: Run, question_id: str, value: object) -> None:
        """The rerun that carried an answer: acknowledged, or not (an error was shown)."""
        if self.record(run):
            self.acknowledged[question_id] = value
            self.unconfirmed.pop(question_id, None)
        else:
            self.unconfirmed.setdefault(question_id, []).append(value)


async def participant(
    base_url: str,
    code: str,
    role: str,
    q: Questionnaire,
    rng: random.Random,
    pace: Pace,
    reload_midway: bool,
) -> Tally:
    tally = Tally()
    session = Session(base_url)
    try:
        run = await session.open("join", f"code={code}&lang={LANG}")
        tally.record(run, answer=False)
        await pace.pause(rng)
        run = await _join(session, run, q, role)
        if not tally.record(run, answer=False) or session.page != "answer":
            tally.errors.append(f"join failed: page {session.page!r}")
            return tally
        tally.resume_token = session.param("p")
        for index, section in enumerate(q.sections):
            for question in section.questions:
                await pace.pause(rng)
                run = await _answer(session, run, q, question, rng, tally)
            if reload_midway and index == len(q.sections) // 2:
                await session.close()  # a closed tab, a lost connection: the link resumes
                session = Session(base_url)
                run = await session.open("answer", f"p={tally.resume_token}&lang={LANG}")
                tally.record(run, answer=False)
                tally.reloads += 1
            label = "answer_finish" if index == len(q.sections) - 1 else "answer_next"
            run = await session.send(clicked(run.widget(label=t(label, LANG))))
            tally.record(run, answer=False)
        tally.finished = _end_screen(run)
    except (ServerGone, LookupError) as exc:
        tally.errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        await session.close()
    return tally


def _end_screen(run: Run) -> bool:
    """The end screen offers to review the answers."""
    return any(w.label == t("answer_review", LANG) for w in run.widgets)


async def _join(session: Session, run: Run, q: Questionnaire, role: str) -> Run:
    role_box = run.widget(label=t("join_role_label", LANG))
    submit = next(w for w in run.widgets if w.kind == "button" and w.form_id == role_box.form_id)
    return await session.send(chosen(role_box, q.roles_by_id[role].label(LANG)), clicked(submit))


async def _answer(
    session: Session, run: Run, q: Questionnaire, question: object, rng: random.Random, tally: Tally
) -> Run:
    key = f"a:{question.id}"  # type: ignore[attr-defined]
    widget = run.widget(key=key)
    match question:
        case ScoredQuestion():
            return await _scored(session, widget, question.id, rng, tally)
        case AmbitionQuestion():  # pills: one level by name, mostly 3–4
            index = rng.choices(range(6), weights=[0.2, 1, 4, 4, 2, 0.4])[0]
            run = await session.send(picked(widget, [widget.options[index]]))
            tally.answered(run, question.id, DONT_KNOW if index == 5 else index + 1)
            return run
        case MultiChoiceQuestion():
            regular = [i for i, o in enumerate(question.options) if not o.exclusive]
            chosen_ = sorted(rng.sample(regular, k=min(len(regular), rng.randint(1, 2))))
            run = await session.send(picked(widget, [widget.options[i] for i in chosen_]))
            tally.answered(run, question.id, [question.options[i].id for i in chosen_])
            return run
        case RankingQuestion():
            return await _rank(session, widget, question, rng, tally)
        case FreeTextQuestion():
            if rng.random() < 0.5:
                return run  # optional: half the room leaves it empty
            text = rng.choice(["Les délais de livraison", "Le service après-vente", "Le prix"])
            run = await session.send(typed(widget, text))
            tally.answered(run, question.id, text)
            return run
        case _:  # single choice: an option, or "I don't know" (the last)
            i = rng.randrange(len(widget.options))
            run = await session.send(chosen(widget, widget.options[i]))
            ids = [o.id for o in question.options] + [DONT_KNOW]  # type: ignore[attr-defined]
            tally.answered(run, question.id, ids[i])
            return run


async def _scored(
    session: Session, widget: Widget, question_id: str, rng: random.Random, tally: Tally
) -> Run:
    """A level, mostly 2–4, sometimes "I don't know"; one answer in ten is changed."""
    tries = 2 if rng.random() < 0.1 else 1
    run: Run | None = None
    for attempt in range(tries):
        index = rng.choices(range(6), weights=[1, 3, 4, 3, 1, 0.6])[0]
        run = await session.send(chosen(widget, widget.options[index]))
        tally.answered(run, question_id, DONT_KNOW if index == 5 else index + 1)
        if attempt == 0 and tries == 2:
            tally.changes += 1
            await asyncio.sleep(rng.uniform(0.5, 2.0))
            widget = run.widget(key=widget.key)
    assert run is not None  # noqa: S101 - at least one try
    return run


async def _rank(
    session: Session, widget: Widget, question: RankingQuestion, rng: random.Random, tally: Tally
) -> Run:
    """Tap options one by one, as on a phone: each tap is a rerun and shows its rank."""
    order = rng.sample(range(len(question.options)), k=question.min_ranked + rng.randint(0, 1))
    tapped: list[int] = []
    run: Run | None = None
    for option in order:
        tapped.append(option)
        run = await session.send(picked(widget, [widget.options[i] for i in tapped]))
        if len(tapped) >= question.min_ranked:
            tally.answered(run, question.id, [question.options[i].id for i in tapped])
        else:
            tally.record(run)
        widget = run.widget(key=widget.key)  # labels now carry the ranks
        await asyncio.sleep(rng.uniform(0.3, 1.0))
    assert run is not None  # noqa: S101 - at least min_ranked taps
    return run


async def facilitator(
    base_url: str, workshop_id: str, token: str, stop: asyncio.Event
) -> tuple[list[float], list[str]]:
    """The live view, open until `stop`: its fragment refreshes as the browser asks."""
    session = Session(base_url)
    refreshes: list[float] = []
    errors: list[str] = []
    try:
        run = await session.open("facilitate", f"w={workshop_id}&t={token}&view=progress")
        errors.extend(run.errors)
        if not session.fragments:
            errors.append("the live view asked for no refresh")
            return refreshes, errors
        fragment, interval = next(iter(session.fragments.items()))
        while not stop.is_set():
            try:
                await asyncio.wait_for(stop.wait(), timeout=interval)
            except TimeoutError:
                run = await session.send(fragment_id=fragment)
                refreshes.append(run.seconds)
                errors.extend(run.errors)
    except ServerGone as exc:
        errors.append(f"ServerGone: {exc}")
    finally:
        await session.close()
    return refreshes, errors
