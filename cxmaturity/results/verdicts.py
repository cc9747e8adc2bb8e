"""One word for every agreement figure, earned by the number of answers behind it.

- Fewer than MIN_RESPONDENTS answers → "too_few": no verdict, and the views print
  counts ("2 of 3 chose…"), never a percentage.
- A level (an item, a dimension, an ambition): AD_M, the average distance from the team's
  mean in levels. Up to 0.5 → "aligned" (answers sit on one level or two neighbours);
  up to Burke & Dunlap's practical bound c/6 = 0.83 → "mixed"; beyond → "divided".
- A single choice (definition, starting angle): the most chosen option's share. At least
  two thirds → "aligned"; a unique most chosen option held by at least half → "mixed";
  a tie for first or less than half → "divided". Half is never "aligned".
- The objectives (a ranking): Kendall's W and its permutation p-value. Not significant
  at 5 % → "divided" (the team does not share an order); significant with W ≥ 0.5 →
  "aligned"; significant below → "mixed".
"""

from __future__ import annotations

from typing import Literal

from cxmaturity.results.statistics import AD_BOUND

Verdict = Literal["aligned", "mixed", "divided", "too_few"]

MIN_RESPONDENTS = 4
AD_ALIGNED = 0.5
CHOICE_ALIGNED = 2 / 3
CHOICE_MIXED = 1 / 2
SIGNIFICANCE = 0.05
W_ALIGNED = 0.5


def level_verdict(ad: float | None, respondents: int) -> Verdict:
    """Read on AD_M as printed (two decimals), so "0,50" is always "aligned"."""
    if respondents < MIN_RESPONDENTS or ad is None:
        return "too_few"
    ad = round(ad, 2)
    if ad <= AD_ALIGNED:
        return "aligned"
    return "mixed" if ad <= AD_BOUND else "divided"


def choice_verdict(counts: list[int], respondents: int) -> Verdict:
    """`counts`: how many chose each option (a person counts once per option chosen)."""
    if respondents < MIN_RESPONDENTS or not counts:
        return "too_few"
    top = max(counts)
    share = top / respondents
    if counts.count(top) > 1:
        return "divided"
    if share >= CHOICE_ALIGNED:
        return "aligned"
    return "mixed" if share >= CHOICE_MIXED else "divided"


def ranking_verdict(w: float | None, p_value: float | None, respondents: int) -> Verdict:
    if respondents < MIN_RESPONDENTS or w is None or p_value is None:
        return "too_few"
    if p_value >= SIGNIFICANCE:
        return "divided"
    return "aligned" if w >= W_ALIGNED else "mixed"


def team_verdict(verdicts: list[Verdict]) -> Verdict:
    """The team as a whole over definition, objectives and ambition (seed 002's three):
    aligned on all three, divided when at least two are divided, mixed otherwise; too_few
    when any of the three cannot be read."""
    if not verdicts or "too_few" in verdicts:
        return "too_few"
    if all(v == "aligned" for v in verdicts):
        return "aligned"
    return "divided" if verdicts.count("divided") >= 2 else "mixed"
