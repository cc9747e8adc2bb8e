"""Show text as text: Streamlit renders strings as Markdown, so escape what Markdown reads;
and labels for widgets."""

from __future__ import annotations

import re

from cxmaturity.localized import Lang
from cxmaturity.questionnaire.model import Questionnaire

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&])")  # & too: no entities


def plain(text: str) -> str:
    """`text` escaped so that `st.markdown` shows it literally (no links, images, HTML)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def role_labels(q: Questionnaire, lang: Lang) -> dict[str, str]:
    """Role id → its label; pass `.__getitem__` as a widget's `format_func` (picklable,
    unlike a lambda, as serialisable session state requires)."""
    return {role.id: role.label(lang) for role in q.roles}
