"""cx-maturity entry point: page config and routing only (`streamlit run app.py`)."""

import streamlit as st

from cxmaturity.ui.routes import pages

st.set_page_config(page_title="cx-maturity", page_icon="🧭", layout="centered")
st.navigation(pages(), position="hidden").run()
