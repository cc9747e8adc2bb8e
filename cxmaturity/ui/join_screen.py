"""The join screen, made for the room's projector: a large code, a QR code, the link.

What the room reads is in the workshop's language (the facilitator's own may differ);
the facilitator's controls are in theirs.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import re
import zoneinfo
from collections.abc import Callable

import streamlit as st

from cxmaturity.formatting import long_date
from cxmaturity.i18n import t
from cxmaturity.links import FACILITATE_PAGE, join_link, local_only, network_base
from cxmaturity.localized import Lang
from cxmaturity.qr import qr_png
from cxmaturity.ui.console_data import forget
from cxmaturity.ui.messages import friendly_errors
from cxmaturity.ui.session import base_url, store
from cxmaturity.workshops.access import Credential
from cxmaturity.workshops.tokens import display_code
from cxmaturity.workshops.views import WorkshopView

#: What a join code looks like: checked before it goes into the page's HTML or Markdown.
SAFE_CODE = re.compile(r"^[A-Z0-9-]{3,16}$")


def render(workshop: WorkshopView, token: Credential, lang: Lang) -> None:
    if workshop.status == "draft":
        st.info(t("join_screen_draft", lang))
        if st.button(t("join_screen_open", lang), type="primary"):
            _redraw_after(
                lambda: store().workshops.open_workshop(workshop.id, token), workshop, token, lang
            )
        return
    if workshop.join_code is None:
        st.info(t("join_screen_closed", lang), icon=":material/lock:")
        return
    base = base_url(FACILITATE_PAGE)
    if local_only(base):
        _unreachable_warning(base, lang)
    room = workshop.language
    link = join_link(base, workshop.join_code, room)
    code = display_code(workshop.join_code)
    words, picture = st.columns([3, 2], gap="large", vertical_alignment="center")
    with words:
        st.subheader(t("join_screen_heading", room), anchor=False)
        st.write(t("join_screen_how", room, address=join_address(link)))
        if SAFE_CODE.match(code):
            st.html(
                '<div style="font: 700 clamp(2.4rem, 7vw, 6rem)/1.1 ui-monospace, '
                "'DejaVu Sans Mono', monospace; letter-spacing: .08em; color: #1f4e79; "
                f'margin: .2em 0; white-space: nowrap">{code}</div>'
            )
        st.code(link, language=None, wrap_lines=True)
        if workshop.join_code_expires_at is not None:
            st.caption(
                t("join_screen_expires", room, when=_when(workshop.join_code_expires_at, room))
            )
    with picture:
        qr_figure(link, room)
    with st.popover(t("join_screen_new_code", lang), icon=":material/refresh:", type="tertiary"):
        st.write(t("join_screen_new_code_help", lang))
        if st.button(t("join_screen_new_code_now", lang), key="new_code_now"):
            _redraw_after(
                lambda: store().workshops.new_join_code(workshop.id, token), workshop, token, lang
            )


def qr_figure(link: str, lang: Lang) -> None:
    """The QR code with a text alternative (st.image has none: a screen reader said
    "image" and nothing else), its caption under it. The picture is ours, the words are
    the catalogue's and the link is escaped."""
    picture = base64.b64encode(qr_png(link)).decode("ascii")
    alt = html.escape(t("join_screen_qr_alt", lang, link=link), quote=True)
    caption = html.escape(t("join_screen_qr", lang))
    st.html(
        f'<figure class="cxm-qr"><img src="data:image/png;base64,{picture}" alt="{alt}">'
        f"<figcaption>{caption}</figcaption></figure>"
    )


def _redraw_after(
    change: Callable[[], object], workshop: WorkshopView, token: Credential, lang: Lang
) -> None:
    """Make the change, then draw the page again with what it changed (not a cached copy)."""
    with friendly_errors(lang):
        change()
        forget(workshop, token)
        st.rerun()


def _unreachable_warning(base: str, lang: Lang) -> None:
    """The console was opened as localhost: the link would work on this computer only."""
    elsewhere = network_base(base) if st.get_option("server.address") in (None, "") else None
    if elsewhere:
        st.warning(t("join_screen_local_try", lang, address=elsewhere), icon=":material/wifi_off:")
    else:
        st.warning(t("join_screen_local", lang), icon=":material/wifi_off:")


def join_address(link: str) -> str:
    """What to type when the QR code cannot be scanned: the join page's address."""
    return link.split("?", 1)[0]


def _when(moment: dt.datetime, lang: Lang) -> str:
    """In the facilitator's browser's time zone (the server's may be UTC)."""
    try:
        zone: dt.tzinfo | None = zoneinfo.ZoneInfo(st.context.timezone or "")
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        zone = None
    local = moment.astimezone(zone)
    return t(
        "join_screen_when",
        lang,
        date=long_date(local.date(), lang),
        hours=f"{local:%H}",
        minutes=f"{local:%M}",
    )
