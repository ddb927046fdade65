"""The app's script, run by Streamlit on every rerun (served by ``dashboard/main.py``)."""

from app.shell import run

run()
