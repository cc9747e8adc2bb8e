"""Hand-built workshops, each with what a CX partner would conclude from it written down
first; the tests check that the results, the roadmap and the report draw the same
conclusions, in French and in English.

- One person: one person's view. No verdict anywhere, no role comparison, and still a
  roadmap drawn from their answers.
- Two who disagree: too few for a verdict; where they stand two levels apart, both are
  named with their values.
- The CEO alone is optimistic (one per role): the CEO sees level 4 where every other
  function sees 2; the divergences name the CEO high and another role low.
- Split on the definition: half pick one definition, half another. Divided; aligning on
  one definition is on the roadmap from the first quarter.
- Aligned but weak: everyone agrees the company is at level 1–2. Aligned, and the roadmap
  goes to the weak spots, with no action to align the leaders.
- Effort first, never measured: reducing effort ranks first for everyone and nobody
  measures CES. The KPI set-up is on the roadmap, in the first two horizons.
- Forty who share nothing: random answers. Every figure divided, no shared order of
  objectives, role gaps rare.
- Strong but employees: level 4–5 everywhere but employees at 2. A short roadmap, with
  employees covered in the first two horizons.
- Pain points with high fragmentation: the team wants to attack pain points while its
  efforts are scattered. The first step is one priority journey, not pain points one by
  one, and the report says why.
- No shared angle: the starting angles split evenly. No angle leads; the first step comes
  from the method's first stage.
"""

from __future__ import annotations

import io
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from pypdf import PdfReader

from cxmaturity.archive.model import WorkshopArchive
from cxmaturity.i18n import t
from cxmaturity.localized import Lang
from cxmaturity.report import build_report
from cxmaturity.results import Results, compute_results
from cxmaturity.results.schedule import HORIZONS
from tests.builders import Q, archive, everything

KEYS = Q.key_questions
ONE_PER_ROLE = ["ceo", "marketing", "sales", "customer_relations", "cx", "operations"]
OBJECTIVES = list(Q.options_of(KEYS.objectives))
DEFINITIONS = list(Q.options_of(KEYS.definition))
ANGLES = list(Q.options_of(KEYS.starting_angle))


def ambitions(level: int) -> dict[str, Any]:
    return {question.id: level for question in Q.ambitions.values()}


def shared(level: int, **extra: Any) -> dict[str, Any]:
    """A person who answers every item at `level` and shares the team's other answers."""
    return {
        **everything(level),
        **ambitions(min(5, level + 1)),
        KEYS.objectives: OBJECTIVES,
        KEYS.definition: DEFINITIONS[3],
        KEYS.starting_angle: "priority_subject",
        KEYS.kpis_measured: ["nps", "csat", "ces"],
        **extra,
    }


def one_person() -> WorkshopArchive:
    return archive([("cx", shared(2))], role_figures="open")


def two_who_disagree() -> WorkshopArchive:
    item = Q.scored_items[0].id
    return archive(
        [
            ("sales", shared(3, **{item: 5, KEYS.definition: DEFINITIONS[0]})),
            ("customer_relations", shared(3, **{item: 1, KEYS.definition: DEFINITIONS[1]})),
        ],
        role_figures="open",
    )


def ceo_alone_optimistic() -> WorkshopArchive:
    people = [(role, shared(4 if role == "ceo" else 2)) for role in ONE_PER_ROLE]
    return archive(people, role_figures="open")


def split_on_definition() -> WorkshopArchive:
    people = [
        (role, shared(3, **{KEYS.definition: DEFINITIONS[i % 2]}))
        for i, role in enumerate([*ONE_PER_ROLE, "hr", "finance"])
    ]
    return archive(people, role_figures="open")


def aligned_but_weak() -> WorkshopArchive:
    return archive(
        [(role, shared(2)) for role in [*ONE_PER_ROLE, "hr", "finance"]], role_figures="open"
    )


def effort_unmeasured() -> WorkshopArchive:
    first = ["reduce_effort", *[o for o in OBJECTIVES if o != "reduce_effort"]]
    people = [
        (role, shared(3, **{KEYS.objectives: first, KEYS.kpis_measured: ["nps"]}))
        for role in ONE_PER_ROLE
    ]
    return archive(people, role_figures="open")


def forty_share_nothing() -> WorkshopArchive:
    rng = random.Random(40)
    roles = [r.id for r in Q.roles if r.id != "other"]
    people = []
    for i in range(40):
        answers: dict[str, Any] = {item.id: rng.randint(1, 5) for item in Q.scored_items}
        answers.update({q.id: rng.randint(1, 5) for q in Q.ambitions.values()})
        answers[KEYS.objectives] = rng.sample(OBJECTIVES, len(OBJECTIVES))
        answers[KEYS.definition] = rng.choice(DEFINITIONS)
        answers[KEYS.starting_angle] = rng.choice(ANGLES)
        people.append((roles[i % len(roles)], answers))
    return archive(people, role_figures="protected", min_group_size=3)


def strong_but_employees() -> WorkshopArchive:
    people = []
    for role in ONE_PER_ROLE:
        answers = shared(5)
        answers.update({item.id: 4 for item in Q.items_of("leadership")})
        answers.update({item.id: 2 for item in Q.items_of("employees")})
        answers[Q.ambitions["employees"].id] = 4
        people.append((role, answers))
    return archive(people, role_figures="open")


def pain_points_high_fragmentation() -> WorkshopArchive:
    scattered = {i.id: 1 for i in Q.scored_items if i.mistake == "fragmentation"}
    people = [
        (role, shared(3, **scattered, **{KEYS.starting_angle: "pain_points"}))
        for role in ONE_PER_ROLE
    ]
    return archive(people, role_figures="open")


def no_shared_angle() -> WorkshopArchive:
    people = [
        (role, shared(3, **{KEYS.starting_angle: ANGLES[i % 2]}))
        for i, role in enumerate(ONE_PER_ROLE)
    ]
    return archive(people, role_figures="open")


@dataclass(frozen=True)
class Scenario:
    build: Callable[[], WorkshopArchive]
    #: Checks on the results (and the roadmap) that state the partner's conclusions.
    conclude: Callable[[Results], None]
    #: Catalogue keys or literal texts the report must say, in each language.
    says: Callable[[Results, Lang], list[str]]


def _one_person(r: Results) -> None:
    assert r.participants == 1 and r.alignment.verdict == "too_few"
    assert all(i.verdict == "too_few" for i in r.items)
    assert r.roadmap, "one person's answers still call for actions"


def _two_who_disagree(r: Results) -> None:
    assert r.alignment.definition.verdict == "too_few"
    gap = r.item(Q.scored_items[0].id).role_gap
    assert gap is not None
    assert (gap.high_role, gap.high, gap.low_role, gap.low) == ("sales", 5, "customer_relations", 1)


def _ceo_alone(r: Results) -> None:
    divergent = [r.item(i) for i in r.alignment.divergent_items]
    assert divergent and all(i.role_gap and i.role_gap.high_role == "ceo" for i in divergent)
    assert all(i.role_gap and i.role_gap.low == 2.0 for i in divergent)


def _split_on_definition(r: Results) -> None:
    assert r.alignment.definition.verdict == "divided"
    assert r.alignment.verdict != "aligned"
    assert r.roadmap[0].action_id == "a_strategy_one_definition" or any(
        e.action_id == "a_strategy_one_definition" and e.horizon == "0-3m" for e in r.roadmap
    )


def _aligned_but_weak(r: Results) -> None:
    a = r.alignment
    assert (a.definition.verdict, a.objectives.verdict, a.verdict) == ("aligned",) * 3
    assert r.overall.level in (1, 2)
    alignment_actions = {"a_strategy_one_definition", "a_strategy_shared_objectives"}
    assert not alignment_actions & {e.action_id for e in r.roadmap}


def _effort_unmeasured(r: Results) -> None:
    setup = [e for e in r.roadmap if e.action_id == "a_listen_kpi_setup"]
    assert setup and setup[0].horizon in ("0-3m", "3-6m")
    assert KEYS.kpis_measured in setup[0].because


def _forty(r: Results) -> None:
    assert r.alignment.objectives.verdict == "divided"
    assert r.alignment.definition.verdict == "divided"
    assert sum(i.verdict == "divided" for i in r.items) >= 0.9 * len(r.items)
    assert sum(i.role_gap is not None for i in r.items) <= 3


def _strong_but_employees(r: Results) -> None:
    assert len(r.roadmap) <= 5
    early = [e for e in r.roadmap if e.horizon in HORIZONS[:2]]
    assert any("employees" in Q.actions_by_id[e.action_id].dimensions for e in early)


def _pain_points(r: Results) -> None:
    first = r.roadmap[0]
    assert first.first_step and first.action_id != "a_value_fix_pain_points"
    assert "journeys" in Q.actions_by_id[first.action_id].dimensions
    assert "instead_of:a_value_fix_pain_points" in first.choices


def _no_shared_angle(r: Results) -> None:
    assert r.alignment.starting_angle.verdict == "divided"
    first = next(e for e in r.roadmap if e.first_step)
    assert "no_shared_angle" in first.choices


def _action(action_id: str) -> Callable[[Results, Lang], list[str]]:
    return lambda r, lang: [Q.actions_by_id[action_id].title(lang)]


SCENARIOS = {
    "one person": Scenario(
        one_person, _one_person, lambda r, lang: [t("report_single_respondent", lang)]
    ),
    "two who disagree": Scenario(
        two_who_disagree,
        _two_who_disagree,
        lambda r, lang: [t("report_few_respondents", lang, n=2)],
    ),
    "the CEO alone is optimistic": Scenario(
        ceo_alone_optimistic,
        _ceo_alone,
        lambda r, lang: [
            f"{Q.roles_by_id['ceo'].short_label(lang)} {'4,0' if lang == 'fr' else '4.0'}"
        ],
    ),
    "split on the definition": Scenario(
        split_on_definition, _split_on_definition, _action("a_strategy_one_definition")
    ),
    "aligned but weak": Scenario(
        aligned_but_weak, _aligned_but_weak, lambda r, lang: [t("report_verdict_aligned", lang)]
    ),
    "effort first, never measured": Scenario(
        effort_unmeasured, _effort_unmeasured, _action("a_listen_kpi_setup")
    ),
    "forty who share nothing": Scenario(
        forty_share_nothing,
        _forty,
        lambda r, lang: [t("objectives_divided", lang, w="", p="", n="").split("(")[0].strip()],
    ),
    "strong but employees": Scenario(
        strong_but_employees,
        _strong_but_employees,
        lambda r, lang: [Q.dimensions_by_id["employees"].name(lang)],
    ),
    "pain points with high fragmentation": Scenario(
        pain_points_high_fragmentation,
        _pain_points,
        lambda r, lang: [
            t(
                "choice_instead_of",
                lang,
                action=Q.actions_by_id["a_value_fix_pain_points"].title(lang),
            )
        ],
    ),
    "no shared angle": Scenario(
        no_shared_angle, _no_shared_angle, lambda r, lang: [t("choice_no_shared_angle", lang)]
    ),
}


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_the_results_draw_the_partners_conclusions(name: str) -> None:
    scenario = SCENARIOS[name]
    scenario.conclude(compute_results(scenario.build(), Q))


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_the_report_says_them(name: str, lang: Lang) -> None:
    scenario = SCENARIOS[name]
    a = scenario.build().model_copy(update={"language": lang})
    r = compute_results(a, Q)
    reader = PdfReader(io.BytesIO(build_report(a, Q, lang)))
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    for said in scenario.says(r, lang):
        assert flat(said) in text, said


def test_every_roadmap_keeps_its_promises() -> None:
    """At most five actions start in the first three months; the two weakest dimensions are
    covered in the first two horizons; every `after` holds; the first step comes first."""
    for scenario in SCENARIOS.values():
        r = compute_results(scenario.build(), Q)
        check_roadmap(r)


def _waited_for(action_id: str, entries: list[Any]) -> bool:
    """Whether an aligning action on the roadmap waits for it."""
    return any(
        action_id in Q.actions_by_id[e.action_id].after
        for e in entries
        if any(c.startswith("align:") for c in e.choices)
    )


def check_roadmap(r: Results) -> None:
    from cxmaturity.results.roadmap import weakest
    from cxmaturity.results.triggers import Evidence

    entries = r.roadmap
    assert sum(e.horizon == "0-3m" for e in entries) <= 5
    position = {e.action_id: i for i, e in enumerate(entries)}
    for e in entries:
        for other in Q.actions_by_id[e.action_id].after:
            if other in position:
                assert position[other] < position[e.action_id], (other, e.action_id)
                assert HORIZONS.index(entries[position[other]].horizon) <= HORIZONS.index(e.horizon)
    evidence = Evidence(
        overall=r.overall,
        dimensions={d.id: d for d in r.dimensions},
        items={i.question_id: i for i in r.items},
        mistakes={m.id: m for m in r.mistakes},
        alignment=r.alignment,
        choices={},
    )
    for dimension_id in weakest(evidence):
        assert any(
            dimension_id in Q.actions_by_id[e.action_id].dimensions and e.horizon in HORIZONS[:2]
            for e in entries
        ), dimension_id
    firsts = [i for i, e in enumerate(entries) if e.first_step]
    assert len(firsts) <= 1
    if firsts:  # only what aligns the team, or what the first step waits for, precedes it
        waits = set(Q.actions_by_id[entries[firsts[0]].action_id].after)
        for e in entries[: firsts[0]]:
            aligning = any(c.startswith("align:") for c in e.choices)
            assert aligning or e.action_id in waits or _waited_for(e.action_id, entries), e
    # A team at high risk of scattering its efforts starts at most three things at once,
    # besides what must open the roadmap (aligning the team, the first field project).
    first_quarter = [e for e in entries if e.horizon == "0-3m"]
    opening = [
        e for e in first_quarter if e.first_step or any(c.startswith("align:") for c in e.choices)
    ]
    if any(m.id == "fragmentation" and m.risk == "high" for m in r.mistakes):
        assert len(first_quarter) <= max(3, len(opening)), [e.action_id for e in first_quarter]
    owners: dict[str, int] = {}
    for e in entries:
        owners[e.owner_role] = owners.get(e.owner_role, 0) + 1
        if any(c.startswith("align:") for c in e.choices):  # the arbiter is not reassigned
            assert e.owner_role == Q.actions_by_id[e.action_id].owner_role, e
    assert max(owners.values(), default=0) <= max(2, -(-len(entries) // 3)) + 1


def test_demo_roadmaps_keep_their_promises_and_vary_in_length() -> None:
    """Across demo workshops of different sizes and seeds, every roadmap holds the rules,
    and the evidence — not a cap — decides how long it is."""
    from cxmaturity.demo import demo_archive

    lengths, focused = set(), False
    for participants, seed in ((1, 1), (2, 3), (6, 7), (12, 7), (40, 7), (12, 2), (40, 9), (5, 4)):
        r = compute_results(demo_archive(Q, participants, seed=seed), Q)
        check_roadmap(r)
        lengths.add(len(r.roadmap))
        focused |= any(c.startswith("focus:") for e in r.roadmap for c in e.choices)
    strong = compute_results(strong_but_employees(), Q)
    lengths.add(len(strong.roadmap))
    assert len(lengths) >= 3, lengths
    assert focused  # the fragmentation rule moved an action in at least one of them
