"""Numbers and dates as each language writes them: 2,84 and 50 % in French, 2.84 and 50% in English.

Babel carries the locale rules (decimal comma, the narrow no-break space French puts
before % and in thousands), so the UI, the PDF and the CLI print figures identically.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from cxmaturity.localized import Lang

LOCALES: dict[Lang, str] = {"fr": "fr_FR", "en": "en_GB"}
MISSING = "–"
NO_BREAK_SPACE = "\u00a0"


def number(value: float | None, lang: Lang, digits: int = 2) -> str:
    """`2.84` → "2,84" (fr) / "2.84" (en); None → "–"."""
    if value is None:
        return MISSING
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value, format=pattern, locale=LOCALES[lang])


def signed(value: float | None, lang: Lang, digits: int = 2) -> str:
    """A difference: `0.9` → "+0,90" (fr) / "+0.90" (en), `-0.5` → "−0,50"; None → "–"."""
    if value is None:
        return MISSING
    text = number(abs(value), lang, digits)
    if text == number(0, lang, digits):
        return text
    return ("+" if value > 0 else "\u2212") + text


def percent(value: float | None, lang: Lang) -> str:
    """`0.5` → "50 %" (fr, narrow no-break space) / "50%" (en)."""
    if value is None:
        return MISSING
    return format_percent(value, locale=LOCALES[lang])


def long_date(value: dt.date, lang: Lang) -> str:
    """ "12 mars 2026", "1er décembre 2026" / "12 March 2026", with no-break spaces: a
    date never breaks across two lines."""
    text = format_date(value, format="long", locale=LOCALES[lang])
    if lang == "fr" and value.day == 1:  # French writes the first of the month as an ordinal
        text = text.replace("1", "1er", 1)
    return text.replace(" ", NO_BREAK_SPACE)


def after_colon(text: str, lang: Lang) -> str:
    """A sentence that follows a colon: French starts it in lower case ("L’erreur : l’expérience
    client…"), except an acronym ("CX", "NPS"); English keeps it as written."""
    letters = [c for c in text.split(" ", 1)[0] if c.isalpha()]
    if lang != "fr" or not letters or (len(letters) > 1 and all(c.isupper() for c in letters)):
        return text
    return text[0].lower() + text[1:]
