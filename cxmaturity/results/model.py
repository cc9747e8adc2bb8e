"""What a workshop's answers say: the results every view (UI, PDF, CLI) reads.

Scores are on the 1–5 scale and rounded to two decimals; a level is computed from the
rounded score so the two never contradict each other on screen. Agreement figures are
None when they are undefined (fewer than two answers). By-role figures only contain
groups large enough to respect the workshop's anonymity rule.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

from cxmaturity.questionnaire.model import Horizon, Risk

#: A role group folded for anonymity (fewer respondents than the minimum group size).
OTHER_GROUP = "other"


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Overall(Frozen):
    score: float | None
    level: int | None


class ConsensusView(Frozen):
    level: int
    note: str
    moved: list[str]


class ItemResult(Frozen):
    question_id: str
    dimension: str
    mean: float | None
    level: int | None
    sd: float | None
    rwg: float | None
    n: int
    dont_know: int
    distribution: dict[str, int]  # "1".."5" → how many chose that level
    by_role: dict[str, float]
    max_role_gap: float | None
    divergence: float | None
    consensus: ConsensusView | None = None


class AmbitionResult(Frozen):
    """Where the team wants a dimension to be in 18 months."""

    question_id: str
    n: int
    dont_know: int
    median: float | None  # the team's ambition: the median level chosen
    distribution: dict[str, int]  # "1".."5" → how many chose that level
    rwg: float | None  # agreement on the ambition, as for an item


class DimensionResult(Frozen):
    id: str
    score: float | None
    level: int | None
    rwg_j: float | None
    by_role: dict[str, float]
    max_role_gap: float | None
    items: list[str]
    ambition: AmbitionResult | None = None  # None when the questionnaire asks none (v1)
    gap: float | None = None  # ambition − score: how far the team wants to go

    @property
    def ambition_median(self) -> float | None:
        """The level the team aims for in 18 months; None without an answer or a question."""
        return self.ambition.median if self.ambition else None


class ChoiceResult(Frozen):
    """Answers to a single or multiple choice question."""

    question_id: str
    n: int
    dont_know: int
    counts: dict[str, int]  # option → respondents choosing it, in questionnaire order
    modal_option: str | None
    modal_share: float | None
    by_role: dict[str, str]  # group → its most chosen option


class Alignment(Frozen):
    objectives_kendall_w: float | None
    objectives_respondents: int
    objectives_consensus_order: list[str]
    objectives_mean_ranks: dict[str, float]
    top_objective_by_role: dict[str, str]
    definition_modal_share: float | None
    starting_angle_modal_share: float | None
    ambition_agreement: float | None
    definition: ChoiceResult
    starting_angle: ChoiceResult
    divergent_items: list[str]
    verdict: Literal["aligned", "partial", "divided"] | None


class MistakeResult(Frozen):
    id: str
    risk: Risk | None
    score: float | None
    evidence: list[str]  # evidence items, weakest first
    raised_by: list[str]  # alignment figures that raised the risk one step


class Framing(Frozen):
    """The four framing questions as the team answered them."""

    cx_owner: ChoiceResult
    kpis_measured: ChoiceResult
    kpis_frequency: ChoiceResult | None  # asked in v1 only
    value_destruction: list[str]  # free-text answers, sorted so order reveals nobody


class RoadmapEntry(Frozen):
    action_id: str
    horizon: Horizon
    owner_role: str
    priority: float
    because: list[str]  # question or dimension ids
    phase: str
    kpi: str
    first_step: bool = False
    status: Literal["proposed", "accepted"] = "proposed"
    due: dt.date | None = None


class Results(Frozen):
    questionnaire: str
    questionnaire_version: int
    participants: int
    min_group_size: int
    groups: dict[str, int]  # role group shown → participants in it
    hidden_participants: int  # in groups too small to show even as "other"
    overall: Overall
    dimensions: list[DimensionResult]
    items: list[ItemResult]
    alignment: Alignment
    mistakes: list[MistakeResult]
    framing: Framing
    roadmap: list[RoadmapEntry]
    roadmap_dropped: list[str]

    def dimension(self, dimension_id: str) -> DimensionResult:
        return next(d for d in self.dimensions if d.id == dimension_id)

    def item(self, question_id: str) -> ItemResult:
        return next(i for i in self.items if i.question_id == question_id)
