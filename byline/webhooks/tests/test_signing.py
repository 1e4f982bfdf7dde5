"""Deliveries are signed with HMAC-SHA256 over "<t>.<raw body>", and the helper that
docs/webhooks.md gives receivers accepts exactly those within its tolerance."""

from __future__ import annotations

import hashlib
import hmac

from hypothesis import given
from hypothesis import strategies as st

from byline.webhooks import signing
from byline.webhooks.models import new_secret
from byline.webhooks.tests.receiving import documented_verifier

verify = documented_verifier()
secrets = st.one_of(st.just(new_secret()), st.text(min_size=1, max_size=80))
bodies = st.binary(max_size=2000)
times = st.integers(min_value=0, max_value=2**40)


@given(secret=secrets, body=bodies, t=times)
def test_the_signature_is_the_hmac_of_the_timestamp_a_dot_and_the_body(secret, body, t):
    header = signing.header(secret, t, body)

    expected = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    assert header == f"t={t},v1={expected}"


@given(secret=secrets, body=bodies, t=times)
def test_the_documented_helper_accepts_a_fresh_signature(secret, body, t):
    assert verify(secret, signing.header(secret, t, body), body, now=t + 299)


@given(secret=secrets, other=secrets, body=bodies, t=times)
def test_another_secret_fails(secret, other, body, t):
    if other == secret:
        return
    assert not verify(other, signing.header(secret, t, body), body, now=t)


@given(secret=secrets, body=bodies, extra=st.binary(min_size=1, max_size=20), t=times)
def test_a_changed_body_fails(secret, body, extra, t):
    header = signing.header(secret, t, body)

    assert not verify(secret, header, body + extra, now=t)
    assert not verify(secret, header, extra + body, now=t)


@given(secret=secrets, body=bodies, t=times, shift=st.integers(min_value=1, max_value=10**6))
def test_a_changed_timestamp_fails(secret, body, t, shift):
    forged = signing.header(secret, t, body).replace(f"t={t},", f"t={t + shift},", 1)

    assert not verify(secret, forged, body, now=t + shift)


@given(secret=secrets, body=bodies, t=times, late=st.integers(min_value=301, max_value=10**8))
def test_a_signature_older_or_newer_than_five_minutes_fails(secret, body, t, late):
    header = signing.header(secret, t, body)

    assert not verify(secret, header, body, now=t + late)
    assert not verify(secret, header, body, now=t - late)


@given(header=st.text(max_size=200), body=bodies)
def test_any_malformed_header_is_refused_without_an_error(header, body):
    assert verify("whsec_x", header, body, now=0) in (False, True)
    assert not verify("whsec_x", header.replace("v1=", "v0="), body, now=0)


def test_each_endpoint_gets_its_own_long_random_secret():
    first, second = new_secret(), new_secret()

    assert first != second
    assert first.startswith("whsec_") and len(first) == len("whsec_") + 64
