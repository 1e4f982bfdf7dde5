"""The served schema describes how to authenticate: the three schemes, and per operation the
ones it takes (none needed for public reads)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    return client.get("/api/v1/openapi.json").json()


def security(schema, method, path):
    return [
        next(iter(entry), None) for entry in schema["paths"][f"/api/v1{path}"][method]["security"]
    ]


def test_the_schemes_are_declared(schema):
    schemes = schema["components"]["securitySchemes"]

    assert schemes["apiToken"] == schemes["apiToken"] | {"type": "http", "scheme": "bearer"}
    assert schemes["guestKey"] | {"in": "header", "name": "X-Byline-Guest"} == schemes["guestKey"]
    assert schemes["session"]["in"] == "cookie" and schemes["session"]["name"] == "sessionid"


def test_every_operation_says_how_it_is_called(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation["security"], f"{method} {path}"
            names = {name for entry in operation["security"] for name in entry}
            assert names <= set(schema["components"]["securitySchemes"]), f"{method} {path}"


@pytest.mark.parametrize(
    "method, path, expected",
    [
        ("get", "/threads/{page_id}", [None, "apiToken", "session", "guestKey"]),
        ("post", "/threads/{page_id}/comments", [None, "apiToken", "session", "guestKey"]),
        ("patch", "/comments/{comment_id}", ["apiToken", "session", "guestKey"]),
        ("get", "/me", ["apiToken", "session"]),
        ("post", "/moderation/decisions", ["apiToken", "session"]),
        ("delete", "/me/token", ["apiToken"]),
        ("get", "/articles", [None, "apiToken", "session"]),
    ],
)
def test_operations_take_the_schemes_callers_accepts(schema, method, path, expected):
    assert security(schema, method, path) == expected
