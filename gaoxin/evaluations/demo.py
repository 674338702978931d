"""The demo zone's ratings (好差评): a year of them on the past year's cases, and a few live
bad ratings on the hand-made cases for the department head and the supervisor to work on.

The past year is written in bulk like the cases it rates (``gaoxin.stats.demo``): about three
in four intakes, three in five deliveries and two in five completed cases rated, at the
levels a zone reporting 99.3% satisfaction sees. Its few bad ratings come with their
rectification already finished — mostly answered in time and confirmed, one late, one
re-rated, one left unanswered — and one excluded on appeal, with the supervisor's reason.

The live ones go through the services, as an applicant and the staff would: a 1-star rating
awaiting the call-back, a 2-star one being rectified, and one under appeal.

Registered after the statistics' seeder; like every seeder it does nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from gaoxin.cases.models import Case, Delivery
from gaoxin.cases.workflow import Status
from gaoxin.core.models import User
from gaoxin.core.workdays import WorkCalendar
from gaoxin.evaluations import rectification as rectifications
from gaoxin.evaluations import services
from gaoxin.evaluations.models import (
    CALLBACK_DAYS,
    FIX_DAYS,
    Appeal,
    Channel,
    Encounter,
    Rating,
    Rectification,
)

SEED = 20261201
# Share of each encounter rated.
RATED = {Encounter.INTAKE: 0.75, Encounter.DELIVERY: 0.6, Encounter.CASE: 0.4}
# Levels 5..1, as a zone at 99.3% satisfied sees them.
LEVELS = (5, 4, 3, 2, 1)
WEIGHTS = (0.86, 0.133, 0.004, 0.002, 0.001)

BAD_COMMENTS = (
    (["many_visits", "unclear_materials"], "网上办事指南和窗口说的材料不一样，来回跑了两趟。"),
    (["overdue"], "承诺5个工作日，过了两周才通知领证。"),
    (["attitude"], "窗口工作人员解释不耐烦，问第二遍就不说了。"),
    (["other"], "等候时间太长，取号后等了一个多小时。"),
    (["unclear_materials"], "不清楚租赁合同需要备案，现场才告知。"),
    (["many_visits"], "营业执照变更后还要再跑一趟税务窗口。"),
)
CALLBACK_NOTES = (
    "已调取窗口录像并电话回访申请人，情况属实，已向申请人致歉并说明后续办理安排。",
    "已电话联系申请人核实，系材料清单表述不清所致，已约定补充说明。",
)
ANSWERS = (
    "已修订该事项办事指南中的材料说明，并对窗口人员进行业务培训；申请人表示理解。",
    "已对窗口人员进行批评教育并纳入月度考核，同时增设导办人员，缩短等候时间。",
    "已协调审批科室压缩内部流转环节，后续同类事项按承诺时限办结。",
)
EXCLUSION_REASON = "经调取窗口录像和办件记录核实，评价内容与本次办理无关，系误评，同意剔除。"
APPEAL_REASON = (
    "申请人所述\u201c多次跑动\u201d系其未按一次性告知书补正材料所致，窗口已一次性告知，申请剔除。"
)


@dataclass
class Encountered:
    case_id: int
    encounter: str
    at: dt.datetime
    window_id: int | None
    clerk_id: int | None
    department_id: int
    item_id: int


def seed_ratings() -> str:
    if Rating.objects.exists():
        return ""
    rng = random.Random(SEED)  # noqa: S311  (demo data, the same on every machine)
    with transaction.atomic():
        past = _past_year(rng)
    live = _live()
    if not past and not live:
        return ""
    return f"Ratings: {past:,} over the past year, {live} live bad rating(s) to rectify."


# --- The past year, in bulk -----------------------------------------------------------------


def _encounters() -> list[Encountered]:
    finished = Case.objects.filter(
        status__in=[Status.COMPLETED, Status.REFUSED, Status.TERMINATED, Status.WITHDRAWN]
    ).exclude(receipt_number="")
    found: list[Encountered] = []
    rows = finished.values_list(
        *("pk", "status", "received_at", "completed_at", "window_id"),
        *("accepted_by_id", "received_by_id", "department_id", "item_id"),
    )
    for pk, status, received, completed, window, accepted_by, received_by, dept, item in rows:
        clerk = accepted_by or received_by
        found.append(
            Encountered(
                pk, Encounter.INTAKE, received + dt.timedelta(minutes=12), window, clerk, dept, item
            )
        )
        if status == Status.COMPLETED and completed is not None:
            found.append(
                Encountered(
                    pk, Encounter.CASE, completed + dt.timedelta(hours=3), None, None, dept, item
                )
            )
    for case_id, delivered, window, clerk, dept, item in Delivery.objects.filter(
        case__in=finished
    ).values_list(
        "case_id",
        "delivered_at",
        "window_id",
        "delivered_by_id",
        "case__department_id",
        "case__item_id",
    ):
        found.append(
            Encountered(
                case_id,
                Encounter.DELIVERY,
                delivered + dt.timedelta(minutes=3),
                window,
                clerk,
                dept,
                item,
            )
        )
    return found


def _past_year(rng: random.Random) -> int:
    now = timezone.now()
    ratings = []
    for met in _encounters():
        if met.at >= now or rng.random() >= RATED[Encounter(met.encounter)]:
            continue
        level = rng.choices(LEVELS, WEIGHTS)[0]
        reasons, comment = rng.choice(BAD_COMMENTS) if level <= 2 else ([], "")
        if met.encounter == Encounter.CASE:
            channel = rng.choice([Channel.QR, Channel.PROGRESS])
        else:
            channel = Channel.PAD if rng.random() < 0.8 else Channel.QR
        ratings.append(
            Rating(
                case_id=met.case_id,
                encounter=met.encounter,
                level=level,
                reasons=reasons,
                comment=comment,
                channel=channel,
                window_id=met.window_id,
                clerk_id=met.clerk_id,
                department_id=met.department_id,
                item_id=met.item_id,
                rated_at=met.at,
            )
        )
    Rating.objects.bulk_create(ratings, batch_size=1000)
    bad = list(Rating.objects.filter(level__lte=2).order_by("rated_at", "pk"))
    _finished_rectifications(bad, rng)
    return len(ratings)


def _finished_rectifications(bad: list[Rating], rng: random.Random) -> None:
    """Each past bad rating's rectification, finished: one excluded on appeal, the last one
    answered late, one re-rated and one left unanswered; the rest answered in time and
    confirmed."""
    calendar = WorkCalendar.load()
    supervisor = User.objects.filter(username="supervisor").first()
    heads = dict(User.objects.filter(role="department_head").values_list("department_id", "pk"))
    # The appeal is lodged by a demo head, so it must be a rating of a head's department.
    appealed = max((i for i, r in enumerate(bad) if r.department_id in heads), default=None)
    for index, rating in enumerate(bad):
        day = timezone.localdate(rating.rated_at)
        fix_due = calendar.add_working_days(day, FIX_DAYS).date
        head = heads.get(rating.department_id)
        row = Rectification(
            rating=rating,
            department_id=rating.department_id,
            opened_at=rating.rated_at,
            callback_due=calendar.add_working_days(day, CALLBACK_DAYS).date,
            fix_due=fix_due,
            called_back_at=rating.rated_at + dt.timedelta(hours=rng.randint(2, 20)),
            called_back_by_id=head,
            callback_note=rng.choice(CALLBACK_NOTES),
        )
        excluded = index == appealed and supervisor is not None
        late = index == len(bad) - 1 and not excluded
        if excluded:
            row.status = Rectification.Status.EXCLUDED
            row.closed_at = rating.rated_at + dt.timedelta(days=2)
        else:
            answered_day = calendar.add_working_days(day, 7 if late else rng.randint(1, 4)).date
            row.answered_at = dt.datetime.combine(
                answered_day, dt.time(16, 30), timezone.get_current_timezone()
            )
            row.answered_by_id = head
            row.answer = rng.choice(ANSWERS)
            row.status = Rectification.Status.CLOSED
            row.closed_at = row.responded_at = row.answered_at + dt.timedelta(hours=20)
            if index == 1:
                row.response, row.rerated_level = Rectification.Response.RERATED, 4
            elif index == 2:
                row.response, row.responded_at = Rectification.Response.NONE, None
            else:
                row.response = Rectification.Response.CONFIRMED
        row.save()
        if excluded:
            assert supervisor is not None and head is not None
            decided = rating.rated_at + dt.timedelta(days=2)
            Appeal.objects.create(
                rectification=row,
                reason=APPEAL_REASON,
                lodged_at=rating.rated_at + dt.timedelta(days=1),
                lodged_by_id=head,
                decision=Appeal.Decision.UPHELD,
                decision_reason=EXCLUSION_REASON,
                decided_at=decided,
                decided_by=supervisor,
            )
            Rating.objects.filter(pk=rating.pk).update(
                excluded_at=decided, excluded_by=supervisor, excluded_reason=EXCLUSION_REASON
            )


# --- Live bad ratings, through the services -------------------------------------------------


def _live() -> int:
    """Bad ratings on the hand-made cases of the head's department: one awaiting the
    call-back, one being rectified, one under appeal."""
    head = User.objects.filter(username="head", is_active=True).first()
    if head is None or head.department_id is None:
        return 0
    # The newest cases are the hand-made ones.
    cases = list(
        Case.objects.filter(department_id=head.department_id)
        .exclude(status=Status.RECEIVED)
        .exclude(receipt_number="")
        .exclude(ratings__encounter=Encounter.INTAKE)
        .order_by("-received_at")[:3]
    )
    given = []
    for case, (level, (reasons, comment)) in zip(
        cases,
        [(1, BAD_COMMENTS[0]), (2, BAD_COMMENTS[2]), (2, BAD_COMMENTS[5])],
        strict=False,
    ):
        link = services.invite(case, Encounter.INTAKE)
        token = link.rstrip("/").rsplit("/", 1)[-1]
        given.append(services.rate(token, level=level, reasons=reasons, comment=comment))
    if len(given) >= 2:
        second = given[1].rectification
        rectifications.call_back(actor=head, rectification=second, note=CALLBACK_NOTES[0])
    if len(given) >= 3:
        third = given[2].rectification
        rectifications.call_back(actor=head, rectification=third, note=CALLBACK_NOTES[1])
        rectifications.lodge_appeal(actor=head, rectification=third, reason=APPEAL_REASON)
    return len(given)
