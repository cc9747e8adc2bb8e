"""CXM_TRUSTED_PROXIES: read, checked, and given to the web server in the form it parses."""

from __future__ import annotations

import pytest

from cxmaturity.problems import InputError
from cxmaturity.proxies import server_trust_matches, trusted_proxies


def test_entries_are_normalised_as_the_web_server_parses_them() -> None:
    # uvicorn keeps "10.0.0.5/24" (host bits set) as a literal that matches no peer.
    assert trusted_proxies(" 10.0.0.5/24, 127.0.0.1,2001:db8::1/64 ") == [
        "10.0.0.0/24",
        "127.0.0.1",
        "2001:db8::/64",
    ]
    assert trusted_proxies("") == []


def test_a_typo_is_refused_with_its_place() -> None:
    with pytest.raises(InputError) as refused:
        trusted_proxies("10.0.0.5, proxy.local")
    assert refused.value.lines() == [
        "CXM_TRUSTED_PROXIES: 'proxy.local' is not an IP address or network"
    ]


def test_the_app_knows_whether_the_web_server_trusts_what_it_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CXM_TRUSTED_PROXIES", raising=False)
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    assert not server_trust_matches()  # plain `streamlit run`: uvicorn trusts 127.0.0.1
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "")  # what `serve` sets with no proxies
    assert server_trust_matches()
    monkeypatch.setenv("CXM_TRUSTED_PROXIES", "10.0.0.5/24")
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "10.0.0.0/24")
    assert server_trust_matches()
