"""The facilitator's console: one page, one view at a time (the choice lives in the URL).

Every read and write presents the workshop id and the facilitator token from the link
(or, on a hosted server with sign-in, the signed-in facilitator who created it); a
missing, wrong or tampered token shows a message and no data of any workshop.
"""

from __future__ import annotations

import streamlit as st

from cxmaturity.formatting import long_date
from cxmaturity.i18n import t
from cxmaturity.links import facilitator_link, present_link
from cxmaturity.localized import Lang
from cxmaturity.ui import (
    consensus_view,
    exports_view,
    interviews_view,
    join_screen,
    live_progress,
    results_view,
    roadmap_view,
)
from cxmaturity.ui.console_data import questionnaire_of
from cxmaturity.ui.console_nav import NEXT_VIEW, VIEW, remember_drawn
from cxmaturity.ui.frame import page_frame
from cxmaturity.ui.messages import error_text, friendly_errors, show_flash
from cxmaturity.ui.plain import plain
from cxmaturity.ui.routes import FACILITATE_PAGE, NEW
from cxmaturity.ui.session import base_url, store
from cxmaturity.ui.signin import signed_in
from cxmaturity.workshops.access import Credential
from cxmaturity.workshops.errors import (
    InvalidFacilitatorToken,
    MissingFacilitatorToken,
    StoreError,
)
from cxmaturity.workshops.lifecycle import RESULTS_VISIBLE
from cxmaturity.workshops.views import WorkshopView

ROTATED = "rotated_link"
VIEWS = {
    "join": join_screen.render,
    "progress": live_progress.render,
    "results": results_view.render,
    "consensus": consensus_view.render,
    "roadmap": roadmap_view.render,
    "interviews": interviews_view.render,
    "export": exports_view.render,
}


def render() -> None:
    lang = page_frame()
    workshop_id = st.query_params.get("w", "")
    token: Credential = st.query_params.get("t", "") or signed_in()
    try:
        workshop = store().workshops.workshop(workshop_id, token)
    except StoreError as exc:
        st.title(t("console_title", lang), anchor=False)
        st.error(error_text(exc, lang), icon=":material/lock:")
        if type(exc) in (InvalidFacilitatorToken, MissingFacilitatorToken):
            # A replaced or deleted workshop's message already says what to do.
            st.write(t("console_link_help", lang))
        st.page_link(NEW, label=t("new_title", lang), query_params={"lang": lang})
        return
    _header(workshop, token, lang)
    show_flash()
    default = "results" if workshop.status in RESULTS_VISIBLE else "join"
    pending = st.session_state.pop(NEXT_VIEW, None)
    if pending in VIEWS:
        st.session_state[VIEW] = pending
    elif VIEW not in st.session_state:
        requested = st.query_params.get("view")
        st.session_state[VIEW] = requested if requested in VIEWS else default
    view = st.segmented_control(
        t("console_view", lang),
        options=list(VIEWS),
        required=True,
        format_func={name: t(f"view_{name}", lang) for name in VIEWS}.__getitem__,
        key=VIEW,
        on_change=_remember_view,
        label_visibility="collapsed",
        width="stretch",
    )
    VIEWS[view if view in VIEWS else default](workshop, token, lang)
    st.divider()
    _link_menu(workshop, token, lang)
    remember_drawn(workshop)


def _remember_view() -> None:
    """The view goes into the URL: a reload, or the link shared with a co-facilitator,
    opens the same view."""
    st.query_params["view"] = st.session_state[VIEW]


def _link_menu(workshop: WorkshopView, token: Credential, lang: Lang) -> None:
    """Revoke the facilitator link (forwarded, shown on a shared screen): a new one
    replaces it at once; this page moves to the new link."""
    with st.popover(t("link_menu", lang), icon=":material/key:", type="tertiary"):
        st.write(t("link_rotate_help", lang))
        if st.button(t("link_rotate", lang), key="rotate_link"):
            with friendly_errors(lang):
                fresh = store().workshops.rotate_link(workshop.id, token)
                st.session_state[ROTATED] = fresh.token
                if isinstance(token, str) and token:
                    st.query_params["t"] = fresh.token
                st.rerun()
        rotated = st.session_state.get(ROTATED)
        if rotated:
            st.success(t("link_rotated", lang), icon=":material/task_alt:")
            st.code(
                facilitator_link(base_url(FACILITATE_PAGE), workshop.id, rotated, lang),
                language=None,
                wrap_lines=True,
            )


def _header(workshop: WorkshopView, token: Credential, lang: Lang) -> None:
    st.title(plain(workshop.organisation), anchor=False)
    q = questionnaire_of(workshop)
    st.caption(
        " · ".join(
            [
                long_date(workshop.workshop_date, lang),
                t(f"status_{workshop.status}", lang),
                t(f"anonymity_{workshop.anonymity}", lang),
                plain(q.title(lang)),
            ]
        )
    )
    # A window of its own, for the room's screen: the console stays on this one.
    link = present_link(
        base_url(FACILITATE_PAGE), workshop.id, token if isinstance(token, str) else None
    )
    st.link_button(t("present_open", lang), link, icon=":material/co_present:", type="tertiary")
