"""The results as plain text, for `python -m cxmaturity score` (French or English)."""

from __future__ import annotations

from cxmaturity.archive.model import WorkshopArchive
from cxmaturity.formatting import long_date, number, percent, signed
from cxmaturity.i18n import t
from cxmaturity.localized import Lang
from cxmaturity.questionnaire.model import Questionnaire
from cxmaturity.results.model import ChoiceResult, Results, RoadmapEntry


def summary(archive: WorkshopArchive, q: Questionnaire, r: Results, lang: Lang) -> str:
    lines = [
        t(
            "summary_header",
            lang,
            organisation=archive.organisation,
            date=long_date(archive.date, lang),
            n=r.participants,
            questionnaire=f"{q.id} v{q.version}",
        ),
        "",
    ]
    if r.overall.score is None or r.overall.level is None:
        lines.append(t("summary_no_scores", lang))
    else:
        level = q.level(r.overall.level).name(lang)
        lines.append(
            t(
                "summary_overall",
                lang,
                score=number(r.overall.score, lang),
                level=r.overall.level,
                name=level,
            )
        )
    lines += ["", _dimension_table(q, r, lang), ""]
    a = r.alignment
    lines.append(t("summary_alignment", lang, verdict=t(f"verdict_{a.verdict}", lang)))
    objectives = q.options_of(q.key_questions.objectives)
    shared = a.objectives.verdict in {"aligned", "mixed"}
    order = " > ".join(objectives[o].label(lang) for o in a.objectives.order) if shared else "–"
    lines.append(
        "  "
        + t(
            "summary_objectives",
            lang,
            verdict=t(f"verdict_{a.objectives.verdict}", lang),
            w=number(a.objectives.w, lang),
            p=number(a.objectives.p_value, lang, 3),
            order=order,
        )
    )
    lines.append("  " + t("summary_definition", lang, share=_choice(q, a.definition, lang)))
    lines.append("  " + t("summary_starting_angle", lang, share=_choice(q, a.starting_angle, lang)))
    if a.ambition is not None:
        lines.append(
            "  "
            + t(
                "summary_ambition",
                lang,
                verdict=t(f"verdict_{a.ambition.verdict}", lang),
                agreement=number(a.ambition.agreement, lang),
            )
        )
    lines.append("  " + t("summary_divergent", lang, items=", ".join(a.discussed) or "–"))
    lines += ["", t("summary_mistakes", lang)]
    for m in r.mistakes:
        name = q.mistakes_by_id[m.id].name(lang)
        risk = t(f"risk_{m.risk}", lang) if m.risk else "–"
        value = f"{risk} ({number(m.score, lang)}) — {', '.join(m.evidence[:3])}"
        lines.append("  " + t("labelled", lang, label=name, value=value))
    lines += ["", t("summary_roadmap", lang)]
    for i, entry in enumerate(r.roadmap, start=1):
        action = q.actions_by_id[entry.action_id]
        owner = owner_label(q, entry, lang)
        lines.append(
            f"  {i:>2}. [{t(horizon_key(entry.horizon), lang)}] {action.title(lang)} — {owner} — "
            f"{t('summary_priority', lang)} {number(entry.priority, lang)}"
        )
    return "\n".join(lines) + "\n"


def owner_label(q: Questionnaire, entry: RoadmapEntry, lang: Lang) -> str:
    """ "Claire M., Direction générale (DG)" once the team named a person, else the role
    (a comma: role labels carry their own parentheses)."""
    role = q.roles_by_id[entry.owner_role].label(lang)
    return t("owner_named", lang, name=entry.owner_name, role=role) if entry.owner_name else role


def horizon_key(horizon: str) -> str:
    """ "0-3m" → the catalogue key "horizon_0_3m"."""
    return "horizon_" + horizon.replace("-", "_")


def _dimension_table(q: Questionnaire, r: Results, lang: Lang) -> str:
    headings = [
        t("col_dimension", lang),
        t("col_score", lang),
        t("col_level", lang),
        t("col_ad_m", lang),
        t("col_verdict", lang),
    ]
    rows = [
        [
            q.dimensions_by_id[d.id].name(lang),
            number(d.score, lang),
            str(d.level or "–"),
            number(d.agreement, lang),
            t(f"verdict_{d.verdict}", lang),
        ]
        for d in r.dimensions
    ]
    if q.ambitions:  # v2 on: where the team wants each dimension in 18 months
        headings += [t("col_ambition", lang), t("col_gap", lang)]
        for row, d in zip(rows, r.dimensions, strict=True):
            row += [number(d.ambition_level, lang, 1), signed(d.gap, lang)]
    table = [headings, *rows]
    widths = [max(len(row[c]) for row in table) for c in range(len(headings))]
    lines = []
    for row in table:
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("   ".join(cells))
    return "\n".join(lines)


def _choice(q: Questionnaire, result: ChoiceResult, lang: Lang) -> str:
    """ "divided — 36 % (4 of 11) — Process"; counts alone below four answers."""
    if result.modal_option is None:
        return "–"
    label = q.options_of(result.question_id)[result.modal_option].label(lang)
    count = result.counts[result.modal_option]
    counted = t("count_of", lang, count=count, n=result.n)
    if result.verdict == "too_few":
        return f"{t('verdict_too_few', lang)} — {counted} — {label}"
    share = percent(count / result.n, lang)
    return f"{t(f'verdict_{result.verdict}', lang)} — {share} ({counted}) — {label}"
