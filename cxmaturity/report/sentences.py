"""What the agreement figures say, in words the screen and the PDF share.

Each sentence claims no more than its figure: below four answers it gives counts and no
verdict ("2 of 3 chose…"), a share is never called a majority it is not, and the
team's order of objectives is only called the team's when the verdict allows it.
"""

from __future__ import annotations

from cxmaturity.charts import ordered_groups
from cxmaturity.report.context import ReportContext
from cxmaturity.results.model import ChoiceResult, Objectives, RoadmapEntry, RoleGap
from cxmaturity.results.verdicts import MIN_RESPONDENTS


def share(ctx: ReportContext, count: int, n: int) -> str:
    """ "67 %" from four answers up; "2 sur 3" below, where a percentage overstates."""
    if n < MIN_RESPONDENTS:
        return ctx.t("count_of", count=count, n=n)
    return ctx.pct(count / n)


def agreement_cell(ctx: ReportContext, agreement: float | None, verdict: str) -> str:
    """ "alignée (0,45)" in a table; "trop peu de réponses" without a verdict."""
    if verdict == "too_few" or agreement is None:
        return ctx.t("verdict_too_few")
    return f"{ctx.t(f'verdict_{verdict}')} ({ctx.num(agreement)})"


def no_divergence(ctx: ReportContext) -> str:
    """When no item is discussed: nothing divides the team, or — with one answer per
    item, or two — nothing can be measured yet. Never the first when it is the second."""
    if all(item.agreement is None for item in ctx.results.items):
        return ctx.t("report_divergent_unmeasurable")
    return ctx.t("report_divergent_none")


def item_facts(ctx: ReportContext, question_id: str, with_consensus: bool = True) -> str:
    """One line under a discussed item: its mean and agreement, the two roles that stand
    apart (when two do), and the level agreed in the room (once recorded, unless the
    page says it elsewhere)."""
    item = ctx.results.item(question_id)
    facts = [
        ctx.t(
            "present_item_facts",
            mean=ctx.num(item.mean),
            agreement=agreement_cell(ctx, item.agreement, item.verdict),
        )
    ]
    if item.role_gap is not None:
        facts.append(gap_cell(ctx, item.role_gap))
    if item.consensus and with_consensus:
        facts.append(ctx.t("present_consensus_recorded", level=item.consensus.level))
    return " · ".join(facts)


def gap_cell(ctx: ReportContext, gap: RoleGap | None) -> str:
    """ "Ventes 4,0 · Relation client 1,0": both roles, with their values (one decimal,
    enough to read a gap of at least one level)."""
    if gap is None:
        return "–"
    high, low = ctx.role(gap.high_role, short=True), ctx.role(gap.low_role, short=True)
    return f"{high} {ctx.num(gap.high, 1)} · {low} {ctx.num(gap.low, 1)}"


def choice_sentence(ctx: ReportContext, result: ChoiceResult, options: dict[str, str]) -> str:
    """How far the team shares one answer to a choice question. `options`: id → label."""
    if not result.n or result.modal_option is None:
        return ctx.t("report_no_answer")
    top = result.counts[result.modal_option]
    option = options[result.modal_option].rstrip(".")  # inside « », before the verb
    if result.verdict == "too_few":
        if result.n == 1:
            return ctx.t("choice_too_few_one", option=option)
        if result.tied > 1:
            return ctx.t("choice_too_few_tie", n=result.n, k=result.tied)
        return ctx.t("choice_too_few", count=top, n=result.n, option=option)
    if result.tied > 1:
        return ctx.t("choice_divided_tie", k=result.tied, each=top, n=result.n)
    return ctx.t(
        f"choice_{result.verdict}",
        option=option,
        share=share(ctx, top, result.n),
        count=top,
        n=result.n,
    )


def p_text(ctx: ReportContext, p: float | None) -> str:
    """ "p = 0,03"; "p < 0,001" rather than a suspicious 0,000."""
    if p is None:
        return "p –"
    if p < 0.001:
        return f"p < {ctx.num(0.001, 3)}"
    return f"p = {ctx.num(p, 3 if p < 0.01 else 2)}"


def w_text(ctx: ReportContext, w: float | None) -> str:
    """W as printed: "0,42"; a W that rounds to zero reads "< 0,01", not 0,00."""
    if w is not None and w < 0.005:
        return "< " + ctx.num(0.01)
    return ctx.num(w)


def objectives_sentence(ctx: ReportContext, objectives: Objectives) -> str:
    if not objectives.n:
        return ctx.t("report_no_answer")
    if objectives.verdict == "too_few":
        return ctx.t("objectives_too_few", n=objectives.n)
    return ctx.t(
        f"objectives_{objectives.verdict}",
        w=w_text(ctx, objectives.w),
        p=p_text(ctx, objectives.p_value),
        n=objectives.n,
    )


def shares_an_order(objectives: Objectives) -> bool:
    """Whether the mean-rank order may be called the team's."""
    return objectives.verdict in {"aligned", "mixed"}


def top_objective_by_role(ctx: ReportContext, objectives: Objectives) -> list[tuple[str, str]]:
    """(group, its first objective's label, or that it has none) in the questionnaire's
    order of roles, "other roles" last."""
    options = ctx.q.options_of(ctx.q.key_questions.objectives)
    tied = ctx.t("top_objective_tied")
    tops = objectives.top_by_role
    order = ordered_groups(set(tops), ctx.q)
    return [(g, options[top].label(ctx.lang) if (top := tops[g]) else tied) for g in order]


def first_choices(objectives: Objectives) -> dict[str, int]:
    """Objective → how many ranked it first, most first (ranking order on ties)."""
    firsts = objectives.first_choices
    return dict(sorted(((o, c) for o, c in firsts.items() if c), key=lambda oc: -oc[1]))


def roadmap_choices(ctx: ReportContext, entry: RoadmapEntry) -> list[str]:
    """Why the engine placed an action so, beyond its triggers (results/roadmap.py)."""
    q, said = ctx.q, []
    angles = q.options_of(q.key_questions.starting_angle)
    covers = any(c.startswith("weakest:") for c in entry.choices)
    for choice in entry.choices:
        if choice == "capacity" and covers:
            continue  # it stays within the first two horizons: say that, not the shift
        kind, _, value = choice.partition(":")
        match kind:
            case "weakest":
                said.append(ctx.t("choice_weakest", dimension=ctx.dimension(value)))
            case "first_step":
                said.append(ctx.t("choice_first_step", angle=angles[value].label(ctx.lang)))
            case "instead_of":
                title = q.actions_by_id[value].title(ctx.lang)
                said.append(ctx.t("choice_instead_of", action=title))
            case "align":
                said.append(ctx.t("choice_align", figure=ctx.t(f"figure_{value}")))
            case "no_shared_angle" | "capacity" | "unmeasured":
                said.append(ctx.t(f"choice_{kind}"))
            case "after":
                said.append(ctx.t("choice_after", action=q.actions_by_id[value].title(ctx.lang)))
            case "focus":
                mistake = q.mistakes_by_id[value]  # the engine notes focus only with a limit
                said.append(
                    ctx.t("choice_focus", mistake=mistake.name(ctx.lang), n=mistake.focus_when_high)
                )
            case "owner_from":
                said.append(ctx.t("choice_owner_from", role=q.roles_by_id[value].label(ctx.lang)))
    return said


#: The level from which the questionnaire's level text speaks of a shared definition,
#: shared objectives and indicators (levels[2] in the YAML): below it, no caveat is due.
SHARED_FROM_LEVEL = 3


def level_caveat(ctx: ReportContext) -> str | None:
    """The level's text reconciled with the evidence: a level-3 average without a shared
    definition, a common order of objectives or measured indicators says so."""
    r = ctx.results
    if r.overall.level is None or r.overall.level < SHARED_FROM_LEVEL:
        return None
    a, caveats = r.alignment, []
    if a.definition.verdict in {"mixed", "divided"}:
        caveats.append(ctx.t("caveat_definition"))
    if a.objectives.verdict == "divided":
        caveats.append(ctx.t("caveat_objectives"))
    measured = r.framing.kpis_measured
    # "None of these" is the question's exclusive option, whatever its id.
    options = getattr(ctx.q.questions[ctx.q.key_questions.kpis_measured], "options", [])
    nothing = sum(measured.counts.get(o.id, 0) for o in options if o.exclusive)
    if measured.n and nothing:
        if measured.n < MIN_RESPONDENTS:
            caveats.append(ctx.t("caveat_kpis_few", count=nothing, n=measured.n))
        else:
            caveats.append(ctx.t("caveat_kpis", share=ctx.pct(nothing / measured.n)))
    if not caveats:
        return None
    return ctx.t("caveat_lead", n=r.overall.level, caveats=listed(ctx, caveats))


def listed(ctx: ReportContext, words: list[str]) -> str:
    """ "a, b et c" / "a, b and c"."""
    if len(words) < 2:
        return "".join(words)
    return ctx.t("last_of_list", rest=", ".join(words[:-1]), last=words[-1])


def sharpest_divergences(ctx: ReportContext, count: int = 3) -> list[str]:
    """The items most worth the room's time, in plain words: both roles and their values,
    or — when no two roles can be compared — the range of the answers."""
    said = []
    for question_id in ctx.results.alignment.divergent_items[:count]:
        item = ctx.results.item(question_id)
        question = ctx.question(question_id)
        if item.role_gap is not None:
            g = item.role_gap
            said.append(
                ctx.t(
                    "divergence_roles",
                    question=question,
                    high_role=ctx.role(g.high_role, short=True),
                    high=level_value(ctx, g.high),
                    low_role=ctx.role(g.low_role, short=True),
                    low=level_value(ctx, g.low),
                )
            )
        elif item.range is not None:
            said.append(
                ctx.t("divergence_spread", question=question, low=item.range[0], high=item.range[1])
            )
    return said


def withheld_note(ctx: ReportContext, withheld: dict[str, int], question_id: str) -> str | None:
    """Under an answer plot in protected mode: how many answers it leaves out, and why."""
    n = withheld.get(question_id, 0)
    k = ctx.results.min_group_size
    if n == 0:
        return None
    if n == 1:
        return ctx.t("withheld_one", k=k)
    return ctx.t("withheld_many", n=n, k=k)


def level_value(ctx: ReportContext, value: float) -> str:
    """A role's level: "4" for one person or a group that agrees, "3,5" for a mean."""
    return str(int(value)) if float(value).is_integer() else ctx.num(value, 1)


def aligned_figure(ctx: ReportContext, entry: RoadmapEntry) -> str | None:
    """The team figure an aligning action works on: the one whose verdict made it lead
    the roadmap, else the first its catalogue triggers name; None for other actions."""
    for choice in entry.choices:
        if choice.startswith("align:"):
            return choice.removeprefix("align:")
    figures = ctx.q.actions_by_id[entry.action_id].aligned_figures()
    return figures[0] if figures else None


def kpi_label(ctx: ReportContext, entry: RoadmapEntry) -> str:
    """The KPI's name; an alignment KPI names the figure its action aligns the team on."""
    kpi = ctx.q.kpis_by_id[entry.kpi]
    figure = aligned_figure(ctx, entry) if kpi.baseline_alignment else None
    if figure in FIGURE_NAMES:
        return ctx.t("kpi_on_figure", kpi=kpi.label(ctx.lang), figure=ctx.t(FIGURE_NAMES[figure]))
    return kpi.label(ctx.lang)


#: The team figures as a KPI names them ("… on the definition").
FIGURE_NAMES = {
    "definition": "figure_the_definition",
    "objectives": "figure_the_objectives",
    "ambition": "figure_the_ambition",
    "starting_angle": "figure_the_starting_angle",
}


def kpi_progress(ctx: ReportContext, entry: RoadmapEntry) -> tuple[str, str] | None:
    """The KPI's baseline today and its target, as printed: the team's mean on the item
    that measures it and the next level up ("1,8 / 5" → "2 / 5"), or the verdict on the
    figure the action aligns the team on (the team's overall verdict for an action that
    names none); None when nothing in the answers measures it."""
    kpi = ctx.q.kpis_by_id[entry.kpi]
    if kpi.baseline_alignment:
        a = ctx.results.alignment
        figure = aligned_figure(ctx, entry)
        verdict = a.figure_verdicts().get(figure) if figure else a.verdict
        if verdict is None or verdict == "too_few":
            return None
        return ctx.t(f"verdict_{verdict}"), ctx.t("verdict_aligned")
    mean = ctx.results.item(kpi.baseline_item).mean if kpi.baseline_item else None
    if mean is None:
        return None
    return f"{ctx.num(mean, 1)} / 5", f"{min(5, int(mean) + 1)} / 5"


def kpi_line(ctx: ReportContext, entry: RoadmapEntry, due: str) -> str:
    """The KPI that tracks an action, with its baseline and target, due by `due`."""
    label = kpi_label(ctx, entry)
    found = kpi_progress(ctx, entry)
    if found is None:
        return ctx.t("kpi_no_baseline", kpi=label, date=due)
    return ctx.t("kpi_baseline", kpi=label, baseline=found[0], target=found[1], date=due)
