"""Show text as text: Streamlit renders strings as Markdown, so escape what Markdown reads."""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def plain(text: str) -> str:
    """`text` escaped so that `st.markdown` shows it literally (no links, images, HTML)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)
