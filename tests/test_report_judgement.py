"""What the report and the results say about a team, read as the executive committee will.

The workshops are built by hand for what a CX partner would conclude from them: one
person, two who disagree, one per role, a protected group with one small role.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from pypdf import PdfReader

from cxmaturity.archive.csv_io import archive_to_csv
from cxmaturity.archive.model import WorkshopArchive
from cxmaturity.demo import demo_archive
from cxmaturity.i18n import t
from cxmaturity.localized import Lang
from cxmaturity.report import build_report, headlines
from cxmaturity.report.context import ReportContext
from cxmaturity.report.sentences import FIGURE_NAMES, aligned_figure, kpi_label, kpi_progress
from cxmaturity.results import compute_results
from cxmaturity.results.spread import answer_dots, withheld_answers
from tests.builders import Q, archive, everything

KEYS = Q.key_questions
DEFINITIONS = list(Q.options_of(KEYS.definition))
OBJECTIVES = list(Q.options_of(KEYS.objectives))
#: A percentage as the two languages print it: "50 %" (narrow no-break space), "50%".
PERCENT = re.compile(r"\d\s?%")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def report_text(a: WorkshopArchive, lang: Lang) -> str:
    reader = PdfReader(io.BytesIO(build_report(a, Q, lang)))
    return flat("\n".join(page.extract_text() for page in reader.pages))


def about_the_team(text: str, lang: Lang) -> str:
    """The pages about the team: everything before the method appendix, whose fixed text
    describes the rules (« 80 % de la priorité totale »), not this team."""
    return text[: text.index(flat(t("report_h_appendix", lang)))]


def verdict_openings(lang: Lang) -> list[str]:
    """How a sentence starts when it gives the team a verdict."""
    keys = ["choice_aligned", "choice_mixed", "choice_divided", "objectives_aligned"]
    keys += ["objectives_divided", "report_verdict_aligned", "report_verdict_divided"]
    return [flat(t(key, lang, option="", share="", count="", n="", w="", p="", k="", each="",
                   definition="", objectives="", ambition=""))[:22] for key in keys]  # fmt: skip


@pytest.mark.parametrize("people", [1, 2, 3])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_one_to_three_respondents_get_counts_not_percentages_and_no_verdict(
    people: int, lang: Lang
) -> None:
    text = report_text(demo_archive(Q, people, seed=5, language=lang), lang)
    team = about_the_team(text, lang)
    assert not PERCENT.search(team), PERCENT.search(team)
    assert flat(t("report_verdict_too_few", lang)) in team
    for opening in verdict_openings(lang):
        assert opening not in team, opening
    # The catalogue's reading of each mistake speaks of the team: said as a conditional.
    assert flat(t("report_what_it_means", lang)) not in team
    if people == 1:
        assert flat(t("report_single_respondent", lang)) in team
        assert flat(t("report_kpis_base_one", lang)) in team  # not "Sur 1 répondants"
        assert flat(t("report_what_it_would_mean_one", lang)) in team
    else:
        assert flat(t("report_few_respondents", lang, n=people)) in team
        assert flat(t("report_what_it_would_mean_few", lang, n=people)) in team


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_two_people_with_different_definitions_are_never_called_aligned(lang: Lang) -> None:
    a = archive(
        [
            ("ceo", {**everything(3), KEYS.definition: DEFINITIONS[0]}),
            ("cx", {**everything(3), KEYS.definition: DEFINITIONS[1]}),
        ],
        role_figures="open",
        language=lang,
    )
    r = compute_results(a, Q)
    assert r.alignment.definition.verdict == "too_few"
    text = report_text(a, lang)
    assert flat(t("choice_too_few_tie", lang, n=2, k=2)) in text
    assert (
        "50"
        not in about_the_team(text, lang).split(flat(t("report_definition_title", lang)))[1][:300]
    )


def test_a_team_without_a_shared_order_is_not_given_one() -> None:
    """Six people, one per role, each putting a different objective first: W is low and not
    significant, so the report lists each role's first objective, not « the team's order »."""
    roles = ["ceo", "marketing", "sales", "customer_relations", "cx", "operations"]
    people = [
        (role, {**everything(3), KEYS.objectives: OBJECTIVES[i:] + OBJECTIVES[:i]})
        for i, role in enumerate(roles)
    ]
    a = archive(people, role_figures="open")
    r = compute_results(a, Q)
    assert r.alignment.objectives.verdict == "divided"
    text = report_text(a, "fr")
    assert flat(t("report_objectives_order", "fr")) not in text
    assert flat(t("objectives_by_role", "fr")) in text
    labels = Q.options_of(KEYS.objectives)
    for i, role in enumerate(roles):
        first = labels[OBJECTIVES[i]].label("fr")
        assert f"{Q.roles_by_id[role].label('fr')} — {first}" in text


def roles_named(document: object) -> set[str]:
    """Every role a results document names: the keys of its by-role figures and groups,
    the two roles of each gap."""
    found: set[str] = set()
    if isinstance(document, dict):
        for key, value in document.items():
            if key in {"by_role", "groups", "top_by_role"} and isinstance(value, dict):
                found |= set(value)
            elif key in {"high_role", "low_role"}:
                found.add(value)
            found |= roles_named(value)
    elif isinstance(document, list):
        for value in document:
            found |= roles_named(value)
    return found


def protected_with_a_small_sales_team() -> WorkshopArchive:
    """Protected mode, groups of three: four CX, four marketing, three CEO office, and two
    salespeople — a group too small to show anywhere."""
    people = []
    for role, count, level in (("cx", 4, 3), ("marketing", 4, 4), ("ceo", 3, 3), ("sales", 2, 1)):
        for i in range(count):
            answers = {**everything(level), KEYS.definition: DEFINITIONS[i % 2]}
            answers[KEYS.objectives] = OBJECTIVES[i % 3 :] + OBJECTIVES[: i % 3]
            answers.update({q.id: 4 for q in Q.ambitions.values()})
            people.append((role, answers))
    return archive(people, role_figures="protected", min_group_size=3)


def test_in_protected_mode_a_small_role_appears_in_no_output() -> None:
    a = protected_with_a_small_sales_team()
    r = compute_results(a, Q)
    owners = {entry.owner_role for entry in r.roadmap}
    assert "sales" not in owners  # the catalogue's owner would name the role, not its answers
    assert "sales" not in roles_named(r.model_dump(mode="json"))
    labels = [Q.roles_by_id["sales"].label(lang) for lang in ("fr", "en")]
    labels += [Q.roles_by_id["sales"].short_label(lang) for lang in ("fr", "en")]
    for lang in ("fr", "en"):
        text = report_text(a, lang)  # type: ignore[arg-type]
        assert not [label for label in labels if label in text]
    # Not even as unlabelled dots: two dots at level 1 beside the named roles are theirs.
    items = [item.id for item in Q.scored_items]
    assert all(dot.level != 1 for dot in answer_dots(a, items))
    assert withheld_answers(a, items) == dict.fromkeys(items, 2)
    shared = a.for_sharing()
    assert {p.role for p in shared.participants} == {"cx", "marketing", "ceo", "other"}
    rows = list(csv.DictReader(io.StringIO(archive_to_csv(shared, Q))))
    assert len(rows) == 13 and "sales" not in {row["role"] for row in rows}


@pytest.mark.parametrize("seed", [3, 7, 11])
def test_an_aligning_action_is_tracked_by_the_verdict_on_its_own_figure(seed: int) -> None:
    """Not the team's overall verdict: 'objectives: divided' is not 'today: mixed'."""
    a = demo_archive(Q, 6, seed=seed)
    ctx = ReportContext(archive=a, q=Q, results=compute_results(a, Q), lang="fr")
    verdicts = ctx.results.alignment.figure_verdicts()
    aligning = [
        e
        for e in ctx.results.roadmap
        if Q.kpis_by_id[e.kpi].baseline_alignment and aligned_figure(ctx, e) in verdicts
    ]
    assert aligning
    for entry in aligning:
        figure = aligned_figure(ctx, entry)
        assert figure is not None
        progress = kpi_progress(ctx, entry)
        if verdicts[figure] in {None, "too_few"}:
            assert progress is None
        else:
            assert progress == (t(f"verdict_{verdicts[figure]}", "fr"), t("verdict_aligned", "fr"))
            assert t(FIGURE_NAMES[figure], "fr") in kpi_label(ctx, entry)


@pytest.mark.parametrize("seed", range(8))
def test_the_profile_headline_gives_each_weak_dimension_its_own_verdict(seed: int) -> None:
    a = demo_archive(Q, 6, seed=seed, language="en")
    ctx = ReportContext(archive=a, q=Q, results=compute_results(a, Q), lang="en")
    weakest = sorted((d for d in ctx.results.dimensions if d.score is not None),
                     key=lambda d: (d.score, d.id))[:2]  # fmt: skip
    headline = headlines.profile(ctx)
    assert headline is not None
    verdicts = [d.verdict for d in weakest]
    if "divided" not in verdicts:
        both = headline.endswith("only partly agrees on them")
        assert both == (verdicts == ["mixed", "mixed"]), (headline, verdicts)
        for d in weakest:
            named = f"partly agrees on “{ctx.dimension(d.id)}”" in headline
            assert named == (d.verdict == "mixed" and verdicts.count("mixed") == 1)
