"""cx-maturity entry point: page config and routing only (`streamlit run app.py`)."""

import streamlit as st

from cxmaturity.ui.routes import layout_of, pages, sidebar_of

page = st.navigation(pages(), position="hidden")
# Once per run, before anything is drawn: a page that changed the layout itself made the
# console alternate between the two widths on every other click.
st.set_page_config(
    page_title="cx-maturity",
    page_icon="🧭",
    layout=layout_of(page),
    initial_sidebar_state=sidebar_of(page),
)
page.run()
