"""The bundled questionnaire's content: coverage of the source material, FR/EN parity, size.

DESIGN.md §3 maps every idea of the source articles to a home in the questionnaire; the
table below is that map's questionnaire column. A concept that loses its home fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel

from cxmaturity.localized import Text
from cxmaturity.questionnaire import Questionnaire, load_questionnaire
from cxmaturity.questionnaire.model import (
    FreeTextQuestion,
    MultiChoiceQuestion,
    RankingQuestion,
    ScoredQuestion,
    SingleChoiceQuestion,
)
from cxmaturity.questionnaire.timing import estimated_minutes
from tests.conftest import CONTENT

CONCEPTS = {
    "definition", "cx_vs_marketing", "scope", "objectives", "kpis", "starting_angle",
    "value_destruction", "mistake_commitment", "mistake_fragmentation", "mistake_disconnect",
    "employee_engagement", "four_spheres", "target_experience", "emotions_cocreation",
}  # fmt: skip

#: DESIGN.md §3, questionnaire column: the question types each concept must appear in.
CONTENT_MAP: dict[str, set[type]] = {
    "definition": {SingleChoiceQuestion},
    "cx_vs_marketing": {ScoredQuestion},
    "scope": {ScoredQuestion, SingleChoiceQuestion},
    "objectives": {RankingQuestion},
    "kpis": {MultiChoiceQuestion, ScoredQuestion},
    "starting_angle": {SingleChoiceQuestion},
    "value_destruction": {ScoredQuestion, FreeTextQuestion},
    "mistake_commitment": {ScoredQuestion},
    "mistake_fragmentation": {ScoredQuestion},
    "mistake_disconnect": {ScoredQuestion},
    "employee_engagement": {ScoredQuestion},
    "four_spheres": {ScoredQuestion},
    "target_experience": {ScoredQuestion},
    "emotions_cocreation": {ScoredQuestion},
}


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    return load_questionnaire(CONTENT)


def texts(node: Any, path: str = "") -> Iterator[tuple[str, Text]]:
    """Every bilingual text anywhere in the questionnaire, with its path."""
    if isinstance(node, Text):
        yield path, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from texts(getattr(node, name), f"{path}.{name}" if path else name)
    elif isinstance(node, list | tuple):
        for i, item in enumerate(node):
            yield from texts(item, f"{path}[{i}]")


def test_the_declared_concepts_are_exactly_the_source_concepts(q: Questionnaire) -> None:
    assert {c.id for c in q.concepts} == CONCEPTS


@pytest.mark.parametrize("concept", sorted(CONTENT_MAP))
def test_every_concept_has_its_home(q: Questionnaire, concept: str) -> None:
    homes = {type(x) for x in q.questions.values() if concept in x.concepts}
    missing = CONTENT_MAP[concept] - homes
    assert not missing, f"{concept} has no {sorted(t.__name__ for t in missing)} question"


def test_every_text_has_french_and_english(q: Questionnaire) -> None:
    every = list(texts(q))
    written = CONTENT.read_text(encoding="utf-8").count(" fr: ")
    assert len(every) == written  # the walker sees every text in the file
    assert all(text.fr.strip() and text.en.strip() for _, text in every)


def test_english_is_a_translation_not_a_copy(q: Questionnaire) -> None:
    copies = [path for path, text in texts(q) if len(text.fr) > 25 and text.fr == text.en]
    assert copies == []


def test_no_level_statement_is_repeated_within_an_item(q: Questionnaire) -> None:
    for item in q.scored_items:
        for lang in ("fr", "en"):
            statements = [level(lang) for level in item.levels]
            assert len(set(statements)) == 5, item.id


def test_five_named_levels_from_washing_to_culture(q: Questionnaire) -> None:
    assert [level.level for level in q.levels] == [1, 2, 3, 4, 5]
    assert all(len(level.description.en.split()) >= 25 for level in q.levels)


def test_size_and_shape(q: Questionnaire) -> None:
    assert 30 <= len(q.scored_items) <= 45
    assert 7 <= len(q.dimensions) <= 9
    assert all(len(q.items_of(d.id)) >= 4 for d in q.dimensions)
    assert len(q.actions) >= 25
    assert {m.id for m in q.mistakes} == {"commitment", "fragmentation", "disconnect"}
    assert all(sum(item.mistake == m.id for item in q.scored_items) >= 3 for m in q.mistakes), (
        "each mistake needs at least three evidence items"
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_answerable_in_twelve_to_fifteen_minutes(q: Questionnaire, lang: str) -> None:
    minutes = estimated_minutes(q, lang)  # type: ignore[arg-type]
    assert 12 <= minutes <= 15, f"{lang}: {minutes:.1f} min"
    assert abs(q.estimated_minutes - minutes) <= 1.5


def test_roles_of_a_leadership_team(q: Questionnaire) -> None:
    assert [r.id for r in q.roles] == [
        "ceo", "marketing", "sales", "customer_relations", "cx",
        "operations", "digital_it", "hr", "finance", "other",
    ]  # fmt: skip


def test_the_six_objectives_to_rank(q: Questionnaire) -> None:
    objectives = q.questions[q.key_questions.objectives]
    assert isinstance(objectives, RankingQuestion)
    assert {o.id for o in objectives.options} == {
        "reduce_effort", "satisfaction", "recommendation", "share_of_wallet", "churn", "roi",
    }  # fmt: skip


def test_definitions_and_starting_angles_from_the_sources(q: Questionnaire) -> None:
    definition = q.questions[q.key_questions.definition]
    angle = q.questions[q.key_questions.starting_angle]
    assert isinstance(definition, SingleChoiceQuestion)
    assert isinstance(angle, SingleChoiceQuestion)
    assert {o.id for o in definition.options} == {
        "process",
        "sales",
        "ux_digital",
        "customer_centric",
    }
    assert {o.id for o in angle.options} == {
        "strategic", "priority_subject", "voice_of_customer", "pain_points", "ambassadors",
    }  # fmt: skip


def test_nps_csat_ces_and_how_often(q: Questionnaire) -> None:
    measured = q.questions[q.key_questions.kpis_measured]
    assert isinstance(measured, MultiChoiceQuestion)
    assert {"nps", "csat", "ces"} <= {o.id for o in measured.options}
    assert isinstance(q.questions[q.key_questions.kpis_frequency], SingleChoiceQuestion)
    assert {"nps", "csat", "ces"} <= {k.id for k in q.kpis}


def test_the_framing_section_holds_the_four_framing_questions(q: Questionnaire) -> None:
    framing = q.sections[0]
    ids = {question.id for question in framing.questions}
    keys = q.key_questions
    assert {keys.cx_owner, keys.objectives, keys.starting_angle, keys.value_destruction} <= ids
    assert any("scope" in question.concepts for question in framing.questions)


def test_every_action_is_complete(q: Questionnaire) -> None:
    for action in q.actions:
        assert action.dimensions or action.mistakes, action.id
        assert len(action.rationale.en.split()) >= 8, action.id
    assert {a.phase for a in q.actions} == {p.id for p in q.phases}
    assert {a.horizon for a in q.actions} == {"0-3m", "3-6m", "6-12m"}


def test_the_modeline_points_editors_at_the_committed_schema() -> None:
    first = CONTENT.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema/questionnaire.schema.json"
    assert (CONTENT.parent / "schema" / "questionnaire.schema.json").is_file()
