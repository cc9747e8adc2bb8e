"""What a page needs from the server side: the store, the client's key, the app's address.

The store is opened once per server process (`st.cache_resource`): its connection pool is
shared by every session, and migrations run once at start-up, not on each rerun.
"""

from __future__ import annotations

import os
import secrets

import streamlit as st

from cxmaturity.links import app_base
from cxmaturity.store.factory import Store, open_store

#: Behind a proxy every connection comes from the proxy: trust its X-Forwarded-For only
#: when the operator says a proxy sets it (otherwise a client could pick its own key).
TRUST_PROXY_ENV = "CXM_TRUST_PROXY"
_DEVICE = "device"


@st.cache_resource(show_spinner=False)
def store() -> Store:
    return open_store()


def client_key() -> str:
    """Who is knocking, for throttling join-code guesses: "address/session". Wrong codes
    count against this browser session and, more loosely, against its address, which a
    whole room on one Wi-Fi may share (see store.service)."""
    device = st.session_state.setdefault(_DEVICE, secrets.token_urlsafe(9))
    return f"{_address()}/{device}"


def _address() -> str:
    if os.environ.get(TRUST_PROXY_ENV, "").lower() in {"1", "true", "yes"}:
        forwarded = st.context.headers.get("X-Forwarded-For", "")
        if forwarded:
            return forwarded.split(",")[0].strip()[:64]
    address = st.context.ip_address
    return address if isinstance(address, str) and address else "local"


def base_url(page_path: str) -> str:
    return app_base(st.context.url, page_path)
