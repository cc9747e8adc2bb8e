"""What a page needs from the server side: the store, who is knocking, the app's address.

The store is opened once per server process (`st.cache_resource`): its connection pool is
shared by every session, and migrations run once at start-up, not on each rerun.
"""

from __future__ import annotations

import re
import secrets

import streamlit as st

from cxmaturity.links import app_base
from cxmaturity.proxies import server_trust_matches
from cxmaturity.store.factory import Store, open_store
from cxmaturity.workshops.join_gate import Knock

#: The browser's identifier, kept in a cookie so that a reload, a new tab or Back and
#: the code again are the same browser: it resumes its seat and keeps its gate tally.
BROWSER_COOKIE = "cxm_browser"
_BROWSER = "browser_id"
_COOKIE_WRITTEN = "browser_cookie_written"
_BROWSER_ID = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
#: The address given when a client's X-Forwarded-For may have chosen it (see _address).
UNVERIFIED_ADDRESS = "unverified"


@st.cache_resource(show_spinner=False)
def store() -> Store:
    return open_store()


def knock() -> Knock:
    """This browser and its address, for the join gate and the one seat per browser."""
    return Knock(browser=browser_id(), address=_address())


def browser_id() -> str:
    known: str | None = st.session_state.get(_BROWSER)
    if known:
        return known
    cookie = st.context.cookies.get(BROWSER_COOKIE, "")
    valid = isinstance(cookie, str) and _BROWSER_ID.match(cookie)
    value = cookie if valid else secrets.token_urlsafe(24)
    st.session_state[_BROWSER] = value
    return value


def remember_browser() -> None:
    """Write the browser's identifier to its cookie (once per session, only if missing).
    The value is ours (URL-safe base64), never something a client sent."""
    value = browser_id()
    if st.context.cookies.get(BROWSER_COOKIE) == value or st.session_state.get(_COOKIE_WRITTEN):
        return
    url = st.context.url
    secure = "; Secure" if isinstance(url, str) and url.startswith("https:") else ""
    st.html(
        f"<script>document.cookie = '{BROWSER_COOKIE}={value}; Path=/; "
        f"Max-Age=31536000; SameSite=Lax{secure}';</script>",
        unsafe_allow_javascript=True,
    )
    st.session_state[_COOKIE_WRITTEN] = True


def _address() -> str:
    """The client's address as the web server saw it. The web server rewrites it from
    X-Forwarded-For when the peer is a trusted proxy (cxmaturity.proxies); if it was
    started without `cxmaturity serve`, its trust may not be ours, so a request carrying
    that header gets one shared address rather than one it chose."""
    forwarded = st.context.headers.get("X-Forwarded-For")
    if isinstance(forwarded, str) and forwarded and not server_trust_matches():
        return UNVERIFIED_ADDRESS
    address = st.context.ip_address
    return address if isinstance(address, str) and address else "local"


def base_url(page_path: str) -> str:
    return app_base(st.context.url, page_path)
