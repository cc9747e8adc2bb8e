"""The UI catalogue: both languages for every key, matching placeholders, no dead keys."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cxmaturity.i18n import catalogue, load_catalogue, t
from cxmaturity.localized import as_lang
from cxmaturity.problems import InputError
from cxmaturity.workshops.errors import StoreError
from tests.conftest import ROOT

PACKAGE = ROOT / "cxmaturity"
KEY_USE = re.compile(r"""\bt\(\s*["']([a-z0-9_]+)["']""")
#: Keys built at run time, like t(f"risk_{risk}", …) or t(horizon_key(h), …).
KEY_FAMILY = re.compile(r"""\bt\(\s*f["']([a-z0-9_]+)\{|return\s+["']([a-z0-9_]+_)["']\s*\+""")


def sources() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py")]


def used_keys() -> set[str]:
    return {key for source in sources() for key in KEY_USE.findall(source)}


def key_families() -> set[str]:
    return {a or b for source in sources() for a, b in KEY_FAMILY.findall(source)}


def error_keys() -> set[str]:
    """Store errors name their message's key; the UI shows it with t(exc.key, …)."""
    found: set[str] = set()
    pending = [StoreError]
    while pending:
        cls = pending.pop()
        found.add(cls.key)
        pending += cls.__subclasses__()
    return found


def test_every_store_error_has_a_message() -> None:
    assert {"error_invalid_join_code", "error_stale_edit"} <= error_keys()
    assert error_keys() - set(catalogue().keys()) == set()


def test_every_key_the_code_uses_exists() -> None:
    missing = used_keys() - set(catalogue().keys())
    assert missing == set()


def test_every_key_in_the_catalogue_is_used() -> None:
    families = key_families()
    assert {"risk_", "verdict_", "horizon_"} <= families
    dead = {
        key
        for key in set(catalogue().keys()) - used_keys() - error_keys()
        if not any(key.startswith(prefix) for prefix in families)
    }
    assert dead == set()


def test_placeholders_are_filled_in_both_languages() -> None:
    assert t("section_label", "fr", n=2, total=9) == "Section 2 sur 9"
    assert t("section_label", "en", n=2, total=9) == "Section 2 of 9"
    assert t("labelled", "fr", label="Dimension", value="Écoute") == "Dimension\u00a0: Écoute"


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
    [
        ("fr-FR", "fr"),
        ("fr", "fr"),
        ("FR-ca", "fr"),
        ("en-GB", "en"),
        ("de-DE", "fr"),
        (None, "fr"),
    ],
)
def test_language_from_a_browser_locale(value: object, expected: str) -> None:
    assert as_lang(value) == expected
