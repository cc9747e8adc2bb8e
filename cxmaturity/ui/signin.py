"""Facilitator sign-in on a hosted server: Streamlit's built-in OpenID Connect (`st.login`),
used only when the operator configured an `[auth]` section in `.streamlit/secrets.toml`.

On a laptop with no such section nothing changes: whoever holds a workshop's link is its
facilitator. With sign-in configured, creating a workshop needs a signed-in facilitator,
who then finds their workshops on the home page and opens them without the link.
"""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.localized import Lang
from cxmaturity.workshops.access import SignedIn


def sign_in_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises rather than say "empty"
        return False


def signed_in() -> SignedIn | None:
    """The signed-in facilitator, identified by issuer and subject (an e-mail can change)."""
    if not sign_in_configured() or not st.user.is_logged_in:
        return None
    issuer, subject = str(st.user.get("iss") or ""), str(st.user.get("sub") or "")
    if not issuer or not subject:
        return None
    return SignedIn.of(issuer, subject, str(st.user.get("email") or ""))


def sign_in_bar(lang: Lang) -> SignedIn | None:
    """Who is signed in, with the button to sign in or out; None when not signed in."""
    facilitator = signed_in()
    if facilitator is None:
        st.write(t("signin_needed", lang))
        st.button(t("signin", lang), icon=":material/login:", type="primary", on_click=st.login)
        return None
    # Plain text: an address in Markdown would turn into a mailto link.
    st.text(t("signin_as", lang, who=facilitator.email or facilitator.subject))
    st.button(t("signout", lang), icon=":material/logout:", type="tertiary", on_click=st.logout)
    return facilitator
