"""The links the app hands out: where they point and what they carry.

A link is the key: the facilitator's holds the facilitator token, a participant's holds
the resume token, the join link holds the join code. Building them in one place keeps the
parameter names (`w`, `t`, `p`, `code`, `lang`) from drifting between pages and tests.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from urllib.parse import urlencode, urlsplit

from cxmaturity.localized import Lang

#: Set where the app runs behind a proxy, so QR codes point at the public address.
PUBLIC_URL_ENV = "CXM_PUBLIC_URL"
FALLBACK_BASE = "http://localhost:8501"

JOIN_PAGE = "join"
ANSWER_PAGE = "answer"
FACILITATE_PAGE = "facilitate"
PRESENT_PAGE = "present"


def app_base(browser_url: str | None, page_path: str) -> str:
    """The app's root address: `CXM_PUBLIC_URL`, else the browser's URL minus the page."""
    configured = os.environ.get(PUBLIC_URL_ENV, "").strip()
    if configured:
        return configured.rstrip("/")
    if not browser_url:
        return FALLBACK_BASE
    base = browser_url.rstrip("/")
    if page_path and base.endswith("/" + page_path):
        base = base[: -len(page_path) - 1]
    return base


def local_only(base: str) -> bool:
    """True when the address works only on this computer: no phone in the room reaches it."""
    host = urlsplit(base).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def network_base(base: str) -> str | None:
    """The same address on this computer's network interface (what the phones of a room on
    the same Wi-Fi can open), or None when there is none. Sends nothing: a UDP socket only
    asks the system which interface it would use."""
    parts = urlsplit(base)
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 9))
            address = probe.getsockname()[0]
    except OSError:
        return None
    if ipaddress.ip_address(address).is_loopback:
        return None
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{address}{port}{parts.path}".rstrip("/")


def join_link(base: str, code: str, lang: Lang) -> str:
    return _link(base, JOIN_PAGE, code=code, lang=lang)


def answer_link(base: str, resume_token: str, lang: Lang) -> str:
    return _link(base, ANSWER_PAGE, p=resume_token, lang=lang)


def facilitator_link(base: str, workshop_id: str, token: str, lang: Lang) -> str:
    return _link(base, FACILITATE_PAGE, w=workshop_id, t=token, lang=lang)


def present_link(base: str, workshop_id: str, token: str | None) -> str:
    """The projector's address; without a token for a signed-in facilitator (the window
    they open it in is signed in too). No `lang`: the room reads the workshop's."""
    return _link(base, PRESENT_PAGE, w=workshop_id, **({"t": token} if token else {}))


def _link(base: str, page: str, **params: str) -> str:
    return f"{base.rstrip('/')}/{page}?{urlencode(params)}"
