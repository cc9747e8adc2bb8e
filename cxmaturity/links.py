"""The links the app hands out: where they point and what they carry.

A link is the key: the facilitator's holds the facilitator token, a participant's holds
the resume token, the join link holds the join code. Building them in one place keeps the
parameter names (`w`, `t`, `p`, `code`, `lang`) from drifting between pages and tests.
"""

from __future__ import annotations

import os
from urllib.parse import urlencode

from cxmaturity.localized import Lang

#: Set where the app runs behind a proxy, so QR codes point at the public address.
PUBLIC_URL_ENV = "CXM_PUBLIC_URL"
FALLBACK_BASE = "http://localhost:8501"

JOIN_PAGE = "join"
ANSWER_PAGE = "answer"
FACILITATE_PAGE = "facilitate"


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


def join_link(base: str, code: str, lang: Lang) -> str:
    return _link(base, JOIN_PAGE, code=code, lang=lang)


def answer_link(base: str, resume_token: str, lang: Lang) -> str:
    return _link(base, ANSWER_PAGE, p=resume_token, lang=lang)


def facilitator_link(base: str, workshop_id: str, token: str, lang: Lang) -> str:
    return _link(base, FACILITATE_PAGE, w=workshop_id, t=token, lang=lang)


def _link(base: str, page: str, **params: str) -> str:
    return f"{base.rstrip('/')}/{page}?{urlencode(params)}"
