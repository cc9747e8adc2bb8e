"""The questionnaire preview in-process (AppTest), and the language rules every page follows."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from cxmaturity.i18n import catalogue
from cxmaturity.questionnaire import default_questionnaire
from tests.conftest import ROOT

APP = str(ROOT / "app.py")


def run(lang: str | None) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30)
    if lang:
        app.query_params["lang"] = lang
    app.switch_page("cxmaturity/ui/pages/questionnaire.py")
    return app.run()


def visible_text(app: AppTest) -> str:
    parts = [e.value for e in [*app.title, *app.markdown, *app.caption]]
    parts += [e.label for e in app.expander]
    return "\n".join(str(p) for p in parts)


def unescape(text: str) -> str:
    return text.replace("\\", "")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_preview_runs_in_each_language(lang: str) -> None:
    app = run(lang)
    q = default_questionnaire()
    assert not app.exception
    assert unescape(app.title[0].value) == q.title(lang)  # type: ignore[arg-type]
    text = unescape(visible_text(app))
    for section in q.sections:
        assert section.title(lang) in text  # type: ignore[arg-type]
    first_item = q.scored_items[0]
    assert all(statement(lang) in text for statement in first_item.levels)  # type: ignore[arg-type]


def test_no_english_is_left_on_the_french_page() -> None:
    text = unescape(visible_text(run("fr")))
    ui = catalogue()
    english_only = [
        ui(key, "en")
        for key in ui.keys()  # noqa: SIM118 (a Catalogue, not a dict)
        if ui(key, "en") != ui(key, "fr") and "{" not in ui(key, "en")
    ]
    q = default_questionnaire()
    english_only += [item.text.en for item in q.scored_items]
    leaks = [phrase for phrase in english_only if phrase in text]
    assert leaks == []


def test_french_is_the_default_without_a_language() -> None:
    app = run(None)
    assert unescape(app.title[0].value) == default_questionnaire().title.fr


def test_the_switch_changes_the_language_and_the_url() -> None:
    app = run("fr")
    app.sidebar.button_group[0].set_value("en").run()  # the FR/EN segmented control
    assert app.query_params["lang"] == "en"
    assert unescape(app.title[0].value) == default_questionnaire().title.en
