"""The questionnaire as typed data: what `questionnaires/*.yaml` may contain.

These models check the *shape* of the content (keys, types, counts). Checks that need
the whole document — unique ids, references between parts — live in `checks.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from cxmaturity.localized import Lang, StrictModel, Text

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
#: A questionnaire's own id may read like a file name ("cx-maturity").
QuestionnaireId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)]
LevelNumber = Annotated[int, Field(ge=1, le=5)]
Horizon = Literal["0-3m", "3-6m", "6-12m"]
#: The sources' method, in order: align the leaders, measure, map and target the
#: experience, fix inside the mapped journeys, then scale and anchor it in the company.
Stage = Literal["align", "measure", "map", "fix", "anchor"]
STAGES: tuple[Stage, ...] = ("align", "measure", "map", "fix", "anchor")


def stage_rank(stage: Stage | None) -> int:
    """A stage's place in the method; no stage comes last."""
    return STAGES.index(stage) if stage else len(STAGES)


Risk = Literal["low", "medium", "high"]

#: The maturity scale has five levels; every scored item offers one statement per level.
LEVEL_COUNT = 5
#: The role offered in every workshop, for people whose position is not listed.
OTHER_ROLE = "other"


# --- reference lists -------------------------------------------------------------------


class Level(StrictModel):
    """One step of the maturity scale, from CX washing (1) to CX as culture (5)."""

    level: LevelNumber
    name: Text
    summary: Text | None = Field(
        default=None,
        description="One line, shown beside the name where people pick a level (the ambition).",
    )
    description: Text


class Dimension(StrictModel):
    id: Id
    name: Text
    description: Text


class MistakeMeaning(StrictModel):
    """What a given risk level of a mistake means, in plain words, for the report."""

    low: Text
    medium: Text
    high: Text


class Mistake(StrictModel):
    """One of the three common mistakes (seed 001)."""

    id: Id
    name: Text
    description: Text
    meaning: MistakeMeaning
    focus_when_high: int | None = Field(
        default=None,
        ge=1,
        description="When this mistake's risk is high, at most this many actions start in "
        "the first quarter: a team that scatters its efforts starts fewer things at once.",
    )


class Role(StrictModel):
    id: Id
    label: Text
    short: Text | None = Field(default=None, description="A compact name for chart labels.")

    def short_label(self, lang: Lang) -> str:
        return (self.short or self.label)(lang)


class Concept(StrictModel):
    """An idea from the source articles; questions cite concepts so coverage is checkable."""

    id: Id
    label: Text


class Kpi(StrictModel):
    id: Id
    label: Text
    description: Text
    baseline_item: Id | None = Field(
        default=None,
        description="A scored item whose team mean is the KPI's baseline today; the target "
        "is the next level up.",
    )
    baseline_alignment: bool = Field(
        default=False,
        description="The KPI's baseline is the team's alignment verdict today; the target "
        "is agreement.",
    )


class Phase(StrictModel):
    """A step of the CX method (collect → interpret → emotions → prioritise → act)."""

    id: Id
    name: Text


# --- questions -------------------------------------------------------------------------


class Option(StrictModel):
    id: Id
    label: Text
    description: Text | None = None
    exclusive: bool = Field(
        default=False,
        description="Multi choice only: choosing this option clears the others (e.g. 'none').",
    )
    measured_by: Id | None = Field(
        default=None,
        description="Objectives only: the option of the KPIs-measured question that tracks "
        "this objective (reduce effort → ces); unmeasured, it calls for the KPI set-up.",
    )


class _Question(StrictModel):
    id: Id
    text: Text
    help: Text | None = None
    concepts: list[Id] = Field(min_length=1)


class ScoredQuestion(_Question):
    """A maturity item: five concrete statements, one per level, plus "I don't know"."""

    type: Literal["scored"]
    dimension: Id
    levels: list[Text] = Field(
        min_length=LEVEL_COUNT,
        max_length=LEVEL_COUNT,
        description="What the organisation does at level 1, 2, 3, 4 and 5, in that order.",
    )
    mistake: Id | None = Field(
        default=None, description="The common mistake this item is evidence of, if any."
    )


class AmbitionQuestion(_Question):
    """Where the company must be on one dimension in 18 months: one of the five levels,
    by name, or "I don't know". One per dimension; the text names the dimension."""

    type: Literal["ambition"]
    dimension: Id


class SingleChoiceQuestion(_Question):
    type: Literal["single_choice"]
    options: list[Option] = Field(min_length=2)


class MultiChoiceQuestion(_Question):
    type: Literal["multi_choice"]
    options: list[Option] = Field(min_length=2)


class RankingQuestion(_Question):
    """Order options by priority; unranked options tie for last place."""

    type: Literal["ranking"]
    options: list[Option] = Field(min_length=2)
    min_ranked: int = Field(ge=1, description="How many options a respondent must rank at least.")


class FreeTextQuestion(_Question):
    type: Literal["free_text"]
    max_length: int = Field(default=1000, ge=1, le=5000)


Question = Annotated[
    ScoredQuestion
    | AmbitionQuestion
    | SingleChoiceQuestion
    | MultiChoiceQuestion
    | RankingQuestion
    | FreeTextQuestion,
    Field(discriminator="type"),
]
ChoiceQuestion = SingleChoiceQuestion | MultiChoiceQuestion | RankingQuestion


class Section(StrictModel):
    id: Id
    title: Text
    intro: Text | None = None
    questions: list[Question] = Field(min_length=1)


class KeyQuestions(StrictModel):
    """The questions the results engine reads by role, not by position."""

    definition: Id = Field(description="single_choice: which definition of CX is closest.")
    objectives: Id = Field(description="ranking: the six CX objectives.")
    starting_angle: Id = Field(description="single_choice: how to start (seed 002, Q3).")
    cx_owner: Id = Field(description="single_choice: who owns CX today.")
    kpis_measured: Id = Field(description="multi_choice: which of NPS, CSAT, CES are measured.")
    kpis_frequency: Id | None = Field(
        default=None,
        description="single_choice: how often they are measured (v1; v2 asks it in a scored item).",
    )
    value_destruction: Id = Field(description="free_text: where the company loses value.")


# --- roadmap actions and their triggers ------------------------------------------------


class DimensionBelow(StrictModel):
    """Holds when the dimension's score is below `score`."""

    kind: Literal["dimension_below"]
    dimension: Id
    score: float = Field(ge=1, le=5)


class ItemBelow(StrictModel):
    """Holds when the scored item's mean is below `score`."""

    kind: Literal["item_below"]
    question: Id
    score: float = Field(ge=1, le=5)


class MistakeRisk(StrictModel):
    """Holds when the mistake's risk is at least `at_least`."""

    kind: Literal["mistake_risk"]
    mistake: Id
    at_least: Literal["medium", "high"]


class AlignmentBelow(StrictModel):
    """Holds when an agreement figure across the team is below `value` (v1's triggers;
    v2 reads verdicts instead, see NotAligned)."""

    kind: Literal["alignment_below"]
    measure: Literal[
        "objectives_kendall_w",
        "definition_modal_share",
        "starting_angle_modal_share",
    ]
    value: float = Field(ge=0, le=1)


#: What a NotAligned condition can be about, besides a dimension id.
TEAM_FIGURES = ("definition", "objectives", "starting_angle", "ambition")


#: The verdicts a `not_aligned` condition holds on unless it names its own.
NOT_ALIGNED_VERDICTS: tuple[Literal["mixed", "divided"], ...] = ("mixed", "divided")


class NotAligned(StrictModel):
    """Holds when the team's verdict on a figure is one of `verdicts`: one of
    TEAM_FIGURES or a dimension id. Never on "too_few": a verdict needs four answers."""

    kind: Literal["not_aligned"]
    figure: Id  # not "on": YAML 1.1 reads that key as the boolean true
    verdicts: list[Literal["mixed", "divided"]] = Field(
        default_factory=lambda: list(NOT_ALIGNED_VERDICTS), min_length=1
    )


class DimensionAgreementBelow(StrictModel):
    """Holds when the team disagrees on a dimension (rwg(J) below `rwg_j`; v1's triggers)."""

    kind: Literal["dimension_agreement_below"]
    dimension: Id
    rwg_j: float = Field(ge=0, le=1)


class ObjectiveUnmeasured(StrictModel):
    """Holds when the objective the team puts first most often is tracked by an indicator
    that fewer than `share` of respondents say is measured (seed 002: objectives and KPIs)."""

    kind: Literal["objective_unmeasured"]
    share: float = Field(default=0.5, ge=0, le=1)


class OptionShare(StrictModel):
    """Holds when the share of respondents choosing `option` is below / at least `share`."""

    kind: Literal["option_share_below", "option_share_at_least"]
    question: Id
    option: Id
    share: float = Field(ge=0, le=1)


Condition = Annotated[
    DimensionBelow
    | ItemBelow
    | MistakeRisk
    | AlignmentBelow
    | DimensionAgreementBelow
    | NotAligned
    | ObjectiveUnmeasured
    | OptionShare,
    Field(discriminator="kind"),
]


class Action(StrictModel):
    """A roadmap action the results can propose."""

    id: Id
    title: Text
    rationale: Text
    dimensions: list[Id] = Field(default_factory=list)
    mistakes: list[Id] = Field(default_factory=list)
    effort: int = Field(ge=1, le=3)
    impact: int = Field(ge=1, le=3)
    horizon: Horizon
    owner_role: Id
    kpi: Id
    phase: Id
    triggered_when: list[Condition] = Field(
        min_length=1, description="The action is proposed when any of these conditions holds."
    )
    first_step_for: list[Id] = Field(
        default_factory=list,
        description="Starting-angle options for which this action is the roadmap's first step.",
    )
    first_step_unless: list[Condition] = Field(
        default_factory=list,
        description="When one of these holds the action is not the first step (the next "
        "action for the angle is): an angle must not lead the team into a high-risk mistake.",
    )
    stage: Stage | None = Field(
        default=None, description="Where the action sits in the method; orders a horizon."
    )
    after: list[Id] = Field(
        default_factory=list,
        description="Actions that, when both are on the roadmap, come first (same horizon "
        "or earlier).",
    )
    deliverable: Text | None = Field(
        default=None, description="What exists once the action is done: the 90-day plan's line."
    )
    owner_alternatives: list[Id] = Field(
        default_factory=list,
        description="Roles that can own the action when its owner already carries a third "
        "of the roadmap.",
    )

    def aligned_figures(self) -> list[str]:
        """The team figures (TEAM_FIGURES) its `not_aligned` triggers name: what it
        aligns the team on."""
        return [
            c.figure
            for c in self.triggered_when
            if isinstance(c, NotAligned) and c.figure in TEAM_FIGURES
        ]


# --- the document ----------------------------------------------------------------------


class ReferenceDefinition(StrictModel):
    """A published definition of CX, shown in the report beside the team's answers — never
    among the options, where it would read as the expected answer."""

    source: Text
    text: Text


class Questionnaire(StrictModel):
    id: QuestionnaireId
    version: int = Field(ge=1)
    title: Text
    description: Text
    levels: list[Level] = Field(min_length=LEVEL_COUNT, max_length=LEVEL_COUNT)
    dimensions: list[Dimension] = Field(min_length=1)
    mistakes: list[Mistake] = Field(min_length=1)
    roles: list[Role] = Field(min_length=1)
    concepts: list[Concept] = Field(min_length=1)
    kpis: list[Kpi] = Field(min_length=1)
    phases: list[Phase] = Field(min_length=1)
    reference_definition: ReferenceDefinition | None = None
    key_questions: KeyQuestions
    sections: list[Section] = Field(min_length=1)
    actions: list[Action] = Field(min_length=1)

    # --- lookups (computed once per loaded questionnaire) ---

    @cached_property
    def questions(self) -> dict[str, Question]:
        """Every question by id, in questionnaire order."""
        return {q.id: q for section in self.sections for q in section.questions}

    def roles_offered(self, expected: Sequence[str] = ()) -> list[Role]:
        """The roles a workshop lets people pick, in questionnaire order: the expected ones
        (all when none are), and "other" always, so that nobody has to pick a wrong role."""
        wanted = set(expected or self.roles_by_id) | {OTHER_ROLE}
        return [role for role in self.roles if role.id in wanted]

    @cached_property
    def required(self) -> dict[str, str]:
        """Question id → section id, for every question that counts towards completion:
        all but free text ("I don't know" is an answer)."""
        return {
            question.id: section.id
            for section in self.sections
            for question in section.questions
            if not isinstance(question, FreeTextQuestion)
        }

    @cached_property
    def scored_items(self) -> list[ScoredQuestion]:
        return [q for q in self.questions.values() if isinstance(q, ScoredQuestion)]

    @cached_property
    def ambitions(self) -> dict[str, AmbitionQuestion]:
        """Dimension id → its ambition question (none in questionnaires before v2)."""
        return {q.dimension: q for q in self.questions.values() if isinstance(q, AmbitionQuestion)}

    def items_of(self, dimension_id: str) -> list[ScoredQuestion]:
        return [q for q in self.scored_items if q.dimension == dimension_id]

    @cached_property
    def dimensions_by_id(self) -> dict[str, Dimension]:
        return {d.id: d for d in self.dimensions}

    @cached_property
    def mistakes_by_id(self) -> dict[str, Mistake]:
        return {m.id: m for m in self.mistakes}

    @cached_property
    def roles_by_id(self) -> dict[str, Role]:
        return {r.id: r for r in self.roles}

    @cached_property
    def kpis_by_id(self) -> dict[str, Kpi]:
        return {k.id: k for k in self.kpis}

    @cached_property
    def phases_by_id(self) -> dict[str, Phase]:
        return {p.id: p for p in self.phases}

    @cached_property
    def actions_by_id(self) -> dict[str, Action]:
        return {a.id: a for a in self.actions}

    def options_of(self, question_id: str) -> dict[str, Option]:
        """The options of a choice or ranking question by id (none for other types)."""
        question = self.questions[question_id]
        if isinstance(question, ScoredQuestion | AmbitionQuestion | FreeTextQuestion):
            return {}
        return {option.id: option for option in question.options}

    def level(self, number: int) -> Level:
        return self.levels[number - 1]
