"""Access control without the app: password hashes, settings, roles, the login limit and
the command that makes a user entry."""

from __future__ import annotations

import base64
import hashlib
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from access.config import AccessConfigError, authenticate, read_config
from access.ledger import Ledger
from access.passwords import hash_password, is_password_hash, verify_password
from access.roles import may_open, may_use
from app.navigation import menu

ROOT = Path(__file__).resolve().parent.parent
HASH = hash_password("correct horse")  # one hash for the module: scrypt costs ~50 ms


# --------------------------------------------------------------------------- passwords


def test_a_hash_verifies_its_password_and_no_other() -> None:
    assert verify_password("correct horse", HASH)
    assert not verify_password("correct horse ", HASH)
    assert not verify_password("Correct horse", HASH)


def test_a_hash_is_scrypt_of_the_password_with_its_own_salt() -> None:
    scheme, n, r, p, salt, key = HASH.split("$")
    expected = hashlib.scrypt(
        b"correct horse", salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32
    )
    assert (scheme, n, r, p) == ("scrypt", "16384", "8", "1")
    assert base64.b64decode(key) == expected
    assert len(base64.b64decode(salt)) == 16


def test_the_same_password_hashes_differently_each_time() -> None:
    assert hash_password("correct horse") != HASH


def test_the_password_is_not_in_its_hash() -> None:
    assert "correct" not in HASH and "horse" not in HASH


@pytest.mark.parametrize(
    "stored", ["correct horse", "", "scrypt$16384$8$1$c2FsdA==", "bcrypt$x", "scrypt$3$8$1$a$b"]
)
def test_a_malformed_hash_matches_nothing(stored: str) -> None:
    assert not is_password_hash(stored)
    assert not verify_password("correct horse", stored)


def test_an_empty_password_cannot_be_hashed() -> None:
    with pytest.raises(ValueError):
        hash_password("")


# --------------------------------------------------------------------------- settings


def _users(**roles: str) -> dict:
    return {"access": {"users": {n: {"password": HASH, "role": r} for n, r in roles.items()}}}


def test_no_users_means_access_control_is_off() -> None:
    assert read_config({}).mode == "off"
    assert read_config({"access": {"users": {}}}).mode == "off"


def test_password_users_are_read_with_their_roles() -> None:
    config = read_config(_users(wang="admin", li="viewer"))
    assert config.mode == "password"
    assert {n: u.role for n, u in config.users.items()} == {"wang": "admin", "li": "viewer"}
    assert config.users["wang"].display == "wang"


def test_a_plain_text_password_in_the_settings_is_refused() -> None:
    with pytest.raises(AccessConfigError) as caught:
        read_config({"access": {"users": {"wang": {"password": "123456", "role": "admin"}}}})
    assert "[access.users.wang]" in caught.value.zh and "明文" in caught.value.zh
    assert "plain-text" in caught.value.en


def test_an_unknown_role_is_refused() -> None:
    with pytest.raises(AccessConfigError, match="superuser"):
        read_config(_users(wang="superuser"))


def test_authenticate_needs_the_right_name_and_password() -> None:
    config = read_config(_users(wang="editor"))
    assert authenticate(config, "wang", "correct horse").role == "editor"
    assert authenticate(config, " wang ", "correct horse") is not None
    assert authenticate(config, "wang", "wrong") is None
    assert authenticate(config, "zhao", "correct horse") is None


def test_an_auth_section_means_single_sign_on_with_roles_by_email() -> None:
    config = read_config(
        {
            "auth": {"client_id": "x"},
            "access": {"roles": {"Wang@Example.cn": "admin"}, "default_role": "viewer"},
        }
    )
    assert config.mode == "oidc"
    assert config.oidc_role("wang@example.cn") == "admin"
    assert config.oidc_role("WANG@example.CN ") == "admin"
    assert config.oidc_role("someone@else.cn") == "viewer"


def test_single_sign_on_without_a_default_role_refuses_unlisted_people() -> None:
    config = read_config({"auth": {"client_id": "x"}, "access": {"roles": {"a@b.cn": "editor"}}})
    assert config.oidc_role("a@b.cn") == "editor"
    assert config.oidc_role("c@b.cn") is None
    assert config.oidc_role(None) is None


# --------------------------------------------------------------------------- roles


def test_each_role_has_exactly_its_menu() -> None:
    aggregate = [
        "overview", "members", "sectors", "branch", "innovation", "orglife", "development",
        "coverage", "alerts",
    ]  # fmt: skip
    assert menu("viewer") == [*aggregate, "present", "annual"]
    assert menu("editor") == [*aggregate, "present", "annual", "data"]
    assert menu("admin") == [
        *aggregate, "present", "annual", "data", "history", "reporting", "accounts", "audit",
    ]  # fmt: skip
    assert menu("admin", whole=False) == [*aggregate, "present", "annual", "data"]


def test_member_lists_and_uploads_need_an_editor_and_rollback_an_admin() -> None:
    assert [may_use(r, "member_list") for r in ("viewer", "editor", "admin")] == [0, 1, 1]
    assert [may_use(r, "upload") for r in ("viewer", "editor", "admin")] == [0, 1, 1]
    assert [may_use(r, "rollback") for r in ("viewer", "editor", "admin")] == [0, 0, 1]


def test_an_unknown_role_opens_nothing() -> None:
    with pytest.raises(ValueError):
        may_open("guest", "overview")


# --------------------------------------------------------------------------- failed logins


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Limit:
    """The failed sign-in limit as the app keeps it (``access.ledger``), with its rule's
    numbers given."""

    def __init__(self, folder: Path, max_failures: int, window: float, clock: Clock) -> None:
        self.ledger = Ledger(folder, clock=clock)
        self.max_failures, self.window = max_failures, window

    def failed(self, keys: list[str]) -> None:
        self.ledger.failed(keys, self.window)

    def succeeded(self, keys: list[str]) -> None:
        self.ledger.succeeded(keys)

    def wait(self, keys: list[str]) -> float:
        return self.ledger.wait(keys, self.max_failures, self.window)


def test_five_failures_lock_the_name_for_the_window(tmp_path: Path) -> None:
    clock = Clock()
    limit = Limit(tmp_path, max_failures=5, window=900, clock=clock)
    for _ in range(4):
        limit.failed(["user:wang"])
        clock.now += 10
    assert limit.wait(["user:wang"]) == 0
    limit.failed(["user:wang"])  # the fifth, at 1040
    assert limit.wait(["user:wang"]) == 900 - 40  # until the first (1000) is 900 s old
    assert limit.wait(["user:li"]) == 0
    clock.now = 1000 + 900
    assert limit.wait(["user:wang"]) == 0  # four failures left in the window


def test_any_locked_key_locks_the_attempt(tmp_path: Path) -> None:
    limit = Limit(tmp_path, max_failures=2, window=60, clock=Clock())
    limit.failed(["user:a", "address:1.2.3.4"])
    limit.failed(["user:b", "address:1.2.3.4"])
    assert limit.wait(["user:c", "address:1.2.3.4"]) > 0
    assert limit.wait(["user:c", "address:5.6.7.8"]) == 0


def test_a_success_clears_the_names_failures(tmp_path: Path) -> None:
    limit = Limit(tmp_path, max_failures=2, window=60, clock=Clock())
    limit.failed(["user:a"])
    limit.succeeded(["user:a"])
    limit.failed(["user:a"])
    assert limit.wait(["user:a"]) == 0


# --------------------------------------------------------------------------- the command


def _add_user(*args: str, password: str = "correct horse") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "access", "add-user", *args],
        cwd=ROOT,
        input=password + "\n",
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_add_user_prints_an_entry_the_app_accepts() -> None:
    done = _add_user("wang", "--role", "admin", "--name", "王芳")
    assert done.returncode == 0, done.stderr
    assert "correct horse" not in done.stdout
    config = read_config(tomllib.loads(done.stdout))
    assert config.users["wang"].display == "王芳"
    assert authenticate(config, "wang", "correct horse").role == "admin"


def test_add_user_appends_to_the_secrets_file_and_refuses_a_duplicate(tmp_path: Path) -> None:
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    secrets.parent.mkdir()
    secrets.write_text('[auth_note]\ntext = "kept"\n', "utf-8")
    assert _add_user("wang", "--role", "admin", "--secrets", str(secrets)).returncode == 0
    assert _add_user("li", "--role", "viewer", "--secrets", str(secrets)).returncode == 0
    again = _add_user("li", "--role", "editor", "--secrets", str(secrets))
    assert again.returncode == 2 and "li" in again.stderr
    settings = tomllib.loads(secrets.read_text("utf-8"))
    assert settings["auth_note"] == {"text": "kept"}
    assert {n: u.role for n, u in read_config(settings).users.items()} == {
        "wang": "admin",
        "li": "viewer",
    }


def test_add_user_refuses_a_short_password_or_a_bad_name() -> None:
    short = _add_user("wang", "--role", "admin", password="1234567")
    assert short.returncode == 2 and "8" in short.stderr
    assert _add_user("wang fang", "--role", "admin").returncode == 2
    assert _add_user("wang", "--role", "root").returncode == 2


def test_check_lists_the_users_and_their_roles(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    _add_user("wang", "--role", "editor", "--name", "王芳", "--secrets", str(secrets))
    _add_user(
        "chen", "--role", "viewer", "--scope", "B1", "--scope", "B2", "--secrets", str(secrets)
    )
    done = subprocess.run(
        [sys.executable, "-m", "access", "check", "--secrets", str(secrets)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert [line.split("\t") for line in done.stdout.splitlines()] == [
        ["wang", "editor", "王芳", "全街道 whole sub-district"],
        ["chen", "viewer", "chen", "B1、B2"],
    ]
