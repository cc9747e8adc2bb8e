"""The UI catalogue: both languages for every key, matching placeholders, no dead keys."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cxmaturity.i18n import catalogue, load_catalogue, t
from cxmaturity.localized import as_lang
from cxmaturity.problems import InputError
from tests.conftest import ROOT

UI = ROOT / "cxmaturity" / "ui"
KEY_USE = re.compile(r"""\bt\(\s*["']([a-z0-9_]+)["']""")


def used_keys() -> set[str]:
    return {key for path in UI.rglob("*.py") for key in KEY_USE.findall(path.read_text())}


def test_every_key_the_ui_uses_exists() -> None:
    missing = used_keys() - set(catalogue().keys())
    assert missing == set()


def test_every_key_in_the_catalogue_is_used() -> None:
    dead = set(catalogue().keys()) - used_keys()
    assert dead == set()


def test_placeholders_are_filled_in_both_languages() -> None:
    assert t("section_label", "fr", n=2, total=9) == "Section 2 sur 9"
    assert t("section_label", "en", n=2, total=9) == "Section 2 of 9"
    assert t("labelled", "fr", label="Dimension", value="Écoute") == "Dimension : Écoute"


def test_a_key_missing_a_language_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ui.yaml"
    path.write_text('ok: {fr: "Oui", en: "Yes"}\nbroken:\n  fr: "Non"\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_catalogue(path)
    assert caught.value.lines() == [f"{path}: broken.en: missing (line 2)"]


def test_placeholders_must_match_between_languages(tmp_path: Path) -> None:
    path = tmp_path / "ui.yaml"
    path.write_text('count: {fr: "{n} réponses", en: "{count} answers"}\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_catalogue(path)
    assert caught.value.lines() == [
        f"{path}: count: placeholders differ: fr ['n'] / en ['count'] (line 1)"
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("fr-FR", "fr"), ("fr", "fr"), ("FR-ca", "fr"), ("en-GB", "en"), ("de-DE", "fr"), (None, "fr")],
)
def test_language_from_a_browser_locale(value: object, expected: str) -> None:
    assert as_lang(value) == expected
