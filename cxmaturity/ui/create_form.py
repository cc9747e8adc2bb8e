"""Create a workshop in under a minute, then hand the facilitator their private link."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.links import facilitator_link
from cxmaturity.localized import LANGS, Lang
from cxmaturity.questionnaire import default_questionnaire
from cxmaturity.questionnaire.model import OTHER_ROLE
from cxmaturity.ui.frame import page_frame
from cxmaturity.ui.messages import field_problem, friendly_errors
from cxmaturity.ui.plain import role_labels
from cxmaturity.ui.routes import FACILITATE
from cxmaturity.ui.session import base_url, knock, store
from cxmaturity.ui.signin import sign_in_bar, sign_in_configured
from cxmaturity.workshops.identity import ANONYMITY_MODES
from cxmaturity.workshops.limits import ORGANISATION_LIMIT
from cxmaturity.workshops.role_figures import (
    DEFAULT_MIN_GROUP,
    DEFAULT_MODE,
    MIN_PROTECTED_GROUP,
    MODES,
)
from cxmaturity.workshops.views import FacilitatorAccess, NewWorkshop

_CREATED = "created_workshop"
#: Who usually sits on a leadership team's CX workshop (the facilitator can change it).
CORE_ROLES = ("ceo", "marketing", "sales", "customer_relations", "cx", "operations")


def render() -> None:
    lang = page_frame()
    st.title(t("new_title", lang), anchor=False)
    created: tuple[str, str] | None = st.session_state.get(_CREATED)
    if created:
        _hand_over(FacilitatorAccess(*created), lang)
        return
    owner = None
    if sign_in_configured():  # a hosted server: workshops belong to signed-in facilitators
        owner = sign_in_bar(lang)
        if owner is None:
            return
    st.write(t("new_intro", lang))
    q = default_questionnaire()
    with st.form("new_workshop"):
        organisation = st.text_input(t("new_organisation", lang), max_chars=ORGANISATION_LIMIT)
        day = st.date_input(t("new_date", lang), value=dt.date.today(), format="DD/MM/YYYY")
        language = st.segmented_control(
            t("new_language", lang),
            options=LANGS,
            default=lang,
            format_func={code: t(f"language_{code}", lang) for code in LANGS}.__getitem__,
        )
        roles = st.pills(  # every role in sight, large enough for a thumb
            t("new_roles", lang),
            options=[r.id for r in q.roles if r.id != OTHER_ROLE],
            selection_mode="multi",
            default=list(CORE_ROLES),
            format_func=role_labels(q, lang).__getitem__,
            help=t("new_roles_help", lang),
        )
        anonymity = st.radio(
            t("new_anonymity", lang),
            options=ANONYMITY_MODES,
            format_func={m: t(f"anonymity_{m}", lang) for m in ANONYMITY_MODES}.__getitem__,
            captions=[t(f"anonymity_help_{mode}", lang) for mode in ANONYMITY_MODES],
        )
        role_figures = st.radio(
            t("new_role_figures", lang),
            options=MODES,
            index=MODES.index(DEFAULT_MODE),
            format_func={m: t(f"role_figures_{m}", lang) for m in MODES}.__getitem__,
            captions=[t(f"role_figures_help_{m}", lang) for m in MODES],
        )
        min_group = st.number_input(
            t("new_min_group", lang),
            min_value=MIN_PROTECTED_GROUP,
            max_value=10,
            value=DEFAULT_MIN_GROUP,
            help=t("new_min_group_help", lang),
        )
        submitted = st.form_submit_button(t("new_submit", lang), type="primary")
    if not submitted:
        return
    problem = field_problem(organisation, ORGANISATION_LIMIT, t("new_organisation", lang), lang)
    if problem:
        st.error(problem, icon=":material/error:")
        return
    with friendly_errors(lang):
        service = store().workshops
        access = service.create_workshop(
            NewWorkshop(
                organisation=organisation,
                workshop_date=day,
                language=language or lang,
                questionnaire_id=q.id,
                questionnaire_version=q.version,
                roles_expected=tuple(roles),
                anonymity=str(anonymity),
                role_figures=str(role_figures),
                min_group_size=int(min_group),
            ),
            requester=knock(),
            owner=owner,
        )
        # Kept at once: the token exists nowhere else. If opening fails, the console's
        # join view offers to open the draft.
        st.session_state[_CREATED] = (access.workshop_id, access.token)
        service.open_workshop(access.workshop_id, access.token)
        st.rerun()


def _hand_over(access: FacilitatorAccess, lang: Lang) -> None:
    st.success(t("new_created", lang), icon=":material/task_alt:")
    st.warning(t("new_keep_link", lang), icon=":material/key:")
    link = facilitator_link(base_url("new"), access.workshop_id, access.token, lang)
    st.code(link, language=None, wrap_lines=True)
    st.page_link(
        FACILITATE,
        label=t("new_open_console", lang),
        icon=":material/arrow_forward:",
        query_params={"w": access.workshop_id, "t": access.token, "lang": lang},
    )
    if st.button(t("new_another", lang), type="tertiary"):
        del st.session_state[_CREATED]
        st.rerun()
