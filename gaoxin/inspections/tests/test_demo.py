"""The demo zone's inspections: two rooms, a past year of concluded inspections near the zone's
claim (mostly by video, at most 5 working days, sessions of 4 to 9 minutes, a few rectified and
inspected again, a few on site), and the inspector's live ones. Loaded once: a second load adds
nothing. One test, because loading the demo zone takes a few seconds."""

import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from gaoxin.core.models import User
from gaoxin.core.workdays import WorkCalendar
from gaoxin.inspections import figures, live
from gaoxin.inspections.models import Appointment, Inspection, InspectionRoom, Recording


def test_the_demo_zone_has_rooms_a_year_of_inspections_and_live_ones(db, client):
    call_command("seed_demo", "--quiet-logins", verbosity=0)
    made = Inspection.objects.count()
    call_command("seed_demo", "--quiet-logins", verbosity=0)
    assert Inspection.objects.count() == made  # a second load adds nothing

    assert list(InspectionRoom.objects.values_list("name", "location")) == [
        ("远程踏勘室一", "政务服务中心三楼"),
        ("远程踏勘室二", "政务服务中心三楼"),
    ]
    supervisor = User.objects.get(username="supervisor")
    today = timezone.localdate()
    year = figures.parse_filters(
        supervisor,
        {"period": "custom", "start": f"{today - dt.timedelta(days=366)}", "end": f"{today}"},
        today,
    )
    t = figures.report(year).total
    assert t.concluded >= 50
    assert t.remote_share is not None and t.remote_share >= 60  # mostly by video
    assert t.average_working_days is not None and 0.5 <= t.average_working_days <= 4
    assert t.within_claim == t.concluded
    assert t.average_session_minutes is not None and 5 <= t.average_session_minutes <= 8
    assert t.rectify >= 1 and t.held - t.held_remote >= 3  # a few rectified, a few on site
    # Each within its case's life: concluded before the department decided.
    for done in Inspection.objects.filter(status="concluded").select_related("case"):
        decided = done.case.decided_at or done.case.ready_at or done.case.completed_at
        assert decided is not None and done.concluded_at is not None
        assert done.concluded_at < decided, done.case.number
    lengths = Recording.objects.values_list("length_seconds", flat=True)
    assert all(240 <= s <= 540 for s in lengths)

    # Every past slot on a working day, in the room calendar's hours; the records signed.
    calendar = WorkCalendar.load()
    held = Appointment.objects.filter(status="held").select_related("inspection")
    assert all(calendar.is_working_day(timezone.localdate(a.start)) for a in held)
    sample = Inspection.objects.filter(status="concluded").first()
    assert sample is not None and sample.signature == live.record_digest(sample)

    # The inspector's day: one waiting for the applicant's booking, one booked soon.
    inspector = User.objects.get(username="inspector")
    mine = Inspection.objects.filter(requested_by=inspector)
    assert mine.filter(status="requested").count() == 1
    booked = Appointment.objects.get(status="booked", inspector=inspector)
    assert booked.start.date() <= calendar.next_working_day(today) + dt.timedelta(days=1)
    client.force_login(inspector)
    assert client.get("/inspections/").status_code == 200
    assert client.get(f"/inspections/{booked.inspection_id}/").status_code == 200
    client.force_login(supervisor)
    assert client.get("/inspections/figures/").status_code == 200
