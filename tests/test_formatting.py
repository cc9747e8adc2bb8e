"""Dates as each language writes them, and never broken across two lines."""

from __future__ import annotations

import datetime as dt

from cxmaturity.formatting import NO_BREAK_SPACE, long_date


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
