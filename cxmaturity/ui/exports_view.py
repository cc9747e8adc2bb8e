"""Take the workshop away (PDF, archive, CSV), close it, or delete it.

The PDF is built only when asked: it takes about a second and most visits to this view
are for the other buttons. Downloads carry the workshop's data, so file names carry
only the date and a slug of the organisation.
"""

from __future__ import annotations

import re
import unicodedata

import streamlit as st

from cxmaturity.archive.csv_io import archive_to_csv
from cxmaturity.archive.io import dump_archive
from cxmaturity.i18n import t
from cxmaturity.localized import LANGS, Lang
from cxmaturity.report.builder import build_report
from cxmaturity.store.views import WorkshopView
from cxmaturity.ui.console_data import forget, questionnaire_of
from cxmaturity.ui.messages import flash, friendly_errors
from cxmaturity.ui.routes import HOME
from cxmaturity.ui.session import store

_PDF = "export_pdf"  # (workshop id, revision, language) → the PDF built for it


def render(workshop: WorkshopView, token: str, lang: Lang) -> None:
    with friendly_errors(lang):
        _downloads(workshop, token, lang)
    st.divider()
    _close(workshop, token, lang)
    st.divider()
    _delete(workshop, token, lang)


def file_stem(workshop: WorkshopView) -> str:
    """ "Groupe Horizon (démo)" on 2026-03-12 → "2026-03-12-groupe-horizon-demo"."""
    ascii_name = (
        unicodedata.normalize("NFKD", workshop.organisation).encode("ascii", "ignore").decode()
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40] or "workshop"
    return f"{workshop.workshop_date.isoformat()}-{slug}"


def _downloads(workshop: WorkshopView, token: str, lang: Lang) -> None:
    st.subheader(t("export_heading", lang))
    if workshop.status == "open":
        st.caption(t("export_before_reveal", lang))
    q = questionnaire_of(workshop)
    archive = store().workshops.archive(workshop.id, token)
    stem = file_stem(workshop)
    report_lang = st.segmented_control(
        t("export_pdf_language", lang),
        options=LANGS,
        default=workshop.language,
        required=True,
        format_func={code: t(f"language_{code}", lang) for code in LANGS}.__getitem__,
        key="export_lang",
    )
    wanted = (workshop.id, workshop.revision, report_lang, len(archive.participants))
    built = st.session_state.get(_PDF)
    if built is None or built[0] != wanted:
        if st.button(
            t("export_pdf_prepare", lang), type="primary", icon=":material/picture_as_pdf:"
        ):
            with st.spinner(t("export_pdf_building", lang)):
                st.session_state[_PDF] = (wanted, build_report(archive, q, report_lang))
            st.rerun()
    else:
        st.download_button(
            t("export_pdf_download", lang),
            data=built[1],
            file_name=f"{stem}-{report_lang}.pdf",
            mime="application/pdf",
            type="primary",
            icon=":material/download:",
            on_click="ignore",
        )
    json_col, csv_col = st.columns(2)
    json_col.download_button(
        t("export_json", lang),
        data=dump_archive(archive).encode("utf-8"),
        file_name=f"{stem}.json",
        mime="application/json",
        icon=":material/data_object:",
        on_click="ignore",
        help=t("export_json_help", lang),
    )
    csv_col.download_button(
        t("export_csv", lang),
        data=("\ufeff" + archive_to_csv(archive, q)).encode("utf-8"),
        file_name=f"{stem}.csv",
        mime="text/csv",
        icon=":material/table:",
        on_click="ignore",
        help=t("export_csv_help", lang),
    )


def _close(workshop: WorkshopView, token: str, lang: Lang) -> None:
    st.subheader(t("close_heading", lang))
    if workshop.status == "closed":
        st.caption(t("close_done", lang))
        return
    st.caption(t("close_help", lang))
    with st.popover(t("close_button", lang), icon=":material/lock:"):
        st.write(t("close_confirm", lang))
        if st.button(t("close_now", lang), type="primary", key="close_now"):
            with friendly_errors(lang):
                store().workshops.close(workshop.id, token)
                forget(workshop, token)
                flash(t("close_closed", lang))
                st.rerun()


def _delete(workshop: WorkshopView, token: str, lang: Lang) -> None:
    st.subheader(t("delete_heading", lang))
    st.caption(t("delete_help", lang))
    sure = st.checkbox(t("delete_confirm", lang), key="delete_sure")
    if st.button(
        t("delete_button", lang),
        type="secondary",
        disabled=not sure,
        icon=":material/delete_forever:",
    ):
        with friendly_errors(lang):
            store().workshops.delete_workshop(workshop.id, token)
            forget(workshop, token)
            st.session_state.pop(_PDF, None)
            st.switch_page(HOME, query_params={"lang": lang, "deleted": "1"})
