"""One HTTP POST of a delivery to its endpoint: signed, short timeouts, no redirects.

The worker connects to the address ``addresses.check`` approved (the host name still goes in
the ``Host`` header and, for HTTPS, in SNI and the certificate check), follows no redirect and
retries nothing itself (``dispatch`` does, with the outbox's backoff). Any 2xx answer is a
delivery; anything else, or no answer, is a failed attempt.

An attempt has one deadline for everything (connecting, sending, the answer's status line,
headers and first bytes): ``WEBHOOKS_TIMEOUT_SECONDS``, cut to ``dispatch``'s share of the
run's hold. A socket's own timeout is per read, so an endpoint trickling a byte a second would
never hit it; a timer shuts the socket down at the deadline instead.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from typing import Any

import urllib3
from django.conf import settings

from byline.webhooks import addresses, signing
from byline.webhooks.models import WebhookDelivery

USER_AGENT = "Byline-Webhooks/1"
# Of an answer, only this much is read: its status is what counts, its text goes in the log.
MAX_ANSWER_BYTES = 1024


class DeliveryFailed(Exception):
    """An attempt that did not end in a 2xx answer; ``code`` is the answer's status, if any."""

    def __init__(self, message: str, code: int | None = None, *, unreachable: bool = False) -> None:
        super().__init__(message)
        self.code = code
        # No answer at all (no connection, or none in time): the endpoint's other deliveries
        # would wait as long, so ``dispatch`` leaves them for a later run.
        self.unreachable = unreachable


class _Deadline:
    """Shuts down the sockets of an attempt when its time is up, from a timer thread: a read
    blocked on the socket then returns at once, whatever the endpoint trickles."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._timer.cancel()

    def watch(self, sock: Any) -> None:
        with self._lock:
            self._sockets.append(sock)
            expired = self.expired
        if expired:
            _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: Any) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def headers(delivery: WebhookDelivery, *, now: int | None = None) -> dict[str, str]:
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


def post(delivery: WebhookDelivery, *, seconds: float | None = None) -> int:
    """Post ``delivery`` to its endpoint within ``seconds`` (``WEBHOOKS_TIMEOUT_SECONDS`` if
    None); return the answer's status, or raise ``DeliveryFailed`` (``addresses.Refused`` for
    an address no longer allowed)."""
    target = addresses.check(delivery.endpoint.url)
    limit = settings.WEBHOOKS_TIMEOUT_SECONDS if seconds is None else seconds
    with _Deadline(limit) as deadline:
        try:
            response, answer = _exchange(delivery, target, deadline)
        except DeliveryFailed as error:
            if deadline.expired:
                raise DeliveryFailed(
                    f"No answer within {limit:g} seconds.", error.code, unreachable=True
                ) from error
            raise
    if deadline.expired:  # cut off mid-answer: what was read of it may end anywhere
        raise DeliveryFailed(f"No answer within {limit:g} seconds.", unreachable=True)
    return _outcome(response, answer)


def _exchange(
    delivery: WebhookDelivery, target: addresses.Target, deadline: _Deadline
) -> tuple[Any, bytes]:
    """The POST and the first bytes of its answer, every socket watched by ``deadline``."""
    pool = _pool(target, deadline)
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
        raise DeliveryFailed(f"No answer: {_reason(error)}", unreachable=True) from error
    finally:
        pool.close()
    try:
        answer = response.read(MAX_ANSWER_BYTES, decode_content=False)
    except (urllib3.exceptions.HTTPError, OSError):
        answer = b""
    finally:
        response.release_conn()
    return response, answer


def _outcome(response: Any, answer: bytes) -> int:
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


def _pool(target: addresses.Target, deadline: _Deadline) -> urllib3.HTTPConnectionPool:
    timeout = urllib3.Timeout(total=deadline.seconds)
    pool: urllib3.HTTPConnectionPool
    if target.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            target.address,
            target.port,
            timeout=timeout,
            retries=False,
            maxsize=1,
            server_hostname=target.host,
            assert_hostname=target.host,
        )
    else:
        pool = urllib3.HTTPConnectionPool(
            target.address, target.port, timeout=timeout, retries=False, maxsize=1
        )
    pool.ConnectionCls = _watched(pool.ConnectionCls, deadline)
    return pool


def _watched(base: Any, deadline: _Deadline) -> Any:
    """``base`` (the pool's connection class), its socket handed to ``deadline`` once open."""

    class Watched(base):
        def connect(self) -> None:
            super().connect()
            deadline.watch(self.sock)

    return Watched


def _reason(error: Exception) -> str:
    reason = getattr(error, "reason", None) or error
    return str(reason)[:300]
