"""Dates as each language writes them, and never broken across two lines."""

from __future__ import annotations

import datetime as dt

from cxmaturity.formatting import NO_BREAK_SPACE, after_colon, long_date


def test_french_writes_the_first_of_the_month_as_an_ordinal() -> None:
    assert long_date(dt.date(2026, 12, 1), "fr") == "1er décembre 2026".replace(" ", "\u00a0")
    assert long_date(dt.date(2026, 12, 11), "fr") == "11 décembre 2026".replace(" ", "\u00a0")
    assert long_date(dt.date(2026, 3, 21), "fr") == "21 mars 2026".replace(" ", "\u00a0")
    assert long_date(dt.date(2026, 12, 1), "en") == "1 December 2026".replace(" ", "\u00a0")


def test_a_date_has_no_breaking_space() -> None:
    for day in (dt.date(2026, 1, 1), dt.date(2026, 9, 30)):
        for lang in ("fr", "en"):
            text = long_date(day, lang)  # type: ignore[arg-type]
            assert " " not in text and text.count(NO_BREAK_SPACE) == 2


def test_french_starts_a_sentence_after_a_colon_in_lower_case() -> None:
    assert after_colon("L’expérience client reste un sujet annexe.", "fr") == (
        "l’expérience client reste un sujet annexe."
    )
    assert after_colon("CX et NPS d’abord.", "fr") == "CX et NPS d’abord."  # an acronym stays
    assert after_colon("Customer experience stays aside.", "en") == (
        "Customer experience stays aside."
    )
