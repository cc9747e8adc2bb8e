"""What every page shares: the sidebar with the product name, the menu and the FR/EN switch."""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.localized import Lang
from cxmaturity.ui.language import current_lang, language_switch
from cxmaturity.ui.routes import PUBLIC


def page_frame() -> Lang:
    """Draw the shared sidebar; return the language the page must speak."""
    lang = current_lang()
    with st.sidebar:
        st.markdown(f"**{t('app_name', lang)}**")
        for page in PUBLIC:
            st.page_link(page, query_params={"lang": lang})
    return language_switch()
