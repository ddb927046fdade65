"""基层党建数据看板: `streamlit run dashboard/main.py`.

The app's entry script, kept in a folder of its own: Streamlit serves a ``pages/`` folder
beside its entry script in its legacy multipage mode, and this app's pages (``pages/``, at
the project's root) are served by ``st.navigation`` instead (see ``app.shell``).
"""

from app.shell import run

run()
