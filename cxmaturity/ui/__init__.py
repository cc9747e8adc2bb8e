"""The browser UI: the only package that imports Streamlit. Pages stay thin and call the domain."""
