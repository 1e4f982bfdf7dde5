"""A slow, trickling or dead endpoint costs one bounded attempt per run: the attempt has one
deadline for all of it, the endpoint's other deliveries wait for their retry instead of the
worker, the hold on a row being posted is renewed so no second run posts it again, and a
host that fails to resolve is retried, not given up on."""

from __future__ import annotations

import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection

from byline.webhooks import addresses, dispatch, events, tasks
from byline.webhooks.models import WebhookDelivery
from byline.webhooks.recording import record


def event() -> None:
    record(events.PUBLISHED, lambda: {"comment": {"id": 1}})


@pytest.fixture
def trickler():
    """An endpoint that answers its status line, then one header line every half second for
    eight seconds: each read gets a byte well within any read timeout."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    stop = threading.Event()

    def serve():
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\n")
            for _ in range(16):
                if stop.wait(0.5):
                    return
                try:
                    conn.sendall(b"X-Slow: yes\r\n")
                except OSError:
                    return  # the worker gave up and shut the connection: as it should
            conn.sendall(b"Content-Length: 0\r\n\r\n")

    threading.Thread(target=serve, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/hook"
    stop.set()
    listener.close()


@pytest.mark.django_db
def test_a_trickling_endpoint_is_cut_off_at_the_attempts_deadline(trickler, endpoint_for, settings):
    settings.WEBHOOKS_TIMEOUT_SECONDS = 1
    endpoint_for(trickler, [events.PUBLISHED])
    event()

    report = tasks.run_outbox()

    delivery = WebhookDelivery.objects.get()
    # Before: the worker read every trickled header and marked the delivery sent, 8 s later.
    assert report.sent == 0 and report.retried == 1
    assert delivery.status == "pending" and "No answer within 1 seconds" in delivery.last_error


@pytest.mark.django_db
def test_a_dead_endpoint_costs_one_attempt_per_run_and_the_others_are_posted(
    black_hole, receiver, endpoint_for, settings
):
    settings.WEBHOOKS_TIMEOUT_SECONDS = 1
    dead = endpoint_for(
        f"http://127.0.0.1:{black_hole.getsockname()[1]}/hook", [events.PUBLISHED], name="dead"
    )
    endpoint_for(receiver.url, [events.PUBLISHED], name="alive")
    for _ in range(4):
        event()

    report = tasks.run_outbox()

    assert report.sent == 4 and len(receiver.requests) == 4
    at_dead = WebhookDelivery.objects.filter(endpoint=dead)
    # One attempt timed out; the three others were put off to its retry, not attempted.
    assert sorted(at_dead.values_list("attempts", flat=True)) == [0, 0, 0, 1]
    retry = at_dead.get(attempts=1).due_at
    assert set(at_dead.values_list("status", flat=True)) == {"pending"}
    assert all(d.due_at >= retry and d.claim == "" for d in at_dead)


@pytest.mark.django_db
def test_a_host_that_fails_to_resolve_is_retried(endpoint_for, monkeypatch):
    endpoint_for("http://hooks.example.org/hook", [events.PUBLISHED])
    event()
    event()
    lookups = []

    def no_dns(*args, **kwargs):
        lookups.append(args[0])
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(addresses.socket, "getaddrinfo", no_dns)
    report = tasks.run_outbox()

    # Before, the first attempt failed the delivery for good.
    assert report.retried == 1 and report.failed == 0 and len(lookups) == 1
    rows = WebhookDelivery.objects.order_by("attempts")
    assert [(row.status, row.attempts) for row in rows] == [("pending", 0), ("pending", 1)]
    assert "cannot be found" in rows[1].last_error


def test_only_a_refused_address_is_permanent():
    assert dispatch.is_permanent(addresses.Refused("private"))
    assert not dispatch.is_permanent(addresses.Unresolved("cannot be found"))
    assert not dispatch.is_permanent(ValueError("not ours to judge"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_run_posting_a_slow_endpoint_keeps_it_from_a_second_run(
    endpoint_for, settings, monkeypatch, caplog
):
    """Hold 1 s, an endpoint answering after 2.5 s, a second run 1.5 s in: before, the second
    run took the row over and posted it again, and the first run's "sent" was lost."""
    monkeypatch.setattr(tasks, "wake", lambda at=None: None)
    settings.NOTIFICATIONS_LEASE_SECONDS = 1
    settings.WEBHOOKS_TIMEOUT_SECONDS = 5
    seen = []

    class Slow(BaseHTTPRequestHandler):
        def do_POST(self):
            seen.append(self.headers["Byline-Webhook-Id"])
            self.rfile.read(int(self.headers["Content-Length"]))
            time.sleep(2.5)
            try:
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()
            except OSError:
                pass

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        endpoint_for(f"http://127.0.0.1:{server.server_port}/hook", [events.PUBLISHED])
        event()

        def first():
            try:
                dispatch.run(wake=lambda at: None)
            finally:
                connection.close()

        thread = threading.Thread(target=first)
        thread.start()
        time.sleep(1.5)
        with caplog.at_level(logging.WARNING, logger="byline.webhooks"):
            dispatch.run(wake=lambda at: None)
        thread.join()
    finally:
        server.shutdown()
        server.server_close()

    assert len(seen) == 1
    delivery = WebhookDelivery.objects.get()
    # The attempt was cut short of the hold, so it is a failed attempt waiting for its retry.
    assert delivery.status == "pending" and delivery.attempts == 1


@pytest.mark.django_db
def test_a_delivery_taken_over_while_posted_is_logged_when_its_mark_finds_nothing(
    receiver, endpoint_for, monkeypatch, caplog
):
    endpoint_for(receiver.url, [events.PUBLISHED])
    event()
    real_post = dispatch.posting.post

    def taken_over_meanwhile(row, **kwargs):
        code = real_post(row, **kwargs)
        WebhookDelivery.objects.filter(pk=row.pk).update(claim="another-run")
        return code

    monkeypatch.setattr(dispatch.posting, "post", taken_over_meanwhile)
    with caplog.at_level(logging.ERROR, logger="byline.webhooks"):
        tasks.run_outbox()

    assert "another run had taken it over" in caplog.text
