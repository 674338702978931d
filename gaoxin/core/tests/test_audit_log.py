"""The audit log: sign-ins and changes recorded with who, when and from where; never rewritten."""

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

from gaoxin.core import audit
from gaoxin.core.models import AuditEntry
from gaoxin.core.tests.factories import PASSWORD


def test_a_sign_in_is_recorded_with_the_address(client, clerk):
    client.post(
        reverse("login"),
        {"username": "clerk", "password": PASSWORD},
        REMOTE_ADDR="10.20.30.40",
    )
    entry = AuditEntry.objects.get(action="core.sign_in")
    assert entry.actor == clerk
    assert entry.ip_address == "10.20.30.40"


def test_a_failed_sign_in_is_recorded_with_the_name_tried(client, clerk):
    client.post(reverse("login"), {"username": "clerk", "password": "wrong-password"})
    entry = AuditEntry.objects.get(action="core.sign_in_failed")
    assert entry.actor is None
    assert entry.actor_username == "clerk"


def test_a_change_made_through_a_page_records_the_address(client, admin_user):
    client.force_login(admin_user)
    client.post(
        reverse("manage_department_new"),
        {"code": "kjcx", "name": "科技创新局", "sort_order": 1, "is_active": "on"},
        REMOTE_ADDR="10.1.2.3",
    )
    entry = AuditEntry.objects.get(action="core.create_department")
    assert entry.ip_address == "10.1.2.3"
    assert entry.actor == admin_user


def test_the_database_refuses_to_rewrite_an_entry(admin_user):
    entry = audit.record("core.test", actor=admin_user)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="core.forged")
    entry.refresh_from_db()
    assert entry.action == "core.test"


def test_the_application_refuses_to_change_or_delete_an_entry(admin_user):
    entry = audit.record("core.test", actor=admin_user)
    entry.action = "core.forged"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()


def test_the_supervisor_filters_the_log_by_action(client, supervisor, clerk):
    audit.record("core.sign_in_failed", actor=None, username="intruder")
    audit.record("core.create_user", actor=supervisor)
    client.force_login(supervisor)
    page = client.get(reverse("audit_log"), {"action": "core.sign_in_failed"}).text
    assert "intruder" in page
    assert "core.create_user" not in page.split('data-testid="audit-table"')[1]


def test_the_log_filter_answers_htmx_with_rows_only(client, supervisor):
    client.force_login(supervisor)
    response = client.get(reverse("audit_log"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'data-testid="audit-table"' in response.text


def test_the_log_page_runs_the_same_number_of_queries_for_many_entries(
    client, supervisor, django_assert_max_num_queries
):
    for n in range(60):
        audit.record(f"core.test_{n % 3}", actor=supervisor)
    client.force_login(supervisor)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("audit_log")).status_code == 200
