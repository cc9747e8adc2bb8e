"""Bilingual text: everything a person reads exists in French and in English.

The product is French-first (the source material is French) and every view — UI,
questionnaire, PDF — must also work in English, so a text with one language
missing is a content error, not a fallback.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")
DEFAULT_LANG: Lang = "fr"

NonEmptyStr = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class StrictModel(BaseModel):
    """Base for content models: unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(StrictModel):
    """One text in both languages."""

    fr: NonEmptyStr
    en: NonEmptyStr

    def __call__(self, lang: Lang) -> str:
        return self.fr if lang == "fr" else self.en


def as_lang(value: object, default: Lang = DEFAULT_LANG) -> Lang:
    """Read a language from a loose value (query string, browser locale like "fr-CA")."""
    if isinstance(value, str):
        prefix = value.strip().lower()[:2]
        if prefix == "fr":
            return "fr"
        if prefix == "en":
            return "en"
    return default
