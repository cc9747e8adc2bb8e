"""Which language the page speaks: `?lang=` first, then the browser's, then French.

The choice lives in the URL so a reload, a shared link or a QR code keeps it.
"""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.localized import LANGS, Lang, as_lang

_LABELS = {"fr": "FR", "en": "EN"}
_WIDGET_KEY = "ui_lang"


def current_lang() -> Lang:
    requested = st.query_params.get("lang")
    if requested in LANGS:
        return as_lang(requested)
    return as_lang(st.context.locale)


def language_switch() -> Lang:
    """Draw the FR/EN switch in the sidebar and return the language to use."""
    lang = current_lang()
    st.sidebar.segmented_control(
        t("language", lang),
        options=LANGS,
        default=lang,
        format_func=_LABELS.__getitem__,
        key=_WIDGET_KEY,
        on_change=_remember_choice,
    )
    return current_lang()


def _remember_choice() -> None:
    picked = st.session_state.get(_WIDGET_KEY)
    if picked in LANGS:
        st.query_params["lang"] = picked
    else:  # a click on the selected option deselects it: keep the language instead
        st.session_state[_WIDGET_KEY] = current_lang()
