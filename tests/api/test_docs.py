"""The OpenAPI schema and its Swagger UI are served by us, documenting every endpoint."""

import pytest

pytestmark = pytest.mark.django_db

RESOURCES = [
    "practices",
    "states",
    "regional-bodies",
    "institutions",
    "themes",
    "pillars",
    "gcm-objectives",
    "contacts",
]


@pytest.fixture
def schema(client, world):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_schema_documents_list_and_detail_of_every_resource(schema):
    for resource in RESOURCES:
        assert f"/api/v1/{resource}/" in schema["paths"]
        assert any(path.startswith(f"/api/v1/{resource}/{{") for path in schema["paths"]), resource


def test_schema_documents_every_error_with_an_example(schema):
    for resource in RESOURCES:
        responses = schema["paths"][f"/api/v1/{resource}/"]["get"]["responses"]
        assert {"200", "304", "400", "401", "404", "406", "429"} <= set(responses)
        error = responses["400"]["content"]["application/json"]
        assert error["examples"]
        assert "Retry-After" in responses["429"]["headers"]


def test_schema_lists_valid_filter_values(schema):
    parameters = {
        p["name"]: p["schema"] for p in schema["paths"]["/api/v1/practices/"]["get"]["parameters"]
    }

    assert "remittances" in parameters["theme"]["items"]["enum"]
    assert parameters["year_from"]["minimum"] == 1900
    assert parameters["page_size"]["minimum"] == 1
    assert parameters["updated_since"]["format"] == "date-time"


def test_schema_declares_token_auth_as_optional(schema):
    operation = schema["paths"]["/api/v1/practices/"]["get"]

    assert {"partnerToken": []} in operation["security"]
    assert {} in operation["security"]
    assert "Token" in schema["components"]["securitySchemes"]["partnerToken"]["description"]


def test_swagger_ui_is_served_from_our_static_files(client, db):
    page = client.get("/api/v1/docs/").content.decode()

    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in page
    assert "cdn" not in page.lower()
    assert "https://" not in page


def test_schema_documents_the_practice_version(schema):
    practice = schema["components"]["schemas"]["Practice"]
    assert "version" in practice["required"]
    assert practice["properties"]["version"]["type"] == "integer"
    assert "409" in practice["properties"]["version"]["description"]
