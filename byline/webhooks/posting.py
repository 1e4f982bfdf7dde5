"""One HTTP POST of a delivery to its endpoint: signed, short timeouts, no redirects.

The worker connects to the address ``addresses.check`` approved (the host name still goes in
the ``Host`` header and, for HTTPS, in SNI and the certificate check), waits at most
``WEBHOOKS_TIMEOUT_SECONDS`` to connect and as long again for each read, follows no redirect
and retries nothing itself (``dispatch`` does, with the outbox's backoff). Any 2xx answer is a
delivery; anything else, or no answer, is a failed attempt.
"""

from __future__ import annotations

import time

import urllib3
from django.conf import settings

from byline.webhooks import addresses, signing
from byline.webhooks.models import Delivery

USER_AGENT = "Byline-Webhooks/1"
# Of an answer, only this much is read: its status is what counts, its text goes in the log.
MAX_ANSWER_BYTES = 1024


class DeliveryFailed(Exception):
    """An attempt that did not end in a 2xx answer; ``code`` is the answer's status, if any."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code


def headers(delivery: Delivery, *, now: int | None = None) -> dict[str, str]:
    """The headers of an attempt, signed at ``now`` (Unix seconds)."""
    timestamp = int(time.time()) if now is None else now
    body = delivery.body.encode("utf-8")
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Byline-Webhook-Id": str(delivery.event_id),
        "Byline-Event": delivery.event,
        "Byline-Timestamp": str(timestamp),
        "Byline-Signature": signing.header(delivery.endpoint.secret, timestamp, body),
    }


def post(delivery: Delivery) -> int:
    """Post ``delivery`` to its endpoint; return the answer's status, or raise
    ``DeliveryFailed`` (``addresses.Refused`` for an address no longer allowed)."""
    target = addresses.check(delivery.endpoint.url)
    pool = _pool(target)
    host = target.host if ":" not in target.host else f"[{target.host}]"
    default_port = 443 if target.scheme == "https" else 80
    host_header = host if target.port == default_port else f"{host}:{target.port}"
    try:
        response = pool.urlopen(
            "POST",
            target.path,
            body=delivery.body.encode("utf-8"),
            headers={**headers(delivery), "Host": host_header},
            redirect=False,
            retries=False,
            preload_content=False,
            assert_same_host=False,
        )
    except urllib3.exceptions.HTTPError as error:
        raise DeliveryFailed(f"No answer: {_reason(error)}") from error
    finally:
        pool.close()
    try:
        answer = response.read(MAX_ANSWER_BYTES, decode_content=False)
    except urllib3.exceptions.HTTPError:
        answer = b""
    finally:
        response.release_conn()
    if 200 <= response.status < 300:
        return response.status
    if 300 <= response.status < 400:
        raise DeliveryFailed(
            f"HTTP {response.status}: redirects are not followed "
            f"(to {response.headers.get('Location', 'nowhere')[:200]})",
            response.status,
        )
    text = answer.decode("utf-8", "replace").strip()[:300]
    raise DeliveryFailed(f"HTTP {response.status}: {text}".rstrip(": "), response.status)


def _pool(target: addresses.Target) -> urllib3.HTTPConnectionPool:
    timeout = urllib3.Timeout(
        connect=settings.WEBHOOKS_TIMEOUT_SECONDS, read=settings.WEBHOOKS_TIMEOUT_SECONDS
    )
    if target.scheme == "https":
        return urllib3.HTTPSConnectionPool(
            target.address,
            target.port,
            timeout=timeout,
            retries=False,
            maxsize=1,
            server_hostname=target.host,
            assert_hostname=target.host,
        )
    return urllib3.HTTPConnectionPool(
        target.address, target.port, timeout=timeout, retries=False, maxsize=1
    )


def _reason(error: Exception) -> str:
    reason = getattr(error, "reason", None) or error
    return str(reason)[:300]
