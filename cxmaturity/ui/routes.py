"""The app's pages, for `st.navigation` in app.py."""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.ui import questionnaire_page
from cxmaturity.ui.language import current_lang


def pages() -> list[st.Page]:
    lang = current_lang()
    return [
        st.Page(
            questionnaire_page.render,
            title=t("preview_title", lang),
            url_path="questionnaire",
            default=True,
        ),
    ]
