"""The API's own front door: who am I, tokens for other systems, and the documentation."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gaoxin.core.models import AuditEntry
from gaoxin.core.roles import Capability
from gaoxin.core.tests.factories import WindowFactory

INTAKE_PATHS = {
    "/api/v1/cases/",
    "/api/v1/cases/{id}/",
    "/api/v1/cases/{id}/accept/",
    "/api/v1/cases/{id}/accept-with-deficiency/",
    "/api/v1/cases/{id}/request-correction/",
    "/api/v1/cases/{id}/refuse/",
}


def issue(*args):
    out = StringIO()
    call_command("issue_token", *args, stdout=out)
    return out.getvalue().strip()


def test_a_token_tells_who_it_belongs_to(clerk):
    clerk.window = WindowFactory(number=3, name="综合受理窗口")
    clerk.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=clerk).key}")
    response = client.get("/api/v1/me/")
    assert response.status_code == 200
    assert response.data["username"] == "clerk"
    assert response.data["full_name"] == "王丽"
    assert response.data["role"] == "clerk"
    assert response.data["department"] is None
    assert response.data["window"]["number"] == 3
    assert response.data["capabilities"] == [Capability.SERVE_AT_WINDOW]


def test_an_approver_sees_their_department(approver):
    client = APIClient()
    client.force_authenticate(approver)
    data = client.get("/api/v1/me/").data
    assert data["department"]["code"] == "xzsp"
    assert data["window"] is None


def test_without_a_valid_token_the_answer_is_401(clerk):
    client = APIClient()
    assert client.get("/api/v1/me/").status_code == 401
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef")
    assert client.get("/api/v1/me/").status_code == 401


def test_a_disabled_account_loses_its_token(clerk):
    token = Token.objects.create(user=clerk)
    clerk.is_active = False
    clerk.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/v1/me/").status_code == 401


def test_issue_token_prints_the_same_token_until_rotated(clerk):
    first = issue("clerk")
    assert first == Token.objects.get(user=clerk).key
    assert issue("clerk") == first
    rotated = issue("clerk", "--rotate")
    assert rotated != first
    assert list(Token.objects.filter(user=clerk).values_list("key", flat=True)) == [rotated]
    entries = AuditEntry.objects.filter(action="core.issue_token", object_id=str(clerk.pk))
    assert entries.count() == 3
    assert {tuple(sorted(e.changes.items())) for e in entries} == {
        (("created", True), ("rotated", False)),
        (("created", False), ("rotated", False)),
        (("created", True), ("rotated", True)),
    }
    # The key itself is never written to the audit log.
    assert not any(rotated in str(e.changes) for e in entries)


def test_issue_token_refuses_unknown_and_disabled_accounts(clerk):
    with pytest.raises(CommandError):
        issue("nobody")
    clerk.is_active = False
    clerk.save()
    with pytest.raises(CommandError):
        issue("clerk")
    assert not Token.objects.exists()


def test_the_schema_is_openapi_3_and_lists_the_intake(db):
    response = APIClient().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) >= INTAKE_PATHS
    assert "post" in schema["paths"]["/api/v1/cases/"]
    assert set(schema["paths"]) >= {"/api/v1/catalog/items/", "/api/v1/me/"}


def test_the_documentation_loads_nothing_from_another_host(db):
    response = APIClient().get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html
    hosts = set(re.findall(r"https?://([^/\"'\s]+)", html))
    assert hosts <= {"testserver"}, hosts
    resources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert resources
    assert all(url.startswith("/static/") for url in resources), resources
