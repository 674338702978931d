"""Fixtures for every app's tests (the root conftest imports them): people of different
reach, as in a real zone: a clerk, an approver of the owning department, an approver of
another department, a supervisor and an administrator."""

import pytest

from gaoxin.core.models import Department
from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import DepartmentFactory, UserFactory


@pytest.fixture
def approval_bureau(db) -> Department:
    return DepartmentFactory(code="xzsp", name="行政审批服务局", short_name="审批局")


@pytest.fixture
def market_bureau(db) -> Department:
    return DepartmentFactory(code="scjg", name="市场监督管理分局", short_name="市场监管分局")


@pytest.fixture
def clerk(db):
    return UserFactory(username="clerk", full_name="王丽", role=Role.CLERK)


@pytest.fixture
def approver(approval_bureau):
    return UserFactory(
        username="approver", full_name="张伟", role=Role.APPROVER, department=approval_bureau
    )


@pytest.fixture
def other_approver(market_bureau):
    return UserFactory(
        username="approver_scjg",
        full_name="马晓燕",
        role=Role.APPROVER,
        department=market_bureau,
    )


@pytest.fixture
def supervisor(db):
    return UserFactory(username="supervisor", full_name="陈静", role=Role.SUPERVISOR)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", full_name="吴敏", role=Role.ADMINISTRATOR)


@pytest.fixture
def head(approval_bureau):
    return UserFactory(
        username="head", full_name="赵强", role=Role.DEPARTMENT_HEAD, department=approval_bureau
    )


@pytest.fixture
def inspector(approval_bureau):
    return UserFactory(
        username="inspector", full_name="孙涛", role=Role.INSPECTOR, department=approval_bureau
    )
