"""Which view of the console is shown: a widget's value, mirrored in the URL (`?view=`)."""

from __future__ import annotations

import streamlit as st

from cxmaturity.workshops.views import WorkshopView

VIEW = "view"
NEXT_VIEW = "view_next"


def show_view(name: str) -> None:
    """Switch view on the next run (a widget's value cannot change once it is drawn)."""
    st.session_state[NEXT_VIEW] = name
    st.query_params["view"] = name


_DRAWN = "drawn_revision"


def drawn_revision(workshop: WorkshopView) -> int:
    """The revision the person was looking at when they clicked: the previous run's.

    A click reruns the page, and the rerun reads the workshop afresh; saving with the fresh
    revision would silently overwrite what another tab changed in between. Saving with
    the revision the page was drawn at turns that into a clear conflict message.
    """
    drawn: dict[str, int] = st.session_state.get(_DRAWN, {})
    return drawn.get(workshop.id, workshop.revision)


def remember_drawn(workshop: WorkshopView) -> None:
    st.session_state.setdefault(_DRAWN, {})[workshop.id] = workshop.revision
