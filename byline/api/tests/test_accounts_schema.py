"""Schemathesis against the served schema, for the account, moderation and newsroom operations:
generated requests (valid and not) never make a server error, and every answer matches the
schema: its status, its content type and its body."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from byline.api.tests.grants import moderator, token_for
from byline.api.tests.test_fuzz import connection_kept

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application()).include(
    tag_regex="^(subscriptions|me|moderation|newsroom)$"
)
CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(autouse=True)
def served_in_the_test_transaction():
    # A WSGI request closes the database connection as it ends, which on PostgreSQL ends the
    # test's own connection too (see test_fuzz.connection_kept).
    with connection_kept():
        yield


@pytest.fixture
def moderator_key(db, settings):
    # Past the per-client limit every answer would be the same 429: keep fuzzing the rest.
    settings.NOTIFICATIONS_REQUESTS_PER_HOUR = 100_000
    return token_for(moderator())


@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(
    max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)
def test_operations_keep_to_the_schema(case, moderator_key, article):
    for headers in ({}, {"Authorization": f"Bearer {moderator_key}"}):
        case.call_and_validate(headers=headers, checks=CHECKS)
