"""What a workshop's answers say: the results every view (UI, PDF, CLI) reads.

Figures keep full precision; rounding is the views' job. A level is the level of the
score as printed (two decimals), so "2,60 · level 3" never reads under a 2.598 at level
2. Agreement figures are None when undefined (fewer than two answers), and every one
carries a verdict (results/verdicts.py) that is "too_few" below four answers. By-role
figures only hold the groups the workshop's role-figures mode lets them show
(rules/role_figures.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from cxmaturity.questionnaire.model import Horizon, Risk, Stage
from cxmaturity.results.verdicts import Verdict
from cxmaturity.workshops.role_figures import OTHER_GROUP, RoleFiguresMode

__all__ = ["OTHER_GROUP"]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Overall(Frozen):
    score: float | None
    level: int | None


class ConsensusView(Frozen):
    level: int
    note: str
    moved: list[str]


class RoleGap(Frozen):
    """The widest gap between two shown groups on a figure that counts as a divergence
    (results/role_gaps.py): both groups named, with their values."""

    high_role: str
    high: float
    low_role: str
    low: float
    gap: float


class Agreement(Frozen):
    """An agreement figure on its own: AD_M in levels (0 = everyone agrees) and its verdict."""

    agreement: float | None
    verdict: Verdict


class ItemResult(Frozen):
    question_id: str
    dimension: str
    n: int
    dont_know: int
    mean: float | None
    median: float | None
    level: int | None
    sd: float | None
    range: tuple[int, int] | None  # the lowest and highest level chosen
    distribution: dict[str, int]  # "1".."5" → how many chose that level
    agreement: float | None  # AD_M: the average distance from the mean, in levels
    verdict: Verdict
    rwg: float | None  # secondary: James et al.'s index, unstable below ten answers
    by_role: dict[str, float]
    role_gap: RoleGap | None
    divergence: float | None
    consensus: ConsensusView | None = None


class AmbitionResult(Frozen):
    """Where the team wants a dimension to be in 18 months."""

    question_id: str
    n: int
    dont_know: int
    level: float | None  # the team's ambition: the median level chosen
    distribution: dict[str, int]  # "1".."5" → how many chose that level
    agreement: float | None  # AD_M, as for an item
    verdict: Verdict
    rwg: float | None  # secondary, as for an item
    by_role: dict[str, float]  # each shown group's median ambition


class DimensionResult(Frozen):
    id: str
    score: float | None
    level: int | None
    respondents: int  # who gave a level to at least one of its items
    agreement: float | None  # the mean of its items' AD_M: within their range
    verdict: Verdict
    rwg_j: float | None  # secondary: rises with the number of items, so never a verdict
    by_role: dict[str, float]
    items: list[str]
    ambition: AmbitionResult | None = None  # None when the questionnaire asks none (v1)
    gap: float | None = None  # ambition − score: how far the team wants to go

    @property
    def ambition_level(self) -> float | None:
        """The level the team aims for in 18 months; None without an answer or a question."""
        return self.ambition.level if self.ambition else None


class ChoiceResult(Frozen):
    """Answers to a single or multiple choice question."""

    question_id: str
    n: int
    dont_know: int
    counts: dict[str, int]  # option → respondents choosing it, in questionnaire order
    modal_option: str | None  # the first in questionnaire order on a tie
    modal_share: float | None  # of respondents; None below two answers
    tied: int  # how many options share the top count
    verdict: Verdict
    by_role: dict[str, str]  # group → its most chosen option


class Objectives(Frozen):
    """How far the team ranks its CX objectives in the same order (Kendall's W)."""

    n: int
    w: float | None
    chi_square: float | None  # m(k − 1)W on k − 1 degrees of freedom
    p_value: float | None  # permutation test keeping each ranking's ties
    verdict: Verdict
    order: list[str]  # by mean rank: the team's order only when the verdict is not divided
    mean_ranks: dict[str, float]
    #: group → the objective it ranks first on average; None when two or more tie
    top_by_role: dict[str, str | None]
    first_choices: dict[str, int]  # objective → how many ranked it first


#: How many divergent items are put to the room (a workshop discusses a handful).
DISCUSSED = 5


class Alignment(Frozen):
    definition: ChoiceResult
    starting_angle: ChoiceResult
    objectives: Objectives
    ambition: Agreement | None  # the mean AD_M over the ambitions; None in v1
    divergent_items: list[str]
    verdict: Verdict  # over definition, objectives and ambition

    @property
    def discussed(self) -> list[str]:
        """The divergent items worth the room's time, most divergent first: the PDF, the
        results screen, the projector and the text summary all show these."""
        return self.divergent_items[:DISCUSSED]

    def figure_verdicts(self) -> dict[str, Verdict | None]:
        """The verdict on each team figure (questionnaire.model.TEAM_FIGURES); None for
        the ambition of a v1 questionnaire, which does not ask it."""
        return {
            "definition": self.definition.verdict,
            "objectives": self.objectives.verdict,
            "starting_angle": self.starting_angle.verdict,
            "ambition": self.ambition.verdict if self.ambition else None,
        }


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
    stage: Stage | None = None
    #: Why the engine placed it so, beyond its triggers (results/roadmap.py): "weakest:<dimension>",
    #: "first_step:<angle>", "instead_of:<action>", "no_shared_angle", "after:<action>",
    #: "capacity", "owner_from:<role>".
    choices: list[str] = Field(default_factory=list)
    first_step: bool = False
    status: Literal["proposed", "accepted", "dropped"] = "proposed"
    #: Set in the review: the person who owns it, beside the owning role.
    owner_name: str | None = None
    due: dt.date | None = None


class Results(Frozen):
    questionnaire: str
    questionnaire_version: int
    role_figures: RoleFiguresMode
    min_group_size: int  # the fewest respondents a shown group has (1 in open mode)
    participants: int  # respondents: who joined and answered nothing counts nowhere
    groups: dict[str, int]  # role group shown → respondents in it
    hidden_participants: int  # in groups too small to show even as "other"
    overall: Overall
    dimensions: list[DimensionResult]
    items: list[ItemResult]
    alignment: Alignment
    mistakes: list[MistakeResult]
    framing: Framing
    roadmap: list[RoadmapEntry]
    #: What the review dropped, as it stood: its horizon, owner and date kept for a second look.
    roadmap_dropped: list[RoadmapEntry]

    def dimension(self, dimension_id: str) -> DimensionResult:
        return next(d for d in self.dimensions if d.id == dimension_id)

    def item(self, question_id: str) -> ItemResult:
        return next(i for i in self.items if i.question_id == question_id)
