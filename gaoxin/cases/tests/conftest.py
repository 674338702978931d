import pytest

from gaoxin.catalog.tests.factories import make_item
from gaoxin.core import services as core_services
from gaoxin.core.models import Window
from gaoxin.core.tests.factories import WindowFactory


@pytest.fixture
def zone(db):
    return core_services.update_zone(
        actor=None,
        name="咸阳高新技术产业开发区",
        short_name="咸阳高新区",
        code="XYGX",
        region_code="610402",
        phone="029-33331234",
    )


@pytest.fixture
def intake_window(db):
    return WindowFactory(number=1, name="综合受理窗口", kind=Window.Kind.INTAKE)


@pytest.fixture
def food_item(approval_bureau):
    return make_item(approval_bureau, name="食品经营许可")


@pytest.fixture
def plain_item(approval_bureau):
    """A licence without site inspection: review (3 working days) → decision (1) →
    certificate (1), five promised working days; expert review is its special procedure."""
    return make_item(
        approval_bureau,
        name="药品零售企业经营许可",
        special_procedures=["expert_review"],
        needs_inspection=False,
        remote_inspection=False,
    )


@pytest.fixture
def immediate_item(approval_bureau):
    """即办件: decided at once, no promised days; no special procedure, nothing owed."""
    return make_item(
        approval_bureau,
        name="个体工商户营业执照遗失补领",
        handling="immediate",
        statutory_days=1,
        promised_days=0,
        special_procedures=[],
        needs_inspection=False,
        remote_inspection=False,
        allows_deficiency=False,
    )


@pytest.fixture
def desk_clerk(clerk, intake_window):
    clerk.window = intake_window
    clerk.save()
    return clerk
