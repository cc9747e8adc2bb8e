"""Which peers may tell us a client's address: `CXM_TRUSTED_PROXIES`.

Behind a reverse proxy every connection comes from the proxy, and the client's address
is in X-Forwarded-For — a header any client can also send. The web server (uvicorn,
under Streamlit) rewrites the client address from that header only when the peer is a
trusted proxy, taking the right-most entry that is not itself a trusted proxy. Its
trust list is `FORWARDED_ALLOW_IPS`, read when it starts, and uvicorn trusts 127.0.0.1
by default: `cxmaturity serve` sets it from `CXM_TRUSTED_PROXIES` (empty: trust no
one), so that the app and the web server agree.
"""

from __future__ import annotations

import ipaddress
import os

from cxmaturity.problems import InputError, Problem

TRUSTED_PROXIES_ENV = "CXM_TRUSTED_PROXIES"
#: The web server's own setting (uvicorn), and its default when unset.
SERVER_TRUST_ENV = "FORWARDED_ALLOW_IPS"
SERVER_DEFAULT_TRUST = "127.0.0.1,::1"


def trusted_proxies(value: str | None = None) -> list[str]:
    """The addresses and networks in `CXM_TRUSTED_PROXIES` (comma-separated IPs or
    CIDR networks), checked: a typo must not silently trust nobody or everybody."""
    raw = os.environ.get(TRUSTED_PROXIES_ENV, "") if value is None else value
    return [_normalised(entry.strip()) for entry in raw.split(",") if entry.strip()]


def _normalised(entry: str) -> str:
    """One address or network as the web server parses it: `10.0.0.5/24` (host bits set)
    becomes `10.0.0.0/24` — uvicorn would otherwise keep it as a literal that matches no
    peer, and trust nobody while the app believes it trusts the proxy."""
    try:
        if "/" in entry:
            return str(ipaddress.ip_network(entry, strict=False))
        return str(ipaddress.ip_address(entry))
    except ValueError:
        raise InputError(
            TRUSTED_PROXIES_ENV, [Problem(f"{entry!r} is not an IP address or network")]
        ) from None


def server_trust() -> str:
    """What the web server of this process trusts (what it was started with)."""
    return os.environ.get(SERVER_TRUST_ENV, SERVER_DEFAULT_TRUST)


def server_trust_matches() -> bool:
    """Whether the web server trusts exactly the configured proxies. When it does not
    (the app was started with plain `streamlit run`), a client's X-Forwarded-For may
    have chosen the address the app sees."""
    return sorted(trusted_proxies()) == sorted(trusted_proxies(server_trust()))
