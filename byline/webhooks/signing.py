"""The signature of a delivery: ``Byline-Signature: t=<unix time>,v1=<hex>``.

``v1`` is the HMAC-SHA256, keyed by the endpoint's secret, of the timestamp, a dot and the raw
body (``b"<t>." + body``). The timestamp is when this attempt was signed, so a receiver can
refuse old messages (a replay) with a tolerance, five minutes in ``docs/webhooks.md``, whose
``verify_signature`` receivers copy; the tests check deliveries with that very code.
"""

from __future__ import annotations

import hashlib
import hmac


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The hex HMAC-SHA256 of ``"<timestamp>." + body`` keyed by ``secret``."""
    signed = str(timestamp).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest()


def header(secret: str, timestamp: int, body: bytes) -> str:
    """The ``Byline-Signature`` header's value."""
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"
