"""Who may see what: user entries with scrypt password hashes, roles and the pages each
role may open, and a limit on failed logins. Pure Python; the login screen is
``app/login.py``."""
