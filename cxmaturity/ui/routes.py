"""The app's pages, for `st.navigation` in app.py: one file each under `ui/pages/`.

File pages (not functions) so that AppTest can switch to them; the menu is drawn by
`frame.page_frame()`, which shows only the public pages (a participant's or a
facilitator's page needs the token in its link).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from cxmaturity.i18n import t
from cxmaturity.links import ANSWER_PAGE, FACILITATE_PAGE, JOIN_PAGE, PRESENT_PAGE
from cxmaturity.ui.language import current_lang

PAGES = Path(__file__).with_name("pages")
HOME = PAGES / "home.py"
JOIN = PAGES / "join.py"
ANSWER = PAGES / "answer.py"
NEW = PAGES / "new.py"
FACILITATE = PAGES / "facilitate.py"
PRESENT = PAGES / "present.py"
QUESTIONNAIRE = PAGES / "questionnaire.py"
#: Drawn in the sidebar menu, in this order.
PUBLIC = (HOME, JOIN, NEW, QUESTIONNAIRE)
#: The room's screens use all of it; the others read best in a column.
WIDE = (FACILITATE_PAGE, PRESENT_PAGE)


def pages() -> list[st.Page]:
    lang = current_lang()
    return [
        st.Page(HOME, title=t("home_title", lang), icon=":material/home:", default=True),
        st.Page(JOIN, title=t("join_title", lang), icon=":material/login:", url_path=JOIN_PAGE),
        st.Page(ANSWER, title=t("answer_title", lang), url_path=ANSWER_PAGE),
        st.Page(NEW, title=t("new_title", lang), icon=":material/add_circle:", url_path="new"),
        st.Page(FACILITATE, title=t("console_title", lang), url_path=FACILITATE_PAGE),
        st.Page(PRESENT, title=t("present_title", lang), url_path=PRESENT_PAGE),
        st.Page(
            QUESTIONNAIRE,
            title=t("preview_title", lang),
            icon=":material/list_alt:",
            url_path="questionnaire",
        ),
    ]


def layout_of(page: StreamlitPage) -> Literal["centered", "wide"]:
    return "wide" if page.url_path in WIDE else "centered"


def sidebar_of(page: StreamlitPage) -> Literal["auto", "collapsed"]:
    """The console has its own views: its menu stays closed until asked for."""
    return "collapsed" if page.url_path in WIDE else "auto"
