"""The results engine on hand-built workshops, and its properties on random ones."""

from __future__ import annotations

import datetime as dt
import math
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxmaturity.archive.model import Consensus, RoadmapDecision, WorkshopArchive
from cxmaturity.results import Results, compute_results
from cxmaturity.results.responses import anonymous_groups
from tests.builders import Q, archive, archives, everything

KEYS = Q.key_questions


def results(a: WorkshopArchive) -> Results:
    return compute_results(a, Q)


# --- scores --------------------------------------------------------------------------


def test_scores_are_means_of_means_and_levels_follow_the_bands() -> None:
    first, second = Q.items_of("leadership")[:2]
    a = archive(
        [
            ("marketing", {**everything(2), first.id: 1, second.id: "dk"}),
            ("marketing", {**everything(4), first.id: 2, second.id: 5}),
        ]
    )
    r = results(a)
    item = r.item(first.id)
    assert (item.mean, item.n, item.dont_know, item.level) == (1.5, 2, 0, 1)
    assert r.item(second.id).mean == 5.0 and r.item(second.id).n == 1
    assert r.item(second.id).dont_know == 1
    others = [i.id for i in Q.items_of("leadership")[2:]]
    expected = (1.5 + 5.0 + 3.0 * len(others)) / (2 + len(others))
    assert r.dimension("leadership").score == round(expected, 2)
    assert r.dimension("journeys").score == 3.0
    assert r.overall.score == round(sum(d.score for d in r.dimensions) / len(r.dimensions), 2)  # type: ignore[misc]


def test_a_single_participant_gives_null_agreement_not_a_fake_one() -> None:
    r = results(archive([("ceo", everything(3))]))
    assert r.overall.score == 3.0
    assert all(item.rwg is None and item.sd is None for item in r.items)
    assert all(d.rwg_j is None and d.by_role == {} for d in r.dimensions)
    assert r.alignment.objectives_kendall_w is None
    assert r.alignment.definition_modal_share is None
    assert r.alignment.verdict is None
    assert r.groups == {} and r.hidden_participants == 1  # one person is never shown


def test_no_answers_at_all() -> None:
    r = results(archive([("ceo", {}), ("sales", {})]))
    assert r.overall.score is None and r.overall.level is None
    assert all(m.risk is None for m in r.mistakes)


# --- anonymity -----------------------------------------------------------------------


def test_small_roles_fold_into_other_and_other_hides_when_still_too_small() -> None:
    roles = ["ceo", "marketing", "marketing", "marketing", "sales", "sales", "hr"]
    assert anonymous_groups(roles, 2) == [
        "other",
        "marketing",
        "marketing",
        "marketing",
        "sales",
        "sales",
        "other",
    ]
    assert anonymous_groups(roles, 3) == [
        "other",
        "marketing",
        "marketing",
        "marketing",
        "other",
        "other",
        "other",
    ]
    assert anonymous_groups(["ceo", "sales", "sales"], 2) == [None, "sales", "sales"]
    assert anonymous_groups(["other", "sales", "sales"], 2) == [None, "sales", "sales"]


def test_no_by_role_figure_ever_shows_a_group_below_the_minimum() -> None:
    item = Q.scored_items[0].id
    a = archive(
        [
            ("ceo", everything(5)),
            ("sales", everything(2)),
            ("sales", {**everything(2), item: "dk"}),
            ("cx", everything(4)),
            ("cx", everything(4)),
        ]
    )
    r = results(a)
    assert r.groups == {"cx": 2, "sales": 2}
    assert r.hidden_participants == 1
    for figure in [*(i.by_role for i in r.items), *(d.by_role for d in r.dimensions)]:
        assert "ceo" not in figure and "other" not in figure
    assert r.item(item).by_role == {"cx": 4.0}  # only one sales person answered this item
    assert r.item(item).max_role_gap is None  # a gap needs two groups
    assert r.dimension(Q.scored_items[0].dimension).by_role == {"cx": 4.0, "sales": 2.0}


# --- alignment -----------------------------------------------------------------------


def test_everyone_ranking_the_same_way_gives_w_one() -> None:
    order = ["churn", "roi", "satisfaction", "recommendation", "reduce_effort", "share_of_wallet"]
    r = results(
        archive([(role, {KEYS.objectives: order}) for role in ("ceo", "sales", "cx", "hr")])
    )
    assert r.alignment.objectives_kendall_w == 1.0
    assert r.alignment.objectives_consensus_order == order


def test_objectives_top_by_role_and_disconnect_raised_by_disagreement() -> None:
    a = ["churn", "roi", "satisfaction"]
    b = ["reduce_effort", "recommendation", "share_of_wallet"]
    people = [
        ("sales", {KEYS.objectives: a, **everything(4)}),
        ("sales", {KEYS.objectives: a, **everything(4)}),
        ("cx", {KEYS.objectives: b, **everything(4)}),
        ("cx", {KEYS.objectives: b, **everything(4)}),
    ]
    r = results(archive(people))
    assert r.alignment.top_objective_by_role == {"cx": "reduce_effort", "sales": "churn"}
    w = r.alignment.objectives_kendall_w
    assert w is not None and w < 0.5
    disconnect = next(m for m in r.mistakes if m.id == "disconnect")
    assert disconnect.score == 4.0 and disconnect.risk == "medium"  # low, raised one step
    assert disconnect.raised_by == ["objectives_kendall_w"]
    commitment = next(m for m in r.mistakes if m.id == "commitment")
    assert commitment.risk == "low" and commitment.raised_by == []


def test_choice_shares_and_ties_follow_the_questionnaire_order() -> None:
    options = list(Q.options_of(KEYS.definition))
    r = results(
        archive([("cx", {KEYS.definition: options[2]}), ("cx", {KEYS.definition: options[0]})])
    )
    assert r.alignment.definition.modal_option == options[0]  # a tie: the first option wins
    assert r.alignment.definition_modal_share == 0.5
    assert r.alignment.definition.counts[options[2]] == 1


def test_divergent_items_most_divergent_first() -> None:
    calm, split, torn = (item.id for item in Q.scored_items[:3])
    people = [
        ("sales", {**everything(3), split: 2, torn: 1}),
        ("sales", {**everything(3), split: 3, torn: 1}),
        ("cx", {**everything(3), split: 4, torn: 5}),
        ("cx", {**everything(3), split: 4, torn: 5}),
    ]
    divergent = results(archive(people)).alignment.divergent_items
    assert divergent[:2] == [torn, split]
    assert calm not in divergent


# --- consensus and roadmap -------------------------------------------------------------


def test_consensus_is_shown_next_to_the_average() -> None:
    item = Q.scored_items[4].id
    a = archive(
        [("cx", everything(2)), ("cx", everything(4))],
        consensus={item: Consensus(level=3, note="Pilot first", moved=["cx"])},
    )
    found = results(a).item(item)
    assert found.mean == 3.0
    assert found.consensus is not None and found.consensus.level == 3
    assert found.consensus.note == "Pilot first"


def test_the_starting_angle_decides_the_first_step() -> None:
    for angle in Q.options_of(KEYS.starting_angle):
        people = [
            (role, {**everything(2), KEYS.starting_angle: angle}) for role in ("ceo", "cx", "hr")
        ]
        roadmap = results(archive(people)).roadmap
        first = roadmap[0]
        assert first.first_step and first.horizon == "0-3m"
        assert angle in Q.actions_by_id[first.action_id].first_step_for
        assert sum(entry.first_step for entry in roadmap) == 1


def test_a_weak_team_gets_a_pareto_cut_roadmap_a_strong_team_a_short_one() -> None:
    weak = results(archive([(r, everything(1)) for r in ("ceo", "cx", "sales")])).roadmap
    strong = results(archive([(r, everything(5)) for r in ("ceo", "cx", "sales")])).roadmap
    assert 5 <= len(weak) <= 12
    assert len(strong) < len(weak)
    assert max(e.priority for e in weak) == 1.0
    horizons = [("0-3m", "3-6m", "6-12m").index(e.horizon) for e in weak if not e.first_step]
    assert horizons == sorted(horizons)
    starts = [e.horizon for e in weak]
    assert starts.count("0-3m") <= 4 and starts.count("3-6m") <= 4  # a team's real capacity
    catalogue = {e.action_id: Q.actions_by_id[e.action_id].horizon for e in weak}
    order = ("0-3m", "3-6m", "6-12m")
    assert all(
        order.index(e.horizon) >= order.index(catalogue[e.action_id])
        for e in weak
        if not e.first_step
    )
    assert all(entry.because for entry in weak)


def test_the_review_orders_accepts_drops_and_reassigns() -> None:
    people = [(r, everything(1)) for r in ("ceo", "cx", "sales")]
    proposed = results(archive(people)).roadmap
    first, second, third = (e.action_id for e in proposed[:3])
    review = [
        RoadmapDecision(
            action_id=third, status="accepted", owner_role="hr", due=dt.date(2026, 6, 30)
        ),
        RoadmapDecision(action_id=first, status="accepted"),
        RoadmapDecision(action_id=second, status="dropped"),
    ]
    r = results(archive(people, roadmap_review=review))
    assert [e.action_id for e in r.roadmap[:2]] == [third, first]
    assert r.roadmap[0].owner_role == "hr" and r.roadmap[0].due == dt.date(2026, 6, 30)
    assert r.roadmap[0].status == r.roadmap[1].status == "accepted"
    assert second not in [e.action_id for e in r.roadmap]
    assert r.roadmap_dropped == [second]
    assert len(r.roadmap) == len(proposed) - 1


# --- properties ------------------------------------------------------------------------


def _in_unit(value: float | None) -> bool:
    return value is None or (0.0 <= value <= 1.0 and not math.isnan(value))


def _on_scale(value: float | None) -> bool:
    return value is None or 1.0 <= value <= 5.0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(archives())
def test_every_figure_is_in_its_range(a: WorkshopArchive) -> None:
    r = results(a)
    assert _on_scale(r.overall.score)
    for item in r.items:
        assert _on_scale(item.mean) and _in_unit(item.rwg) and _in_unit(item.divergence)
        assert all(_on_scale(v) for v in item.by_role.values())
        assert item.max_role_gap is None or 0 <= item.max_role_gap <= 4
        assert sum(item.distribution.values()) == item.n
    for d in r.dimensions:
        assert _on_scale(d.score) and _in_unit(d.rwg_j)
    al = r.alignment
    assert _in_unit(al.objectives_kendall_w) and _in_unit(al.definition_modal_share)
    assert _in_unit(al.starting_angle_modal_share)
    assert all(_in_unit(e.priority) for e in r.roadmap)
    assert sum(r.groups.values()) + r.hidden_participants == len(a.participants)
    assert all(size >= a.min_group_size for size in r.groups.values())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(archives(min_size=2), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_the_order_of_participants(
    a: WorkshopArchive, rnd: random.Random
) -> None:
    shuffled = list(a.participants)
    rnd.shuffle(shuffled)
    assert results(a) == results(a.model_copy(update={"participants": shuffled}))


@settings(max_examples=30, deadline=None)
@given(st.permutations(list(Q.options_of(KEYS.objectives))), st.integers(2, 12))
def test_w_is_one_whenever_all_rankings_agree(order: list[str], count: int) -> None:
    r = results(archive([("sales", {KEYS.objectives: list(order)})] * count))
    assert r.alignment.objectives_kendall_w == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("start", "horizon", "due"),
    [
        (dt.date(2026, 11, 30), "0-3m", dt.date(2027, 2, 28)),  # no 30 February
        (dt.date(2027, 11, 30), "0-3m", dt.date(2028, 2, 29)),  # a leap year
        (dt.date(2026, 11, 23), "3-6m", dt.date(2027, 5, 23)),
        (dt.date(2026, 8, 31), "6-12m", dt.date(2027, 8, 31)),
    ],
)
def test_an_action_is_proposed_for_the_end_of_its_horizon(
    start: dt.date, horizon: str, due: dt.date
) -> None:
    from cxmaturity.results.roadmap import horizon_end

    assert horizon_end(start, horizon) == due
