import pytest


@pytest.mark.django_db
def test_the_schema_is_served_and_names_the_api(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Byline API"


@pytest.mark.django_db
def test_an_unknown_operation_answers_in_the_one_error_shape(client):
    response = client.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
