"""The results engine on hand-built workshops, and its properties on random ones."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxmaturity.archive.model import Consensus, RoadmapDecision, WorkshopArchive
from cxmaturity.results import Results, compute_results
from cxmaturity.results.spread import answer_dots, withheld_answers
from cxmaturity.workshops.role_figures import OTHER_GROUP, RoleFigures
from tests.builders import Q, archive, archives, everything

KEYS = Q.key_questions
OBJECTIVES = list(Q.options_of(KEYS.objectives))
DEFINITIONS = list(Q.options_of(KEYS.definition))


def results(a: WorkshopArchive) -> Results:
    return compute_results(a, Q)


def protected(people: list, k: int = 3, **fields: object) -> WorkshopArchive:
    return archive(people, role_figures="protected", min_group_size=k, **fields)


def open_(people: list, **fields: object) -> WorkshopArchive:
    return archive(people, role_figures="open", **fields)


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
    assert (item.median, item.range, item.sd) == (1.5, (1, 2), pytest.approx(0.7071, abs=1e-4))
    assert r.item(second.id).mean == 5.0 and r.item(second.id).n == 1
    assert r.item(second.id).dont_know == 1
    others = [i.id for i in Q.items_of("leadership")[2:]]
    expected = (1.5 + 5.0 + 3.0 * len(others)) / (2 + len(others))
    assert r.dimension("leadership").score == pytest.approx(expected)
    assert r.dimension("journeys").score == 3.0
    scores = [d.score for d in r.dimensions]
    assert r.overall.score == pytest.approx(sum(scores) / len(scores))  # type: ignore[arg-type]


def test_figures_keep_full_precision_and_the_level_is_the_printed_scores() -> None:
    """Three people at 2, 3 and 3 on every item: 2.666… is kept, not 2.67; its level is
    that of "2,67" (level 3 starts at 2.6)."""
    r = results(archive([("ceo", everything(2)), ("cx", everything(3)), ("hr", everything(3))]))
    assert r.overall.score == pytest.approx(8 / 3, abs=1e-12) and r.overall.score != 2.67
    assert r.overall.level == 3
    item = r.items[0]
    assert item.agreement == pytest.approx(4 / 9, abs=1e-12)  # |2 − 8/3| + 2 × |3 − 8/3|, / 3


def test_a_single_participant_gives_no_agreement_and_no_verdict() -> None:
    r = results(archive([("ceo", everything(3))]))
    assert r.overall.score == 3.0
    assert all(item.agreement is None and item.sd is None for item in r.items)
    assert all(item.verdict == "too_few" for item in r.items)
    assert all(d.verdict == "too_few" and d.agreement is None for d in r.dimensions)
    assert r.alignment.objectives.w is None and r.alignment.objectives.verdict == "too_few"
    assert r.alignment.definition.modal_share is None
    assert r.alignment.verdict == "too_few"


def test_joiners_who_answered_nothing_count_nowhere() -> None:
    people = [("sales", everything(3)), ("sales", {}), ("sales", {}), ("cx", everything(4))]
    r = results(protected(people))
    assert r.participants == 2
    assert r.groups == {} and r.hidden_participants == 2  # one sales, one cx: too small
    r = results(open_(people))
    assert r.participants == 2 and r.groups == {"cx": 1, "sales": 1}


def test_no_answers_at_all() -> None:
    r = results(archive([("ceo", {}), ("sales", {})]))
    assert r.participants == 0
    assert r.overall.score is None and r.overall.level is None
    assert all(m.risk is None for m in r.mistakes)


# --- role figures: protected mode ----------------------------------------------------


def test_protected_groups_fold_small_roles_and_hide_a_small_other() -> None:
    roles = ["ceo", "marketing", "marketing", "marketing", "sales", "sales", "hr"]
    everyone = [True] * len(roles)
    assert RoleFigures("protected", 3).groups(roles, everyone) == [
        "other",
        "marketing",
        "marketing",
        "marketing",
        "other",
        "other",
        "other",
    ]
    # Counted on who answered the figure: two of the three marketers did not.
    answered = [True, True, False, False, True, True, True]
    assert RoleFigures("protected", 3).groups(roles, answered) == [
        "other",
        "other",
        None,
        None,
        "other",
        "other",
        "other",
    ]
    assert RoleFigures("protected", 3).groups(["ceo", "sales"], [True, True]) == [None, None]
    assert RoleFigures("protected", 3).groups(["ceo", "sales", "sales"], [True] * 3) == [
        "other",
        "other",
        "other",
    ]


def test_protected_mode_never_reads_a_minimum_below_three() -> None:
    """A v1 archive stored 2 as its minimum: read in protected mode, it counts as 3."""
    assert RoleFigures("protected", 2).threshold == 3
    assert RoleFigures("protected", 5).threshold == 5
    assert RoleFigures("open", 5).threshold == 1
    people = [("sales", everything(2)), ("sales", everything(2)), ("cx", everything(4))] * 1
    r = results(protected(people, k=2))
    assert r.min_group_size == 3 and r.groups == {"other": 3}


def test_a_role_of_three_joiners_and_one_respondent_is_never_shown() -> None:
    """The probe's case: groups used to count joiners; one person's answers showed."""
    item = Q.scored_items[0].id
    people = [
        ("sales", everything(5)),
        ("sales", {KEYS.cx_owner: "dk"}),  # joined, said "I don't know" once
        ("sales", {}),
        *[("cx", everything(2))] * 3,
    ]
    r = results(protected(people))
    for figure in [r.item(item).by_role, r.dimension(Q.scored_items[0].dimension).by_role]:
        assert figure == {"cx": 2.0}
    # The one sales answer is not even an unlabelled dot: beside "cx", it would be his.
    dots = answer_dots(protected(people), [item])
    assert [d.level for d in dots] == [2, 2, 2] and {d.group for d in dots} == {"cx"}
    assert withheld_answers(protected(people), [item]) == {item: 1}


def test_an_extra_join_with_known_answers_recovers_nothing_in_a_group_of_two() -> None:
    """The probe's attack: a group of two was shown; one plant with known answers gave the
    other's exactly (2 × shown − 1). In protected mode a group of two never shows."""
    victim = {**everything(1), Q.scored_items[0].id: 5}
    plant = everything(3)
    people = [("finance", victim), ("finance", plant), *[("cx", everything(4))] * 3]
    r = results(protected(people, k=2))
    assert all("finance" not in i.by_role for i in r.items)
    assert all("finance" not in d.by_role for d in r.dimensions)


# --- role figures: open mode ---------------------------------------------------------


def test_open_mode_shows_every_role_of_a_team_of_one_per_role() -> None:
    item = Q.scored_items[0].id
    roles = ["ceo", "marketing", "sales", "customer_relations", "cx", "operations"]
    people = [
        (role, {**everything(3), item: level})
        for role, level in zip(roles, [3, 3, 4, 1, 3, 2], strict=True)
    ]
    r = results(open_(people))
    assert r.groups == dict.fromkeys(sorted(roles), 1)
    assert r.item(item).by_role == {
        "ceo": 3.0, "customer_relations": 1.0, "cx": 3.0,
        "marketing": 3.0, "operations": 2.0, "sales": 4.0,
    }  # fmt: skip
    gap = r.item(item).role_gap
    assert gap is not None
    assert (gap.high_role, gap.high, gap.low_role, gap.low, gap.gap) == (
        "sales", 4.0, "customer_relations", 1.0, 3.0,
    )  # fmt: skip
    assert item in r.alignment.divergent_items
    dots = answer_dots(open_(people), [item])
    assert {d.group for d in dots} == set(roles)


def test_in_open_mode_a_gap_counts_from_two_levels() -> None:
    first, second = (i.id for i in Q.scored_items[:2])
    people = [
        ("sales", {**everything(3), first: 4, second: 5}),
        ("cx", {**everything(3), first: 3, second: 3}),
    ]
    r = results(open_(people))
    assert r.item(first).role_gap is None  # one level apart: not worth the room's time
    gap = r.item(second).role_gap
    assert gap is not None and (gap.high_role, gap.low_role, gap.gap) == ("sales", "cx", 2.0)


def test_in_protected_mode_a_gap_counts_beyond_the_groups_own_spread() -> None:
    """Groups of four: 5-5-4-4 against 2-2-1-1 arises by chance in 2 of the 70 ways to
    split those eight answers in two (p ≈ 0.03): it counts. 5-5-1-4 against 1-1-5-2 is
    chance's doing; 4-4-4-4 against 3-4-3-3 is under one level."""
    clear, noisy, near = (i.id for i in Q.scored_items[:3])
    sales = [(5, 5, 4), (5, 5, 4), (4, 1, 4), (4, 4, 4)]
    cx = [(2, 1, 3), (2, 1, 4), (1, 5, 3), (1, 2, 3)]
    people = [
        (role, {**everything(3), clear: a, noisy: b, near: c})
        for role, rows in (("sales", sales), ("cx", cx))
        for a, b, c in rows
    ]
    r = results(protected(people))
    gap = r.item(clear).role_gap
    assert gap is not None
    assert (gap.high_role, gap.high, gap.low_role, gap.low) == ("sales", 4.5, "cx", 1.5)
    assert r.item(noisy).role_gap is None  # 3.75 v 2.25
    assert r.item(near).role_gap is None  # 4 v 3.25


def test_two_groups_of_three_never_pass_for_a_role_gap() -> None:
    """Documented limit: 5-5-5 against 1-1-1 is one split in ten; the item reads divided."""
    item = Q.scored_items[0].id
    people = [("sales", {item: 5})] * 3 + [("cx", {item: 1})] * 3
    r = results(protected(people))
    assert r.item(item).role_gap is None and r.item(item).verdict == "divided"
    assert item in r.alignment.divergent_items


def test_forty_people_who_share_nothing_get_no_verdict_of_agreement() -> None:
    """Uniformly random answers from 40 people over ten roles, protected mode: the items
    read divided, the objectives show no shared order, and role gaps stay rare."""
    rng = random.Random(40)
    roles = [r.id for r in Q.roles if r.id != "other"]
    people = []
    for i in range(40):
        answers: dict[str, object] = {item.id: rng.randint(1, 5) for item in Q.scored_items}
        answers[KEYS.objectives] = rng.sample(OBJECTIVES, len(OBJECTIVES))
        answers[KEYS.definition] = rng.choice(DEFINITIONS)
        answers.update({q.id: rng.randint(1, 5) for q in Q.ambitions.values()})
        people.append((roles[i % len(roles)], answers))
    r = results(protected(people))
    verdicts = Counter(item.verdict for item in r.items)
    assert verdicts["divided"] >= 0.9 * len(r.items) and verdicts["aligned"] == 0
    assert r.alignment.objectives.verdict == "divided"
    assert r.alignment.definition.verdict == "divided"
    assert r.alignment.ambition is not None and r.alignment.ambition.verdict == "divided"
    assert r.alignment.verdict == "divided"
    gaps = sum(item.role_gap is not None for item in r.items)
    assert gaps <= 3, gaps  # at the 5 % level, one or two of 28 by chance


# --- agreement and verdicts ----------------------------------------------------------


@pytest.mark.parametrize(
    ("levels", "verdict"),
    [
        ([3, 3, 4, 4], "aligned"),  # AD_M 0.5: two neighbouring levels
        ([2, 3, 4, 4], "mixed"),  # AD_M 0.75
        ([2, 2, 4, 4], "divided"),  # AD_M 1.0, beyond c/6 = 0.83
        ([1, 5, 3], "too_few"),  # three answers: no verdict, however spread
        ([4, 4, 4], "too_few"),  # nor however close
    ],
)
def test_item_verdicts(levels: list[int], verdict: str) -> None:
    item = Q.scored_items[0].id
    people = [
        (role, {item: level})
        for role, level in zip(["ceo", "cx", "hr", "sales"], levels, strict=False)
    ]
    assert results(archive(people)).item(item).verdict == verdict


@pytest.mark.parametrize(
    ("picks", "verdict"),
    [
        ([0, 1], "too_few"),  # two people who chose different definitions: never aligned
        ([0, 0], "too_few"),  # nor two who agree: too few to say
        ([0, 0, 1, 1], "divided"),  # a tie
        ([0, 0, 1, 2], "mixed"),  # half, and the most chosen: never aligned at 50 %
        ([0, 0, 0, 1, 1, 2], "mixed"),
        ([0, 0, 0, 1], "aligned"),  # three quarters
        ([0, 1, 2, 3, 0], "divided"),  # 40 %
    ],
)
def test_definition_verdicts(picks: list[int], verdict: str) -> None:
    people = [("cx", {KEYS.definition: DEFINITIONS[i]}) for i in picks]
    assert results(archive(people)).alignment.definition.verdict == verdict


def test_everyone_ranking_the_same_way_shares_an_order() -> None:
    order = ["churn", "roi", "satisfaction", "recommendation", "reduce_effort", "share_of_wallet"]
    r = results(
        archive([(role, {KEYS.objectives: order}) for role in ("ceo", "sales", "cx", "hr")])
    )
    o = r.alignment.objectives
    assert o.w == 1.0 and o.order == order
    assert o.p_value is not None and o.p_value < 0.001
    assert o.chi_square == pytest.approx(4 * 5 * 1.0)
    assert o.verdict == "aligned"
    assert o.first_choices["churn"] == 4


def test_objectives_split_by_role_are_divided_with_each_roles_top_named() -> None:
    a = ["churn", "roi", "satisfaction"]
    b = ["reduce_effort", "recommendation", "share_of_wallet"]
    people = [
        ("sales", {KEYS.objectives: a, **everything(4)}),
        ("sales", {KEYS.objectives: a, **everything(4)}),
        ("cx", {KEYS.objectives: b, **everything(4)}),
        ("cx", {KEYS.objectives: b, **everything(4)}),
    ]
    r = results(open_(people))
    assert r.alignment.objectives.top_by_role == {"cx": "reduce_effort", "sales": "churn"}
    o = r.alignment.objectives
    assert o.w is not None and o.w < 0.5 and o.verdict == "divided"
    disconnect = next(m for m in r.mistakes if m.id == "disconnect")
    assert disconnect.score == 4.0 and disconnect.risk == "medium"  # low, raised one step
    assert disconnect.raised_by == ["objectives"]
    commitment = next(m for m in r.mistakes if m.id == "commitment")
    assert commitment.risk == "low" and commitment.raised_by == []


def test_choice_shares_and_ties_follow_the_questionnaire_order() -> None:
    r = results(
        archive(
            [("cx", {KEYS.definition: DEFINITIONS[2]}), ("cx", {KEYS.definition: DEFINITIONS[0]})]
        )
    )
    definition = r.alignment.definition
    assert definition.modal_option == DEFINITIONS[0]  # a tie: the first option wins
    assert definition.modal_share == 0.5 and definition.tied == 2
    assert definition.counts[DEFINITIONS[2]] == 1


def test_ambition_level_agreement_and_gap() -> None:
    question = Q.ambitions["journeys"].id
    people = [
        (role, {**everything(2), question: level})
        for role, level in zip(
            ["ceo", "cx", "sales", "hr", "marketing"], [4, 4, 3, 5, 4], strict=True
        )
    ]
    d = results(archive(people)).dimension("journeys")
    assert d.ambition is not None
    assert d.ambition.level == 4.0  # the median: one person at 5 does not move the target
    assert d.ambition.agreement == pytest.approx((0.0 + 0 + 1 + 1 + 0) / 5)
    assert d.ambition.verdict == "aligned"
    assert d.gap == pytest.approx(2.0)


def test_divergent_items_most_divergent_first() -> None:
    calm, split, torn = (item.id for item in Q.scored_items[:3])
    people = [
        ("sales", {**everything(3), split: 2, torn: 1}),
        ("sales", {**everything(3), split: 2, torn: 1}),
        ("cx", {**everything(3), split: 4, torn: 5}),
        ("cx", {**everything(3), split: 4, torn: 5}),
    ]
    divergent = results(open_(people)).alignment.divergent_items
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
        at = next(i for i, entry in enumerate(roadmap) if entry.first_step)
        first = roadmap[at]
        assert first.horizon == "0-3m" and f"first_step:{angle}" in first.choices
        assert angle in Q.actions_by_id[first.action_id].first_step_for
        assert sum(entry.first_step for entry in roadmap) == 1
        # Only what the first step waits for comes before it (three people: too few to
        # call the team unaligned, so nothing aligns it first).
        waits = Q.actions_by_id[first.action_id].after
        assert all(entry.action_id in waits for entry in roadmap[:at])


def test_a_weak_team_gets_a_pareto_cut_roadmap_a_strong_team_a_short_one() -> None:
    weak = results(archive([(r, everything(1)) for r in ("ceo", "cx", "sales")])).roadmap
    strong = results(archive([(r, everything(5)) for r in ("ceo", "cx", "sales")])).roadmap
    assert 5 <= len(weak) <= 10
    assert len(strong) < len(weak)
    assert max(e.priority for e in weak) == 1.0
    horizons = [("0-3m", "3-6m", "6-12m").index(e.horizon) for e in weak if not e.first_step]
    assert horizons == sorted(horizons)
    starts = [e.horizon for e in weak]
    assert starts.count("0-3m") <= 5 and starts.count("3-6m") <= 5  # a team's real capacity
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
    assert [e.action_id for e in r.roadmap_dropped] == [second]
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
        assert item.agreement is None or 0.0 <= item.agreement <= 2.0
        assert all(_on_scale(v) for v in item.by_role.values())
        assert item.role_gap is None or 0 < item.role_gap.gap <= 4
        assert sum(item.distribution.values()) == item.n
        assert (item.verdict == "too_few") == (item.n < 4)
    for d in r.dimensions:
        assert _on_scale(d.score) and _in_unit(d.rwg_j)
    al = r.alignment
    assert _in_unit(al.objectives.w) and _in_unit(al.objectives.p_value)
    assert _in_unit(al.definition.modal_share) and _in_unit(al.starting_angle.modal_share)
    assert all(_in_unit(e.priority) for e in r.roadmap)
    answered = sum(1 for p in a.participants if p.answers)
    assert r.participants == answered
    assert sum(r.groups.values()) + r.hidden_participants == answered


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(archives())
def test_a_dimensions_agreement_lies_within_its_items(a: WorkshopArchive) -> None:
    """The mean of the items' AD_M, never above the highest nor below the lowest — where
    rwg(J) climbs with the number of items."""
    r = results(a)
    for d in r.dimensions:
        values = [r.item(i).agreement for i in d.items if r.item(i).agreement is not None]
        if values:
            assert min(values) - 1e-12 <= d.agreement <= max(values) + 1e-12  # type: ignore[operator]
        else:
            assert d.agreement is None


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(archives())
def test_protected_figures_only_show_groups_of_enough_respondents(a: WorkshopArchive) -> None:
    """In protected mode each group shown on an item was answered by at least k people of
    it; a role below k is never a group of its own, and "other" also holds k."""
    a = a.model_copy(update={"role_figures": "protected"})
    r = results(a)
    k = max(3, a.min_group_size)
    people = [p for p in a.participants if p.answers]
    for item in r.items:
        answered = [p for p in people if isinstance(p.answers.get(item.question_id), int)]
        sizes = Counter(p.role for p in answered)
        for group in item.by_role:
            if group == OTHER_GROUP:
                folded = sum(n for role, n in sizes.items() if n < k or role == OTHER_GROUP)
                assert folded >= k
            else:
                assert sizes[group] >= k
    for d in r.dimensions:
        for group in d.by_role:
            assert group == OTHER_GROUP or any(
                sum(1 for p in people if p.role == group and isinstance(p.answers.get(i), int)) >= k
                for i in d.items
            )
    for choice in (r.alignment.definition, r.alignment.starting_angle):
        counts = Counter(
            p.role for p in people if p.answers.get(choice.question_id) not in (None, "dk")
        )
        assert all(g == OTHER_GROUP or counts[g] >= k for g in choice.by_role)
    assert all(size >= k for size in r.groups.values())


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
    assert r.alignment.objectives.w == pytest.approx(1.0)
    assert r.alignment.objectives.verdict == ("too_few" if count < 4 else "aligned")


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


def test_a_role_whose_members_tie_has_no_first_objective() -> None:
    """Two finance people, each putting a different objective first and the other's
    second: neither objective is finance's, and the report must not pick one."""
    a = ["churn", "roi", "satisfaction"]
    b = ["roi", "churn", "satisfaction"]
    people = [
        ("finance", {KEYS.objectives: a, **everything(3)}),
        ("finance", {KEYS.objectives: b, **everything(3)}),
        ("cx", {KEYS.objectives: a, **everything(3)}),
    ]
    assert results(open_(people)).alignment.objectives.top_by_role == {
        "cx": "churn",
        "finance": None,
    }
