"""Back to the top of the page after moving to another section (phones especially).

A fixed script, never built from data: it only scrolls Streamlit's main container.
"""

from __future__ import annotations

import streamlit as st

_SCROLL_TOP = """<script>
(document.querySelector('[data-testid="stMain"]') || window).scrollTo(0, 0);
window.parent && window.parent.scrollTo(0, 0);
</script>"""


def scroll_to_top() -> None:
    st.html(_SCROLL_TOP, unsafe_allow_javascript=True)
