"""What every page shares: the sidebar with the product name and the FR/EN switch."""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.localized import Lang
from cxmaturity.ui.language import current_lang, language_switch


def page_frame() -> Lang:
    """Draw the shared sidebar; return the language the page must speak."""
    with st.sidebar:
        st.markdown(f"**{t('app_name', current_lang())}**")
    return language_switch()
