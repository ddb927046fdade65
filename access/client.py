"""The address a request really comes from, for the failed-login limit.

Streamlit gives the address of the connection's other end, and None for a connection from
this machine (a reverse proxy on the same host). Behind a reverse proxy, that end is the
proxy: the client is named in ``X-Forwarded-For``, which each proxy extends with the
address it received the request from (nginx: ``$proxy_add_x_forwarded_for``). Only proxies
named as trusted in the settings (``[access] trusted_proxies``, addresses or networks) are
believed; a client can write any ``X-Forwarded-For`` it likes, so the address taken is the
right-most one that is not a trusted proxy.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

LOOPBACK = "127.0.0.1"  # what a connection Streamlit reports as None comes from

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def networks(entries: Sequence[str]) -> tuple[Network, ...]:
    """The trusted proxies as networks ("10.0.0.5", "10.0.0.0/8", "::1"); ValueError names
    an entry that is neither."""
    return tuple(ipaddress.ip_network(str(entry).strip(), strict=False) for entry in entries)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An address as a proxy writes it (a port or brackets are taken off); None if not one."""
    text = text.strip().strip('"')
    if text.startswith("["):  # [2001:db8::1]:443
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:  # 203.0.113.5:51000
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _trusted(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address, trusted: Sequence[Network]
) -> bool:
    return any(address in network for network in trusted if address.version == network.version)


def client_address(
    peer: str | None, forwarded_for: str | None, trusted: Sequence[Network]
) -> str | None:
    """The client's address: ``peer`` unless it is a trusted proxy; then, walking
    ``X-Forwarded-For`` from the right, the first address that is not a trusted proxy (the
    left-most one, if all are). An entry that is not an address ends the walk: what lies
    left of it cannot be believed. Streamlit gives None for a connection from this machine
    (LOOPBACK): that is None here too unless a trusted proxy on this machine names the
    client."""
    current = _address(peer or LOOPBACK)
    if current is None:
        return str(peer)
    hops = [hop for hop in (forwarded_for or "").split(",") if hop.strip()]
    walked = False
    while _trusted(current, trusted) and hops:
        earlier = _address(hops.pop())
        if earlier is None:
            break
        current, walked = earlier, True
    return str(current) if peer is not None or walked else None
