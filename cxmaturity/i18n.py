"""The UI's words in French and English: one catalogue, `locales/ui.yaml`.

Keys map to `{fr, en}` texts with `{name}` placeholders. Loading refuses a key missing a
language or whose placeholders differ between languages, so the French UI can never
show a stray English string or a broken `{n}`.
"""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path

from pydantic import RootModel, ValidationError

from cxmaturity import yaml_source
from cxmaturity.localized import Lang, Text
from cxmaturity.problems import InputError
from cxmaturity.schema_problems import problems_from

CATALOGUE_PATH = Path(__file__).with_name("locales") / "ui.yaml"


class _Entries(RootModel[dict[str, Text]]):
    pass


class Catalogue:
    def __init__(self, entries: dict[str, Text]) -> None:
        self._entries = entries

    def __call__(self, key: str, lang: Lang, /, **params: object) -> str:
        text = self._entries[key](lang)
        return text.format(**params) if params else text

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def keys(self) -> list[str]:
        return list(self._entries)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def load_catalogue(path: Path = CATALOGUE_PATH) -> Catalogue:
    source = str(path)
    document = yaml_source.read(path.read_bytes(), source)
    try:
        entries = _Entries.model_validate(document.data).root
    except ValidationError as exc:
        raise InputError(source, problems_from(exc, document.data, document.problem)) from None
    mismatched = [
        document.problem((key,), f"placeholders differ: fr {sorted(fr)} / en {sorted(en)}")
        for key, entry in entries.items()
        if (fr := placeholders(entry.fr)) != (en := placeholders(entry.en))
    ]
    if mismatched:
        raise InputError(source, mismatched)
    return Catalogue(entries)


@cache
def catalogue() -> Catalogue:
    return load_catalogue()


def t(key: str, lang: Lang, /, **params: object) -> str:
    """The UI text `key` in `lang`, with `{placeholders}` filled from `params`."""
    return catalogue()(key, lang, **params)
