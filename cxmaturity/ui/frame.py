"""What every page shares: the sidebar with the product name, the menu and the FR/EN switch;
and the guard that turns whatever a page did not expect into a calm message."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.localized import Lang
from cxmaturity.ui.language import current_lang, language_switch
from cxmaturity.ui.messages import friendly_errors
from cxmaturity.ui.routes import PUBLIC

#: What every page shares of the app's look (the projector too).
HOUSE_STYLE = Path(__file__).with_name("house.css")
#: The participant's page: fingers, not a mouse.
ANSWER_STYLE = Path(__file__).with_name("answer.css")


def page_frame() -> Lang:
    """Draw the shared sidebar; return the language the page must speak."""
    lang = current_lang()
    with st.sidebar:
        st.markdown(f"**{t('app_name', lang)}**")
        for page in PUBLIC:
            st.page_link(page, query_params={"lang": lang})
    _streamlit_words(lang)
    return language_switch()


def _streamlit_words(lang: Lang) -> None:
    """Streamlit's own English that no parameter translates: the inputs' "Press Enter"
    hints are hidden (house.css); the file uploader's button and limit are replaced. Fixed
    styles; the words come from our catalogue (JSON-quoted), never from anyone's input."""
    browse = json.dumps(t("uploader_button", lang), ensure_ascii=False)
    limit = t("uploader_limit", lang, mb=st.get_option("server.maxUploadSize"))
    limit = json.dumps(limit, ensure_ascii=False)  # CSS reads UTF-8, not JSON's \u escapes
    button = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
    note = '[data-testid="stFileUploaderDropzoneInstructions"] span'
    st.html(HOUSE_STYLE)
    st.html(
        "<style>"
        f"{button}, {note} {{ font-size: 0; }}"
        f"{button}::after {{ content: {browse}; font-size: .875rem; }}"
        f"{note}::after {{ content: {limit}; font-size: .875rem; }}"
        "</style>"
    )


def guarded(render: Callable[[], None]) -> None:
    """Run a page. What it does not handle itself (a database down, a bug) is logged with
    its traceback on the server and shown as a message in the person's language, never as
    Streamlit's own error box."""
    with friendly_errors(current_lang()):
        render()
