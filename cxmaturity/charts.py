"""The charts, as Altair specifications: the facilitator's screen and the PDF draw the same.

Each function takes results (and the questionnaire, for names) and returns a finished,
configured chart. Labels come from the questionnaire and the UI catalogue in the chosen
language; long labels wrap onto two lines instead of being cut; numbers are formatted by
the renderer's locale (a decimal comma in French).
"""

from __future__ import annotations

import itertools
import textwrap
from collections import Counter
from typing import Any, TypeVar, cast

import altair as alt
import pandas as pd
from altair.utils.schemapi import disable_debug_mode

from cxmaturity.formatting import number
from cxmaturity.i18n import t
from cxmaturity.localized import Lang
from cxmaturity.questionnaire.model import Questionnaire
from cxmaturity.results.model import OTHER_GROUP, ChoiceResult, Results, RoadmapEntry
from cxmaturity.results.spread import Dot
from cxmaturity.results.statistics import LEVEL_FLOORS

# Altair's debug mode validates every object against the schema as it is built: about
# a tenth of the PDF's time, and of each results-view rerun. Charts are still validated
# when Streamlit serialises them, and tests/test_charts.py validates every chart.
disable_debug_mode()

AnyChart = TypeVar("AnyChart", alt.Chart, alt.LayerChart)

FONT = "Lato"
INK = "#1b2430"
MUTED = "#5b6675"
GRID = "#e3e8ef"
NAVY = "#1f4e79"
PALE = "#c9d3df"
#: Level 1 (brick) to level 5 (deep green): muted enough to print well.
LEVEL_COLORS = ["#c4553a", "#e09a4a", "#d8b54f", "#7aab86", "#2f7d62"]
#: The same colours mixed with 90 % white: solid, as transparency prints unevenly.
LEVEL_TINTS = ["#f9eeeb", "#fcf5ed", "#fbf8ed", "#f2f7f3", "#eaf2ef"]
ROLE_COLORS = [
    "#1f4e79", "#e09a4a", "#2f7d62", "#c4553a", "#7b5ea7",
    "#3a9bb8", "#a8743a", "#d46a9f", "#6b7b8c", "#9aa83a", "#444c56",
]  # fmt: skip
PHASE_COLORS = ["#3a9bb8", "#1f4e79", "#d46a9f", "#e09a4a", "#2f7d62"]
WIDTH = 460
LABEL_LIMIT = 210
#: Axis labels are 11 px (see _style); a wrapped label's lines are this far apart.
LINE_HEIGHT = 13
#: Vega draws a label on several lines when it is a list: split on the "\n" we insert.
MULTILINE = "split(datum.label, '\\n')"


def maturity_profile(results: Results, q: Questionnaire, lang: Lang) -> alt.LayerChart:
    """Score per dimension against the five level bands."""
    rows = [
        {
            "dimension": q.dimensions_by_id[d.id].name(lang),
            "order": i,
            "start": 1.0,
            "score": d.score,
            "shown": number(d.score, lang),
            "level": d.level,
            "ambition": d.ambition_level,
        }
        for i, d in enumerate(results.dimensions)
        if d.score is not None
    ]
    columns = ["dimension", "order", "start", "score", "shown", "level", "ambition"]
    data = pd.DataFrame(rows, columns=columns)
    floors = [1.0, *LEVEL_FLOORS, 5.0]
    bands = pd.DataFrame(
        {
            "start": floors[:-1],
            "end": floors[1:],
            "mid": [(a + b) / 2 for a, b in itertools.pairwise(floors)],
            "label": [t("level_short", lang, n=n) for n in range(1, 6)],
            "level": [1, 2, 3, 4, 5],
        }
    )
    level_colors = alt.Scale(domain=[1, 2, 3, 4, 5], range=LEVEL_COLORS)
    x = alt.X(
        "start:Q",
        scale=alt.Scale(domain=[1, 5], nice=False),
        axis=alt.Axis(values=[1, 2, 3, 4, 5], format="d", title=t("chart_score", lang), grid=False),
    )
    y = _categories("dimension", LABEL_LIMIT)
    band = (
        alt.Chart(bands)
        .mark_rect()
        .encode(
            x=x,
            x2=alt.X2("end:Q"),
            color=alt.Color(
                "level:O", scale=alt.Scale(domain=[1, 2, 3, 4, 5], range=LEVEL_TINTS), legend=None
            ),
        )
    )
    band_labels = (
        alt.Chart(bands)
        .mark_text(baseline="bottom", dy=-4, fontSize=10, color=MUTED)
        .encode(x=alt.X("mid:Q"), y=alt.YValue(0), text=alt.Text("label:N"))
    )
    bars = (
        alt.Chart(data)
        .mark_bar(height={"band": 0.62}, cornerRadiusEnd=2)
        .encode(
            x=x,
            x2=alt.X2("score:Q"),
            y=y,
            color=alt.Color("level:O", scale=level_colors, legend=None),
            tooltip=_tooltip("dimension:N", alt.Tooltip("score:Q", format=".2f"), "level:O"),
        )
    )
    labels = (
        alt.Chart(data)
        .mark_text(align="left", dx=4, fontSize=11, color=INK)
        .encode(x=alt.X("score:Q"), y=y, text=alt.Text("shown:N"))
    )
    layers = [band, band_labels, bars, labels]
    aims = data.dropna(subset=["ambition"])
    if not aims.empty:  # v2 on: where the team wants each dimension in 18 months
        layers.append(
            alt.Chart(aims)
            .mark_tick(color=NAVY, thickness=3, size=20, opacity=1)
            .encode(
                x=alt.X("ambition:Q"),
                y=y,
                tooltip=_tooltip("dimension:N", alt.Tooltip("ambition:Q", format=".1f")),
            )
        )
    # Bands and bars colour by level with different palettes: their scales must not merge.
    chart = alt.LayerChart(layer=layers).resolve_scale(color="independent")
    return _style(_sized(chart, WIDTH - LABEL_LIMIT + 40, max(60, 30 * len(rows))))


def role_heatmap(results: Results, q: Questionnaire, lang: Lang) -> alt.LayerChart | None:
    """Each role group's score on each dimension; None when fewer than two groups can be shown."""
    groups = ordered_groups({g for d in results.dimensions for g in d.by_role}, q)
    if len(groups) < 2:
        return None

    def name(group: str) -> str:  # with how many answered, so a cell of one reads as one
        size = results.groups.get(group)
        label = group_label(group, q, lang, short=True)
        return f"{label} ({size})" if size else label

    names = [name(g) for g in groups]
    rows = [
        {
            "dimension": q.dimensions_by_id[d.id].name(lang),
            "order": i,
            "role": name(group),
            "score": score,
            "shown": number(score, lang, digits=1),
            # The highest and lowest group of the dimension stand out, when they differ.
            "extreme": len(d.by_role) > 1
            and max(d.by_role.values()) > min(d.by_role.values())
            and score in (max(d.by_role.values()), min(d.by_role.values())),
        }
        for i, d in enumerate(results.dimensions)
        for group, score in d.by_role.items()
    ]
    base = alt.Chart(pd.DataFrame(rows)).encode(
        x=alt.X(
            "role:N",
            sort=names,
            title=None,
            axis=alt.Axis(orient="top", labelAngle=-35, labelLimit=150, ticks=False, domain=False),
        ),
        y=_categories("dimension", LABEL_LIMIT),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "score:Q",
            scale=alt.Scale(domain=[1, 5], range=["#f2d7c9", "#f3efe0", "#cfe2d6", "#2f7d62"]),
            legend=alt.Legend(title=t("chart_score", lang), orient="bottom", gradientLength=160),
        ),
        tooltip=_tooltip("role:N", "dimension:N", alt.Tooltip("score:Q", format=".2f")),
    )
    text = base.mark_text(fontSize=10).encode(
        text=alt.Text("shown:N"),
        color=alt.ColorValue(INK, condition={"test": str(alt.datum.score > 4.2), "value": "white"}),
    )
    extremes = base.transform_filter(alt.datum.extreme).mark_rect(
        filled=False, stroke=INK, strokeWidth=1.5
    )
    width = min(WIDTH - LABEL_LIMIT + 60, 44 * len(groups))
    chart = alt.LayerChart(layer=[cells, extremes, text])
    return _style(_sized(chart, width, 30 * len(results.dimensions)))


def answers_by_role(
    dots: list[Dot],
    question_id: str,
    number: int,
    q: Questionnaire,
    lang: Lang,
    label_limit: int = 130,
) -> alt.LayerChart:
    """Every person's answer to one item, as a dot coloured by role: one labelled row per
    role, one circle per level chosen, sized by how many chose it (readable in print even
    with hundreds of answers). The screen and the PDF both draw it, item by item; the
    projector's wider labels (`label_limit`, in pixels) fit its larger type."""
    mine = [d for d in dots if d.question_id == question_id]
    groups = ordered_groups({d.group for d in mine}, q)
    names = [group_label(g, q, lang, short=True) for g in groups]
    counts = Counter((group_label(d.group, q, lang, short=True), d.level) for d in mine)
    # One colour per role and one size scale for every plot of the report: a role keeps
    # its colour when another is missing, and a dot of 3 is as big on every item.
    every = ordered_groups({r.id for r in q.roles} | {OTHER_GROUP}, q)
    colour = [ROLE_COLORS[every.index(g) % len(ROLE_COLORS)] for g in groups]
    largest = max(Counter((d.question_id, d.group, d.level) for d in dots).values(), default=1)
    data = pd.DataFrame(
        [{"role": role, "level": level, "people": n} for (role, level), n in counts.items()],
        columns=["role", "level", "people"],
    )
    y = alt.Y(
        "role:N",
        sort=names,
        title=None,
        axis=alt.Axis(labelLimit=label_limit, ticks=False, domain=False, grid=True),
    )
    x = alt.X(
        "level:O",
        scale=alt.Scale(domain=[1, 2, 3, 4, 5]),
        axis=alt.Axis(labelAngle=0, title=t("chart_level_chosen", lang), grid=True),
    )
    circles = (
        alt.Chart(data)
        .mark_circle(opacity=0.95)
        .encode(
            x=x,
            y=y,
            size=alt.Size(
                "people:Q",
                scale=alt.Scale(domain=[1, max(2, largest)], range=[160, 520], zero=False),
                legend=None,
            ),
            color=alt.Color(
                "role:N",
                sort=names,
                scale=alt.Scale(domain=names, range=colour),
                legend=None,
            ),
            tooltip=_tooltip("role:N", "level:O", "people:Q"),
        )
    )
    numbers = (
        alt.Chart(data)
        .mark_text(fontSize=9, color="white", fontWeight="bold")
        .encode(
            x=x,
            y=y,
            text=alt.TextValue(
                "",
                condition={
                    "test": str(alt.datum.people > 1),
                    "field": "people",
                    "type": "quantitative",
                },
            ),
        )
    )
    title = alt.Title(
        _short(f"{number}. {q.questions[question_id].text(lang)}", 95),
        anchor="start",
        fontSize=11,
        fontWeight="normal",
        color=INK,
        offset=8,
    )
    chart = _sized(
        alt.LayerChart(layer=[circles, numbers]), 320, 17 * max(1, len(names)), title=title
    )
    return _style(chart)


def objectives_ranking(results: Results, q: Questionnaire, lang: Lang) -> alt.LayerChart:
    """Mean rank of each objective (1 = first priority), in consensus order."""
    options = q.options_of(q.key_questions.objectives)
    mean_ranks = results.alignment.objectives.mean_ranks
    last = float(len(options))
    data = pd.DataFrame(
        [
            {
                "objective": _wrap(options[o].label(lang), 34),
                "order": i,
                "rank": mean_ranks[o],
                "shown": number(mean_ranks[o], lang, digits=1),
                "last": last,
            }
            for i, o in enumerate(results.alignment.objectives.order)
        ],
        columns=["objective", "order", "rank", "shown", "last"],
    )
    x = alt.X(
        "rank:Q",
        scale=alt.Scale(domain=[0.6, last + 0.4], reverse=True, nice=False),
        axis=alt.Axis(
            values=list(range(1, len(options) + 1)), format="d", title=t("chart_mean_rank", lang)
        ),
    )
    y = _categories("objective", LABEL_LIMIT)
    rules = (
        alt.Chart(data)
        .mark_rule(color=PALE, strokeWidth=3)
        .encode(x=alt.X("last:Q"), x2=alt.X2("rank:Q"), y=y)
    )
    points = alt.Chart(data).mark_circle(size=140, color=NAVY, opacity=1).encode(x=x, y=y)
    labels = (
        alt.Chart(data)
        .mark_text(align="left", dx=9, fontSize=11, color=INK)
        .encode(x=alt.X("rank:Q"), y=y, text=alt.Text("shown:N"))
    )
    chart = alt.LayerChart(layer=[rules, points, labels])
    return _style(_sized(chart, WIDTH - LABEL_LIMIT + 40, 32 * len(options)))


def choice_bars(result: ChoiceResult, q: Questionnaire, lang: Lang) -> alt.LayerChart:
    """How many chose each option; the most chosen stand out (all of them, on a tie)."""
    options = q.options_of(result.question_id)
    top = max(result.counts.values(), default=0)
    data = pd.DataFrame(
        [
            {
                "option": _wrap(option.label(lang), 44, lines=4),
                "order": i,
                "people": result.counts[o],
                "modal": top > 0 and result.counts[o] == top,
            }
            for i, (o, option) in enumerate(options.items())
        ]
    )
    y = _categories("option", 270)
    ticks: dict[str, Any] = {"values": list(range(top + 1))} if top <= 10 else {}
    bars = (
        alt.Chart(data)
        .mark_bar(height={"band": 0.62}, cornerRadiusEnd=2)
        .encode(
            x=alt.X(
                "people:Q",
                scale=alt.Scale(domain=[0, max(top, 1)]),
                axis=alt.Axis(format="d", tickMinStep=1, title=t("chart_people", lang), **ticks),
            ),
            y=y,
            color=alt.ColorValue(PALE, condition={"test": str(alt.datum.modal), "value": NAVY}),
        )
    )
    labels = (
        alt.Chart(data)
        .mark_text(align="left", dx=4, fontSize=11, color=INK)
        .encode(x=alt.X("people:Q"), y=y, text=alt.Text("people:Q"))
    )
    lines = [label.count("\n") + 1 for label in data["option"]]
    # Rows share the height equally: enough in all for every line, and in each for the
    # longest label, so that centred labels do not run into each other.
    height = max(16 * sum(lines) + 10 * len(lines), len(lines) * (LINE_HEIGHT * max(lines) + 2))
    return _style(_sized(alt.LayerChart(layer=[bars, labels]), WIDTH - 270 + 40, height))


def roadmap_timeline(entries: list[RoadmapEntry], q: Questionnaire, lang: Lang) -> alt.Chart:
    """The roadmap on a 12-month line: one bar per action over its horizon, by method step."""
    spans = {"0-3m": (0, 3), "3-6m": (3, 6), "6-12m": (6, 12)}
    phase_names = [p.name(lang) for p in q.phases]
    data = pd.DataFrame(
        [
            {
                "action": _wrap(f"{i}. {q.actions_by_id[e.action_id].title(lang)}", 38, lines=3),
                "order": i,
                "start": spans[e.horizon][0],
                "end": spans[e.horizon][1],
                "phase": q.phases_by_id[e.phase].name(lang),
            }
            for i, e in enumerate(entries, start=1)
        ],
        columns=["action", "order", "start", "end", "phase"],
    )
    return _style(
        alt.Chart(data)
        .mark_bar(height={"band": 0.55}, cornerRadius=2)
        .encode(
            x=alt.X(
                "start:Q",
                scale=alt.Scale(domain=[0, 12], nice=False),
                axis=alt.Axis(values=[0, 3, 6, 9, 12], format="d", title=t("chart_months", lang)),
            ),
            x2=alt.X2("end:Q"),
            y=_categories("action", 240),
            color=alt.Color(
                "phase:N",
                scale=alt.Scale(domain=phase_names, range=PHASE_COLORS),
                legend=alt.Legend(
                    title=t("chart_phase", lang), orient="bottom", columns=3, labelLimit=180
                ),
            ),
            tooltip=_tooltip("action:N", "phase:N"),
        )
        .properties(width=WIDTH - 240, height=max(40, _rows_height(data["action"])))
    )


def ordered_groups(groups: set[str], q: Questionnaire) -> list[str]:
    """Role groups in the questionnaire's order of roles; "other" last."""
    order = {role.id: i for i, role in enumerate(q.roles) if role.id != OTHER_GROUP}
    return sorted(groups, key=lambda g: order.get(g, len(order)))


def group_label(group: str, q: Questionnaire, lang: Lang, short: bool = False) -> str:
    """A role group's name: the role's label or "Other roles"."""
    if group == OTHER_GROUP:
        return t("group_other", lang)
    role = q.roles_by_id[group]
    return role.short_label(lang) if short else role.label(lang)


def _categories(field: str, limit: int) -> alt.Y:
    """A category axis in data order, with labels on several lines where they wrap,
    centred on their row: Vega hangs a label's further lines below its first, so a
    four-line label would run into the axis under the chart."""
    return alt.Y(
        f"{field}:N",
        sort=alt.EncodingSortField("order"),
        title=None,
        axis=alt.Axis(
            labelLimit=limit,
            labelExpr=MULTILINE,
            labelLineHeight=LINE_HEIGHT,
            labelOffset=alt.ExprRef(
                f"-(length(split(datum.value, '\\n')) - 1) * {LINE_HEIGHT / 2}"
            ),
            ticks=False,
            domain=False,
        ),
    )


def _tooltip(*fields: str | alt.Tooltip) -> list[alt.Tooltip]:
    """Tooltip fields as channel objects: Altair turns plain strings into channels through
    a schema lookup that costs more than building the rest of the chart (the same goes
    for the other encodings here, written as `alt.X(...)`, `alt.Text(...)`, never as
    bare strings or `alt.condition`)."""
    return [f if isinstance(f, alt.Tooltip) else alt.Tooltip(f) for f in fields]


def _rows_height(labels: pd.Series) -> int:
    """Height for a category axis whose labels span several lines: Vega gives every row
    the same height, so each row must fit the tallest label."""
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    return len(labels) * (LINE_HEIGHT * lines + 10)


def _wrap(text: str, width: int, lines: int = 2) -> str:
    """At most `lines` lines of about `width` characters; the last ends with … if cut."""
    wrapped = textwrap.wrap(text, width)
    if len(wrapped) > lines:
        wrapped = [*wrapped[: lines - 1], _short(" ".join(wrapped[lines - 1 :]), width)]
    return "\n".join(wrapped)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _sized(chart: AnyChart, width: int, height: int, **more: Any) -> AnyChart:
    """Size (and title) set on a chart just built: `.properties` would copy it whole, and
    is typed as possibly returning a facet."""
    chart.width, chart.height = width, height
    for name, value in more.items():
        setattr(chart, name, value)
    return chart


def _style(chart: AnyChart) -> AnyChart:
    """The house style, in one `configure` call: Altair copies the whole chart on each
    call, and six chained calls cost a quarter of a chart's construction time."""
    styled = chart.configure(
        font=FONT,
        background="white",
        padding=4,
        view=alt.ViewConfig(stroke=None),
        axis=alt.AxisConfig(
            labelColor=MUTED,
            titleColor=MUTED,
            gridColor=GRID,
            domainColor=GRID,
            tickColor=GRID,
            labelFontSize=11,
            titleFontSize=11,
            titleFontWeight="normal",
            labelPadding=6,
        ),
        legend=alt.LegendConfig(
            labelColor=INK, labelFontSize=11, titleColor=MUTED, titleFontWeight="normal"
        ),
        header=alt.HeaderConfig(labelFont=FONT, titleFont=FONT),
        text=alt.MarkConfig(font=FONT),
    )
    return cast(AnyChart, styled)  # configure returns the chart's own type
