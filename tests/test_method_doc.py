"""docs/METHOD.md and METHOD.fr.md state the thresholds the code actually uses."""

from __future__ import annotations

import itertools
import re

import pytest

from cxmaturity.results import mistakes, roadmap, role_gaps, statistics, verdicts
from cxmaturity.workshops import role_figures
from tests.conftest import ROOT

DOCS = {"en": ROOT / "docs" / "METHOD.md", "fr": ROOT / "docs" / "METHOD.fr.md"}


def written(value: float, lang: str, *, compact: bool = False) -> str:
    """How the docs write a number: 0.70, 1.0, 1.25 (or 1.8 and 1 in bands), French commas."""
    if compact:
        text = f"{value:g}"
    elif value < 1:
        text = f"{value:.2f}"
    else:
        text = f"{value:.1f}" if round(value, 1) == value else f"{value:.2f}"
    return text.replace(".", ",") if lang == "fr" else text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_method_states_the_constants_of_the_code(lang: str) -> None:
    text = DOCS[lang].read_text(encoding="utf-8")
    separator = "\u202f; " if lang == "fr" else ", "
    floors = [1.0, *statistics.LEVEL_FLOORS]  # the half-open bands; the last is [4.2, 5]
    for low, high in itertools.pairwise(floors):
        band = f"[{written(low, lang, compact=True)}{separator}{written(high, lang, compact=True)})"
        assert band in text, band
    assert statistics.EXPECTED_VARIANCE == 2
    for value in (
        verdicts.AD_ALIGNED,
        statistics.AD_BOUND,
        verdicts.SIGNIFICANCE,
        verdicts.W_ALIGNED,
        role_gaps.OPEN_GAP,
        role_gaps.PROTECTED_GAP,
        mistakes.HIGH_BELOW,
        mistakes.MEDIUM_BELOW,
        roadmap.WEIGHT_MISTAKE["high"],
        roadmap.WEIGHT_MISTAKE["medium"],
        roadmap.WEIGHT_LOW_AGREEMENT,
        roadmap.MIN_NEED,
    ):
        assert re.search(rf"(?<![\d,.]){re.escape(written(value, lang))}(?![\d])", text), value
    words = {
        "en": ["four", "three", "two thirds", "half"],
        "fr": ["quatre", "trois", "deux tiers", "moitié"],
    }
    assert verdicts.MIN_RESPONDENTS == 4 and role_figures.MIN_PROTECTED_GROUP == 3
    assert (verdicts.CHOICE_ALIGNED, verdicts.CHOICE_MIXED) == (2 / 3, 1 / 2)
    for word in words[lang]:
        assert word in text, word
    draws = f"{statistics.PERMUTATIONS:,}".replace(",", "\u202f" if lang == "fr" else ",")
    assert draws in text, draws
    percent = f"{roadmap.PARETO_SHARE:.0%}"
    assert (percent.replace("%", "\u202f%") if lang == "fr" else percent) in text
    assert f"at most {roadmap.MAX_ACTIONS}" in text or f"au plus {roadmap.MAX_ACTIONS}" in text
