"""The instructions the room sent to the phone during the session are kept, with their times,
and printed in the inspection record (勘验记录); the record's signature covers them."""

import datetime as dt

from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import UserFactory
from gaoxin.inspections import live, record, services
from gaoxin.inspections.models import Instruction
from gaoxin.inspections.tests.conftest import local


def test_the_instructions_are_kept_and_printed_in_the_record(
    case, inspector, room_one, clock, market_bureau
):
    inspection = services.request_inspection(actor=inspector, case=case, remote=True)
    appointment = services.book(inspection=inspection, start=local(24, 10), by=services.APPLICANT)
    clock.move_to(local(24, 10, 2, 15))
    live.party_joined(appointment_pk=appointment.pk, role=live.PHONE)
    first = live.note_instruction(
        appointment_pk=appointment.pk, user=inspector, text=" 请对准门头 "
    )
    clock.move_to(local(24, 10, 4))
    live.note_instruction(appointment_pk=appointment.pk, user=inspector, text="请拍一下消防通道")
    # Nobody else's lines are kept, nor empty ones.
    stranger = UserFactory(username="x_scjg", role=Role.INSPECTOR, department=market_bureau)
    assert live.note_instruction(appointment_pk=appointment.pk, user=stranger, text="假") is None
    assert live.note_instruction(appointment_pk=appointment.pk, user=inspector, text=" ") is None
    assert first is not None and first.text == "请对准门头"

    inspection.refresh_from_db()
    before = live.record_digest(inspection)
    Instruction.objects.filter(text="请拍一下消防通道").update(text="请拍一下后门")
    assert live.record_digest(inspection) != before  # the signature covers them
    Instruction.objects.filter(text="请拍一下后门").update(text="请拍一下消防通道")

    concluded = live.conclude(
        actor=inspector,
        inspection=inspection,
        site="咸阳市高新区世纪大道55号",
        record_date=dt.date(2026, 11, 24),
        participants="孙涛",
        findings=dict.fromkeys(range(len(inspection.checklist)), "符合要求"),
        conclusion="pass",
    )
    html = record.render_html(concluded)
    assert "踏勘指令" in html
    assert "2026-11-24 10:02:15" in html and "请对准门头" in html
    assert "2026-11-24 10:04:00" in html and "请拍一下消防通道" in html
    # Once concluded, nothing more is kept.
    assert live.note_instruction(appointment_pk=appointment.pk, user=inspector, text="再拍") is None
    assert concluded.instructions.count() == 2
