"""Typography of every text a person reads: French spacing, typographic apostrophes.

French puts a no-break space before ; : ! ? % » and after «, so the sign never starts a
line; both languages use ’ rather than a straight apostrophe. Content is data: the rule
is checked at the source, for the UI catalogue, the questionnaire and the method.
"""

from __future__ import annotations

import re

import pytest

from cxmaturity.i18n import catalogue
from cxmaturity.questionnaire import default_questionnaire
from tests.conftest import ROOT
from tests.test_questionnaire_content import texts

#: A plain (breakable) space where French needs a no-break one.
BREAKABLE = re.compile(r" [;:!?%»]|« ")


def french_texts() -> list[tuple[str, str]]:
    ui = catalogue()
    found = [(f"ui.yaml {key}", ui(key, "fr")) for key in ui.keys()]  # noqa: SIM118
    found += [(f"questionnaire {path}", text.fr) for path, text in texts(default_questionnaire())]
    method = (ROOT / "docs" / "METHOD.fr.md").read_text(encoding="utf-8")
    found += [
        (f"METHOD.fr.md line {n}", line) for n, line in enumerate(method.splitlines(), start=1)
    ]
    return found


def all_texts() -> list[tuple[str, str]]:
    ui = catalogue()
    found = french_texts()
    found += [(f"ui.yaml {key} (en)", ui(key, "en")) for key in ui.keys()]  # noqa: SIM118
    found += [
        (f"questionnaire {path} (en)", text.en) for path, text in texts(default_questionnaire())
    ]
    method = (ROOT / "docs" / "METHOD.md").read_text(encoding="utf-8")
    found += [(f"METHOD.md line {n}", line) for n, line in enumerate(method.splitlines(), start=1)]
    return found


def test_the_checker_catches_what_it_should() -> None:
    assert BREAKABLE.search("Moyenne : 2,5")
    assert BREAKABLE.search("« cité »")
    assert not BREAKABLE.search("Moyenne\u00a0: 2,5 et «\u202fcité\u202f»")


def test_french_has_no_breakable_space_before_high_punctuation() -> None:
    bad = [(where, text) for where, text in french_texts() if BREAKABLE.search(text)]
    assert bad == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_apostrophes_are_typographic(lang: str) -> None:
    chosen = french_texts() if lang == "fr" else all_texts()
    bad = [(where, text) for where, text in chosen if "'" in text]
    assert bad == []


def test_english_percent_has_no_space() -> None:
    method = (ROOT / "docs" / "METHOD.md").read_text(encoding="utf-8")
    assert not re.search(r"\d %", method)
