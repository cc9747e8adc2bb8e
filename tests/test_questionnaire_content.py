"""The bundled questionnaire's content: coverage of the source material, FR/EN parity, size,
time to answer, and the wording rules of v2 (docs/QUESTIONNAIRE.md).

DESIGN.md §3 maps every idea of the source articles to a home in the questionnaire, in
the scoring and in the report; the three maps below are its columns. A concept that loses
any of its homes fails here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest
from pydantic import BaseModel

from cxmaturity.demo import demo_archive
from cxmaturity.formatting import signed
from cxmaturity.i18n import t
from cxmaturity.localized import Lang, Text
from cxmaturity.questionnaire import Questionnaire, load_questionnaire
from cxmaturity.questionnaire.model import (
    AmbitionQuestion,
    FreeTextQuestion,
    MultiChoiceQuestion,
    RankingQuestion,
    ScoredQuestion,
    SingleChoiceQuestion,
)
from cxmaturity.questionnaire.registry import default_questionnaire
from cxmaturity.questionnaire.timing import estimated_minutes
from cxmaturity.report import build_report
from cxmaturity.results import Results, compute_results
from tests.conftest import CONTENT

SOURCE_CONCEPTS = {
    "definition", "cx_vs_marketing", "scope", "objectives", "kpis", "starting_angle",
    "value_destruction", "mistake_commitment", "mistake_fragmentation", "mistake_disconnect",
    "employee_engagement", "four_spheres", "target_experience", "emotions_cocreation",
}  # fmt: skip
#: Added in v2: ideas of the sources v1 did not ask, and what market models expect.
NEW_CONCEPTS = {
    "ambition", "full_experience", "anticipated_vs_effective", "proximity", "best_experience",
    "trust", "governance", "data_enablement", "design_capability",
}  # fmt: skip

#: Questionnaire column: the question types each concept must appear in.
QUESTIONS: dict[str, set[type]] = {
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
    "ambition": {AmbitionQuestion},
    "full_experience": {ScoredQuestion},
    "anticipated_vs_effective": {ScoredQuestion},
    "proximity": {ScoredQuestion},
    "best_experience": {ScoredQuestion},
    "trust": {ScoredQuestion},
    "governance": {ScoredQuestion},
    "data_enablement": {ScoredQuestion},
    "design_capability": {ScoredQuestion},
}

#: Scoring column: where the concept's answers must show in the results (see homes()).
SCORING: dict[str, set[str]] = {
    "definition": {"alignment"},
    "cx_vs_marketing": {"dimension:strategy"},
    "scope": {"framing", "dimension:journeys"},
    "objectives": {"alignment"},
    "kpis": {"framing", "dimension:listening"},
    "starting_angle": {"alignment"},
    "value_destruction": {"framing", "dimension:value"},
    "mistake_commitment": {"mistake:commitment"},
    "mistake_fragmentation": {"mistake:fragmentation"},
    "mistake_disconnect": {"mistake:disconnect"},
    "employee_engagement": {"dimension:employees"},
    "four_spheres": {"dimension:leadership", "dimension:listening"},
    "target_experience": {"dimension:target_experience"},
    "emotions_cocreation": {"dimension:target_experience"},
    "ambition": {"ambition"},
    "full_experience": {"dimension:target_experience"},
    "anticipated_vs_effective": {"dimension:listening"},
    "proximity": {"dimension:leadership"},
    "best_experience": {"dimension:strategy"},
    "trust": {"dimension:value"},
    "governance": {"dimension:leadership"},
    "data_enablement": {"dimension:listening"},
    "design_capability": {"dimension:journeys"},
}

#: Report column: the report section (its H1) that must print the concept.
#: "profile" prints every dimension and the ambition; "framing" and "mistakes" print the
#: items themselves; "alignment" the definition (with the AFRC's), objectives and angle.
REPORT: dict[str, str] = {
    "definition": "alignment",
    "cx_vs_marketing": "profile",
    "scope": "framing",
    "objectives": "alignment",
    "kpis": "framing",
    "starting_angle": "framing",
    "value_destruction": "framing",
    "mistake_commitment": "mistakes",
    "mistake_fragmentation": "mistakes",
    "mistake_disconnect": "mistakes",
    "employee_engagement": "profile",
    "four_spheres": "profile",
    "target_experience": "profile",
    "emotions_cocreation": "profile",
    "ambition": "profile",
    "full_experience": "profile",
    "anticipated_vs_effective": "profile",
    "proximity": "profile",
    "best_experience": "framing",
    "trust": "profile",
    "governance": "profile",
    "data_enablement": "profile",
    "design_capability": "profile",
}
SECTIONS = ["summary", "profile", "alignment", "mistakes", "framing", "roadmap", "appendix"]


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


# --- the content map -----------------------------------------------------------------


def test_the_declared_concepts_are_the_source_concepts_and_the_new_ones(
    q: Questionnaire,
) -> None:
    assert {c.id for c in q.concepts} == SOURCE_CONCEPTS | NEW_CONCEPTS
    assert set(QUESTIONS) == set(SCORING) == set(REPORT) == SOURCE_CONCEPTS | NEW_CONCEPTS


@pytest.mark.parametrize("concept", sorted(QUESTIONS))
def test_every_concept_has_its_question(q: Questionnaire, concept: str) -> None:
    homes = {type(x) for x in q.questions.values() if concept in x.concepts}
    missing = QUESTIONS[concept] - homes
    assert not missing, f"{concept} has no {sorted(t.__name__ for t in missing)} question"


@cache
def demo_results() -> Results:
    q = default_questionnaire()
    return compute_results(demo_archive(q, 12, seed=5), q)


def homes(q: Questionnaire, r: Results, question_id: str) -> set[str]:
    """Where a question's answers show in the results, read from the results themselves."""
    found = set()
    for dimension in r.dimensions:
        if question_id in dimension.items:
            found.add(f"dimension:{dimension.id}")
        if dimension.ambition is not None and dimension.ambition.question_id == question_id:
            found.add("ambition")
    for mistake in r.mistakes:
        if question_id in mistake.evidence:
            found.add(f"mistake:{mistake.id}")
    a, framing = r.alignment, r.framing
    aligned = {a.definition.question_id, a.starting_angle.question_id, q.key_questions.objectives}
    if question_id in aligned and (
        question_id != q.key_questions.objectives or a.objectives.mean_ranks
    ):
        found.add("alignment")
    shown_in_framing = {framing.cx_owner.question_id, framing.kpis_measured.question_id}
    if question_id in shown_in_framing or (
        question_id == q.key_questions.value_destruction and framing.value_destruction
    ):
        found.add("framing")
    return found


@pytest.mark.parametrize("concept", sorted(SCORING))
def test_every_concept_has_its_place_in_the_scoring(q: Questionnaire, concept: str) -> None:
    r = demo_results()
    found = set().union(*(homes(q, r, x.id) for x in q.questions.values() if concept in x.concepts))
    assert SCORING[concept] <= found, f"{concept}: {sorted(SCORING[concept] - found)} missing"


@cache
def report_sections(lang: Lang) -> dict[str, str]:
    """The report's text, cut at its H1 headings (searched in order: the summary names
    the mistakes too, the appendix repeats some headings)."""
    q = default_questionnaire()
    pdf = build_report(demo_archive(q, 12, seed=5), q, lang)
    from tests.test_report import flat, text_of

    text = flat(text_of(pdf))
    starts, at = [], 0
    for name in SECTIONS:
        at = text.index(flat(t(f"report_h_{name}", lang)), at)
        starts.append(at)
    ends = [*starts[1:], len(text)]
    return {name: text[s:e] for name, s, e in zip(SECTIONS, starts, ends, strict=True)}


def printed_as(q: Questionnaire, question_id: str, section: str, lang: Lang) -> list[str] | None:
    """What must appear in `section` for this question: its dimension in the profile, its
    ambition column there, the question itself where items are listed, its chart's title
    where choices are drawn; None when the section does not show such a question."""
    question = q.questions[question_id]
    if section == "profile":
        if not isinstance(question, ScoredQuestion | AmbitionQuestion):
            return None
        dimension = q.dimensions_by_id[question.dimension]
        if isinstance(question, AmbitionQuestion):  # the table's ambition and gap columns
            gap = demo_results().dimension(dimension.id).gap
            return [t("col_ambition", lang), f"{dimension.name(lang)} ", f" {signed(gap, lang)}"]
        return [dimension.name(lang)]
    if isinstance(question, ScoredQuestion | FreeTextQuestion):
        return [question.text(lang)]
    if section == "alignment" and question_id == q.key_questions.definition:
        assert q.reference_definition is not None
        return [q.reference_definition.text(lang)]
    return (
        [t("report_kpis_title", lang)]
        if isinstance(question, MultiChoiceQuestion)
        else [
            t("report_objectives_title", lang)
            if isinstance(question, RankingQuestion)
            else t("report_angle_title", lang)
            if question_id == q.key_questions.starting_angle
            else question.text(lang)
        ]
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("concept", sorted(REPORT))
def test_every_concept_has_its_place_in_the_report(
    q: Questionnaire, concept: str, lang: Lang
) -> None:
    from tests.test_report import flat

    section = REPORT[concept]
    text = report_sections(lang)[section]
    cited = [x.id for x in q.questions.values() if concept in x.concepts]
    shown = [
        x
        for x in cited
        if (expected := printed_as(q, x, section, lang)) is not None
        and all(flat(s) in text for s in expected)
    ]
    assert shown, f"{concept}: none of {cited} is printed in the {section} section ({lang})"


# --- languages and shape -----------------------------------------------------------------


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
    assert all(level.summary and len(level.summary.fr.split()) <= 12 for level in q.levels)


def test_size_and_shape(q: Questionnaire) -> None:
    assert 28 <= len(q.scored_items) <= 32
    assert len(q.dimensions) == 8
    assert all(3 <= len(q.items_of(d.id)) <= 5 for d in q.dimensions)
    assert sorted(q.ambitions) == sorted(d.id for d in q.dimensions)  # one ambition each
    assert len(q.actions) >= 25
    assert {m.id for m in q.mistakes} == {"commitment", "fragmentation", "disconnect"}
    assert all(sum(item.mistake == m.id for item in q.scored_items) >= 3 for m in q.mistakes), (
        "each mistake needs at least three evidence items"
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_answerable_in_thirteen_minutes_or_less(q: Questionnaire, lang: Lang) -> None:
    minutes = estimated_minutes(q, lang)
    assert 9 <= minutes <= 13, f"{lang}: {minutes:.1f} min"


def test_no_section_is_longer_than_two_phone_screens_of_questions(q: Questionnaire) -> None:
    """A proxy the phone screenshots confirm: at most five questions a section, and the
    ambitions (short, one line per level) at most eight."""
    for section in q.sections:
        limit = 8 if all(isinstance(x, AmbitionQuestion) for x in section.questions) else 5
        assert len(section.questions) <= limit, section.id


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


def test_nps_csat_ces_are_asked_and_how_often_is_a_practice(q: Questionnaire) -> None:
    measured = q.questions[q.key_questions.kpis_measured]
    assert isinstance(measured, MultiChoiceQuestion)
    assert {"nps", "csat", "ces"} <= {o.id for o in measured.options}
    assert {"nps", "csat", "ces"} <= {k.id for k in q.kpis}
    # v2 no longer asks the frequency apart: how regular listening is, is a scored item.
    assert q.key_questions.kpis_frequency is None
    rigour = [x for x in q.items_of("listening") if "kpis" in x.concepts and x.mistake]
    assert rigour, "listening rigour (representative, regular, reproducible) is scored"


def test_the_framing_section_holds_the_four_framing_questions(q: Questionnaire) -> None:
    framing = q.sections[0]
    keys = q.key_questions
    assert [x.id for x in framing.questions] == [
        keys.cx_owner,
        keys.objectives,
        keys.starting_angle,
        keys.value_destruction,
    ]
    assert "scope" in q.questions[keys.cx_owner].concepts


def test_every_action_is_complete(q: Questionnaire) -> None:
    for action in q.actions:
        assert action.dimensions or action.mistakes, action.id
        assert len(action.rationale.en.split()) >= 8, action.id
    assert {a.phase for a in q.actions} == {p.id for p in q.phases}
    assert {a.horizon for a in q.actions} == {"0-3m", "3-6m", "6-12m"}


def test_every_item_can_trigger_an_action(q: Questionnaire) -> None:
    """A weak item with no action to answer it would leave the roadmap silent on it."""
    cited = {
        getattr(condition, "question", None)
        for action in q.actions
        for condition in action.triggered_when
    }
    assert [item.id for item in q.scored_items if item.id not in cited] == []


def test_the_reference_definition_is_shown_not_offered(q: Questionnaire) -> None:
    reference = q.reference_definition
    assert reference is not None and "AFRC" in reference.source.fr
    definition = q.questions[q.key_questions.definition]
    assert isinstance(definition, SingleChoiceQuestion)
    for option in definition.options:
        assert option.label.fr not in reference.text.fr


# --- wording: neutral, observable, not leading -----------------------------------------


def words(text: str) -> int:
    return sum(1 for token in text.split() if re.search(r"\w", token))


def test_the_four_definitions_weigh_the_same(q: Questionnaire) -> None:
    """v1's AFRC option was 19 words against 7–9: plainly the textbook answer."""
    definition = q.questions[q.key_questions.definition]
    assert isinstance(definition, SingleChoiceQuestion)
    for lang in ("fr", "en"):
        lengths = [words(o.label(lang)) for o in definition.options]
        assert max(lengths) - min(lengths) <= 2, (lang, lengths)


YES_NO_EN = re.compile(r"^(Do|Does|Is|Are|Have|Has|Can|Will|Would|Should)\b")
QUESTION_WORDS_FR = re.compile(
    r"^(Comment|Que|Qu’|Quel|Quelle|Quels|Quelles|Qui|Où|Combien|Sur quoi|À quoi|Jusqu’où|"
    r"Avant|Dans les faits|Lesquels|Par où)\b"
)


def test_scored_questions_invite_no_yes(q: Questionnaire) -> None:
    """« Pensez-vous au client… » invites "yes": every stem asks how, what or who."""
    for item in q.scored_items:
        assert not YES_NO_EN.match(item.text.en), item.id
        assert QUESTION_WORDS_FR.match(item.text.fr), item.id
        assert item.text.fr.endswith("?") and item.text.en.endswith("?"), item.id


#: Words that tell the respondent which answer is expected, or that no one can observe.
GIVEAWAYS = ("Pareto", "courage", "spontanément", "instinctive", "naturellement")


def test_no_statement_signals_the_right_answer(q: Questionnaire) -> None:
    found = [
        (item.id, level(lang))
        for item in q.scored_items
        for level in item.levels
        for lang in ("fr", "en")
        if any(word.lower() in level(lang).lower() for word in GIVEAWAYS)
    ]
    assert found == []


def test_statements_are_short_enough_for_a_phone(q: Questionnaire) -> None:
    long = [
        (item.id, n, level.fr)
        for item in q.scored_items
        for n, level in enumerate(item.levels, start=1)
        if words(level.fr) > 10 or words(level.en) > 10
    ]
    assert long == []


def test_co_creation_is_one_practice_among_several(q: Questionnaire) -> None:
    """v1 made co-creation the top of five items; it comes from one vendor's article."""
    mentions = [
        (item.id, n)
        for item in q.scored_items
        for n, level in enumerate(item.levels, start=1)
        if "co-cré" in level.fr.lower() or "co-creat" in level.en.lower()
    ]
    assert len({item for item, _ in mentions}) <= 1
    assert all(n < 5 for _, n in mentions), "co-creation is never the only road to level 5"


def test_the_modeline_points_editors_at_the_committed_schema() -> None:
    first = CONTENT.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema/questionnaire.schema.json"
    assert (CONTENT.parent / "schema" / "questionnaire.schema.json").is_file()
