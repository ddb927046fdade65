"""The address a failed sign-in is counted against (access.client): the connection's
other end, or behind a trusted reverse proxy the client that X-Forwarded-For names, never
an address the client wrote itself. Addresses from the documentation ranges (RFC 5737)."""

from __future__ import annotations

import pytest

from access.client import client_address, networks
from access.config import AccessConfigError, read_config

PROXIES = networks(["127.0.0.1", "10.0.0.0/8"])


def test_a_direct_connection_is_its_own_address() -> None:
    assert client_address("203.0.113.5", None, PROXIES) == "203.0.113.5"


def test_a_header_from_a_client_that_is_no_proxy_is_not_believed() -> None:
    assert client_address("203.0.113.5", "198.51.100.7", PROXIES) == "203.0.113.5"


def test_behind_a_proxy_on_this_machine_the_client_is_the_one_it_names() -> None:
    # Streamlit gives None for a connection from this machine (the proxy)
    assert client_address(None, "198.51.100.7", PROXIES) == "198.51.100.7"


def test_an_address_the_client_wrote_before_the_proxys_is_passed_over() -> None:
    # the client sent "X-Forwarded-For: 192.0.2.1"; nginx appended the real address
    assert client_address(None, "192.0.2.1, 198.51.100.7", PROXIES) == "198.51.100.7"


def test_a_chain_of_trusted_proxies_is_walked_to_the_client() -> None:
    assert client_address("10.0.0.3", "198.51.100.7, 10.0.0.2", PROXIES) == "198.51.100.7"


def test_an_entry_that_is_no_address_ends_the_walk() -> None:
    assert client_address("10.0.0.3", "198.51.100.7, garbage", PROXIES) == "10.0.0.3"


def test_ports_and_brackets_are_taken_off() -> None:
    assert client_address(None, "198.51.100.7:51000", PROXIES) == "198.51.100.7"
    assert client_address(None, "[2001:db8::1]:443", PROXIES) == "2001:db8::1"


def test_this_machine_without_a_trusted_proxy_has_no_address() -> None:
    assert client_address(None, None, PROXIES) is None
    assert client_address(None, "198.51.100.7", ()) is None  # nobody trusted: not believed


def test_the_settings_name_the_trusted_proxies() -> None:
    config = read_config({"access": {"trusted_proxies": ["127.0.0.1", "10.0.0.0/8"]}})
    assert [str(n) for n in config.trusted_proxies] == ["127.0.0.1/32", "10.0.0.0/8"]


@pytest.mark.parametrize("value", ["127.0.0.1", ["not-an-address"]])
def test_trusted_proxies_that_are_not_a_list_of_addresses_are_refused(value: object) -> None:
    with pytest.raises(AccessConfigError, match="trusted_proxies"):
        read_config({"access": {"trusted_proxies": value}})
