"""The facilitator console's reads, cached so that a rerun (or the live view's refresh,
or a second facilitator tab) does not query the database again within a few seconds.

Keys include the facilitator token: a cached entry is only ever returned to a caller
who presented the same token as the call that filled it.
"""

from __future__ import annotations

import streamlit as st

from cxmaturity.archive.model import WorkshopArchive
from cxmaturity.questionnaire.model import Questionnaire
from cxmaturity.questionnaire.registry import questionnaire_for
from cxmaturity.results.engine import compute_results
from cxmaturity.results.model import Results
from cxmaturity.ui.session import store
from cxmaturity.workshops.access import Credential
from cxmaturity.workshops.views import Progress, WorkshopView

#: The live view refreshes every LIVE_REFRESH seconds from one query cached this long.
LIVE_REFRESH = 5
PROGRESS_TTL = 3
#: Answers may still change after the reveal; results follow within this many seconds.
RESULTS_TTL = 10


@st.cache_data(ttl=PROGRESS_TTL, show_spinner=False, max_entries=256)
def progress(workshop_id: str, token: Credential) -> Progress:
    return store().workshops.progress(workshop_id, token)


@st.cache_data(ttl=RESULTS_TTL, show_spinner=False, max_entries=64)
def outcome(workshop_id: str, token: Credential, revision: int) -> tuple[WorkshopArchive, Results]:
    """The workshop's archive and its results, at this revision of the facilitator's edits."""
    archive = store().workshops.archive(workshop_id, token)
    q = questionnaire_for(archive.questionnaire.id, archive.questionnaire.version)
    return archive, compute_results(archive, q)


def questionnaire_of(workshop: WorkshopView) -> Questionnaire:
    return questionnaire_for(workshop.questionnaire_id, workshop.questionnaire_version)


def forget(workshop: WorkshopView, token: Credential) -> None:
    """After a change made from this page: show it now, not after the cache expires.

    Only this workshop's entries: one facilitator's click must not empty the cache of
    every other workshop on a shared server. (A change that bumps the revision makes the
    old results unreachable anyway; this covers answers entered in interviews.)
    """
    progress.clear(workshop.id, token)
    outcome.clear(workshop.id, token, workshop.revision)
