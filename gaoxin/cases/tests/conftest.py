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
def desk_clerk(clerk, intake_window):
    clerk.window = intake_window
    clerk.save()
    return clerk
