"""Page titles that state what the page shows, drawn from the results in both languages.

A section keeps its label as a kicker above ("Profil de maturité"); the headline below it
is the finding ("Parcours et Expérience cible sont les points faibles, et l'équipe ne
s'accorde sur aucun des deux").
"""

from __future__ import annotations

from cxmaturity.formatting import after_colon
from cxmaturity.report.context import ReportContext
from cxmaturity.report.sentences import level_caveat, listed

#: The alignment figures a headline weighs, in the order seed 002 asks them.
_FIGURES = ("definition", "objectives", "ambition")


def summary(ctx: ReportContext) -> str | None:
    r = ctx.results
    if r.overall.level is None:
        return None
    name = ctx.level_name(r.overall.level)
    headline = ctx.t(f"headline_summary_{r.alignment.verdict}", n=r.overall.level, name=name)
    if level_caveat(ctx):  # the average reaches the level, the evidence does not
        headline += ctx.t("headline_not_secured")
    return headline


def profile(ctx: ReportContext) -> str | None:
    scored = sorted(
        (d for d in ctx.results.dimensions if d.score is not None),
        key=lambda d: (d.score, d.id),
    )
    if len(scored) < 2:
        return None
    first, second = scored[0], scored[1]
    names = {"first": ctx.dimension(first.id), "second": ctx.dimension(second.id)}
    divided = [d for d in (first, second) if d.verdict == "divided"]
    partial = [d for d in (first, second) if d.verdict == "mixed"]
    if len(divided) == 2:
        return ctx.t("headline_profile_neither", **names)
    if divided:
        return ctx.t("headline_profile_one", split=ctx.dimension(divided[0].id), **names)
    if len(partial) == 2:
        return ctx.t("headline_profile_partial", **names)
    if partial:
        return ctx.t("headline_profile_partial_one", partly=ctx.dimension(partial[0].id), **names)
    return ctx.t("headline_profile", **names)


def alignment(ctx: ReportContext) -> str:
    """Each of seed 002's three figures under its own verdict: "Accord partiel sur la
    définition et les ambitions, désaccord sur les objectifs"."""
    a = ctx.results.alignment
    verdicts = {"definition": a.definition.verdict, "objectives": a.objectives.verdict}
    if a.ambition is not None:
        verdicts["ambition"] = a.ambition.verdict
    if "too_few" in verdicts.values():
        return ctx.t("headline_alignment_too_few")
    if all(v == "aligned" for v in verdicts.values()):
        return ctx.t("headline_alignment_all")
    parts = []
    for verdict in ("aligned", "mixed", "divided"):
        figures = [f for f in _FIGURES if verdicts.get(f) == verdict]
        if figures:
            words = listed(ctx, [ctx.t(f"figure_the_{f}") for f in figures])
            parts.append(ctx.t(f"headline_alignment_{verdict}", figures=words))
    sentence = ", ".join(parts)
    return sentence[0].upper() + sentence[1:]


def mistakes(ctx: ReportContext) -> str:
    high = [m for m in ctx.results.mistakes if m.risk == "high"]
    if not high:
        return ctx.t("headline_mistakes_none")
    worst = min(high, key=lambda m: m.score if m.score is not None else 5.0)
    name = after_colon(ctx.q.mistakes_by_id[worst.id].name(ctx.lang), ctx.lang)
    return ctx.t("headline_mistakes_high", mistake=name)


def roadmap(ctx: ReportContext) -> str:
    entries = ctx.results.roadmap
    if not entries:
        return ctx.t("headline_roadmap_none")
    first = sum(e.horizon == "0-3m" for e in entries)
    return ctx.t("headline_roadmap", n=len(entries), k=first)
