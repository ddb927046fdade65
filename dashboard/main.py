"""基层党建数据看板: `streamlit run dashboard/main.py`.

The server: Streamlit's app (``dashboard/view.py``, run on every rerun) with the routes
that keep a sign-in in the browser (``app.routes``). The app's script is kept in a folder
of its own: Streamlit serves a ``pages/`` folder beside its entry script in its legacy
multipage mode, and this app's pages (``pages/``, at the project's root) are served by
``st.navigation`` instead (see ``app.shell``).
"""

import streamlit as st

from app.routes import ROUTES

server = st.App("view.py", routes=ROUTES)
