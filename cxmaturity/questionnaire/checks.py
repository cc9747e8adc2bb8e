"""Checks that need the whole questionnaire: unique ids and references between parts.

The pydantic models check each part's shape; a questionnaire that passes them can still
cite a dimension that does not exist or reuse an id. Each check here yields the path of
the offending value so the loader can point at its line.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from cxmaturity.problems import PathPart, format_path
from cxmaturity.questionnaire.model import (
    TEAM_FIGURES,
    Action,
    AmbitionQuestion,
    DimensionAgreementBelow,
    DimensionBelow,
    FreeTextQuestion,
    ItemBelow,
    MistakeRisk,
    MultiChoiceQuestion,
    NotAligned,
    OptionShare,
    Questionnaire,
    RankingQuestion,
    ScoredQuestion,
    SingleChoiceQuestion,
)

Path = tuple[PathPart, ...]
Finding = tuple[Path, str]

#: A dimension needs several items for its score and agreement (rwg(J)) to mean anything.
MIN_ITEMS_PER_DIMENSION = 3
#: A mistake's risk is read from the mean of its evidence items.
MIN_EVIDENCE_PER_MISTAKE = 2

_KEY_QUESTION_TYPES: dict[str, type] = {
    "definition": SingleChoiceQuestion,
    "objectives": RankingQuestion,
    "starting_angle": SingleChoiceQuestion,
    "cx_owner": SingleChoiceQuestion,
    "kpis_measured": MultiChoiceQuestion,
    "kpis_frequency": SingleChoiceQuestion,
    "value_destruction": FreeTextQuestion,
}
_TYPE_NAMES: dict[type, str] = {
    SingleChoiceQuestion: "single_choice",
    RankingQuestion: "ranking",
    MultiChoiceQuestion: "multi_choice",
    FreeTextQuestion: "free_text",
}


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


def check_questionnaire(q: Questionnaire) -> list[Finding]:
    """Every cross-reference problem in `q`, in document order.

    Duplicate ids come alone: the lookups the other checks use keep one of the two, so
    they would report the lost one as missing — noise that hides the real fault.
    """
    duplicates = list(_unique_ids(q))
    if duplicates:
        return duplicates
    return [
        *_levels(q),
        *_questions(q),
        *_coverage(q),
        *_ambitions(q),
        *_key_questions(q),
        *_actions(q),
    ]


def _duplicates(items: Sequence[_HasId], where: Path) -> Iterator[Finding]:
    first: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in first:
            other = format_path((*where, first[item.id]))
            yield (*where, i, "id"), f'duplicate id "{item.id}" (already used by {other})'
        else:
            first[item.id] = i


def _unique_ids(q: Questionnaire) -> Iterator[Finding]:
    for name in ("dimensions", "mistakes", "roles", "concepts", "kpis", "phases", "sections"):
        yield from _duplicates(getattr(q, name), (name,))
    yield from _duplicates(q.actions, ("actions",))
    # Question ids are unique across sections, and distinct from dimension ids, because
    # results and the roadmap cite "question or dimension ids" in one list.
    seen: dict[str, Path] = {d.id: ("dimensions", i) for i, d in enumerate(q.dimensions)}
    for s, section in enumerate(q.sections):
        for n, question in enumerate(section.questions):
            path: Path = ("sections", s, "questions", n)
            if question.id in seen:
                other = format_path(seen[question.id])
                yield (*path, "id"), f'duplicate id "{question.id}" (already used by {other})'
            else:
                seen[question.id] = path
            if not isinstance(question, ScoredQuestion | AmbitionQuestion | FreeTextQuestion):
                yield from _duplicates(question.options, (*path, "options"))


def _levels(q: Questionnaire) -> Iterator[Finding]:
    for i, level in enumerate(q.levels):
        if level.level != i + 1:
            yield ("levels", i, "level"), f"expected level {i + 1} here (levels go 1 to 5 in order)"


def _questions(q: Questionnaire) -> Iterator[Finding]:
    concepts = {c.id for c in q.concepts}
    for s, section in enumerate(q.sections):
        for n, question in enumerate(section.questions):
            path: Path = ("sections", s, "questions", n)
            for c, concept in enumerate(question.concepts):
                if concept not in concepts:
                    yield (*path, "concepts", c), _unknown("concept", concept, concepts)
            match question:
                case ScoredQuestion():
                    if question.dimension not in q.dimensions_by_id:
                        yield (
                            (*path, "dimension"),
                            _unknown("dimension", question.dimension, q.dimensions_by_id),
                        )
                    if question.mistake is not None and question.mistake not in q.mistakes_by_id:
                        yield (
                            (*path, "mistake"),
                            _unknown("mistake", question.mistake, q.mistakes_by_id),
                        )
                case AmbitionQuestion() if question.dimension not in q.dimensions_by_id:
                    yield (
                        (*path, "dimension"),
                        _unknown("dimension", question.dimension, q.dimensions_by_id),
                    )
                case RankingQuestion() if question.min_ranked > len(question.options):
                    yield (
                        (*path, "min_ranked"),
                        (
                            f"asks to rank {question.min_ranked} options "
                            f"but the question has {len(question.options)}"
                        ),
                    )
                case SingleChoiceQuestion() | RankingQuestion():
                    for o, option in enumerate(question.options):
                        if option.exclusive:
                            yield (
                                (*path, "options", o, "exclusive"),
                                ("exclusive only applies to multi_choice questions"),
                            )


def _coverage(q: Questionnaire) -> Iterator[Finding]:
    for i, dimension in enumerate(q.dimensions):
        count = len(q.items_of(dimension.id))
        if count < MIN_ITEMS_PER_DIMENSION:
            yield (
                ("dimensions", i, "id"),
                (
                    f'dimension "{dimension.id}" has {count} scored items; '
                    f"it needs at least {MIN_ITEMS_PER_DIMENSION}"
                ),
            )
    for i, mistake in enumerate(q.mistakes):
        count = sum(item.mistake == mistake.id for item in q.scored_items)
        if count < MIN_EVIDENCE_PER_MISTAKE:
            yield (
                ("mistakes", i, "id"),
                (
                    f'mistake "{mistake.id}" has {count} evidence items; '
                    f"it needs at least {MIN_EVIDENCE_PER_MISTAKE}"
                ),
            )
    used = {concept for question in q.questions.values() for concept in question.concepts}
    for i, concept in enumerate(q.concepts):
        if concept.id not in used:
            yield (
                ("concepts", i, "id"),
                f'concept "{concept.id}" is declared but no question cites it',
            )


def _ambitions(q: Questionnaire) -> Iterator[Finding]:
    """No ambition at all (v1), or exactly one per dimension, and every level summarised:
    people choose an ambition among the levels' names and summaries."""
    found: dict[str, Path] = {}
    for s, section in enumerate(q.sections):
        for n, question in enumerate(section.questions):
            if not isinstance(question, AmbitionQuestion):
                continue
            path: Path = ("sections", s, "questions", n, "dimension")
            if question.dimension in found:
                other = format_path(found[question.dimension])
                yield path, f'dimension "{question.dimension}" already has an ambition ({other})'
            else:
                found[question.dimension] = path
    if not found:
        return
    for i, dimension in enumerate(q.dimensions):
        if dimension.id not in found:
            yield (
                ("dimensions", i, "id"),
                f'dimension "{dimension.id}" has no ambition question (every dimension needs one)',
            )
    for i, level in enumerate(q.levels):
        if level.summary is None:
            yield ("levels", i), "missing summary (ambition questions show each level's summary)"


def _key_questions(q: Questionnaire) -> Iterator[Finding]:
    for key, expected in _KEY_QUESTION_TYPES.items():
        question_id = getattr(q.key_questions, key)
        if question_id is None:  # optional key (kpis_frequency, v1 only)
            continue
        question = q.questions.get(question_id)
        if question is None:
            yield ("key_questions", key), _unknown("question", question_id, q.questions)
        elif not isinstance(question, expected):
            yield (
                ("key_questions", key),
                (
                    f'question "{question_id}" is {question.type}; '
                    f"{key} needs a {_TYPE_NAMES[expected]} question"
                ),
            )


def _actions(q: Questionnaire) -> Iterator[Finding]:
    angle = q.questions.get(q.key_questions.starting_angle)
    angle_options = (
        {o.id for o in angle.options} if isinstance(angle, SingleChoiceQuestion) else set()
    )
    first_steps: set[str] = set()
    for a, action in enumerate(q.actions):
        path: Path = ("actions", a)
        yield from _action_refs(q, action, path)
        for i, option in enumerate(action.first_step_for):
            if option not in angle_options:
                yield (
                    (*path, "first_step_for", i),
                    _unknown("starting-angle option", option, angle_options),
                )
            first_steps.add(option)
        for c, condition in enumerate(action.triggered_when):
            yield from _condition_refs(q, condition, (*path, "triggered_when", c))
        for c, condition in enumerate(action.first_step_unless):
            yield from _condition_refs(q, condition, (*path, "first_step_unless", c))
        for i, other in enumerate(action.after):
            if other not in q.actions_by_id or other == action.id:
                yield (*path, "after", i), _unknown("action", other, q.actions_by_id)
        for i, role in enumerate(action.owner_alternatives):
            if role not in q.roles_by_id:
                yield (*path, "owner_alternatives", i), _unknown("role", role, q.roles_by_id)
    yield from _after_cycles(q)
    for k, kpi in enumerate(q.kpis):
        scored = {item.id for item in q.scored_items}
        if kpi.baseline_item is not None and kpi.baseline_item not in scored:
            yield ("kpis", k, "baseline_item"), _unknown("scored item", kpi.baseline_item, scored)
    measured = q.questions.get(q.key_questions.kpis_measured)
    measured_ids = {o.id for o in getattr(measured, "options", [])}
    objectives = q.questions.get(q.key_questions.objectives)
    for option in getattr(objectives, "options", []):
        if option.measured_by is not None and option.measured_by not in measured_ids:
            path = ("objectives", option.id, "measured_by")
            yield path, _unknown("indicator option", option.measured_by, measured_ids)
    for option in sorted(angle_options - first_steps):
        yield (
            ("actions",),
            (f'no action is the first step for starting angle "{option}" (set first_step_for)'),
        )


def _after_cycles(q: Questionnaire) -> Iterator[Finding]:
    """`after` must not loop: an action cannot wait, even indirectly, for itself."""
    after = {a.id: [o for o in a.after if o in q.actions_by_id] for a in q.actions}
    reported: set[str] = set()
    for a, action in enumerate(q.actions):
        seen, stack = set(), list(after[action.id])
        while stack:
            other = stack.pop()
            if other == action.id and action.id not in reported:
                reported.add(action.id)
                yield ("actions", a, "after"), f'"{action.id}" waits for itself through "after"'
                break
            if other not in seen:
                seen.add(other)
                stack += after[other]


def _action_refs(q: Questionnaire, action: Action, path: Path) -> Iterator[Finding]:
    if not action.dimensions and not action.mistakes:
        yield path, "an action must address at least one dimension or mistake"
    for i, dimension in enumerate(action.dimensions):
        if dimension not in q.dimensions_by_id:
            yield (*path, "dimensions", i), _unknown("dimension", dimension, q.dimensions_by_id)
    for i, mistake in enumerate(action.mistakes):
        if mistake not in q.mistakes_by_id:
            yield (*path, "mistakes", i), _unknown("mistake", mistake, q.mistakes_by_id)
    if action.owner_role not in q.roles_by_id:
        yield (*path, "owner_role"), _unknown("role", action.owner_role, q.roles_by_id)
    if action.kpi not in q.kpis_by_id:
        yield (*path, "kpi"), _unknown("kpi", action.kpi, q.kpis_by_id)
    if action.phase not in q.phases_by_id:
        yield (*path, "phase"), _unknown("phase", action.phase, q.phases_by_id)


def _condition_refs(q: Questionnaire, condition: object, path: Path) -> Iterator[Finding]:
    match condition:
        case DimensionBelow() | DimensionAgreementBelow():
            if condition.dimension not in q.dimensions_by_id:
                yield (
                    (*path, "dimension"),
                    _unknown("dimension", condition.dimension, q.dimensions_by_id),
                )
        case NotAligned():
            if condition.figure not in (*TEAM_FIGURES, *q.dimensions_by_id):
                known = [*TEAM_FIGURES, *q.dimensions_by_id]
                yield (*path, "figure"), _unknown("figure", condition.figure, known)
        case MistakeRisk():
            if condition.mistake not in q.mistakes_by_id:
                yield (*path, "mistake"), _unknown("mistake", condition.mistake, q.mistakes_by_id)
        case ItemBelow():
            question = q.questions.get(condition.question)
            if not isinstance(question, ScoredQuestion):
                scored = {item.id for item in q.scored_items}
                yield (*path, "question"), _unknown("scored item", condition.question, scored)
        case OptionShare():
            question = q.questions.get(condition.question)
            if not isinstance(question, SingleChoiceQuestion | MultiChoiceQuestion):
                choices = {
                    x.id
                    for x in q.questions.values()
                    if isinstance(x, SingleChoiceQuestion | MultiChoiceQuestion)
                }
                yield (*path, "question"), _unknown("choice question", condition.question, choices)
            elif condition.option not in {o.id for o in question.options}:
                yield (
                    (*path, "option"),
                    _unknown(
                        f'option of "{question.id}"',
                        condition.option,
                        {o.id for o in question.options},
                    ),
                )


def _unknown(what: str, value: str, known: Iterable[str]) -> str:
    """`unknown dimension "journey" (did you mean "journeys"?)`."""
    names = sorted(known)
    close = difflib.get_close_matches(value, names, n=1)
    hint = f' (did you mean "{close[0]}"?)' if close else ""
    return f'unknown {what} "{value}"{hint}'
