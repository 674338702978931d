"""The demo zone's site inspections (远程踏勘): the two inspection rooms, a past year of concluded
inspections on the demo's finished cases, and live ones for the demo's inspector (赵磊, 行政审批局).

The rooms (远程踏勘室一/二, 政务服务中心三楼) are made by the administrator's service.

The past year is written in bulk, like the cases it inspects (``gaoxin.stats.demo``): every
finished case of the inspector's department whose item allows a remote inspection, and one in
about forty of those whose item needs one on site. Mostly by video (about nine in ten where the
item allows it), requested on the day of acceptance (or the next working day when accepted
late), held on a free slot of a room and of the inspector, concluded 1 to 5 working days after
the request; sessions of 4 to 9 minutes, recorded, with two or three instructions to the phone;
about one in fifteen concluded "rectify and re-inspect" and inspected again after the applicant
put things right, and a few failed. Honest about what it is: the synthetic past year has no
special-procedure rows, so these inspections are linked to no suspension (the cases' clocks are
the generator's); the recordings' files were never made (no file, size 0, no hash: "not kept"
on the pages), and no record PDF was rendered (a PDF takes a second each); the record's
signature is the real SHA-256 of the record's content.

Live, through the services as the staff would: the case of 食品经营许可（新办） that the cases'
demo leaves at its inspection step is requested (waiting for the applicant's booking), and the
case of 公共场所卫生许可（新办） it leaves at that step too is requested and booked by the
inspector on the first free slot (today, or the next working day).

Registered after the cases' and statistics' seeders; like every seeder it does nothing the
second time (there are rooms already). ``GAOXIN_DEMO_HISTORY = False`` leaves the past year out.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gaoxin.cases import backoffice
from gaoxin.cases.models import Case
from gaoxin.cases.workflow import Status
from gaoxin.catalog.steps import StepKind
from gaoxin.core.models import User
from gaoxin.core.workdays import WorkCalendar
from gaoxin.inspections import hours, live, services
from gaoxin.inspections.checklists import default_checklist
from gaoxin.inspections.models import (
    Appointment,
    Attendance,
    Inspection,
    InspectionRoom,
    Instruction,
    LiveSession,
    Recording,
)

SEED = 20261202
ROOMS = (("远程踏勘室一", "政务服务中心三楼", 1), ("远程踏勘室二", "政务服务中心三楼", 2))
# Working days from request to conclusion, and how often.
DAYS, DAYS_WEIGHTS = (1, 2, 3, 4, 5), (0.14, 0.3, 0.3, 0.17, 0.09)
REMOTE_WHERE_ALLOWED = 0.9
ON_SITE_SAMPLE = 1 / 40
RECTIFY, FAIL = 0.07, 0.02
# A rectification takes a re-inspection: 3–5 working days to put right, one more to check.
# The cases whose life left that much room are the ones that took long because of it.
RECHECK_ROOM, LONG_CASE_RECTIFY = 7, 0.5
FINDINGS = ("符合要求", "与申报材料一致", "现场情况与平面图一致", "已核实，符合要求")
RECTIFY_FINDING = "消防通道堆放杂物，需清理后复查"
WAITING_ITEM = "食品经营许可（新办）"
BOOKED_ITEM = "公共场所卫生许可（新办）"


def seed_inspections() -> str:
    if InspectionRoom.objects.exists():
        return ""
    people = {u.username: u for u in User.objects.filter(username__in=["admin", "inspector"])}
    inspector = people.get("inspector")
    if inspector is None or inspector.department_id is None:
        return ""
    with transaction.atomic():
        rooms = [_room(people.get("admin"), *room) for room in ROOMS]
        past = _past_year(inspector, rooms) if getattr(settings, "GAOXIN_DEMO_HISTORY", True) else 0
    waiting, booked = _live(inspector)
    return (
        f"Inspections: {len(rooms)} rooms, {past} concluded over the past year, "
        f"{waiting} waiting for a booking and {booked} booked for the inspector."
    )


def _room(admin: User | None, name: str, location: str, order: int) -> InspectionRoom:
    if admin is not None:
        return services.create_room(actor=admin, name=name, location=location, sort_order=order)
    return InspectionRoom.objects.create(name=name, location=location, sort_order=order)


# --- The past year, in bulk -----------------------------------------------------------------


class _Calendar:
    """The room calendar as the past year fills it: nobody and no room booked twice."""

    def __init__(self, rooms: list[InspectionRoom], rng: random.Random) -> None:
        self.rooms = rooms
        self.rng = rng
        self.people: set[dt.datetime] = set()
        self.taken: set[tuple[int, dt.datetime]] = set()

    def slot(
        self, day: dt.date, after: dt.datetime, remote: bool
    ) -> tuple[dt.datetime, InspectionRoom | None] | None:
        starts = [s for s in hours.starts_on(day) if s >= after and s not in self.people]
        self.rng.shuffle(starts)
        for start in starts:
            rooms = [r for r in self.rooms if (r.pk, start) not in self.taken] if remote else []
            if remote and not rooms:
                continue
            room = self.rng.choice(rooms) if rooms else None
            self.people.add(start)
            if room is not None:
                self.taken.add((room.pk, start))
            return start, room
        return None


def _candidates(inspector: User, rng: random.Random) -> list[Case]:
    cases = (
        Case.objects.filter(
            status=Status.COMPLETED,
            department=inspector.department,
            item__needs_inspection=True,
            accepted_at__isnull=False,
        )
        .select_related("item")
        .order_by("accepted_at", "pk")
    )
    return [c for c in cases if c.item.remote_inspection or rng.random() < ON_SITE_SAMPLE]


def _moment(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=hours.zone_tz())


def _past_year(inspector: User, rooms: list[InspectionRoom]) -> int:
    rng = random.Random(SEED)  # noqa: S311  (demo data, the same on every machine)
    calendar = WorkCalendar.load()
    grid = _Calendar(rooms, rng)
    now = timezone.now()
    retention = dt.timedelta(days=settings.GAOXIN_INSPECTION_RETENTION_DAYS)
    made: list[tuple[Inspection, dict[str, Any]]] = []

    def one(
        case: Case,
        requested: dt.datetime,
        remote: bool,
        days: int,
        verdict: str,
        decided: dt.datetime,
    ) -> bool:
        day = calendar.add_working_days(timezone.localdate(requested), days).date
        found = grid.slot(day, requested + hours.NOTICE, remote)
        if found is None:
            return False
        start, room = found
        end = start + hours.SLOT
        concluded = end + dt.timedelta(minutes=rng.randint(5, 40))
        if concluded >= min(now, decided):  # the department decides on the record
            return False
        points = default_checklist(case.item)
        findings = {str(i): rng.choice(FINDINGS) for i in range(len(points))}
        if verdict == Inspection.Conclusion.RECTIFY:
            fire = points.index("消防通道") if "消防通道" in points else 0
            findings[str(fire)] = RECTIFY_FINDING
        elif verdict == Inspection.Conclusion.FAIL:
            findings["1"] = "经营场所为住宅用房，不符合要求"
        inspection = Inspection(
            case=case,
            requested_by=inspector,
            requested_at=requested,
            remote=remote,
            checklist=points,
            status=Inspection.Status.CONCLUDED,
            findings=findings,
            conclusion=verdict,
            concluded_at=concluded,
            concluded_by=inspector,
            site=case.address or "陕西省咸阳市高新区",
            record_date=day,
            record_participants=f"{inspector.full_name}（{inspector.department}）\n"
            f"申请人：{case.contact_name or case.applicant_name}",
        )
        booked = max(
            requested + dt.timedelta(minutes=1),
            min(requested + dt.timedelta(minutes=rng.randint(5, 240)), start - hours.NOTICE),
        )
        via = Appointment.Via.APPLICANT if rng.random() < 0.8 else Appointment.Via.STAFF
        appointment = Appointment(
            room=room,
            inspector=inspector,
            start=start,
            end=end,
            status=Appointment.Status.HELD,
            booked_via=via,
            booked_by=inspector if via == Appointment.Via.STAFF else None,
            booked_at=booked,
        )
        session: dict[str, Any] = {"appointment": appointment}
        if remote:
            began = start + dt.timedelta(seconds=rng.randint(0, 240))
            length = float(rng.randint(240, 540))
            recorded = began + dt.timedelta(seconds=30)
            session["live"] = LiveSession(
                first_joined_at=start - dt.timedelta(minutes=rng.randint(1, 6)),
                started_at=began,
                last_joined_at=began,
                room_joins=1,
                phone_joins=2 if rng.random() < 0.1 else 1,
            )
            session["recording"] = Recording(
                started_by=inspector,
                started_at=recorded,
                ended_at=recorded + dt.timedelta(seconds=length),
                length_seconds=length,
                status=Recording.Status.FINISHED,
                chunk_count=math.ceil(length / 2),
                keep_until=timezone.localdate(recorded) + retention,
            )
            asked = rng.sample(points, k=min(len(points), rng.randint(2, 3)))
            session["instructions"] = [
                Instruction(
                    text=f"请把镜头对准{point}，慢慢移动",
                    sent_at=recorded + dt.timedelta(seconds=40 + 70 * n),
                    sent_by=inspector,
                )
                for n, point in enumerate(asked)
            ]
        made.append((inspection, session))
        return True

    for case in _candidates(inspector, rng):
        assert case.accepted_at is not None
        accepted = timezone.localtime(case.accepted_at)
        day = accepted.date()
        if accepted.hour >= 15 or not calendar.is_working_day(day):
            day = calendar.next_working_day(day)
            requested = _moment(day, 9, rng.randint(5, 55))
        else:
            requested = accepted + dt.timedelta(minutes=rng.randint(30, 90))
        remote = case.item.remote_inspection and rng.random() < REMOTE_WHERE_ALLOWED
        # The inspection falls within the case's life, before its decision: the working days
        # its case left for it bound how long it took.
        decided = case.decided_at or case.ready_at or case.completed_at
        assert decided is not None
        room = calendar.working_days_between(
            timezone.localdate(requested), timezone.localdate(decided)
        )
        if room < 0:
            continue
        draw = rng.random()
        verdict = (
            Inspection.Conclusion.RECTIFY
            if draw < RECTIFY or (room >= RECHECK_ROOM and draw < LONG_CASE_RECTIFY)
            else Inspection.Conclusion.FAIL
            if draw < RECTIFY + FAIL
            else Inspection.Conclusion.PASS
        )
        if verdict == Inspection.Conclusion.RECTIFY and room < RECHECK_ROOM:
            verdict = Inspection.Conclusion.PASS  # no time was left to put anything right
        days = min(rng.choices(DAYS, DAYS_WEIGHTS)[0], room)
        if verdict == Inspection.Conclusion.RECTIFY:
            days = min(days, room - RECHECK_ROOM + 1)
        # Sooner, down to the same day, when the decision came early in the day.
        if not any(one(case, requested, remote, d, verdict, decided) for d in range(days, -1, -1)):
            continue
        if verdict == Inspection.Conclusion.RECTIFY:
            # Put right within a week or so, then inspected again (a request of its own).
            first = made[-1][0]
            assert first.concluded_at is not None
            back = calendar.add_working_days(
                timezone.localdate(first.concluded_at), rng.randint(3, 5)
            ).date
            again = _moment(back, 10, rng.randint(0, 50))
            if not one(case, again, remote, 1, Inspection.Conclusion.PASS, decided):
                first.conclusion = Inspection.Conclusion.PASS  # the recheck did not fit after all
                first.findings = dict.fromkeys(first.findings, FINDINGS[0])
    _write(made)
    return len(made)


def _write(made: list[tuple[Inspection, dict[str, Any]]]) -> None:
    inspections = Inspection.objects.bulk_create([i for i, _s in made])
    appointments = []
    for inspection, session in made:
        session["appointment"].inspection = inspection
        appointments.append(session["appointment"])
    Appointment.objects.bulk_create(appointments)
    Attendance.objects.bulk_create(
        [Attendance(appointment=a, person_id=a.inspector_id, start=a.start) for a in appointments]
    )
    sessions, recordings, instructions = [], [], []
    for inspection, session in made:
        appointment = session["appointment"]
        if "live" in session:
            session["live"].appointment = appointment
            sessions.append(session["live"])
            recording = session["recording"]
            recording.inspection, recording.appointment = inspection, appointment
            recordings.append(recording)
            for line in session["instructions"]:
                line.inspection, line.appointment = inspection, appointment
                instructions.append(line)
    LiveSession.objects.bulk_create(sessions)
    Recording.objects.bulk_create(recordings)
    Instruction.objects.bulk_create(instructions)
    # The inspector's signature: the SHA-256 of each record's content, as ``conclude`` signs.
    # Read back, so the moments are the database's (in UTC), as when the record is checked.
    stored = list(
        Inspection.objects.filter(pk__in=[i.pk for i in inspections]).select_related("case")
    )
    for inspection in stored:
        inspection.signature = live.record_digest(inspection)
    Inspection.objects.bulk_update(stored, ["signature"])


# --- Live, through the services ---------------------------------------------------------------


def _at_inspection_step(case: Case) -> bool:
    step = backoffice.open_step(case)
    return step is not None and step.kind == StepKind.INSPECTION


def _live(inspector: User) -> tuple[int, int]:
    waiting = booked = 0
    open_cases = Case.objects.filter(department=inspector.department).exclude(
        status__in=[Status.COMPLETED, Status.REFUSED, Status.TERMINATED, Status.WITHDRAWN]
    )
    first = open_cases.filter(item__name=WAITING_ITEM).order_by("pk").first()
    if first is not None and _at_inspection_step(first):
        services.request_inspection(actor=inspector, case=first, remote=True)
        waiting += 1
    # The cases demo leaves a second case at its inspection step for this one.
    second = next(
        (
            c
            for c in open_cases.filter(item__name=BOOKED_ITEM).order_by("pk")
            if _at_inspection_step(c)
        ),
        None,
    )
    if second is not None:
        inspection = services.request_inspection(actor=inspector, case=second, remote=True)
        slots = services.free_slots(inspection)
        if slots:
            services.book(
                inspection=inspection,
                start=slots[0].start,
                by=services.STAFF,
                actor=inspector,
            )
            booked += 1
    return waiting, booked
