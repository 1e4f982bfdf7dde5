"""The API fuzzer: Schemathesis generates requests for every operation of the served schema
(``/api/v1/openapi.json``), valid and invalid, as a guest, a guest with a key, a reader's token,
a moderator's token (so the moderation queues and decisions answer, not only refuse) and nobody, and checks that no answer is a server error and every answer is one the schema
declares, in the shape it declares.

It runs in-process against Django's WSGI application, on a seeded article with a few comments
whose ids the generated paths often use, so the operations reach real rows. Every operation
added to the API is fuzzed here without a line more. The examples per operation are bounded
(``BYLINE_FUZZ_EXAMPLES``, 20 unless set) and derandomised, so a run is repeatable and the whole
test stays within about a minute on one core.
"""

from __future__ import annotations

import os
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from byline.accounts.tests.factories import UserFactory
from byline.api.callers import GUEST_HEADER
from byline.api.tests.conftest import MAYA_KEY
from byline.api.tests.grants import moderator, token_for
from byline.discussion.tests.factories import inline_article, post, post_on
from byline.newsroom.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = int(os.environ.get("BYLINE_FUZZ_EXAMPLES", "20"))


@contextmanager
def connection_kept():
    """Serve requests inside the test's transaction: a WSGI request closes the database
    connection when it ends (``close_old_connections``), which would end the test's too;
    Django's own test client disconnects it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def seeded(make_token):
    """An article with comments (a root on a passage, a reply, a member's, a guest's with a
    known key), another article, and callers of each kind."""
    article = inline_article()
    member = UserFactory()
    root = post_on(article, token=MAYA_KEY)
    comments = [
        root,
        post(article, "A reply.", parent=root, token="fuzz-reply"),
        post(article, "A member's word.", as_user=member),
        post(article, "Maya's second.", token=MAYA_KEY),
    ]
    other = ArticlePageFactory()
    return {
        "page_ids": [article.pk, other.pk, article.get_parent().pk],
        "comment_ids": [comment.pk for comment in comments],
        "callers": [
            {},
            {GUEST_HEADER: MAYA_KEY},
            {"Authorization": f"Bearer {make_token(member)}"},
            {"Authorization": f"Bearer {token_for(moderator())}"},
        ],
    }


@pytest.fixture
def schema(seeded):
    with connection_kept():
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


SEEDED = {"page_id": "page_ids", "comment_id": "comment_ids"}


def real_paths(operation, seeded) -> list[dict]:
    """Path parameters naming the seeded rows, for an operation whose path parameters are all
    a page's or a comment's id (other operations are fuzzed with generated ones only)."""
    names = [parameter.name for parameter in operation.path_parameters]
    if not names or not set(names) <= set(SEEDED):
        return []
    pools = [seeded[SEEDED[name]] for name in names]
    return [dict(zip(names, values, strict=True)) for values in zip(*pools, strict=False)]


def fuzz(operation, seeded) -> None:
    modes = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
    cases = [operation.as_strategy(generation_mode=mode) for mode in modes]
    cases += [
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE, path_parameters=fixed)
        for fixed in real_paths(operation, seeded)
    ]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=st.one_of(cases), caller=st.sampled_from(seeded["callers"]))
    def run(case, caller):
        # Many generated posts come from one address: the limiter must not hide the rest.
        cache.clear()
        case.call_and_validate(headers=caller, checks=CHECKS)

    run()


def test_no_operation_answers_a_server_error_or_outside_its_schema(schema, seeded):
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9

    failures = []
    for operation in operations:
        try:
            fuzz(operation, seeded)
        except Exception as failure:  # every operation's failure is reported, not the first
            failures.append(f"{operation.label}:\n{failure}")

    assert not failures, "\n\n".join(failures)
