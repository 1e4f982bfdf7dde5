"""Addresses in one canonical spelling, and every other address refused with a reason."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from byline.embedding.addresses import (
    MAX_URL_LENGTH,
    AddressError,
    normalise_origin,
    normalise_url,
)


@pytest.mark.parametrize(
    ("given_url", "canonical"),
    [
        ("https://blog.example.org/post", "https://blog.example.org/post"),
        ("HTTPS://Blog.Example.ORG:443/Post", "https://blog.example.org/Post"),
        ("http://blog.example.org:80", "http://blog.example.org/"),
        ("https://blog.example.org:8443/a", "https://blog.example.org:8443/a"),
        ("https://blog.example.org/a#comments", "https://blog.example.org/a"),
        ("https://blog.example.org/a/./b/../c", "https://blog.example.org/a/c"),
        ("https://blog.example.org/../../etc", "https://blog.example.org/etc"),
        ("https://blog.example.org/café", "https://blog.example.org/caf%C3%A9"),
        ("https://blog.example.org/caf%c3%a9", "https://blog.example.org/caf%C3%A9"),
        ("https://bücher.example/", "https://xn--bcher-kva.example/"),
        # UTS 46 without transitional mapping, as browsers: ß and ς stay, another domain.
        ("https://faß.de/x", "https://xn--fa-hia.de/x"),
        ("https://xn--fa-hia.de/x", "https://xn--fa-hia.de/x"),
        ("https://ＢＬＯＧ.example.org/x", "https://blog.example.org/x"),
        ("https://blog.example.org./x", "https://blog.example.org/x"),
        # An escaped unreserved character is that character: no second page for the same one.
        ("https://blog.example.org/%61%7E", "https://blog.example.org/a~"),
        ("https://blog.example.org/x?%70=1", "https://blog.example.org/x?p=1"),
        ("https://blog.example.org/a/%2e%2e/b/%2E/c", "https://blog.example.org/b/c"),
        ("https://blog.example.org/a%2fb?q=%26", "https://blog.example.org/a%2Fb?q=%26"),
        ("http://127.0.0.1:8080/x", "http://127.0.0.1:8080/x"),
        ("http://[0:0::1]:8080/x", "http://[::1]:8080/x"),
        # The query can name the page (?p=123), but not tracking or Byline's own parameters,
        # and the order of its parameters makes no other page.
        ("https://blog.example.org/?p=123", "https://blog.example.org/?p=123"),
        ("https://blog.example.org/?z=1&a=2", "https://blog.example.org/?a=2&z=1"),
        (
            "https://blog.example.org/a?utm_source=x&fbclid=y&comment=5&subscribed=1&lang=fr",
            "https://blog.example.org/a?lang=fr",
        ),
        ("https://blog.example.org/a?", "https://blog.example.org/a"),
        ("https://blog.example.org/a?q=%e2%82%ac", "https://blog.example.org/a?q=%E2%82%AC"),
    ],
)
def test_a_page_address_has_one_canonical_spelling(given_url, canonical):
    assert normalise_url(given_url).url == canonical


@pytest.mark.parametrize(
    ("given_url", "reason"),
    [
        ("", "full address"),
        ("javascript:alert(1)", "https:// or http://"),
        ("JaVaScRiPt:alert(document.cookie)//https://blog.example.org/", "https:// or http://"),
        ("data:text/html,<script>alert(1)</script>", "https:// or http://"),
        ("file:///etc/passwd", "https:// or http://"),
        ("ftp://blog.example.org/", "https:// or http://"),
        ("//blog.example.org/post", "https:// or http://"),
        ("/2026/12/post/", "https:// or http://"),
        ("https:///post", "no host"),
        ("https://user:secret@blog.example.org/", "user name or password"),
        ("https://blog.example.org\\@evil.example/", "user name or password"),
        ("https://blog.example.org:0/", "port"),
        ("https://blog.example.org:70000/", "port"),
        ("https://blog.example.org:http/", "port"),
        ("https://-blog.example.org/", "domain name"),
        ("https://blog_example.org/", "domain name"),
        ("https://*.example.org/", "domain name"),
        ("http://127.1/", "four decimal numbers"),
        ("http://0x7f.0.0.1/", "four decimal numbers"),
        ("http://2130706433/", "four decimal numbers"),
        ("https://[::zz]/", "not a valid URL"),
        ("https://blog.example.org/a b", "spaces or control"),
        ("https://blog.example.org/\x00", "spaces or control"),
        ("https://blog.example.org/a\u2028b", "spaces or control"),
        ("https://blog.example.org/" + "a" * MAX_URL_LENGTH, "longer than"),
    ],
)
def test_an_address_that_cannot_be_a_page_is_refused_with_its_reason(given_url, reason):
    with pytest.raises(AddressError, match=reason):
        normalise_url(given_url)


@pytest.mark.parametrize(
    ("given_origin", "canonical"),
    [
        ("https://blog.example.org", "https://blog.example.org"),
        ("  HTTPS://Blog.Example.org/  ", "https://blog.example.org"),
        ("https://blog.example.org:443", "https://blog.example.org"),
        ("http://localhost:8080", "http://localhost:8080"),
        ("http://127.0.0.1:8235", "http://127.0.0.1:8235"),
        ("https://bücher.example", "https://xn--bcher-kva.example"),
    ],
)
def test_an_origin_has_one_canonical_spelling(given_origin, canonical):
    assert normalise_origin(given_origin) == canonical


@pytest.mark.parametrize(
    "given_origin",
    [
        "",
        "blog.example.org",
        "https://blog.example.org/blog",
        "https://blog.example.org?x=1",
        "https://blog.example.org#top",
        "https://*.example.org",
        "https://user@blog.example.org",
        "null",
        "javascript:alert(1)",
        "https://" + "a" * 300 + ".org",
    ],
)
def test_anything_but_scheme_host_and_port_is_refused_as_an_origin(given_origin):
    with pytest.raises(AddressError):
        normalise_origin(given_origin)


HOSTILE_PREFIXES = st.sampled_from(
    [
        "https://blog.example.org",
        "https://blog.example.org/",
        "HTTPS://BLOG.EXAMPLE.ORG:443/",
        "http://blog.example.org:8080",
        "javascript:",
        "data:",
        "//",
        "https://",
        "https://blog.example.org@",
        "",
    ]
)


@given(prefix=HOSTILE_PREFIXES, rest=st.text(max_size=80))
def test_any_text_is_refused_or_made_a_canonical_http_address(prefix, rest):
    """Whatever a caller sends: an AddressError, or an http(s) address with no fragment,
    space or control character, whose canonical form is itself."""
    try:
        address = normalise_url(prefix + rest)
    except AddressError:
        return
    assert address.url.startswith(("https://", "http://"))
    assert address.url.startswith(address.origin + "/")
    assert "#" not in address.url and not any(ch.isspace() for ch in address.url)
    assert all(32 < ord(ch) < 127 for ch in address.url)
    assert len(address.url) <= MAX_URL_LENGTH
    assert normalise_url(address.url) == address


@given(st.text(max_size=60))
def test_any_text_is_refused_or_made_a_bare_origin(text):
    try:
        origin = normalise_origin(text)
    except AddressError:
        return
    scheme, _, rest = origin.partition("://")
    assert scheme in ("http", "https") and rest and "/" not in rest and "@" not in rest
    assert normalise_origin(origin) == origin


@given(host=st.sampled_from(["blog.example.org.evil.example", "evil.example", "example.org"]))
def test_a_look_alike_host_is_another_origin(host):
    assert normalise_url(f"https://{host}/post").origin != "https://blog.example.org"
