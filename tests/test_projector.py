"""The projector page (`/present`), run by AppTest: the join screen before the reveal,
then one finding per screen, moved through by the buttons the keyboard presses, with
the consensus recorded from the screen it is discussed on."""

from __future__ import annotations

import pytest

from cxmaturity.archive.model import Consensus
from cxmaturity.deck import deck
from cxmaturity.i18n import t
from cxmaturity.results import compute_results
from cxmaturity.store.factory import Store
from cxmaturity.workshops.tokens import display_code
from tests.test_pages import Q, answer_everything, no_errors, page, workshop


def markdown(app: object) -> list[str]:
    return [str(m.value) for m in app.markdown]  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_before_the_reveal_the_room_sees_how_to_join_and_nothing_else(db: Store, lang: str) -> None:
    workshop_id, token, code = workshop(db, lang=lang)
    answer_everything(db, code, "ceo", 4)
    answer_everything(db, code, "sales", 2)
    app = page("present", w=workshop_id, t=token)
    no_errors(app)
    assert app.title[0].value == t("join_screen_heading", lang)
    assert display_code(code) in markdown(app)
    assert t("present_joined", lang, joined=2) in markdown(app)
    html = " ".join(h.proto.body for h in app.get("html"))
    assert 'src="data:image/png;base64,' in html, "the QR code"
    # No results, no tabs, no warning about the server's address on the room's screen.
    assert not app.get("vega_lite_chart") and not app.get("arrow_data_frame")
    assert not app.warning and not app.get("button_group")
    assert "Acme" not in " ".join(markdown(app))


def test_after_the_reveal_one_finding_per_screen_in_the_deck_s_order(db: Store) -> None:
    workshop_id, token, code = workshop(db, lang="en")
    for role, level in [("ceo", 5), ("sales", 1), ("marketing", 2), ("cx", 2)]:
        answer_everything(db, code, role, level)
    db.workshops.reveal(workshop_id, token)
    slides = deck(compute_results(db.workshops.archive(workshop_id, token), Q))
    app = page("present", w=workshop_id, t=token)
    no_errors(app)
    assert app.title[0].value == t("present_summary_title", "en")
    assert app.button(key="slide_prev").disabled
    seen = [app.title[0].value]
    for n in range(2, len(slides) + 1):
        app.button(key="slide_next").click().run()
        no_errors(app)
        assert app.query_params["slide"] == slides[n - 1].key
        seen.append(app.title[0].value)
    assert app.button(key="slide_next").disabled
    divergences = sum(s.kind == "divergence" for s in slides)
    assert divergences >= 1
    assert seen[1] == t("present_divergence_title", "en", n=1, total=divergences)
    assert seen[-1] == t("report_h_roadmap", "en")
    # A reload opens the slide in the URL; a slide named by number works too.
    again = page("present", w=workshop_id, t=token, slide="2")
    assert again.title[0].value == seen[1]


def test_the_consensus_is_recorded_from_the_divergence_s_screen(db: Store) -> None:
    workshop_id, token, code = workshop(db, lang="fr")
    for role, level in [("ceo", 5), ("sales", 1), ("marketing", 1)]:
        answer_everything(db, code, role, level)
    db.workshops.reveal(workshop_id, token)
    slides = deck(compute_results(db.workshops.archive(workshop_id, token), Q))
    first = slides[1]
    assert first.kind == "divergence" and first.question_id
    app = page("present", w=workshop_id, t=token, slide=first.key)
    app.get("button_group")[0].set_value(3)
    app.text_area[0].input("La salle s’accorde sur 3")
    save = next(b for b in app.get("form_submit_button") if b.label == t("consensus_save", "fr"))
    save.click().run()
    no_errors(app)
    agreed = compute_results(db.workshops.archive(workshop_id, token), Q).item(first.question_id)
    assert agreed.consensus is not None
    assert (agreed.consensus.level, agreed.consensus.note) == (3, "La salle s’accorde sur 3")
    # Still on the same screen, which now says what was agreed.
    assert app.title[0].value == t(
        "present_divergence_title", "fr", n=1, total=sum(s.kind == "divergence" for s in slides)
    )
    assert t("present_consensus_recorded", "fr", level=3) in [e.proto.label for e in app.expander]


def test_a_wrong_link_shows_nothing_of_the_workshop(db: Store) -> None:
    workshop_id, _, _ = workshop(db)
    app = page("present", w=workshop_id, t="x" * 43, lang="en")
    no_errors(app)
    assert app.title[0].value == t("present_title", "en")
    assert app.error and "data:image/png" not in " ".join(h.proto.body for h in app.get("html"))


def test_a_consensus_on_the_projector_does_not_overwrite_the_console_s(db: Store) -> None:
    """The console records a consensus while the projector shows the same item: the
    projector's save (drawn before it) is refused, and the console's stays."""
    workshop_id, token, code = workshop(db, lang="en")
    for role, level in [("ceo", 5), ("sales", 1), ("marketing", 1)]:
        answer_everything(db, code, role, level)
    db.workshops.reveal(workshop_id, token)
    first = deck(compute_results(db.workshops.archive(workshop_id, token), Q))[1]
    assert first.question_id
    app = page("present", w=workshop_id, t=token, slide=first.key)
    console = Consensus(level=2, note="Agreed in the console", moved=[])
    db.workshops.set_consensus(workshop_id, token, first.question_id, console)
    app.get("button_group")[0].set_value(4)
    save = next(b for b in app.get("form_submit_button") if b.label == t("consensus_save", "en"))
    save.click().run()
    no_errors(app)
    kept = db.workshops.archive(workshop_id, token).consensus[first.question_id]
    assert (kept.level, kept.note) == (2, "Agreed in the console")
    assert app.error and app.error[0].value == t("error_stale_edit", "en")
