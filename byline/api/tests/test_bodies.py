"""A body that is not JSON is refused in the one error shape: malformed JSON is an invalid
request (422, field ``body``), another type of body an unsupported one (415)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from byline.api.tests.conftest import error_of
from byline.discussion.models import Comment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "body, content_type",
    [
        ('{"body": "unfinished', "application/json"),
        ("{'body': 'single quotes'}", "application/json"),
        ("\xff\xfe", "application/json"),
    ],
)
def test_a_body_that_is_not_json_is_invalid(client, article, body, content_type):
    response = client.post(
        f"/api/v1/threads/{article.pk}/comments", body, content_type=content_type
    )

    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "invalid" and error["field"] == "body"
    assert not Comment.objects.exists()


def test_a_form_encoded_body_is_refused_for_its_type(client, article):
    response = client.post(
        f"/api/v1/threads/{article.pk}/comments",
        "body=Hello&name=Gus&email=gus%40example.org",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 415
    assert error_of(response)["code"] == "unsupported_media_type"
    assert not Comment.objects.exists()


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(min_size=1, max_size=80).filter(lambda raw: not raw.strip().startswith(b"{")))
def test_no_garbage_body_is_a_400_or_500(client, article, raw):
    response = client.post(
        f"/api/v1/threads/{article.pk}/comments", raw, content_type="application/json"
    )

    assert response.status_code in (401, 403, 415, 422), response.content
