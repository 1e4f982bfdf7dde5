"""Fetching files from the old site: limits, redirects, and refusing private addresses."""

from __future__ import annotations

import ipaddress

import pytest

from byline.migration.downloads import Downloader, DownloadError, is_public

LOCAL = Downloader(max_bytes=10_000, allow_private=True, timeout=5)


def test_a_file_is_fetched_whole(old_site):
    url = old_site.put("/wp-content/uploads/a.png", b"x" * 5000)

    assert LOCAL.fetch(url) == b"x" * 5000


def test_redirects_are_followed_relative_or_absolute(old_site):
    old_site.put("/files/a.png", b"picture")
    old_site.redirects["/old.png"] = f"{old_site.url}/moved.png"
    old_site.redirects["/moved.png"] = "/files/a.png"

    assert LOCAL.fetch(f"{old_site.url}/old.png") == b"picture"
    assert old_site.requested == ["/old.png", "/moved.png", "/files/a.png"]


def test_redirects_are_limited(old_site):
    for hop in range(5):
        old_site.redirects[f"/{hop}"] = f"/{hop + 1}"
    old_site.put("/5", b"picture")
    two = Downloader(max_bytes=100, allow_private=True, max_redirects=2)

    with pytest.raises(DownloadError, match="more than 2 redirects"):
        two.fetch(f"{old_site.url}/0")
    assert old_site.requested == ["/0", "/1", "/2"]


def test_a_missing_file_is_an_error_with_the_status(old_site):
    with pytest.raises(DownloadError, match="HTTP 404"):
        LOCAL.fetch(f"{old_site.url}/wp-content/uploads/gone.jpg")


def test_a_file_over_the_cap_is_refused_by_its_declared_length(old_site):
    url = old_site.put("/big.png", b"x" * 10_001)

    with pytest.raises(DownloadError, match="larger than"):
        LOCAL.fetch(url)


def test_the_cap_holds_while_reading_a_file_that_declares_no_length(old_site):
    old_site.unsized["/endless.png"] = b"x" * 200_000

    with pytest.raises(DownloadError, match="larger than"):
        LOCAL.fetch(f"{old_site.url}/endless.png")


def test_a_server_that_does_not_answer_times_out(old_site):
    old_site.stalled.add("/stalled.png")
    impatient = Downloader(max_bytes=100, allow_private=True, timeout=0.2)

    with pytest.raises(DownloadError, match="timed out"):
        impatient.fetch(f"{old_site.url}/stalled.png")


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://old.example/a.png", "gopher://old.example/", "http:///a"]
)
def test_only_http_and_https_addresses_are_fetched(url):
    with pytest.raises(DownloadError, match="only http and https"):
        LOCAL.fetch(url)


def test_a_redirect_to_another_scheme_is_refused(old_site):
    old_site.redirects["/a.png"] = "file:///etc/passwd"

    with pytest.raises(DownloadError, match="only http and https"):
        LOCAL.fetch(f"{old_site.url}/a.png")


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_local_address_is_refused_without_connecting_unless_allowed(old_site, host):
    url = old_site.put("/a.png", b"picture").replace("127.0.0.1", host)

    with pytest.raises(DownloadError, match="a private or local address"):
        Downloader(max_bytes=100).fetch(url)
    assert old_site.requested == []
    assert Downloader(max_bytes=100, allow_private=True).fetch(url) == b"picture"


@pytest.mark.parametrize(
    "address, public",
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.9", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata services
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("93.184.215.14", True),
        ("2606:4700::6810:84e5", True),
        ("::ffff:93.184.215.14", True),
    ],
)
def test_public_addresses_are_those_of_the_internet(address, public):
    assert is_public(ipaddress.ip_address(address)) is public
