"""The projector's deck for the hand-built workshops, with what a CX partner would put
on the room's screen written down first:

- Nobody answered: one screen that says so; nothing to discuss yet.
- One person: no divergence to discuss (one view cannot diverge), but every team figure
  and the roadmap, each said as one person's view.
- Two who disagree: the item where they stand four levels apart is the first thing
  discussed.
- The CEO alone is optimistic: every divergence shown is one where the CEO stands high.
- Aligned but weak: nothing divides the team — no divergence screen; straight to the
  figures and the roadmap.
- Forty who share nothing: the room cannot discuss forty items; the five most divergent,
  most divergent first.
"""

from __future__ import annotations

from cxmaturity.deck import Slide, deck, position
from cxmaturity.results import compute_results
from cxmaturity.results.model import DISCUSSED
from tests.builders import Q, archive
from tests.test_scenarios import (
    aligned_but_weak,
    ceo_alone_optimistic,
    forty_share_nothing,
    one_person,
    two_who_disagree,
)

FIGURES = ["definition", "objectives", "ambition", "mistakes", "roadmap"]


def kinds(slides: list[Slide]) -> list[str]:
    return [slide.kind for slide in slides]


def divergences(slides: list[Slide]) -> list[str]:
    return [s.question_id for s in slides if s.kind == "divergence" and s.question_id]


def test_nobody_answered_is_one_screen() -> None:
    assert kinds(deck(compute_results(archive([]), Q))) == ["summary"]


def test_one_person_has_nothing_to_discuss_but_every_figure() -> None:
    assert kinds(deck(compute_results(one_person(), Q))) == ["summary", *FIGURES]


def test_two_who_disagree_discuss_where_they_stand_apart_first() -> None:
    r = compute_results(two_who_disagree(), Q)
    shown = divergences(deck(r))
    assert shown[0] == Q.scored_items[0].id
    gap = r.item(shown[0]).role_gap
    assert gap is not None and gap.high - gap.low == 4


def test_the_ceo_alone_is_high_on_every_divergence_shown() -> None:
    r = compute_results(ceo_alone_optimistic(), Q)
    shown = divergences(deck(r))
    assert shown
    for question_id in shown:
        gap = r.item(question_id).role_gap
        assert gap is not None and gap.high_role == "ceo"


def test_aligned_but_weak_goes_straight_to_the_figures() -> None:
    slides = deck(compute_results(aligned_but_weak(), Q))
    assert kinds(slides) == ["summary", *FIGURES]


def test_forty_who_share_nothing_discuss_the_five_most_divergent() -> None:
    r = compute_results(forty_share_nothing(), Q)
    shown = divergences(deck(r))
    assert len(r.alignment.divergent_items) > DISCUSSED == len(shown) == 5
    spread = [r.item(question_id).divergence or 0.0 for question_id in shown]
    assert spread == sorted(spread, reverse=True)
    others = set(r.alignment.divergent_items) - set(shown)
    assert all((r.item(i).divergence or 0.0) <= spread[-1] for i in others)


def test_a_slide_is_found_by_number_or_key_and_anything_else_stays_where_it_was() -> None:
    slides = deck(compute_results(ceo_alone_optimistic(), Q))
    first_divergence = slides[1]
    assert position(slides, "2") == 1
    assert position(slides, first_divergence.key) == 1
    assert position(slides, "roadmap", fallback=3) == len(slides) - 1
    for nonsense in (None, "0", str(len(slides) + 1), "-1", "divergence-nope", ""):
        assert position(slides, nonsense) == 0
        # A divergence that left the five as answers changed: the screen stays put.
        assert position(slides, nonsense, fallback=3) == 3
        assert position(slides, nonsense, fallback=99) == len(slides) - 1
