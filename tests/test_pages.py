"""Every page in-process (AppTest), in both languages, and the main interactions of each:
create, join, answer, reveal, consensus, roadmap review, export, interviews, CSV import.

The pages talk to a real SQLite file; the store behind them is also read directly to
check that what a page says it saved is what the database holds.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from cxmaturity.i18n import t
from cxmaturity.questionnaire import default_questionnaire
from cxmaturity.store.factory import Store
from cxmaturity.ui import session
from cxmaturity.ui.plain import plain
from cxmaturity.workshops.views import NewWorkshop
from tests.conftest import ROOT

APP = str(ROOT / "app.py")
PAGES = ["home", "join", "answer", "new", "facilitate", "questionnaire"]
Q = default_questionnaire()


def page(name: str, **params: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    app.switch_page(f"cxmaturity/ui/pages/{name}.py")
    return app.run()


def no_errors(app: AppTest) -> None:
    assert not app.exception, [e.value for e in app.exception]


def workshop(db: Store, anonymity: str = "anonymous", lang: str = "fr") -> tuple[str, str, str]:
    """An open workshop: (id, facilitator token, join code)."""
    access = db.workshops.create_workshop(
        NewWorkshop(
            organisation="Acme <b>SA</b>",
            workshop_date=dt.date(2026, 11, 23),
            language=lang,  # type: ignore[arg-type]
            questionnaire_id=Q.id,
            questionnaire_version=Q.version,
            anonymity=anonymity,
            min_group_size=1,
        )
    )
    opened = db.workshops.open_workshop(access.workshop_id, access.token)
    assert opened.join_code
    return access.workshop_id, access.token, opened.join_code


def answer_everything(db: Store, code: str, role: str, level: int) -> str:
    joined = db.workshops.join(code, f"client-{role}-{level}", role)
    for question in Q.scored_items:
        db.workshops.answer(joined.resume_token, question.id, level)
    return joined.resume_token


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_every_page_runs_in_each_language(db: Store, name: str, lang: str) -> None:
    app = page(name, lang=lang)
    no_errors(app)
    assert app.title, f"{name} has no title"
    other = "en" if lang == "fr" else "fr"
    title = app.title[0].value
    english_or_french = {t(key, other) for key in ("home_heading", "join_title", "answer_title")}
    assert title not in english_or_french


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_console_runs_every_view_in_each_language(db: Store, lang: str) -> None:
    workshop_id, token, code = workshop(db)
    answer_everything(db, code, "ceo", 2)
    answer_everything(db, code, "sales", 4)
    db.workshops.reveal(workshop_id, token)
    for view in ["join", "progress", "results", "consensus", "roadmap", "interviews", "export"]:
        app = page("facilitate", w=workshop_id, t=token, lang=lang, view=view)
        no_errors(app)
        assert app.title[0].value == "Acme \\<b\\>SA\\</b\\>"  # shown as text, not markup
        assert not app.error, (view, [e.value for e in app.error])


def test_create_a_workshop_and_get_the_facilitator_link(db: Store) -> None:
    app = page("new", lang="en")
    app.text_input[0].input("Northwind")
    app.button[0].click().run()
    no_errors(app)
    workshop_id, token = app.session_state["created_workshop"]
    link = app.code[0].value
    assert f"/facilitate?w={workshop_id}&t={token}&lang=en" in link
    assert any("Keep this facilitator link" in w.value for w in app.warning)
    view = db.workshops.workshop(workshop_id, token)
    assert (view.organisation, view.status, view.language) == ("Northwind", "open", "en")
    assert view.roles_expected == ("ceo", "marketing", "sales", "customer_relations", "cx",
                                   "operations")  # fmt: skip


def test_an_empty_organisation_is_refused_with_a_message(db: Store) -> None:
    app = page("new", lang="fr")
    app.button[0].click().run()
    no_errors(app)
    assert [e.value for e in app.error] == [
        t("field_empty", "fr", field=t("new_organisation", "fr"), limit=200)
    ]
    assert db.operator.list_workshops() == []


def test_join_with_the_code_from_the_link_then_answer(db: Store) -> None:
    workshop_id, token, code = workshop(db)
    app = page("join", code=code.lower(), lang="fr")  # typed in lower case: still accepted
    no_errors(app)
    app.selectbox[0].set_value("marketing")
    app.button[0].click().run()
    no_errors(app)
    resume = app.query_params["p"]
    assert app.title[0].value == "Acme \\<b\\>SA\\</b\\>"  # now on the answer page
    first = Q.questions[Q.key_questions.cx_owner]  # the first section's single choice
    assert first in Q.sections[0].questions
    app.radio(key=f"a:{first.id}").set_value("nobody").run()
    no_errors(app)
    assert db.workshops.resume(resume).answers == {first.id: "nobody"}
    progress = db.workshops.progress(workshop_id, token)
    assert [(p.role, p.answered) for p in progress.participants] == [("marketing", 1)]


def test_a_wrong_code_is_a_message_and_the_form_again(db: Store) -> None:
    app = page("join", code="ZZZZZZZ", lang="en")
    no_errors(app)
    assert [e.value for e in app.error] == [t("error_invalid_join_code", "en")]
    assert app.text_input[0].label == t("join_code_label", "en")


def test_answers_survive_a_reload_and_the_section_is_kept(db: Store) -> None:
    _, _, code = workshop(db)
    resume = db.workshops.join(code, "c", "cx").resume_token
    app = page("answer", p=resume, lang="en")
    ranking = Q.questions["q_objectives"]
    options = [o.id for o in ranking.options]  # type: ignore[attr-defined]
    rank = app.button_group(key="a:q_objectives")
    rank.set_value(options[:2]).run()
    assert "q_objectives" not in db.workshops.resume(resume).answers  # 2 < 3 ranked
    app.button_group(key="a:q_objectives").set_value(options[:3]).run()
    assert db.workshops.resume(resume).answers["q_objectives"] == options[:3]
    app.button_group(key="a:q_objectives").set_value(options[1:3]).run()  # untap the first
    app.button_group(key="a:q_objectives").set_value(options[:3]).run()  # tap it again: last
    assert db.workshops.resume(resume).answers["q_objectives"] == [*options[1:3], options[0]]
    app.radio(key="a:q_cx_owner").set_value("dk").run()
    app.text_area(key="a:q_value_text").input("Les **délais** [x](http://evil)").run()
    next_button = next(b for b in app.button if b.label == t("answer_next", "en"))
    next_button.click().run()
    no_errors(app)
    assert app.subheader[0].value.startswith(t("section_label", "en", n=2, total=len(Q.sections)))

    reloaded = page("answer", p=resume, lang="en")  # a new session: nothing in memory
    no_errors(reloaded)
    assert reloaded.subheader[0].value.startswith(
        t("section_label", "en", n=2, total=len(Q.sections))
    )
    saved = db.workshops.resume(resume).answers
    assert saved == {
        "q_objectives": [*options[1:3], options[0]],
        "q_cx_owner": "dk",
        "q_value_text": "Les **délais** [x](http://evil)",
    }
    back = next(b for b in reloaded.button if b.label == t("answer_previous", "en"))
    back.click().run()
    rank = reloaded.button_group(key="a:q_objectives")
    assert set(rank.value) == set(options[:3])
    labels = [o.content for o in rank.proto.options]  # each tapped option shows its rank
    assert labels[:4] == [
        f"3 · {Q.options_of('q_objectives')[options[0]].label('en')}",
        f"1 · {Q.options_of('q_objectives')[options[1]].label('en')}",
        f"2 · {Q.options_of('q_objectives')[options[2]].label('en')}",
        Q.options_of("q_objectives")[options[3]].label("en"),
    ]
    assert reloaded.radio(key="a:q_cx_owner").value == "dk"


def test_ambitions_are_chosen_by_level_name_under_the_scale(db: Store) -> None:
    _, _, code = workshop(db)
    resume = db.workshops.join(code, "c", "cx").resume_token
    section = next(i for i, x in enumerate(Q.sections) if x.id == "ambition")
    db.workshops.set_section(resume, section)
    app = page("answer", p=resume, lang="fr")
    no_errors(app)
    scale = "\n".join(m.value for m in app.markdown)
    for level in Q.levels:  # the five levels and what each means, shown once, above
        assert plain(level.name.fr) in scale and level.summary is not None
        assert plain(level.summary.fr) in scale
    question = Q.ambitions["journeys"]
    pills = app.button_group(key=f"a:{question.id}")
    labels = [o.content for o in pills.proto.options]
    assert labels == [f"{n} · {Q.level(n).name.fr}" for n in range(1, 6)] + [t("dont_know", "fr")]
    pills.set_value(4).run()
    assert db.workshops.resume(resume).answers == {question.id: 4}
    app.button_group(key=f"a:{question.id}").set_value("dk").run()
    assert db.workshops.resume(resume).answers == {question.id: "dk"}
    app.button_group(key=f"a:{question.id}").set_value(None).run()  # untapped: no answer
    assert db.workshops.resume(resume).answers == {}


def test_scored_items_show_statements_without_level_names(db: Store) -> None:
    """A level name such as « Culture client » beside the last statement would tell people
    which answer is expected."""
    _, _, code = workshop(db)
    resume = db.workshops.join(code, "c", "cx").resume_token
    item = Q.scored_items[0]
    db.workshops.set_section(resume, [x.id for x in Q.sections].index(Q.required[item.id]))
    app = page("answer", p=resume, lang="fr")
    radio = app.radio(key=f"a:{item.id}")
    shown = list(radio.options)
    assert shown[:5] == [plain(level.fr) for level in item.levels]
    assert not any(plain(level.name.fr) in option for level in Q.levels for option in shown)


def test_multi_choice_keeps_exclusive_options_alone(db: Store) -> None:
    _, _, code = workshop(db)
    resume = db.workshops.join(code, "c", "cx").resume_token
    listening = [x.id for x in Q.sections].index(Q.required["q_kpis_measured"])
    db.workshops.set_section(resume, listening)
    app = page("answer", p=resume, lang="fr")
    pills = app.button_group(key="a:q_kpis_measured")
    question = Q.questions["q_kpis_measured"]
    regular = [o.id for o in question.options if not o.exclusive]  # type: ignore[attr-defined]
    pills.set_value(regular[:2]).run()
    assert db.workshops.resume(resume).answers["q_kpis_measured"] == regular[:2]
    app.button_group(key="a:q_kpis_measured").set_value([*regular[:2], "dk"]).run()
    assert db.workshops.resume(resume).answers["q_kpis_measured"] == "dk"
    assert app.button_group(key="a:q_kpis_measured").value == ["dk"]


def test_the_end_screen_lists_what_is_missing(db: Store) -> None:
    _, _, code = workshop(db)
    resume = answer_everything(db, code, "ceo", 3)
    db.workshops.set_section(resume, len(Q.sections))
    app = page("answer", p=resume, lang="fr")
    no_errors(app)
    missing = len([q for q in Q.questions.values() if q.type not in {"scored", "free_text"}])
    assert [w.value for w in app.warning] == [t("answer_end_missing", "fr", n=missing)]
    assert resume in app.code[0].value


def test_a_closed_workshop_is_read_only_for_participants(db: Store) -> None:
    workshop_id, token, code = workshop(db)
    resume = db.workshops.join(code, "c", "ceo").resume_token
    db.workshops.close(workshop_id, token)
    app = page("answer", p=resume, lang="en")
    no_errors(app)
    assert [i.value for i in app.info] == [t("answer_closed", "en")]
    assert all(r.disabled for r in app.radio)


def test_results_stay_hidden_until_the_reveal(db: Store) -> None:
    workshop_id, token, code = workshop(db)
    answer_everything(db, code, "ceo", 2)
    app = page("facilitate", w=workshop_id, t=token, lang="en", view="results")
    no_errors(app)
    assert t("results_hidden", "en") in [i.value for i in app.info]
    assert not app.get("vega_lite_chart")
    app.button(key="reveal_now").click().run()
    no_errors(app)
    assert db.workshops.workshop(workshop_id, token).status == "revealed"
    assert app.get("vega_lite_chart"), "the charts appear once revealed"


def test_the_join_screen_shows_the_code_the_link_and_a_qr_code(db: Store) -> None:
    workshop_id, token, code = workshop(db)
    app = page("facilitate", w=workshop_id, t=token, lang="fr")
    no_errors(app)
    shown = " ".join(h.proto.body for h in app.get("html"))
    assert f"{code[:3]}-{code[3:]}" in shown
    assert f"/join?code={code}&lang=fr" in app.code[0].value
    qr = t("join_screen_qr_alt", "fr", link=app.code[0].value).replace("&", "&amp;")
    assert 'src="data:image/png;base64,' in shown and f'alt="{qr}"' in shown


def test_a_wrong_token_shows_no_workshop(db: Store) -> None:
    workshop_id, token, _ = workshop(db)
    other_id, other_token, _ = workshop(db)
    tampered = token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
    refused = [
        {"w": workshop_id},  # no token
        {"w": workshop_id, "t": "x" * 43},  # a made-up one
        {"w": workshop_id, "t": tampered},  # one character changed
        {"w": workshop_id, "t": other_token},  # another workshop's
        {"w": other_id, "t": token},  # the right token on another workshop
        {"w": "0" * 18, "t": token},  # a workshop that does not exist
        {},
    ]
    for params in refused:
        app = page("facilitate", lang="en", view="results", **params)
        no_errors(app)
        assert app.title[0].value == t("console_title", "en")
        shown = " ".join(str(e.value) for e in [*app.markdown, *app.caption, *app.text])
        assert "Acme" not in shown, params  # no data of any workshop
        assert not app.get("vega_lite_chart") and not app.get("arrow_data_frame"), params


def test_a_replaced_or_deleted_workshop_s_link_says_which_and_nothing_else(db: Store) -> None:
    workshop_id, token, code = workshop(db)
    resume = db.workshops.join(code, "client-cx", "cx").resume_token
    fresh = db.workshops.rotate_link(workshop_id, token)
    app = page("facilitate", w=workshop_id, t=token, lang="fr")
    no_errors(app)
    assert app.error[0].value.startswith("Ce lien d’animateur a été remplacé le ")
    assert t("console_link_help", "fr") not in [m.value for m in app.markdown]
    db.workshops.close(workshop_id, fresh.token)
    db.workshops.delete_workshop(workshop_id, fresh.token)
    for name, params, help_key in [
        ("facilitate", {"w": workshop_id, "t": fresh.token}, "console_link_help"),
        ("answer", {"p": resume}, "answer_link_invalid_help"),
    ]:
        app = page(name, lang="en", **params)
        no_errors(app)
        assert app.error[0].value.startswith("This workshop was deleted on "), name
        assert t(help_key, "en") not in [m.value for m in app.markdown], name
    app = page("facilitate", w=workshop_id, t="x" * 43, lang="en")
    assert t("console_link_help", "en") in [m.value for m in app.markdown]


def test_record_a_consensus(db: Store) -> None:
    workshop_id, token, code = workshop(db)
    answer_everything(db, code, "ceo", 1)
    answer_everything(db, code, "sales", 5)
    db.workshops.reveal(workshop_id, token)
    app = page("facilitate", w=workshop_id, t=token, lang="fr", view="consensus")
    item = app.selectbox(key="consensus_item").value
    app.button_group[1].set_value(3)  # [0] is the view switch
    app.text_area[0].input("Les ventes ont convaincu le CEO")
    app.button[0].click().run()
    no_errors(app)
    agreed = db.workshops.archive(workshop_id, token).consensus[item]
    assert (agreed.level, agreed.note) == (3, "Les ventes ont convaincu le CEO")
    assert [s.value for s in app.success] == [t("consensus_saved", "fr")]


def test_a_stale_consensus_is_refused_not_overwritten(db: Store) -> None:
    workshop_id, token, code = workshop(db)
    answer_everything(db, code, "ceo", 1)
    answer_everything(db, code, "sales", 5)
    db.workshops.reveal(workshop_id, token)
    app = page("facilitate", w=workshop_id, t=token, lang="en", view="consensus")
    db.workshops.set_roadmap_review(workshop_id, token, [])  # another tab saves meanwhile
    app.button_group[1].set_value(2)
    app.button[0].click().run()
    no_errors(app)
    assert [e.value for e in app.error] == [t("error_stale_edit", "en")]
    assert db.workshops.archive(workshop_id, token).consensus == {}


def test_two_tabs_editing_the_roadmap_the_later_save_is_refused(db: Store) -> None:
    workshop_id, token, code = workshop(db)
    answer_everything(db, code, "ceo", 2)
    db.workshops.reveal(workshop_id, token)
    first_tab = page("facilitate", w=workshop_id, t=token, lang="fr", view="roadmap")
    second_tab = page("facilitate", w=workshop_id, t=token, lang="fr", view="roadmap")
    accept = t("roadmap_accept_all", "fr")
    next(b for b in second_tab.button if b.label == accept).click().run()
    saved = db.workshops.archive(workshop_id, token).roadmap_review
    assert saved
    next(b for b in first_tab.button if b.label == t("roadmap_save", "fr")).click().run()
    no_errors(first_tab)
    assert [e.value for e in first_tab.error] == [t("error_stale_edit", "fr")]
    assert db.workshops.archive(workshop_id, token).roadmap_review == saved  # not overwritten


def test_accept_the_roadmap_as_proposed(db: Store) -> None:
    workshop_id, token, code = workshop(db)
    answer_everything(db, code, "ceo", 2)
    db.workshops.reveal(workshop_id, token)
    app = page("facilitate", w=workshop_id, t=token, lang="en", view="roadmap")
    accept = next(b for b in app.button if b.label == t("roadmap_accept_all", "en"))
    accept.click().run()
    no_errors(app)
    review = db.workshops.archive(workshop_id, token).roadmap_review
    assert review and {d.status for d in review} == {"accepted"}
    assert [s.value for s in app.success] == [t("roadmap_saved", "en")]


def test_export_builds_the_pdf_only_when_asked(db: Store) -> None:
    workshop_id, token, code = workshop(db)
    answer_everything(db, code, "ceo", 2)
    db.workshops.reveal(workshop_id, token)
    app = page("facilitate", w=workshop_id, t=token, lang="en", view="export")
    labels = [d.label for d in app.get("download_button")]
    assert t("export_pdf_download", "en") not in labels
    prepare = next(b for b in app.button if b.label == t("export_pdf_prepare", "en"))
    prepare.click().run()
    no_errors(app)
    built = app.session_state["export_pdf"][1]
    assert built.startswith(b"%PDF-")
    labels = [d.label for d in app.get("download_button")]
    assert labels[0] == t("export_pdf_download", "en")


def test_close_then_delete_with_confirmation(db: Store) -> None:
    workshop_id, token, _ = workshop(db)
    app = page("facilitate", w=workshop_id, t=token, lang="en", view="export")
    app.button(key="close_now").click().run()
    no_errors(app)
    assert db.workshops.workshop(workshop_id, token).status == "closed"
    delete = next(b for b in app.button if b.label == t("delete_button", "en"))
    assert delete.disabled
    app.checkbox(key="delete_sure").check().run()
    delete = next(b for b in app.button if b.label == t("delete_button", "en"))
    delete.click().run()
    no_errors(app)
    assert db.operator.list_workshops() == []
    assert app.query_params["deleted"] == "1"


def test_interview_mode_enters_answers_for_a_respondent(db: Store) -> None:
    workshop_id, token, _ = workshop(db, anonymity="named")
    app = page("facilitate", w=workshop_id, t=token, lang="fr", view="interviews")
    app.selectbox[0].set_value("finance")
    app.text_input[0].input("Camille")
    app.button[0].click().run()
    no_errors(app)
    respondent = app.session_state["interviewee"]
    first = Q.scored_items[0]
    app.radio(key=f"i:{respondent}:{first.id}").set_value(5).run()
    no_errors(app)
    answers = db.workshops.participant_answers(workshop_id, token, respondent)
    assert answers == {first.id: 5}
    people = db.workshops.progress(workshop_id, token).participants
    assert [(p.role, p.alias, p.entered_by) for p in people] == [
        ("finance", "Camille", "facilitator")
    ]


def _labelled(widgets: Any, label: str) -> list[Any]:
    return [w for w in widgets if w.label == label]


def test_the_roadmap_review_keeps_what_the_facilitator_set_and_nothing_else(db: Store) -> None:
    """Move an action down, name a person beside a role, drop one, pick a date: the
    review holds exactly that; saving again untouched changes nothing."""
    workshop_id, token, code = workshop(db)
    answer_everything(db, code, "ceo", 2)
    db.workshops.reveal(workshop_id, token)
    proposed = [e.action_id for e in compute(db.workshops.archive(workshop_id, token)).roadmap]
    assert len(proposed) >= 4
    app = page("facilitate", w=workshop_id, t=token, lang="en", view="roadmap")
    _labelled(app.button, t("roadmap_down", "en"))[0].click().run()  # 1st ↓: 2, 1, 3, …
    _labelled(app.text_input, t("roadmap_owner_name", "en"))[0].input("Claire M.")
    _labelled(app.selectbox, t("roadmap_owner_role", "en"))[0].set_value("ceo")
    _labelled(app.toggle, t("roadmap_keep", "en"))[2].set_value(False)
    _labelled(app.date_input, t("roadmap_due", "en"))[3].set_value(dt.date(2027, 2, 14))
    _labelled(app.button, t("roadmap_save", "en"))[0].click().run()
    no_errors(app)
    assert [s.value for s in app.success] == [t("roadmap_saved", "en")]
    review = db.workshops.archive(workshop_id, token).roadmap_review
    order = [proposed[1], proposed[0], *proposed[2:]]
    assert [d.action_id for d in review] == order
    first = review[0]
    assert (first.owner_name, first.owner_role) == ("Claire M.", "ceo")
    assert [d.owner_name for d in review[1:]] == [None] * (len(review) - 1)
    assert [d.action_id for d in review if d.status == "dropped"] == [order[2]]
    assert review[3].due == dt.date(2027, 2, 14)

    before = compute(db.workshops.archive(workshop_id, token))
    again = page("facilitate", w=workshop_id, t=token, lang="en", view="roadmap")
    _labelled(again.button, t("roadmap_save", "en"))[0].click().run()
    no_errors(again)
    after_review = db.workshops.archive(workshop_id, token).roadmap_review
    assert sorted(after_review, key=lambda d: d.action_id) == sorted(
        review, key=lambda d: d.action_id
    )  # the dropped one is now listed last, with what it had
    after = compute(db.workshops.archive(workshop_id, token))
    assert after.roadmap_dropped == before.roadmap_dropped  # its horizon and date unchanged
    assert after.roadmap == before.roadmap


def test_an_owner_name_that_cannot_be_kept_is_refused_by_name(db: Store) -> None:
    workshop_id, token, code = workshop(db)
    answer_everything(db, code, "ceo", 2)
    db.workshops.reveal(workshop_id, token)
    app = page("facilitate", w=workshop_id, t=token, lang="fr", view="roadmap")
    _labelled(app.text_input, t("roadmap_owner_name", "fr"))[0].input("Claire\x07")
    _labelled(app.button, t("roadmap_save", "fr"))[0].click().run()
    no_errors(app)
    assert len(app.error) == 1 and t("roadmap_owner_name", "fr") in app.error[0].value
    assert db.workshops.archive(workshop_id, token).roadmap_review == []  # nothing saved


def csv_upload(app: AppTest, text: str) -> AppTest:
    uploader = app.file_uploader[0]
    return uploader.set_value(("reponses.csv", text.encode("utf-8"), "text/csv")).run()


def test_import_answers_from_a_csv_in_the_console(db: Store) -> None:
    workshop_id, token, _ = workshop(db)
    first, second = (item.id for item in Q.scored_items[:2])
    app = page("facilitate", w=workshop_id, t=token, lang="en", view="interviews")
    csv_upload(app, f"participant,role,{first},{second}\nr1,cx,4,dk\nr2,sales,2,3\n")
    no_errors(app)
    assert t("import_preview", "en", people=2, answers=4) in [m.value for m in app.markdown]
    assert db.workshops.progress(workshop_id, token).participants == []  # a preview only
    submit = next(b for b in app.button if b.label == t("import_submit", "en", people=2))
    submit.click().run()
    no_errors(app)
    assert [s.value for s in app.success] == [t("import_done", "en", people=2)]
    people = db.workshops.progress(workshop_id, token).participants
    assert sorted((p.role, p.answered, p.entered_by) for p in people) == [
        ("cx", 2, "import"),
        ("sales", 2, "import"),
    ]


def test_a_bad_csv_names_the_cell_and_imports_nobody(db: Store) -> None:
    workshop_id, token, _ = workshop(db)
    first = Q.scored_items[0].id
    app = page("facilitate", w=workshop_id, t=token, lang="fr", view="interviews")
    csv_upload(app, f"participant,role,{first}\nr1,cx,4\nr2,sales,6\n")
    no_errors(app)
    assert [e.value for e in app.error] == [t("error_invalid_file", "fr")]
    shown = "\n".join(text.value for text in app.text)
    assert f'reponses.csv: row 3, column {first}: "6" is not one of 1–5, dk' in shown
    assert db.workshops.progress(workshop_id, token).participants == []


def core_workshop(db: Store, anonymity: str = "anonymous") -> tuple[str, str, str]:
    """An open workshop created as the form creates it: the six core roles expected."""
    from cxmaturity.ui.create_form import CORE_ROLES

    access = db.workshops.create_workshop(
        NewWorkshop("Northwind", dt.date(2026, 11, 23), "en", Q.id, Q.version, CORE_ROLES,
                    anonymity, 1)
    )  # fmt: skip
    code = db.workshops.open_workshop(access.workshop_id, access.token).join_code
    assert code
    return access.workshop_id, access.token, code


def test_interviews_offer_the_roles_participants_are_offered(db: Store) -> None:
    workshop_id, token, code = core_workshop(db)
    offered = [*page("join", code=code, lang="en").selectbox[0].options]
    app = page("facilitate", w=workshop_id, t=token, lang="en", view="interviews")
    assert [*app.selectbox[0].options] == offered
    assert offered[-1] == Q.roles_by_id["other"].label("en")
    app.selectbox[0].set_value("other")
    app.button[0].click().run()
    no_errors(app)
    assert not app.error
    people = db.workshops.progress(workshop_id, token).participants
    assert [(p.role, p.entered_by) for p in people] == [("other", "facilitator")]


def test_back_then_the_code_again_resumes_the_seat_and_another_link_starts_empty(
    db: Store,
) -> None:
    workshop_id, token, code = workshop(db)
    options = [o.id for o in Q.questions["q_objectives"].options]  # type: ignore[attr-defined]
    app = page("join", code=code, lang="en")
    app.selectbox[0].set_value("ceo")
    app.button[0].click().run()
    first = app.query_params["p"]
    app.button_group(key="a:q_objectives").set_value(options[:3]).run()
    assert db.workshops.resume(first).answers["q_objectives"] == options[:3]

    app.query_params.clear()
    app.query_params.update({"code": code, "lang": "en"})
    app.switch_page("cxmaturity/ui/pages/join.py").run()  # Back, then the code again
    no_errors(app)
    assert t("join_already", "en") in [i.value for i in app.info]
    assert not app.selectbox  # no second seat to take from this browser
    assert db.workshops.progress(workshop_id, token).joined == 1

    # Someone else's link opened in this tab (their seat, taken on their phone): none
    # of the first person's ranking is carried over.
    second = db.workshops.join(code, "10.0.0.2/their-phone", "sales").resume_token
    app.query_params.clear()
    app.query_params.update({"p": second, "lang": "en"})
    app.switch_page("cxmaturity/ui/pages/answer.py").run()
    ranking = app.button_group(key="a:q_objectives")
    assert ranking.value == []
    assert not any(o.content[0].isdigit() for o in ranking.proto.options)  # no ranks shown
    ranking.set_value(options[3:4]).run()  # one tap: not a ranking yet
    assert "q_objectives" not in db.workshops.resume(second).answers


def test_a_ranking_being_redone_keeps_the_last_complete_one(db: Store) -> None:
    _, _, code = workshop(db)
    resume = db.workshops.join(code, "c", "cx").resume_token
    options = [o.id for o in Q.questions["q_objectives"].options]  # type: ignore[attr-defined]
    db.workshops.answer(resume, "q_objectives", options[:3])
    app = page("answer", p=resume, lang="en")
    app.button_group(key="a:q_objectives").set_value(options[1:3]).run()  # untap the first
    assert db.workshops.resume(resume).answers["q_objectives"] == options[:3]
    app.button_group(key="a:q_objectives").set_value([]).run()  # everything untapped
    assert "q_objectives" not in db.workshops.resume(resume).answers


@pytest.mark.parametrize(
    ("mode", "typed", "problem"),
    [("alias", "   ", "field_empty"), ("named", "Camille\tDupont", "field_control")],
)
def test_the_alias_or_name_field_says_what_is_wrong(
    db: Store, mode: str, typed: str, problem: str
) -> None:
    workshop_id, token, code = workshop(db, anonymity=mode)
    app = page("join", code=code, lang="fr")
    app.selectbox[0].set_value("cx")
    app.text_input[0].input(typed)  # empty, or with a tab pasted in
    app.button[0].click().run()
    no_errors(app)
    field = t(f"identity_label_{mode}", "fr")
    assert [w.value for w in app.warning] == [t(problem, "fr", field=field, limit=80)]
    assert db.workshops.progress(workshop_id, token).participants == []


def test_a_code_replaced_meanwhile_sends_back_to_the_code_form(db: Store) -> None:
    workshop_id, token, code = workshop(db)
    app = page("join", code=code, lang="en")  # checked: the identity form shows
    db.workshops.new_join_code(workshop_id, token)  # the facilitator replaces the code
    app.selectbox[0].set_value("ceo")
    app.button[0].click().run()
    no_errors(app)
    assert [e.value for e in app.error] == [t("error_code_replaced", "en")]  # said as such
    assert app.text_input[0].value == f"{code[:3]}-{code[3:]}"  # to correct, not retype
    assert db.workshops.progress(workshop_id, token).participants == []


def test_no_pdf_before_the_reveal_and_a_new_one_after_an_answer_changes(db: Store) -> None:
    from cxmaturity.ui import console_data

    workshop_id, token, code = workshop(db)
    resume = answer_everything(db, code, "ceo", 2)
    app = page("facilitate", w=workshop_id, t=token, lang="en", view="export")
    labels = [b.label for b in app.button]
    assert t("export_pdf_prepare", "en") not in labels
    assert t("export_pdf_after_reveal", "en") in [c.value for c in app.caption]

    db.workshops.reveal(workshop_id, token)
    app = page("facilitate", w=workshop_id, t=token, lang="en", view="export")
    next(b for b in app.button if b.label == t("export_pdf_prepare", "en")).click().run()
    assert next(d.label for d in app.get("download_button")) == t("export_pdf_download", "en")

    db.workshops.answer(resume, Q.scored_items[0].id, 5)  # answers may change after the reveal
    console_data.outcome.clear()  # as when the results cache expires
    app.run()
    no_errors(app)
    assert t("export_pdf_download", "en") not in [d.label for d in app.get("download_button")]
    assert t("export_pdf_prepare", "en") in [b.label for b in app.button]


def test_the_roadmap_proposes_a_date_for_each_action(db: Store) -> None:
    from cxmaturity.results.roadmap import horizon_end

    workshop_id, token, code = workshop(db)
    answer_everything(db, code, "ceo", 2)
    db.workshops.reveal(workshop_id, token)
    app = page("facilitate", w=workshop_id, t=token, lang="en", view="roadmap")
    next(b for b in app.button if b.label == t("roadmap_accept_all", "en")).click().run()
    no_errors(app)
    archive = db.workshops.archive(workshop_id, token)
    proposed = {entry.action_id: entry.horizon for entry in compute(archive).roadmap}
    assert proposed and {d.action_id: d.due for d in archive.roadmap_review} == {
        action: horizon_end(archive.date, horizon) for action, horizon in proposed.items()
    }


def compute(archive: object) -> object:
    from cxmaturity.results import compute_results

    return compute_results(archive, Q)  # type: ignore[arg-type]


def test_a_database_that_cannot_be_reached_is_a_message_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CXM_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    session.store.clear()
    try:
        app = page("answer", p="x" * 32, lang="fr")
    finally:
        session.store.clear()
    no_errors(app)
    assert [e.value for e in app.error] == [t("error_store_unavailable", "fr")]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_streamlit_s_own_english_is_replaced_by_the_catalogue(db: Store, lang: str) -> None:
    workshop_id, token, _ = workshop(db)
    app = page("facilitate", w=workshop_id, t=token, lang=lang, view="interviews")
    styles = " ".join(h.proto.body for h in app.get("html") if "<style>" in h.proto.body)
    assert f'"{t("uploader_button", lang)}"' in styles
    assert f'"{t("uploader_limit", lang, mb=5)}"' in styles  # UTF-8, as CSS reads it
    assert '[data-testid="InputInstructions"] { display: none; }' in styles


def test_one_persons_typos_do_not_lock_out_the_room(db: Store) -> None:
    """Every phone in a room may share one address: the throttle holds back the
    browser that typed the wrong codes, not its neighbours."""
    from cxmaturity.workshops.join_gate import BROWSER_FREE

    _, _, code = workshop(db)
    typist = page("join", lang="fr")
    for n in range(BROWSER_FREE + 1):
        typist.text_input[0].input(f"ZZ{n:05d}")
        typist.button[0].click().run()
    held_back = t("error_too_many_attempts", "fr", seconds="§").split("§")[0]
    assert typist.error[0].value.startswith(held_back)
    colleague = page("join", code=code, lang="fr")  # another phone, same address
    no_errors(colleague)
    assert not colleague.error
    assert colleague.selectbox[0].label == t("join_role_label", "fr")


def test_the_organisation_field_says_what_is_wrong(db: Store) -> None:
    app = page("new", lang="en")
    app.text_input[0].input("Acme\tSA")  # pasted from a spreadsheet
    app.button[0].click().run()
    no_errors(app)
    field = t("new_organisation", "en")
    assert [e.value for e in app.error] == [t("field_control", "en", field=field, limit=200)]
    assert db.operator.list_workshops() == []


@pytest.mark.parametrize(
    ("value", "problem"),
    [("", "empty"), ("   ", "empty"), ("x" * 81, "too_long"), ("a\nb", "control"),
     ("‮RTL 😀 <b>", None), ("x" * 80, None)],
)  # fmt: skip
def test_the_text_rule_forms_and_store_share(value: str, problem: str | None) -> None:
    """Past max_chars (which only the browser enforces) the store refuses as the form does."""
    from cxmaturity.workshops.identity import text_problem
    from cxmaturity.workshops.limits import ALIAS_LIMIT

    assert text_problem(value, ALIAS_LIMIT) == problem


def test_a_new_workshop_is_open_by_default_and_can_be_protected(db: Store) -> None:
    app = page("new", lang="en")
    assert app.radio[1].value == "open"  # a leadership team, one person per function
    assert "only this mode compares roles" in str(app.radio[1].proto)  # its caption
    app.text_input[0].input("Northwind")
    app.radio[1].set_value("protected")
    app.number_input[0].set_value(4)
    app.button[0].click().run()
    no_errors(app)
    workshop_id, token = app.session_state["created_workshop"]
    view = db.workshops.workshop(workshop_id, token)
    assert (view.role_figures, view.min_group_size) == ("protected", 4)


@pytest.mark.parametrize("mode", ["open", "protected"])
def test_participants_are_told_how_their_role_shows_before_answering(db: Store, mode: str) -> None:
    access = db.workshops.create_workshop(
        NewWorkshop(
            organisation="Acme",
            workshop_date=dt.date(2026, 11, 23),
            language="fr",
            questionnaire_id=Q.id,
            questionnaire_version=Q.version,
            role_figures=mode,
            min_group_size=3,
        )
    )
    code = db.workshops.open_workshop(access.workshop_id, access.token).join_code
    assert code
    app = page("join", code=code, lang="fr")
    no_errors(app)
    if mode == "open":
        assert t("role_figures_participant_open", "fr") in [i.value for i in app.info]
    else:
        notice = t("role_figures_participant_protected", "fr", k=3)
        assert notice in [c.value for c in app.caption]
        assert not app.info


def everything_said(app: AppTest) -> str:
    """All the text a page shows, its tables and its charts' data included."""
    parts = [
        e.value
        for kind in ("markdown", "caption", "text", "info", "subheader")
        for e in app.get(kind)
    ]
    parts += [str(m.value) + str(m.label) for m in app.metric]
    parts += [d.value.to_csv() for d in app.dataframe]
    parts += [
        chart.proto.spec + chart.proto.datasets.__repr__() for chart in app.get("vega_lite_chart")
    ]
    return "\n".join(parts)


def test_in_protected_mode_the_results_screen_never_names_a_small_role(db: Store) -> None:
    access = db.workshops.create_workshop(
        NewWorkshop(
            "Acme", dt.date(2026, 11, 23), "fr", Q.id, Q.version, (), "anonymous", 3, "protected"
        )
    )
    code = db.workshops.open_workshop(access.workshop_id, access.token).join_code
    assert code
    for role, count, level in (("cx", 3, 3), ("marketing", 3, 4), ("sales", 2, 1)):
        for i in range(count):
            joined = db.workshops.join(code, f"client-{role}-{i}", role)
            for question in Q.scored_items:
                db.workshops.answer(joined.resume_token, question.id, level)
    db.workshops.reveal(access.workshop_id, access.token)
    app = page("facilitate", w=access.workshop_id, t=access.token, lang="fr", view="results")
    no_errors(app)
    said = everything_said(app)
    assert Q.roles_by_id["marketing"].short_label("fr") in said  # a group of three shows
    for label in (Q.roles_by_id["sales"].label("fr"), Q.roles_by_id["sales"].short_label("fr")):
        assert label not in said
