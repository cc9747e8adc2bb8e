"""The browser's Back and Forward move between the questionnaire's sections.

Each section shown gets its own history entry (`?s=<section>` pushed by a fixed script
with a number in it, nothing else): Back returns to the previous section instead of
leaving the questionnaire for the join form. Going back reloads the page at that entry;
its first run opens the section the address names, and stores it as the participant's
place (the database, not the session, says where they are).
"""

from __future__ import annotations

import streamlit as st

SECTION = "s"
_READ = "section_from_address_read"

_PUSH = """<script>
(() => {
  const want = "SECTION_NUMBER";
  if (!window.cxmSectionBack) {
    window.cxmSectionBack = true;
    // Before Streamlit's own listener (capture), and instead of it: its rerun would
    // push this page's entry again, which cancels the reload under way.
    window.addEventListener("popstate", (event) => {
      const url = new URL(window.location.href);
      if (url.pathname.endsWith("/answer") && url.searchParams.has("s")) {
        event.stopImmediatePropagation();
        window.cxmLeaving = true;
        // A free text is sent when it loses focus: leave the field before the page.
        if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
        window.location.replace(url.href);
      }
    }, {capture: true});
  }
  if (window.cxmLeaving) return;
  const url = new URL(window.location.href);
  const shown = url.searchParams.get("s");
  if (shown === want) return;
  url.searchParams.set("s", want);
  if (shown === null) history.replaceState(history.state, "", url);
  else history.pushState(history.state, "", url);
})();
</script>"""


def section_from_address(sections: int) -> int | None:
    """On the first run of a page load only (a reload after Back, a shared link): the
    section `?s=` names, from 0 to `sections` (the end screen). Later runs of the same
    page follow the buttons, whose address is not updated yet when they run."""
    if st.session_state.get(_READ):
        return None
    st.session_state[_READ] = True
    raw = st.query_params.get(SECTION, "")
    return int(raw) if raw.isdigit() and int(raw) <= sections else None


def remember(section: int) -> None:
    """Give the section on screen its history entry (replacing the first one's)."""
    st.html(_PUSH.replace("SECTION_NUMBER", str(int(section))), unsafe_allow_javascript=True)
