"""What the room's pages say: the roles a consensus may name, the interview form's labels,
headings without Streamlit's link icon, and a closed workshop that says only "final"."""

from __future__ import annotations

import ast
import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from cxmaturity.i18n import t
from cxmaturity.store.factory import Store
from cxmaturity.workshops.views import NewWorkshop
from tests.conftest import ROOT
from tests.test_pages import Q, answer_everything, no_errors, page, workshop

UI = ROOT / "cxmaturity" / "ui"
HEADINGS = {"title", "header", "subheader"}


def answer_as(db: Store, code: str, client: str, role: str, level: int) -> None:
    """A respondent of their own (one seat per device: `answer_everything` reuses one
    client per role and level)."""
    joined = db.workshops.join(code, client, role)
    for question in Q.scored_items:
        db.workshops.answer(joined.resume_token, question.id, level)


def protected_workshop(db: Store) -> tuple[str, str, str]:
    access = db.workshops.create_workshop(
        NewWorkshop(
            organisation="Acme",
            workshop_date=dt.date(2026, 11, 23),
            language="en",
            questionnaire_id=Q.id,
            questionnaire_version=Q.version,
            role_figures="protected",
            min_group_size=3,
        )
    )
    opened = db.workshops.open_workshop(access.workshop_id, access.token)
    assert opened.join_code
    return access.workshop_id, access.token, opened.join_code


def moved_options(app: AppTest) -> list[str]:
    box = next(m for m in app.multiselect if m.label == t("consensus_moved", "en"))
    return list(box.options)


def ceo(lang: str = "en") -> str:
    return Q.roles_by_id["ceo"].label(lang)


# --- 1. the roles a consensus may name ------------------------------------------------


def test_the_lone_ceo_of_an_open_workshop_can_be_named_even_before_answering(db: Store) -> None:
    workshop_id, token, code = workshop(db, lang="en")
    db.workshops.join(code, "the-ceo", "ceo")  # in the room, no answer yet
    answer_everything(db, code, "sales", 4)
    answer_as(db, code, "marketer", "marketing", 2)
    db.workshops.reveal(workshop_id, token)
    app = page("facilitate", w=workshop_id, t=token, lang="en", view="consensus")
    no_errors(app)
    roles = [Q.roles_by_id[r].label("en") for r in ("ceo", "marketing", "sales")]
    assert moved_options(app) == roles
    box = next(m for m in app.multiselect if m.label == t("consensus_moved", "en"))
    box.set_value(["ceo"])
    app.button_group[1].set_value(3)  # [0] is the view switch
    app.button[0].click().run()
    no_errors(app)
    item = app.selectbox(key="consensus_item").value
    assert db.workshops.archive(workshop_id, token).consensus[item].moved == ["ceo"]


def test_a_protected_workshop_names_only_roles_its_item_chart_shows(db: Store) -> None:
    workshop_id, token, code = protected_workshop(db)
    answer_as(db, code, "the-ceo", "ceo", 1)
    for n in range(3):
        answer_as(db, code, f"seller-{n}", "sales", 4)
    db.workshops.reveal(workshop_id, token)
    app = page("facilitate", w=workshop_id, t=token, lang="en", view="consensus")
    no_errors(app)
    # One CEO: naming them as having moved would say their answer was not the agreed
    # level, which the chart (no CEO dot) and protected mode do not tell.
    assert moved_options(app) == [Q.roles_by_id["sales"].label("en")]
    box = next(m for m in app.multiselect if m.label == t("consensus_moved", "en"))
    assert box.help == t("consensus_moved_protected", "en", k=3)


# --- 2. the interview form speaks of the respondent ----------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("anonymity", ["anonymous", "alias", "named"])
def test_the_interview_form_asks_for_the_respondents_role(
    db: Store, lang: str, anonymity: str
) -> None:
    workshop_id, token, _ = workshop(db, anonymity=anonymity, lang=lang)
    app = page("facilitate", w=workshop_id, t=token, lang=lang, view="interviews")
    no_errors(app)
    labels = [s.label for s in app.selectbox]
    assert t("interviews_role_label", lang) in labels
    assert t("join_role_label", lang) not in labels  # "Your role": the facilitator's?
    inputs = [i.label for i in app.text_input]
    if anonymity == "anonymous":
        assert inputs == []
    else:
        assert inputs == [t(f"interviews_identity_{anonymity}", lang)]
        assert t(f"identity_label_{anonymity}", lang) not in inputs
    assert t("interviews_role_label", "fr") == "Rôle de la personne interrogée"
    assert t("interviews_role_label", "en") == "Respondent’s role"


# --- 3. headings without Streamlit's link icon ---------------------------------------


def is_lang(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id == "lang") or (
        isinstance(node, ast.Attribute) and node.attr == "lang"
    )


def headings_with_an_anchor(source: str) -> list[int]:
    """Lines of every st.title / header / subheader (on st or a container) without
    anchor=False, and of every markdown call that makes a heading with '#'. A
    questionnaire's own text, `section.title(lang)`, is not a heading call."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name = node.func.attr
        anchor = next((k.value for k in node.keywords if k.arg == "anchor"), None)
        if name in HEADINGS and node.args and not (name == "title" and is_lang(node.args[0])):
            if not (isinstance(anchor, ast.Constant) and anchor.value is False):
                found.append(node.lineno)
        elif name in {"markdown", "write"} and node.args:
            first = node.args[0]
            if isinstance(first, ast.JoinedStr) and first.values:
                first = first.values[0]
            if isinstance(first, ast.Constant) and str(first.value).lstrip().startswith("#"):
                found.append(node.lineno)
    return found


def test_no_heading_in_the_ui_draws_a_link_icon() -> None:
    sample = (
        "st.title('a')\n"
        "st.subheader(x, anchor=False)\n"
        "col.header(t('k', lang), anchor='here')\n"
        "st.markdown(f\"### {t('k', lang)}\")\n"
        "st.write(plain(section.title(lang)), q.title(ctx.lang))\n"
        "st.markdown('**bold**')\n"
    )
    assert headings_with_an_anchor(sample) == [1, 3, 4]  # the scan sees every form
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted(UI.rglob("*.py"))
        for line in headings_with_an_anchor(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_join_screen_heading_has_no_link_icon(db: Store) -> None:
    workshop_id, token, _ = workshop(db)
    app = page("facilitate", w=workshop_id, t=token, lang="fr", view="join")
    no_errors(app)
    headings = {h.value: h for h in [*app.title, *app.header, *app.subheader]}
    assert t("join_screen_heading", "fr") in headings  # a heading now, not "###" markdown
    assert all(h.proto.hide_anchor for h in headings.values()), list(headings)


# --- 4. a closed workshop says one thing: the answers are final ----------------------


def everything_said(app: AppTest) -> list[str]:
    """Every text a participant reads, the sidebar included."""
    said = [e.value for kind in ("caption", "markdown", "info", "warning", "success")
            for e in getattr(app, kind)]  # fmt: skip
    return [*said, *(b.label for b in app.button)]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_closed_workshop_only_says_that_answers_are_final(db: Store, lang: str) -> None:
    workshop_id, token, code = workshop(db, lang=lang)
    resume = db.workshops.join(code, "c", "cx").resume_token
    # The first section holds a ranking and a free text: their "how to change" hints too.
    still_changeable = ["answer_saved_automatically", "free_text_optional", "ranking_how"]
    while_open = everything_said(page("answer", p=resume, lang=lang))
    assert [k for k in still_changeable if t(k, lang) in while_open] == still_changeable

    db.workshops.close(workshop_id, token)
    app = page("answer", p=resume, lang=lang)
    no_errors(app)
    assert [i.value for i in app.info] == [t("answer_closed", lang)]
    said = everything_said(app)
    assert [k for k in still_changeable if t(k, lang) in said] == []

    db.workshops.set_section(resume, len(Q.sections))  # the end screen, once closed
    end = page("answer", p=resume, lang=lang)
    no_errors(end)
    assert [i.value for i in end.info] == [t("answer_closed", lang)]
    said = everything_said(end)
    gone = ["answer_end_body", "answer_end_done", "answer_saved_automatically"]
    assert [k for k in gone if t(k, lang) in said] == []
    assert not end.warning  # no "N questions still have no answer"
    assert not [b for b in end.button if b.key and b.key.startswith("gap:")]  # nor links to them


@pytest.mark.parametrize("mode", ["open", "protected"])
def test_the_report_names_a_lone_ceo_who_changed_their_view_only_in_open_mode(mode: str) -> None:
    """A CEO recorded as having changed their view (saved while they could be named, or
    imported) is printed beside the agreed level only if the item may name the CEO: in
    protected mode one CEO among three in sales is never named."""
    from cxmaturity.archive.model import Consensus
    from cxmaturity.report import build_report
    from tests.builders import archive, everything
    from tests.test_report import flat, text_of

    item = Q.scored_items[0].id
    people = [("ceo", everything(4)), *[("sales", everything(2)) for _ in range(3)]]
    agreed = Consensus(level=3, note="NOTE-ROOM-42", moved=["ceo", "sales"])
    workshop_archive = archive(
        people, role_figures=mode, min_group_size=3, consensus={item: agreed}, language="en"
    )
    text = flat(text_of(build_report(workshop_archive, Q, "en")))
    after_note = text.split("NOTE-ROOM-42", 1)[1][:80]
    ceo, sales = Q.roles_by_id["ceo"].label("en"), Q.roles_by_id["sales"].label("en")
    assert sales in after_note
    assert (ceo in after_note) is (mode == "open")
