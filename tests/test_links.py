"""The links the app hands out, and whether the room's phones can reach them."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

import pytest

from cxmaturity.links import join_link, local_only, network_base


@pytest.mark.parametrize(
    ("base", "local"),
    [
        ("http://localhost:8501", True),
        ("http://127.0.0.1:8501/", True),
        ("http://127.8.0.3", True),
        ("http://[::1]:8501", True),
        ("http://192.168.1.20:8501", False),
        ("https://cx.example.com/app", False),
    ],
)
def test_an_address_only_this_computer_can_open_is_recognised(base: str, local: bool) -> None:
    assert local_only(base) is local


def test_the_network_address_keeps_the_port_and_path() -> None:
    found = network_base("http://localhost:8501/cx")
    if found is None:
        pytest.skip("this machine has no network interface besides loopback")
    parts = urlsplit(found)
    assert not ipaddress.ip_address(parts.hostname or "").is_loopback
    assert (parts.scheme, parts.port, parts.path) == ("http", 8501, "/cx")


def test_a_join_link_carries_the_code_and_language_only() -> None:
    assert join_link("http://h:1/", "K7QM4X9", "fr") == "http://h:1/join?code=K7QM4X9&lang=fr"
