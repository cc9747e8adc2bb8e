"""What every page shares: the sidebar with the product name, the menu and the FR/EN switch;
and the guard that turns whatever a page did not expect into a calm message."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.localized import Lang
from cxmaturity.ui.language import current_lang, language_switch
from cxmaturity.ui.messages import friendly_errors
from cxmaturity.ui.routes import PUBLIC

#: What every page shares of the app's look (the projector too).
HOUSE_STYLE = Path(__file__).with_name("house.css")
#: The participant's page: fingers, not a mouse.
ANSWER_STYLE = Path(__file__).with_name("answer.css")


def page_frame() -> Lang:
    """Draw the shared sidebar; return the language the page must speak."""
    lang = current_lang()
    with st.sidebar:
        st.markdown(f"**{t('app_name', lang)}**")
        for page in PUBLIC:
            st.page_link(page, query_params={"lang": lang})
    _streamlit_words(lang)
    chosen = language_switch()
    streamlit_labels(chosen)
    return chosen


def _streamlit_words(lang: Lang) -> None:
    """Streamlit's own English that no parameter translates: the inputs' "Press Enter"
    hints are hidden (house.css); the file uploader's button and limit are replaced. Fixed
    styles; the words come from our catalogue (JSON-quoted), never from anyone's input."""
    browse = json.dumps(t("uploader_button", lang), ensure_ascii=False)
    limit = t("uploader_limit", lang, mb=st.get_option("server.maxUploadSize"))
    limit = json.dumps(limit, ensure_ascii=False)  # CSS reads UTF-8, not JSON's \u escapes
    button = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
    note = '[data-testid="stFileUploaderDropzoneInstructions"] span'
    st.html(HOUSE_STYLE)
    st.html(
        "<style>"
        f"{button}, {note} {{ font-size: 0; }}"
        f"{button}::after {{ content: {browse}; font-size: .875rem; }}"
        f"{note}::after {{ content: {limit}; font-size: .875rem; }}"
        "</style>"
    )


#: Streamlit's accessible names that a French page would otherwise read out in English
#: (catalogue keys `streamlit_label_<name>`; "help_for" is a prefix, "Help for <label>").
STREAMLIT_LABELS = (
    "skip", "sidebar", "expand_sidebar", "collapse_sidebar", "main_menu", "app_pages", "copy",
    "close", "open", "clear_value", "choose_date", "previous_month", "next_month",
    "selected_values", "column_menu", "copy_column", "increment", "decrement", "download_csv",
    "download_png", "fullscreen", "copy_spec",
)  # fmt: skip

_RELABEL = """<script>
(() => {
  window.cxmLabels = {words: WORDS, prefixes: PREFIXES};
  if (window.cxmRelabel) { window.cxmRelabel(); return; }
  const relabel = () => {
    const {words, prefixes} = window.cxmLabels;
    const fix = (value) => {
      if (!value) return null;
      if (words[value]) return words[value];
      for (const [english, local] of Object.entries(prefixes)) {
        if (value.startsWith(english)) return local + value.slice(english.length);
      }
      return null;
    };
    for (const e of document.querySelectorAll("[aria-label], [title]")) {
      for (const name of ["aria-label", "title"]) {
        const local = fix(e.getAttribute(name));
        if (local !== null) e.setAttribute(name, local);
      }
    }
    for (const a of document.querySelectorAll('a[href="#stMain"]')) {
      const local = fix(a.textContent);
      if (local !== null) a.textContent = local;
    }
  };
  window.cxmRelabel = relabel;
  relabel();
  // Once per frame at most: a rerun changes the page in many small mutations.
  let pending = false;
  const soon = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; relabel(); });
  };
  new MutationObserver(soon).observe(document.body, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["aria-label", "title"],
  });
})();
</script>"""


def streamlit_labels(lang: Lang) -> None:
    """Streamlit's own English accessible names ("Copy to clipboard", "Help for …"), said
    in the page's language: a fixed script that swaps our catalogue's words in as the
    frontend draws them. The words are the catalogue's, JSON-quoted."""
    # In English, empty: a switch from French leaves no French words to put back in.
    words = {t(_label_key(n), "en"): t(_label_key(n), lang) for n in STREAMLIT_LABELS}
    prefixes = {t(_label_key("help_for"), "en"): t(_label_key("help_for"), lang)}
    if lang == "en":
        words, prefixes = {}, {}
    script = _RELABEL.replace("WORDS", _script_json(words))
    with st.sidebar:  # drawn there, it puts no gap above the page's first element
        st.html(script.replace("PREFIXES", _script_json(prefixes)), unsafe_allow_javascript=True)


def _script_json(value: dict[str, str]) -> str:
    """JSON that cannot end the script it sits in: "</" is written "<\\/", as JSON allows."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def _label_key(name: str) -> str:
    return "streamlit_label_" + name


def guarded(render: Callable[[], None]) -> None:
    """Run a page. What it does not handle itself (a database down, a bug) is logged with
    its traceback on the server and shown as a message in the person's language, never as
    Streamlit's own error box."""
    with friendly_errors(current_lang()):
        render()
