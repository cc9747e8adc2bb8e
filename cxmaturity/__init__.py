"""cx-maturity: assess a leadership team's customer-experience maturity and alignment.

The domain lives here and never imports Streamlit; the browser UI is `cxmaturity.ui`.
"""

__version__ = "0.1.0"
