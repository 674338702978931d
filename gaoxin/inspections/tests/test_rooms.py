"""The inspection rooms, managed by the administrators as the organisation pages are: listed,
added, edited, taken out of use (no more slots offered in them) and put back."""

from gaoxin.core.audit import ACTION_LABELS
from gaoxin.core.models import AuditEntry
from gaoxin.inspections import services
from gaoxin.inspections.models import InspectionRoom
from gaoxin.inspections.tests.conftest import local


def test_an_administrator_adds_edits_and_takes_a_room_out_of_use(client, admin_user, room_one):
    client.force_login(admin_user)
    page = client.get("/inspections/rooms/")
    assert page.status_code == 200 and "远程踏勘室一" in page.content.decode()
    nav = client.get("/").content.decode()
    assert "/inspections/rooms/" in nav

    added = client.post(
        "/inspections/rooms/new/",
        {"name": "远程踏勘室三", "location": "政务服务中心三楼东侧", "sort_order": 3},
    )
    assert added.status_code == 302
    room = InspectionRoom.objects.get(name="远程踏勘室三")
    assert room.active and room.location == "政务服务中心三楼东侧"

    same_name = client.post(
        "/inspections/rooms/new/", {"name": "远程踏勘室一", "location": "", "sort_order": 0}
    )
    assert same_name.status_code == 400  # the name is taken; what was typed stays
    assert 'value="远程踏勘室一"' in same_name.content.decode()

    client.post(
        f"/inspections/rooms/{room.pk}/",
        {"name": "远程踏勘室三", "location": "三楼", "sort_order": 3},
    )
    room.refresh_from_db()
    assert room.location == "三楼"

    client.post(f"/inspections/rooms/{room.pk}/active/", {"active": "0"})
    room.refresh_from_db()
    assert not room.active
    client.post(f"/inspections/rooms/{room.pk}/active/", {"active": "1"})
    room.refresh_from_db()
    assert room.active
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "inspections.create_room",
        "inspections.update_room",
        "inspections.room_active",
    } <= actions
    assert all(a in ACTION_LABELS for a in actions if a.startswith("inspections."))


def test_a_room_out_of_use_is_offered_no_slots_and_keeps_its_bookings(
    client, admin_user, case, another_case, inspector, room_one
):
    inspection = services.request_inspection(actor=inspector, case=case, remote=True)
    kept = services.book(inspection=inspection, start=local(24, 10), by=services.APPLICANT)
    client.force_login(admin_user)
    answer = client.post(f"/inspections/rooms/{room_one.pk}/active/", {"active": "0"}, follow=True)
    assert "1 appointments booked in it stay there" in answer.content.decode()
    kept.refresh_from_db()
    assert kept.status == "booked" and kept.room == room_one
    other = services.request_inspection(actor=inspector, case=another_case, remote=True)
    assert services.free_slots(other) == []  # no room in use


def test_only_administrators_manage_rooms(client, inspector, supervisor, room_one):
    for user in (inspector, supervisor):
        client.force_login(user)
        assert client.get("/inspections/rooms/").status_code == 403
        assert client.post("/inspections/rooms/new/", {"name": "x"}).status_code == 403
        assert (
            client.post(f"/inspections/rooms/{room_one.pk}/active/", {"active": "0"}).status_code
            == 403
        )
    room_one.refresh_from_db()
    assert room_one.active
