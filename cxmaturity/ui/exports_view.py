"""Take the workshop away (PDF, archive, CSV), close it, or delete it.

The PDF is built only when asked: it takes about a second and most visits to this view
are for the other buttons. Downloads carry the workshop's data, so file names carry
only the date and a slug of the organisation.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import streamlit as st

from cxmaturity.archive.csv_io import archive_to_csv
from cxmaturity.archive.io import dump_archive
from cxmaturity.archive.model import WorkshopArchive
from cxmaturity.i18n import t
from cxmaturity.localized import LANGS, Lang
from cxmaturity.report.builder import build_report
from cxmaturity.ui.console_data import forget, outcome, questionnaire_of
from cxmaturity.ui.messages import flash, friendly_errors
from cxmaturity.ui.routes import HOME
from cxmaturity.ui.session import store
from cxmaturity.workshops.access import Credential
from cxmaturity.workshops.lifecycle import RESULTS_VISIBLE
from cxmaturity.workshops.views import WorkshopView

_PDF = "export_pdf"  # (workshop id, language, content fingerprint) → the PDF built for it


def render(workshop: WorkshopView, token: Credential, lang: Lang) -> None:
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


def _downloads(workshop: WorkshopView, token: Credential, lang: Lang) -> None:
    st.subheader(t("export_heading", lang), anchor=False)
    if workshop.status in RESULTS_VISIBLE:
        _pdf(workshop, token, lang)
    else:  # the report is the results: not before the room has seen them together
        st.caption(t("export_pdf_after_reveal", lang))
    service, q, stem = store().workshops, questionnaire_of(workshop), file_stem(workshop)

    def shared() -> WorkshopArchive:
        """Read when the file is asked for (not on every rerun of this view)."""
        return service.archive(workshop.id, token).for_sharing()

    json_col, csv_col = st.columns(2)
    json_col.download_button(
        t("export_json", lang),
        data=lambda: dump_archive(shared()).encode("utf-8"),
        file_name=f"{stem}.json",
        mime="application/json",
        icon=":material/data_object:",
        on_click="ignore",
        help=t("export_json_help", lang),
    )
    csv_col.download_button(
        t("export_csv", lang),
        data=lambda: ("\ufeff" + archive_to_csv(shared(), q)).encode("utf-8"),
        file_name=f"{stem}.csv",
        mime="text/csv",
        icon=":material/table:",
        on_click="ignore",
        help=t("export_csv_help", lang),
    )


def _pdf(workshop: WorkshopView, token: Credential, lang: Lang) -> None:
    """Built on request from the results on screen; offered again only while they hold
    (answers may still change after the reveal: a changed answer needs a new PDF)."""
    archive, _ = outcome(workshop.id, token, workshop.revision)
    report_lang = st.segmented_control(
        t("export_pdf_language", lang),
        options=LANGS,
        default=workshop.language,
        required=True,
        format_func={code: t(f"language_{code}", lang) for code in LANGS}.__getitem__,
        key="export_lang",
    )
    wanted = (workshop.id, report_lang, fingerprint(archive))
    built = st.session_state.get(_PDF)
    if built is not None and built[0] == wanted:
        st.download_button(
            t("export_pdf_download", lang),
            data=built[1],
            file_name=f"{file_stem(workshop)}-{report_lang}.pdf",
            mime="application/pdf",
            type="primary",
            icon=":material/download:",
            on_click="ignore",
        )
    elif st.button(t("export_pdf_prepare", lang), type="primary", icon=":material/picture_as_pdf:"):
        with st.spinner(t("export_pdf_building", lang)):
            pdf = build_report(archive, questionnaire_of(workshop), report_lang)
        st.session_state[_PDF] = (wanted, pdf)
        st.rerun()


def fingerprint(archive: WorkshopArchive) -> str:
    """Changes whenever anything the report shows changes."""
    return hashlib.sha256(dump_archive(archive).encode("utf-8")).hexdigest()


def _close(workshop: WorkshopView, token: Credential, lang: Lang) -> None:
    st.subheader(t("close_heading", lang), anchor=False)
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


def _delete(workshop: WorkshopView, token: Credential, lang: Lang) -> None:
    st.subheader(t("delete_heading", lang), anchor=False)
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
