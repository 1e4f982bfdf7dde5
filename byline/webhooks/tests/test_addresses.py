"""Hostile endpoint addresses are refused with a reason: other schemes, credentials, private
and local networks (unless allowed), plain HTTP in production."""

from __future__ import annotations

import ipaddress

import pytest

from byline.public_addresses import is_public
from byline.webhooks import addresses


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.WEBHOOKS_ALLOW_HTTP = False
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://hooks.example.org/",
        "gopher://127.0.0.1:6379/_FLUSHALL",
        "javascript:alert(1)",
        "dict://127.0.0.1:11211/",
        "//hooks.example.org/x",
        "hooks.example.org/x",
        "",
    ],
)
def test_only_http_and_https_are_accepted(url, settings):
    with pytest.raises(addresses.Refused, match="must start with"):
        addresses.check(url, resolve=False)


@pytest.mark.parametrize(
    "url",
    [
        "https://user:pass@hooks.example.org/",
        "https://token@hooks.example.org/",
        "https://:secret@hooks.example.org/",
    ],
)
def test_credentials_in_the_url_are_refused(url):
    with pytest.raises(addresses.Refused, match="user name and password"):
        addresses.check(url, resolve=False)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https:///path", "host name"),
        ("https://hooks.example.org:99999/", "not a valid URL"),
        ("https://hooks.example.org/a b", "spaces"),
        ("https://hooks.example.org/\r\nX-Injected: 1", "spaces or control"),
        ("https://hooks.example.org/#top", "fragment"),
    ],
)
def test_malformed_urls_are_refused_with_a_reason(url, reason):
    with pytest.raises(addresses.Refused, match=reason):
        addresses.check(url, resolve=False)


def test_plain_http_is_refused_in_production(production):
    with pytest.raises(addresses.Refused, match="must start with https://"):
        addresses.check("http://hooks.example.org/", resolve=False)


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "127.1.2.3",
        "localhost",
        "10.0.0.8",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "[::1]",
        "[::ffff:127.0.0.1]",
        "[::ffff:169.254.169.254]",
        # NAT64 and IPv4-compatible forms of the cloud metadata address and of private ones
        "[64:ff9b::a9fe:a9fe]",
        "[64:ff9b::10.0.0.1]",
        "[::169.254.169.254]",
        "[::a9fe:a9fe]",
        "[::192.168.1.1]",
        # 6to4 around a private address
        "[2002:a9fe:a9fe::1]",
        "[fd00::1]",
        "[fe80::1]",
        "224.0.0.1",
    ],
)
def test_internal_addresses_are_refused_in_production(production, host):
    with pytest.raises(addresses.Refused, match="private or local network"):
        addresses.check(f"https://{host}/hook")


def test_a_name_that_does_not_resolve_is_refused(production):
    with pytest.raises(addresses.Refused, match="cannot be found"):
        addresses.check("https://nowhere.invalid/hook")


@pytest.mark.parametrize("address", ["64:ff9b::808:808", "::ffff:8.8.8.8", "8.8.8.8"])
def test_an_ipv6_form_of_a_public_ipv4_address_is_public(address):
    assert is_public(ipaddress.ip_address(address))


def test_loopback_over_http_is_allowed_when_the_settings_say_so(settings):
    settings.WEBHOOKS_ALLOW_HTTP = settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True

    target = addresses.check("http://127.0.0.1:8251/hooks?x=1")

    assert (target.scheme, target.address, target.port, target.path) == (
        "http", "127.0.0.1", 8251, "/hooks?x=1",
    )  # fmt: skip


def test_a_public_address_is_allowed_in_production(production):
    target = addresses.check("https://93.184.215.14/hook")

    assert target.address == "93.184.215.14" and target.port == 443
