"""Changing the organisation: only administrators may, every change is checked and audited."""

import pytest
from django.core.exceptions import ValidationError

from gaoxin.core import services
from gaoxin.core.errors import DomainError, NotAllowed
from gaoxin.core.models import AuditEntry, Window
from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import DepartmentFactory, UserFactory, WindowFactory


def test_an_administrator_creates_a_department_and_the_log_says_so(admin_user):
    department = services.create_department(
        actor=admin_user, code="kjcx", name="科技创新局", short_name="科创局"
    )
    entry = AuditEntry.objects.get(action="core.create_department")
    assert entry.actor == admin_user
    assert entry.object_id == str(department.pk)
    assert entry.changes["name"] == "科技创新局"


def test_a_clerk_cannot_create_a_department(clerk):
    with pytest.raises(NotAllowed):
        services.create_department(actor=clerk, code="kjcx", name="科技创新局")
    assert not AuditEntry.objects.filter(action="core.create_department").exists()


def test_department_codes_are_unique(admin_user, approval_bureau):
    with pytest.raises(ValidationError):
        services.create_department(actor=admin_user, code="xzsp", name="另一个审批局")


def test_a_department_with_active_staff_cannot_be_closed(admin_user, approver, approval_bureau):
    with pytest.raises(DomainError):
        services.update_department(actor=admin_user, department=approval_bureau, is_active=False)


def test_updating_a_department_records_only_what_changed(admin_user, approval_bureau):
    services.update_department(
        actor=admin_user, department=approval_bureau, phone="029-33198101", name="行政审批服务局"
    )
    entry = AuditEntry.objects.get(action="core.update_department")
    assert entry.changes == {"phone": ["", "029-33198101"]}


def test_a_specialist_window_must_serve_a_department(admin_user):
    with pytest.raises(DomainError):
        services.create_window(
            actor=admin_user, number=15, name="企业开办专窗", kind=Window.Kind.SPECIALIST
        )


def test_a_specialist_window_remembers_its_departments(admin_user, market_bureau):
    window = services.create_window(
        actor=admin_user,
        number=15,
        name="企业开办专窗",
        kind=Window.Kind.SPECIALIST,
        departments=[market_bureau],
    )
    assert list(window.departments.all()) == [market_bureau]
    other = DepartmentFactory(code="swfj", name="税务局高新分局")
    services.update_window(actor=admin_user, window=window, departments=[market_bureau, other])
    entry = AuditEntry.objects.get(action="core.update_window")
    assert entry.changes["departments"] == [["scjg"], ["scjg", "swfj"]]


def test_an_approver_account_needs_a_department(admin_user):
    with pytest.raises(DomainError):
        services.create_user(
            actor=admin_user,
            username="zhangsan",
            full_name="张三",
            role=Role.APPROVER,
            password="a-long-passphrase",
        )


def test_only_clerks_sit_at_windows(admin_user, approval_bureau):
    window = WindowFactory()
    with pytest.raises(DomainError):
        services.create_user(
            actor=admin_user,
            username="zhangsan",
            full_name="张三",
            role=Role.APPROVER,
            department=approval_bureau,
            window=window,
            password="a-long-passphrase",
        )


@pytest.mark.parametrize("password", ["short1", "1234567890123", "password123"])
def test_weak_passwords_are_refused(admin_user, password):
    with pytest.raises(ValidationError):
        services.create_user(
            actor=admin_user,
            username="zhangsan",
            full_name="张三",
            role=Role.CLERK,
            password=password,
        )


def test_the_password_never_enters_the_audit_log(admin_user):
    user = services.create_user(
        actor=admin_user,
        username="zhangsan",
        full_name="张三",
        role=Role.CLERK,
        password="a-long-passphrase",
    )
    services.set_password(actor=admin_user, user=user, password="another-passphrase")
    for entry in AuditEntry.objects.all():
        assert "passphrase" not in str(entry.changes)


def test_administrators_cannot_lock_themselves_out(admin_user):
    with pytest.raises(DomainError):
        services.update_user(actor=admin_user, user=admin_user, is_active=False)
    with pytest.raises(DomainError):
        services.update_user(actor=admin_user, user=admin_user, role=Role.CLERK)


def test_a_deactivated_account_loses_every_capability(admin_user):
    user = UserFactory(role=Role.SUPERVISOR)
    services.update_user(actor=admin_user, user=user, is_active=False)
    user.refresh_from_db()
    assert user.capabilities == frozenset()


def test_usernames_are_unique_whatever_the_case(admin_user, clerk):
    with pytest.raises(DomainError):
        services.create_user(
            actor=admin_user,
            username="CLERK",
            full_name="王丽",
            role=Role.CLERK,
            password="a-long-passphrase",
        )
