"""Errors a person can cause, shown as friendly messages with a way forward.

Store and input errors carry a catalogue key; anything else is a bug: it is logged on the
server with its traceback, and the person sees a calm message (never the traceback).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from cxmaturity.formatting import long_date
from cxmaturity.i18n import t
from cxmaturity.localized import Lang
from cxmaturity.problems import InputError
from cxmaturity.workshops.errors import StoreError
from cxmaturity.workshops.identity import text_problem

log = logging.getLogger("cxmaturity.ui")


def error_text(exc: Exception, lang: Lang) -> str:
    if isinstance(exc, StoreError):
        params = {
            name: long_date(value, lang) if isinstance(value, dt.date) else value
            for name, value in exc.params.items()
        }
        return t(exc.key, lang, **params)

    if isinstance(exc, InputError):
        return t("error_invalid_file", lang)

    return t("error_unexpected", lang)


def show_error(exc: Exception, lang: Lang) -> None:
    st.error(error_text(exc, lang), icon=":material/error:")
    if isinstance(exc, InputError):
        st.text("\n".join(exc.lines()))


@contextmanager
def friendly_errors(lang: Lang) -> Iterator[None]:
    """Run a block; turn what goes wrong into a message (streamlit's reruns pass through)."""
    try:
        yield
    except (StoreError, InputError) as exc:
        show_error(exc, lang)
    except Exception as exc:
        log.exception("unexpected error in a page")
        show_error(exc, lang)


def field_problem(value: str | None, limit: int, field: str, lang: Lang) -> str | None:
    """What is wrong with a form's text, naming the field — by the store's own rule, so
    what the form accepts the store accepts."""
    problem = text_problem(value, limit)
    return None if problem is None else t(f"field_{problem}", lang, field=field, limit=limit)


_FLASH = "flash"


def flash(text: str) -> None:
    """A confirmation to show after the rerun that follows a change."""
    st.session_state[_FLASH] = text


def show_flash() -> None:
    text = st.session_state.pop(_FLASH, None)
    if text:
        st.success(text, icon=":material/check_circle:")
