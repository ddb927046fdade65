"""基层党建数据看板: `streamlit run dashboard/main.py`.

The server: Streamlit's app (``dashboard/view.py``, run on every rerun) with the routes
that keep a sign-in in the browser (``app.routes``). The app's script is kept in a folder
of its own: Streamlit serves a ``pages/`` folder beside its entry script in its legacy
multipage mode, and this app's pages (``pages/``, at the project's root) are served by
``st.navigation`` instead (see ``app.shell``).
"""

import sys
from pathlib import Path

import streamlit as st

ROOT = str(Path(__file__).resolve().parent.parent)  # the project, whose packages it imports
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from app.routes import ROUTES  # noqa: E402 (after the project is on the path)

server = st.App("view.py", routes=ROUTES)
