"""Text into reportlab Paragraphs, safely.

A Paragraph reads its text as markup (<b>, <img>, <para>, &…;). Every string that did not
come from this module — organisation names, aliases, free-text answers, and even the
questionnaire's content — goes through `esc` first, so it prints exactly as written.
"""

from __future__ import annotations

import re
from typing import cast
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, ListFlowable, ListItem, Paragraph

from cxmaturity.charts import MUTED
from cxmaturity.report.styles import BODY, H1, H3, HEADLINE, SECTION


def esc(text: object) -> str:
    """Markup-safe text: `<b>` prints as "<b>", `&` as "&".

    reportlab breaks lines at U+202F (it lists the narrow no-break space among its
    separators), which would strand a French ";" or "»" at the start of a line: it becomes
    U+00A0, which reportlab does keep with its word.
    """
    return escape(str(text), {'"': "&quot;"}).replace("\u202f", "\u00a0")


def para(text: object, style: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph of plain text (escaped)."""
    return Paragraph(esc(text), style)


def rich(markup: str, style: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph of markup built by this package from escaped parts."""
    return Paragraph(markup, style)


def bullets(items: list[Flowable], style: ParagraphStyle = BODY) -> ListFlowable:
    listed: list[Flowable] = [
        cast(Flowable, ListItem(item, leftIndent=12, value="•")) for item in items
    ]
    return ListFlowable(
        listed,
        bulletType="bullet",
        bulletFontName=style.fontName,
        bulletFontSize=style.fontSize,
        leftIndent=12,
        bulletColor=style.textColor,
    )


_NUMBERED = re.compile(r"^(\d+)\.\s+")


def markdown_flowables(text: str) -> list[Flowable]:
    """The small Markdown subset of docs/METHOD*.md: `##` headings, paragraphs, bullets and
    numbered lists. The document's own title (`#`) is left to the caller."""
    flowables: list[Flowable] = []
    blocks = [block for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]
    for block in blocks:
        lines = block.splitlines()
        if lines[0].startswith("# "):
            lines = lines[1:]
            if not lines:
                continue
        if lines[0].startswith("## "):
            flowables.append(rich(subscripts(esc(lines[0][3:].strip())), H3))
            lines = lines[1:]
            if not lines:
                continue
        items = _list_items(lines)
        if items is None:
            flowables.append(rich(subscripts(esc(" ".join(line.strip() for line in lines)))))
            continue
        kind, texts = items
        lists = [_list(kind, texts[:1], 1), _list(kind, texts[1:], 2)] if texts[1:] else []
        if flowables and isinstance(flowables[-1], Paragraph) and flowables[-1].style is H3:
            # A heading never ends a page: it travels with the list's first item.
            heading = flowables.pop()
            flowables.append(KeepTogether([heading, lists[0] if lists else _list(kind, texts, 1)]))
            flowables += lists[1:]
        else:
            flowables.append(_list(kind, texts, 1))
    return flowables


def _list(kind: str, texts: list[str], first: int) -> ListFlowable:
    """Bullets, or a numbered list starting at `first` (a list split after its heading)."""
    listed: list[Flowable] = [
        cast(Flowable, ListItem(rich(subscripts(esc(item))), leftIndent=14)) for item in texts
    ]
    return ListFlowable(
        listed,
        bulletType="1" if kind == "numbered" else "bullet",
        start=str(first) if kind == "numbered" else "•",
        bulletFormat="%s." if kind == "numbered" else None,
        leftIndent=14,
        bulletFontName=BODY.fontName,
        bulletFontSize=BODY.fontSize,
    )


_SUBSCRIPT = re.compile(r"(?<=[A-Za-zσ²])_([A-Za-z]+(?:\(J\))?)")


def subscripts(escaped: str) -> str:
    """Statistics notation in trusted documents: r_wg(J) → r<sub>wg(J)</sub>."""
    return _SUBSCRIPT.sub(r"<sub>\1</sub>", escaped)


def _list_items(lines: list[str]) -> tuple[str, list[str]] | None:
    first = lines[0]
    if first.startswith("- "):
        kind, marker = "bullet", re.compile(r"^-\s+")
    elif _NUMBERED.match(first):
        kind, marker = "numbered", _NUMBERED
    else:
        return None
    items: list[str] = []
    for line in lines:
        if marker.match(line):
            items.append(marker.sub("", line).strip())
        elif items:
            items[-1] += " " + line.strip()
    return kind, items


def notation(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    """Our own text with statistics notation: escaped, then r_wg(J) → r<sub>wg</sub>(J)."""
    return Paragraph(subscripts(esc(text)), style)


def muted(text: str) -> str:
    """Escaped text in the muted colour, for inline use in a `rich` paragraph."""
    return f"<font color='{MUTED}'>{esc(text)}</font>"


def section_title(label: str, headline: str | None) -> list[Flowable]:
    """A page's label, and under it the finding it shows when there is one."""
    if headline is None:
        return [para(label, H1)]
    return [para(label, SECTION), para(headline, HEADLINE)]
