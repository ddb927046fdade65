from streamlit.testing.v1 import AppTest


def test_overview_runs() -> None:
    at = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    assert not at.exception, at.exception
