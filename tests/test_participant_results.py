"""The team's results on a participant's own page: nothing before the reveal, then the
facilitator's figures, under the same role-figures rules, and nobody's name or words."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from cxmaturity.archive.model import Consensus, RoadmapDecision
from cxmaturity.formatting import long_date, number
from cxmaturity.i18n import t
from cxmaturity.localized import as_lang
from cxmaturity.results import compute_results
from cxmaturity.results.model import Results
from cxmaturity.results.roadmap import horizon_end
from cxmaturity.results.summary import horizon_key, owner_label
from cxmaturity.store.factory import Store
from cxmaturity.ui.participant_results import RESULTS, VIEW
from cxmaturity.ui.plain import plain
from cxmaturity.workshops.errors import InvalidResumeToken, ResultsNotRevealed
from cxmaturity.workshops.views import NewWorkshop
from tests.test_pages import Q, answer_everything, everything_said, no_errors, page, workshop

DATE = dt.date(2026, 11, 23)  # the workshops' date in tests/test_pages.py


def see_results(app: AppTest, lang: str) -> AppTest:
    """From the end screen: the button at its top."""
    label = t("team_results_see", lang)
    next(b for b in app.button if b.label == label).click().run()
    no_errors(app)
    return app


def at_the_end(db: Store, resume: str, lang: str) -> AppTest:
    db.workshops.set_section(resume, len(Q.sections))
    app = page("answer", p=resume, lang=lang)
    no_errors(app)
    return app


def switches(app: AppTest) -> list[Any]:
    return [b for b in app.button_group if b.key == VIEW]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_before_the_reveal_nothing_of_the_results_is_reachable(db: Store, lang: str) -> None:
    _, _, code = workshop(db, lang=lang)
    resume = answer_everything(db, code, "ceo", 2)
    answer_everything(db, code, "sales", 4)
    with pytest.raises(ResultsNotRevealed):
        db.workshops.team_results(resume)
    with pytest.raises(InvalidResumeToken):
        db.workshops.team_results("not-a-resume-token")
    app = at_the_end(db, resume, lang)
    assert not switches(app)
    assert t("team_results_see", lang) not in [b.label for b in app.button]
    assert not app.get("vega_lite_chart")
    assert not app.metric


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_after_the_reveal_the_participant_sees_the_facilitator_s_figures(
    db: Store, lang: str
) -> None:
    workshop_id, token, code = workshop(db, lang=lang)
    resume = answer_everything(db, code, "ceo", 2)
    answer_everything(db, code, "sales", 4)
    answer_everything(db, code, "marketing", 5)
    db.workshops.reveal(workshop_id, token)
    full = compute_results(db.workshops.archive(workshop_id, token), Q)
    _, mine = db.workshops.team_results(resume)
    assert mine == full  # nobody's words in this workshop: every figure is the same
    app = see_results(at_the_end(db, resume, lang), lang)
    assert app.metric[0].label == t("results_overall", lang)
    assert app.metric[0].value == number(full.overall.score, lang)
    assert app.metric[1].value == t(f"verdict_{full.alignment.verdict}", lang)
    assert full.alignment.discussed, "the workshop has divergences to draw"
    charts = app.get("vega_lite_chart")
    assert len(charts) >= 1 + len(full.alignment.discussed)  # profile + a dot chart each
    said = everything_said(app)
    assert t("report_h_roadmap", lang) in said
    first = Q.actions_by_id[full.roadmap[0].action_id].title(lang)
    assert plain(first) in said
    assert not app.get("form") and not app.text_input, "read-only: no consensus form"
    # Back to the answers with the switch.
    app.button_group(key=VIEW).set_value("answers").run()
    no_errors(app)
    assert not app.metric
    assert t("answer_review", lang) in [b.label for b in app.button]


def test_from_any_section_the_switch_opens_the_results_of_a_closed_workshop(db: Store) -> None:
    workshop_id, token, code = workshop(db, lang="en")
    resume = answer_everything(db, code, "ceo", 2)
    answer_everything(db, code, "sales", 4)
    db.workshops.close(workshop_id, token)  # closed without a reveal: results visible too
    app = page("answer", p=resume, lang="en")
    no_errors(app)
    assert all(r.disabled for r in app.radio)
    app.button_group(key=VIEW).set_value(RESULTS).run()
    no_errors(app)
    full = compute_results(db.workshops.archive(workshop_id, token), Q)
    assert app.metric[0].value == number(full.overall.score, "en")
    assert [i.value for i in app.info] == [t("answer_closed", "en")]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_in_protected_mode_a_lone_ceo_is_not_named_on_a_participant_s_page(
    db: Store, lang: str
) -> None:
    access = db.workshops.create_workshop(
        NewWorkshop("Acme", DATE, lang, Q.id, Q.version, (), "anonymous", 3, "protected")
    )
    code = db.workshops.open_workshop(access.workshop_id, access.token).join_code
    assert code
    seats: dict[str, str] = {}
    for role, count, level in (("cx", 3, 2), ("marketing", 3, 5), ("ceo", 1, 1)):
        for i in range(count):
            joined = db.workshops.join(code, f"client-{role}-{i}", role)
            seats[role] = joined.resume_token
            for question in Q.scored_items:
                db.workshops.answer(joined.resume_token, question.id, level)
    db.workshops.reveal(access.workshop_id, access.token)
    _, mine = db.workshops.team_results(seats["cx"])
    full = compute_results(db.workshops.archive(access.workshop_id, access.token), Q)
    assert mine == full
    assert full.alignment.discussed  # the lone CEO's 1s make the team diverge
    app = see_results(at_the_end(db, seats["cx"], lang), lang)
    assert len(app.get("vega_lite_chart")) >= 1 + len(full.alignment.discussed)
    said = everything_said(app)
    # The roadmap names the role owning each action (the questionnaire's, not who came):
    # those lines aside, nothing on the page names the CEO.
    for line in roadmap_lines(mine, lang):
        said = said.replace(line, "")
    assert Q.roles_by_id["marketing"].short_label(lang) in said  # a group of three shows
    ceo = Q.roles_by_id["ceo"]
    for label in (ceo.label(lang), ceo.short_label(lang)):
        assert label not in said
        assert plain(label) not in said


def roadmap_lines(r: Results, lang: str) -> list[str]:
    """The roadmap's lines as the page writes them: each action's owning role."""
    language = as_lang(lang)
    return [
        plain(
            t(
                "team_results_roadmap_line",
                language,
                horizon=t(horizon_key(e.horizon), language),
                owner=owner_label(Q, e, language),
                due=long_date(e.due or horizon_end(DATE, e.horizon), language),
            )
        )
        for e in r.roadmap
    ]


ALIASES = ("Zorglub", "Bérénice", "Ophélie", "Anatole")
TYPED = ("Marcel Proust", "Jeanne Martin", "ruins every journey")
WORDS = ALIASES + TYPED


def without_words(r: Results) -> dict[str, Any]:
    """The results as a participant gets them: nobody's words, every figure kept."""
    d = r.model_dump()
    d["framing"]["value_destruction"] = []
    for entry in d["roadmap"] + d["roadmap_dropped"]:
        entry["owner_name"] = None
    for item in d["items"]:
        if item["consensus"]:
            item["consensus"]["note"] = ""
    return d


@pytest.mark.parametrize(("anonymity", "lang"), [("alias", "fr"), ("named", "en")])
def test_no_alias_name_or_words_of_anyone_reach_a_participant(
    db: Store, anonymity: str, lang: str
) -> None:
    workshop_id, token, code = workshop(db, anonymity=anonymity, lang=lang)
    people = []
    for role, level, alias in zip(("ceo", "sales", "cx"), (1, 4, 5), ALIASES[:3], strict=True):
        joined = db.workshops.join(code, f"client-{role}", role, alias)
        people.append(joined)
        for question in Q.scored_items:
            db.workshops.answer(joined.resume_token, question.id, level)
    free_text = Q.key_questions.value_destruction
    writer = db.workshops.join(code, "client-writer", "marketing", ALIASES[3])  # words only
    db.workshops.answer(writer.resume_token, free_text, "Bérénice ruins every journey")
    db.workshops.reveal(workshop_id, token)
    archive = db.workshops.archive(workshop_id, token)
    first = compute_results(archive, Q)
    item = first.alignment.discussed[0]
    db.workshops.set_consensus(workshop_id, token, item, Consensus(level=3, note="Marcel Proust"))
    db.workshops.set_roadmap_review(
        workshop_id,
        token,
        [
            RoadmapDecision(
                action_id=e.action_id,
                status="accepted",
                owner_role=e.owner_role,
                owner_name="Jeanne Martin",
            )
            for e in first.roadmap
        ],
    )
    archive = db.workshops.archive(workshop_id, token)
    full = compute_results(archive, Q)
    facilitator_sees = archive.model_dump_json() + full.model_dump_json()
    there = TYPED + (ALIASES if anonymity == "named" else ())
    assert all(word in facilitator_sees for word in there), "the test puts them there"

    mine_archive, mine = db.workshops.team_results(people[2].resume_token)
    given = mine_archive.model_dump_json() + mine.model_dump_json()
    assert [word for word in WORDS if word in given] == []
    assert {p.id for p in mine_archive.participants}.isdisjoint(p.id for p in archive.participants)
    assert mine.model_dump() == without_words(full)  # the same figures, words aside
    assert mine.participants == full.participants == 4  # the words' writer still counts

    app = see_results(at_the_end(db, people[2].resume_token, lang), lang)
    said = everything_said(app)
    assert [word for word in WORDS if word in said or plain(word) in said] == []
    assert plain(t("present_consensus_recorded", lang, level=3)) in said
