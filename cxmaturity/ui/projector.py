"""Projector mode: the room's shared screen, opened from the console in a window of its
own (`/present?w=…&t=…`).

Before the reveal it shows how to join — the code, the QR code, the address and how many
have joined, nothing else; it moves on to the findings by itself when the facilitator
reveals them. After the reveal, one finding per screen (`cxmaturity.deck`), with
previous/next buttons that ← → and Page Up/Down (a presenter's clicker) also press, and
the slide in the URL so that a reload stays on it. What the room reads is in the
workshop's language unless `?lang=` asks for another.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from cxmaturity.deck import Slide, deck, position
from cxmaturity.i18n import t
from cxmaturity.links import PRESENT_PAGE, join_link
from cxmaturity.localized import LANGS, Lang, as_lang
from cxmaturity.report.context import ReportContext
from cxmaturity.ui import slides as slide_views
from cxmaturity.ui.console_data import LIVE_REFRESH, outcome, progress, questionnaire_of
from cxmaturity.ui.console_nav import remember_drawn
from cxmaturity.ui.frame import HOUSE_STYLE, streamlit_labels
from cxmaturity.ui.join_screen import SAFE_CODE, join_address, qr_figure
from cxmaturity.ui.live_progress import reveal_button
from cxmaturity.ui.messages import error_text, friendly_errors, show_flash
from cxmaturity.ui.plain import plain
from cxmaturity.ui.routes import FACILITATE
from cxmaturity.ui.session import base_url, store
from cxmaturity.ui.signin import signed_in
from cxmaturity.workshops.access import Credential
from cxmaturity.workshops.errors import StoreError
from cxmaturity.workshops.lifecycle import RESULTS_VISIBLE
from cxmaturity.workshops.tokens import display_code
from cxmaturity.workshops.views import WorkshopView

#: The slide shown, in the URL (`?slide=3` or `?slide=divergence-q12`).
SLIDE = "slide"
_AT = "present_at"  # the slide on screen, for when the deck changes under it

#: The room reads from afar: larger type, no app chrome, the whole width.
_ROOM_STYLE = Path(__file__).with_name("room.css")

#: ← → and Page Up/Down press the previous/next buttons, unless someone is typing (the
#: consensus note). A fixed script: it reads nothing from the page but our two buttons.
_KEYS = """<script>
(() => {
  if (window.cxmSlideKeys) return;
  window.cxmSlideKeys = true;
  const keys = {ArrowRight: "next", PageDown: "next", ArrowLeft: "prev", PageUp: "prev"};
  // Capture: seen before any element's own key handling.
  window.addEventListener("keydown", (event) => {
    const where = keys[event.key];
    if (!where || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target.closest("input, textarea, select, [contenteditable], [role=slider]")) return;
    const button = document.querySelector(`.st-key-slide_${where} button`);
    if (!button || button.disabled) return;
    event.preventDefault();
    // Focus would ring the page (or the button) on the room's screen; keys still arrive.
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    button.click();
  }, true);
})();
</script>"""


def render() -> None:
    st.html(HOUSE_STYLE)
    st.html(_ROOM_STYLE)
    workshop_id = st.query_params.get("w", "")
    token: Credential = st.query_params.get("t", "") or signed_in()
    asked = st.query_params.get("lang")
    try:
        workshop = store().workshops.workshop(workshop_id, token)
    except StoreError as exc:
        refused = as_lang(asked or st.context.locale)
        st.title(t("present_title", refused), anchor=False)
        st.error(error_text(exc, refused), icon=":material/lock:")
        return
    lang: Lang = as_lang(asked) if asked in LANGS else workshop.language
    streamlit_labels(lang)
    show_flash()
    if workshop.status in RESULTS_VISIBLE:
        _findings(workshop, token, lang)
    else:
        _join(workshop, token, lang)


def _join(workshop: WorkshopView, token: Credential, lang: Lang) -> None:
    if workshop.status == "draft" or workshop.join_code is None:
        st.title(plain(workshop.organisation), anchor=False)
        draft = workshop.status == "draft"
        waiting = t("present_not_open", lang) if draft else t("join_screen_closed", lang)
        st.info(waiting, icon=":material/hourglass_empty:")
        _watch(workshop, token, lang)
        _back_to_console(workshop, token, lang)
        return
    link = join_link(base_url(PRESENT_PAGE), workshop.join_code, workshop.language)
    code = display_code(workshop.join_code)
    words, picture = st.columns([3, 2], gap="large", vertical_alignment="center")
    with words:
        st.title(t("join_screen_heading", lang), anchor=False)
        st.write(t("join_screen_how", lang, address=join_address(link)))
        if SAFE_CODE.match(code):
            with st.container(key="room_code"):
                st.markdown(code)
        _joined(workshop, token, lang)
    with picture, st.container(key="room_qr"):
        qr_figure(link, lang)
    with st.container(horizontal=True, vertical_alignment="center", key="room_tools"):
        reveal_button(workshop, token, lang)
        _back_to_console(workshop, token, lang)


@st.fragment(run_every=LIVE_REFRESH)
def _watch(workshop: WorkshopView, token: Credential, lang: Lang) -> None:
    """Draw the page again when the console opens the workshop or replaces its code."""
    with friendly_errors(lang):
        _redraw_if_changed(workshop, token)


def _redraw_if_changed(workshop: WorkshopView, token: Credential) -> None:
    now = store().workshops.workshop(workshop.id, token)
    if (now.status, now.join_code) != (workshop.status, workshop.join_code):
        st.rerun(scope="app")


@st.fragment(run_every=LIVE_REFRESH)
def _joined(workshop: WorkshopView, token: Credential, lang: Lang) -> None:
    """The count the room watches grow; the page turns to the findings once revealed,
    and shows the new code once the console replaces it (the old one stops working)."""
    with friendly_errors(lang):
        _redraw_if_changed(workshop, token)
        shown = progress(workshop.id, token)
        # Which roles are in the room, only where roles are shown alone: in protected
        # mode "3 of 3 roles" would say the lone CEO has joined.
        expected = set(workshop.roles_expected) if workshop.role_figures == "open" else set()
        with st.container(key="room_count"):
            if expected:
                present = expected & {p.role for p in shown.participants}
                st.markdown(
                    t(
                        "present_joined_roles",
                        lang,
                        joined=shown.joined,
                        present=len(present),
                        expected=len(expected),
                    )
                )
            else:
                st.markdown(t("present_joined", lang, joined=shown.joined))
        st.caption(t("present_finished", lang, complete=shown.complete, joined=shown.joined))


def _findings(workshop: WorkshopView, token: Credential, lang: Lang) -> None:
    with friendly_errors(lang):
        archive, r = outcome(workshop.id, token, workshop.revision)
        ctx = ReportContext(archive, questionnaire_of(workshop), r, lang)
        slides = deck(r)
        shown = position(slides, st.query_params.get(SLIDE), st.session_state.get(_AT, 0))
        at = _moved(slides, shown)
        st.session_state[_AT] = at
        slide_views.draw(ctx, slides[at], slides, workshop, token)
        _navigation(slides, at, workshop, token, lang)
        # A consensus saved here against a revision the console changed since is refused.
        remember_drawn(workshop)


def _navigation(
    slides: list[Slide], at: int, workshop: WorkshopView, token: Credential, lang: Lang
) -> None:
    with st.container(horizontal=True, vertical_alignment="center", key="room_nav"):
        st.button(
            t("present_previous", lang),
            icon=":material/arrow_back:",
            key="slide_prev",
            disabled=at == 0,
        )
        st.markdown(
            t(
                "present_position",
                lang,
                n=at + 1,
                total=len(slides),
                name=plain(workshop.organisation),
            )
        )
        st.button(
            t("present_next", lang),
            icon=":material/arrow_forward:",
            key="slide_next",
            type="primary",
            disabled=at == len(slides) - 1,
        )
        st.space("stretch")
        st.caption(t("present_keys", lang))
        _back_to_console(workshop, token, lang)
    st.html(_KEYS, unsafe_allow_javascript=True)


def _moved(slides: list[Slide], at: int) -> int:
    """The slide after a press of previous/next (or of the keys that press them), kept in
    the URL: a reload, or the projector's browser restarting, stays on it."""
    step = bool(st.session_state.get("slide_next")) - bool(st.session_state.get("slide_prev"))
    at = min(max(at + step, 0), len(slides) - 1)
    if step:
        st.query_params[SLIDE] = slides[at].key
    return at


def _back_to_console(workshop: WorkshopView, token: Credential, lang: Lang) -> None:
    params = {"w": workshop.id, "lang": lang}
    if isinstance(token, str) and token:
        params["t"] = token
    st.page_link(
        FACILITATE, label=t("present_back", lang), icon=":material/tune:", query_params=params
    )
