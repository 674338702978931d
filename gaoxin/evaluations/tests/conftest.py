"""Cases at each encounter a rating can follow: intake ended, result delivered (completed)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gaoxin.cases import backoffice, delivery, intake
from gaoxin.cases.models import Case
from gaoxin.cases.tests.conftest import *  # noqa: F403  (zone, intake window, desk clerk, food item)
from gaoxin.cases.tests.factories import intake as make_intake
from gaoxin.core.models import Window
from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import UserFactory, WindowFactory

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def accepted(zone, desk_clerk, intake_window, plain_item) -> Case:
    return intake.accept(actor=desk_clerk, intake=make_intake(plain_item, intake_window))


@pytest.fixture
def delivery_window(db):
    return WindowFactory(number=11, name="综合出件窗口", kind=Window.Kind.DELIVERY)


@pytest.fixture
def delivery_clerk(delivery_window):
    return UserFactory(username="clerk2", full_name="杨帆", role=Role.CLERK, window=delivery_window)


@pytest.fixture
def completed(accepted, approver, delivery_clerk, delivery_window) -> Case:
    """Reviewed, granted, certified and collected by the applicant at window 11."""
    case = accepted
    backoffice.claim(actor=approver, case=case)
    backoffice.pass_step(actor=approver, case=case, opinion="材料齐全，符合法定条件。")
    backoffice.claim(actor=approver, case=case)
    backoffice.decide(actor=approver, case=case, grant=True, opinion="同意许可。")
    backoffice.claim(actor=approver, case=case)
    backoffice.pass_step(actor=approver, case=case)
    case = Case.objects.get(pk=case.pk)
    delivery.deliver(
        actor=delivery_clerk,
        case=case,
        handover=delivery.Handover(
            method="pickup",
            recipient_name=case.applicant_name,
            recipient_id_number=case.id_number,
            receipt=SimpleUploadedFile("receipt.png", PNG, content_type="image/png"),
            window=delivery_window,
        ),
    )
    return Case.objects.get(pk=case.pk)
