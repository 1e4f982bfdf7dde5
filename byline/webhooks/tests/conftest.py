"""Fixtures of the webhooks' tests: endpoints, a receiver on loopback, a black hole."""

from __future__ import annotations

import socket

import pytest
from django.contrib.auth.models import Group

from byline.accounts.tests.factories import UserFactory
from byline.webhooks.events import Event
from byline.webhooks.models import Endpoint
from byline.webhooks.tests.receiving import documented_verifier, serve


@pytest.fixture
def receiver():
    receiver, stop = serve()
    yield receiver
    stop()


@pytest.fixture
def black_hole():
    """A loopback address that accepts connections into its backlog and never answers."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.setblocking(False)
    yield listener
    listener.close()


@pytest.fixture
def endpoint_for(db):
    def make(url: str, events=None, *, enabled: bool = True, name: str = "Newsroom bot"):
        return Endpoint.objects.create(
            name=name, url=url, events=list(events or Event.values), enabled=enabled
        )

    return make


@pytest.fixture
def verify():
    return documented_verifier()


@pytest.fixture
def moderator(db):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user
