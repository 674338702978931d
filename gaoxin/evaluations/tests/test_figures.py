"""The figures of 好差评 equal a recount from the raw ratings, whatever the slice; every row of
every breakdown (department, window, clerk, item, month, day) equals a recount from the raw
ratings, rectifications, cases and deliveries; and a rating excluded on appeal leaves every
figure, while its row and its audit entry stay."""

import datetime as dt
import random
from collections import defaultdict
from types import SimpleNamespace

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaoxin.cases import backoffice, delivery, intake
from gaoxin.cases.models import Case, Delivery, Submission
from gaoxin.cases.tests.factories import all_received, person, with_state
from gaoxin.cases.workflow import Status
from gaoxin.catalog.models import ServiceItem
from gaoxin.catalog.tests.factories import make_item
from gaoxin.core.models import AuditEntry, Window
from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import UserFactory, WindowFactory, resident_id
from gaoxin.evaluations import queries, rectification, services
from gaoxin.evaluations.models import Channel, Encounter, Rating, Rectification
from gaoxin.evaluations.tests.conftest import PNG


def copies_of(case: Case, n: int) -> list[Case]:
    """Cases like ``case`` with numbers of their own (ratings are one per case encounter)."""
    cases = []
    for i in range(n):
        copy = Case.objects.get(pk=case.pk)
        copy.pk = None
        copy.receipt_number = f"{case.receipt_number}-{i}"
        copy.number = f"{case.number}-{i}"
        copy.save()
        cases.append(copy)
    return cases


@pytest.fixture
def ratings(accepted, approval_bureau, market_bureau, plain_item, food_item):
    rng = random.Random(2026)
    windows = [WindowFactory(number=n, name=f"窗口{n}") for n in (21, 22)]
    clerks = [UserFactory(role=Role.CLERK, window=w) for w in windows]
    start = timezone.make_aware(dt.datetime(2026, 3, 1, 10))
    made = []
    for case in copies_of(accepted, 40):
        for encounter in rng.sample(Encounter.values, rng.randint(1, 3)):
            level = rng.choice([1, 2, 3, 4, 4, 5, 5, 5])
            at = rng.randrange(2)
            made.append(
                Rating.objects.create(
                    case=case,
                    encounter=encounter,
                    level=level,
                    reasons=["other"] if level <= 2 else [],
                    channel=rng.choice(Channel.values),
                    window=windows[at] if encounter != Encounter.CASE else None,
                    clerk=clerks[at] if encounter != Encounter.CASE else None,
                    department=rng.choice([approval_bureau, market_bureau]),
                    item=rng.choice([plain_item, food_item]),
                    rated_at=start + dt.timedelta(days=rng.randrange(60), hours=rng.randrange(8)),
                )
            )
    return made


def recount(rows):
    total = len(rows)
    satisfied = sum(1 for r in rows if r.level >= 4)
    good = sum(1 for r in rows if r.level >= 3)
    by_level = {level: sum(1 for r in rows if r.level == level) for level in range(1, 6)}
    return {
        "by_level": by_level,
        "satisfaction": satisfied / total if total else None,
        "good": good / total if total else None,
    }


def test_the_figures_equal_a_recount(ratings, approval_bureau, market_bureau, plain_item):
    windows = {r.window for r in ratings if r.window}
    clerks = {r.clerk for r in ratings if r.clerk}
    local = timezone.localtime
    start, end = dt.date(2026, 3, 10), dt.date(2026, 4, 9)
    slices = [
        ({}, ratings),
        ({"department": approval_bureau}, [r for r in ratings if r.department == approval_bureau]),
        ({"department": market_bureau}, [r for r in ratings if r.department == market_bureau]),
        ({"item": plain_item}, [r for r in ratings if r.item == plain_item]),
        ({"encounter": "delivery"}, [r for r in ratings if r.encounter == "delivery"]),
        (
            {"start": start, "end": end},
            [r for r in ratings if start <= local(r.rated_at).date() <= end],
        ),
    ]
    slices += [({"window": w}, [r for r in ratings if r.window == w]) for w in windows]
    slices += [({"clerk": c}, [r for r in ratings if r.clerk == c]) for c in clerks]
    slices.append(
        (
            {"start": start, "end": end, "department": approval_bureau, "item": plain_item},
            [
                r
                for r in ratings
                if start <= local(r.rated_at).date() <= end
                and r.department == approval_bureau
                and r.item == plain_item
            ],
        )
    )
    for filters, rows in slices:
        expected = recount(rows)
        figures = queries.figures(**filters)
        assert figures.total == len(rows), filters
        assert figures.by_level == expected["by_level"], filters
        assert queries.counts_by_level(**filters) == expected["by_level"]
        assert queries.satisfaction_rate(**filters) == pytest.approx(expected["satisfaction"])
        assert queries.good_rate(**filters) == pytest.approx(expected["good"])
        assert figures.bad == sum(1 for r in rows if r.level <= 2)


def test_no_ratings_no_rate(db):
    figures = queries.figures()
    assert figures.total == 0
    assert figures.satisfaction_rate is None and figures.good_rate is None
    assert figures.by_level == {1: 0, 2: 0, 3: 0, 4: 0, 5: 0}


# --- An appeal upheld: the rating leaves every figure, the row and the audit entry stay -----


def test_an_upheld_appeal_takes_the_rating_out_of_every_figure(
    accepted, head, supervisor, approval_bureau
):
    token = services.invitation_for(accepted, Encounter.INTAKE).token
    rating = services.rate(token, level=1, reasons=["attitude"])
    today = timezone.localdate()
    filters = queries.Filters(start=today, end=today)

    def figures_by(by: str) -> queries.Figures:
        return queries.total(queries.breakdown(filters, by, today))

    for by in queries.GROUPS:
        f = figures_by(by)
        assert (f.total, f.bad, f.opened, f.open_in_time) == (1, 1, 1, 1), by
        assert (f.encounters, f.rated_encounters) == (1, 1), by
    appeal = rectification.lodge_appeal(
        actor=head, rectification=rating.rectification, reason="申请人误评了其他窗口"
    )
    # An appeal still pending changes nothing.
    assert figures_by("department").total == 1
    rectification.decide_appeal(
        actor=supervisor, appeal=appeal, uphold=True, reason="经核实，评价对象错误"
    )
    for by in queries.GROUPS:
        f = figures_by(by)
        assert (f.total, f.bad, f.opened, f.open_in_time) == (0, 0, 0, 0), by
        # The intake happened all the same; it is no longer rated.
        assert (f.encounters, f.rated_encounters) == (1, 0), by
        assert f.satisfaction_rate is None and f.coverage_percent == 0
    assert queries.figures(department=approval_bureau).total == 0
    assert not queries.bad_ratings(filters).exists()
    rating.refresh_from_db()
    assert rating.is_excluded and rating.excluded_reason == "经核实，评价对象错误"
    assert AuditEntry.objects.filter(
        action="evaluations.rating_exclude", object_id=str(rating.pk)
    ).exists()


def test_a_rejected_appeal_leaves_the_figures(accepted, head, supervisor):
    token = services.invitation_for(accepted, Encounter.INTAKE).token
    rating = services.rate(token, level=2, reasons=["overdue"])
    appeal = rectification.lodge_appeal(
        actor=head, rectification=rating.rectification, reason="已按时办理"
    )
    rectification.decide_appeal(actor=supervisor, appeal=appeal, uphold=False, reason="理由不足")
    today = timezone.localdate()
    rows = queries.breakdown(queries.Filters(start=today, end=today), "department", today)
    assert [(row.key, row.figures.bad, row.figures.opened) for row in rows] == [("xzsp", 1, 1)]


# --- Every row of every breakdown equals a recount ---------------------------------------------
#
# A pool of cases built through the services at chosen moments (encounters on either side of
# midnight and of the month's end, a correction that came back to another window, a refusal
# after a correction, deliveries at the window and by post, a revised item), then, for each
# example, ratings and rectifications written straight into their tables at random, in a
# transaction rolled back afterwards. Every row of every grouping is held to a recount from
# the raw rows that shares no code with the queries.

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
TODAY = dt.date(2026, 3, 13)
POST = {"method": "post", "address": "陕西省咸阳市高新区世纪大道1号", "tracking_number": "SF1"}


def moment(month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


def travel(at: dt.datetime):
    return time_machine.travel(at, tick=False)


@pytest.fixture
def pool(zone, approval_bureau, market_bureau, plain_item, desk_clerk, approver, delivery_clerk):
    """Eight cases: intakes ended on 27 Feb, at 00:30 on 2 Mar, on 2, 3, 4 and 5 Mar; results
    collected on 9 Mar at window 11 and posted at 23:30 on 31 Mar by the clerk of window 1."""
    window_two = WindowFactory(number=2, name="综合受理窗口", kind=Window.Kind.INTAKE)
    second = UserFactory(username="clerk_b", full_name="刘洋", role=Role.CLERK, window=window_two)
    food = make_item(approval_bureau, name="食品经营许可")
    market = make_item(
        market_bureau, name="医疗器械经营许可", needs_inspection=False, remote_inspection=False
    )
    people = iter(range(600, 700))

    def application(item, window, missing=False):
        checks = all_received(item)
        if missing:
            checks = with_state(checks, "营业执照", Submission.State.MISSING)
        applicant = person(id_number=resident_id(order=next(people)))
        return intake.Intake(item=item, applicant=applicant, checks=checks, window=window)

    def refuse(clerk, item, case=None):
        reason, basis = "不属于本机关职权范围", "《中华人民共和国行政许可法》第三十二条"
        application_ = application(item, clerk.window)
        return intake.refuse(
            actor=clerk, intake=application_, reason=reason, basis=basis, case=case
        )

    def complete(case, at, clerk, handover):
        """Reviewed, granted and certified now; handed over at ``at``."""
        backoffice.claim(actor=approver, case=case)
        backoffice.pass_step(actor=approver, case=case, opinion="材料齐全")
        backoffice.claim(actor=approver, case=case)
        backoffice.decide(actor=approver, case=case, grant=True, opinion="同意许可。")
        backoffice.claim(actor=approver, case=case)
        backoffice.pass_step(actor=approver, case=case)
        with travel(at):
            case = Case.objects.get(pk=case.pk)
            delivery.deliver(actor=clerk, case=case, handover=delivery.Handover(**handover))

    one, two = desk_clerk, second
    with travel(moment(2, 27)):
        intake.accept(actor=one, intake=application(plain_item, one.window))
    with travel(moment(3, 2, 0, 30)):  # still Sunday 1 March in UTC
        intake.accept(actor=two, intake=application(market, two.window))
    with travel(moment(3, 2)):
        intake.request_correction(actor=one, intake=application(food, one.window, True))
        back = intake.request_correction(actor=one, intake=application(food, one.window, True))
        picked_up = intake.accept(actor=one, intake=application(plain_item, one.window))
        posted = intake.accept(actor=one, intake=application(plain_item, one.window))
    with travel(moment(3, 3)):
        refuse(two, market)
        twice = intake.request_correction(actor=one, intake=application(food, one.window, True))
    with travel(moment(3, 4)):
        # Back with the corrections, at the other window.
        intake.accept(actor=two, intake=application(food, two.window), case=back)
        receipt = SimpleUploadedFile("receipt.png", PNG, content_type="image/png")
        at_window = {
            "method": "pickup",
            "recipient_name": picked_up.applicant_name,
            "recipient_id_number": picked_up.id_number,
            "receipt": receipt,
            "window": delivery_clerk.window,
        }
        complete(picked_up, moment(3, 9), delivery_clerk, at_window)
        complete(posted, moment(3, 31, 23, 30), one, POST)
    with travel(moment(3, 5)):
        refuse(one, food, case=twice)  # refused when it came back
    # A revised version of the drug licence: ratings of either version count under its code.
    ServiceItem.objects.filter(pk=plain_item.pk).update(is_current=False)
    revised = ServiceItem.objects.get(pk=plain_item.pk)
    revised.pk = None
    revised.version, revised.name, revised.is_current = 2, "药品零售企业经营许可（2026年版）", True
    revised.save()
    return SimpleNamespace(
        cases=list(Case.objects.order_by("pk")),
        departments=[approval_bureau, market_bureau],
        windows=[one.window, window_two, delivery_clerk.window],
        clerks=[one, two, delivery_clerk],
        items=[plain_item, revised, food, market],
    )


CASES = 8  # in the pool
SLOTS = [(i, e) for i in range(CASES) for e in Encounter.values]

rectification_spec = st.fixed_dictionaries(
    {
        "callback_due": st.integers(0, 3),  # days after the rating
        "fix_due": st.integers(0, 15),
        "called_back": st.one_of(st.none(), st.integers(0, 5)),
        "answered": st.one_of(st.none(), st.integers(0, 20)),
    }
)
rating_spec = st.fixed_dictionaries(
    {
        "level": st.integers(1, 5),
        "day": st.integers(0, 50),  # from 14 February
        "hour": st.integers(0, 23),
        "window": st.integers(0, 3),  # 3: none
        "clerk": st.integers(0, 3),  # 3: none
        "department": st.integers(0, 1),
        "item": st.integers(0, 3),
        "excluded": st.sampled_from([False, False, False, True]),
        "rectification": st.one_of(st.none(), rectification_spec),
    }
)
PERIODS = [
    (dt.date(2026, 2, 1), dt.date(2026, 3, 31)),
    (dt.date(2026, 3, 2), dt.date(2026, 3, 9)),
    (dt.date(2026, 3, 1), dt.date(2026, 3, 1)),
]


def _nth(options: list, i: int):
    return options[i] if i < len(options) else None


def write(pool, specs) -> None:
    """The ratings (and the bad ones' rectifications) the specs describe."""
    first = moment(2, 14, 0)
    for (index, encounter), spec in zip(SLOTS, specs, strict=True):
        if spec is None:
            continue
        at = first + dt.timedelta(days=spec["day"], hours=spec["hour"])
        rating = Rating.objects.create(
            case=pool.cases[index],
            encounter=encounter,
            level=spec["level"],
            reasons=["other"] if spec["level"] <= 2 else [],
            channel=Channel.QR,
            window=_nth(pool.windows, spec["window"]),
            clerk=_nth(pool.clerks, spec["clerk"]),
            department=pool.departments[spec["department"]],
            item=pool.items[spec["item"]],
            rated_at=at,
            excluded_at=at + dt.timedelta(days=1) if spec["excluded"] else None,
        )
        follow = spec["rectification"]
        if spec["level"] <= 2 and follow is not None:
            day = timezone.localdate(at)
            called, answered = follow["called_back"], follow["answered"]
            Rectification.objects.create(
                rating=rating,
                department=rating.department,
                opened_at=at,
                callback_due=day + dt.timedelta(days=follow["callback_due"]),
                fix_due=day + dt.timedelta(days=follow["fix_due"]),
                called_back_at=None if called is None else at + dt.timedelta(days=called),
                answered_at=None if answered is None else at + dt.timedelta(days=answered),
                status="open" if answered is None else "answered",
            )


# The recount: plain Python over the raw rows.

RECTIFICATION_COUNTS = (
    "opened",
    "rectified_on_time",
    "rectified_late",
    "open_overdue",
    "open_in_time",
    "called_back_on_time",
    "called_back_late",
)


def blank() -> dict:
    return {
        "levels": dict.fromkeys(range(1, 6), 0),
        "encounters": 0,
        "rated": 0,
        **dict.fromkeys(RECTIFICATION_COUNTS, 0),
    }


def key_of(by: str, at: dt.datetime, department, item, window, clerk) -> str:
    local = timezone.localtime(at)
    if by == "department":
        return department.code
    if by == "item":
        return item.code
    if by == "window":
        return str(window.number) if window else ""
    if by == "clerk":
        return clerk.username if clerk else ""
    return f"{local:%Y-%m}" if by == "month" else local.date().isoformat()


def rating_key(by: str, r: Rating) -> str:
    return key_of(by, r.rated_at, r.department, r.item, r.window, r.clerk)


def every_encounter():
    """(kind, moment, case, window, clerk) of every encounter that happened."""
    cases = Case.objects.select_related(
        "department", "item", "window", "accepted_by", "received_by"
    ).prefetch_related("events")
    for case in cases:
        if case.status != Status.RECEIVED and case.receipt_number:
            endings = [
                e.at for e in case.events.all() if e.action in ("refuse", "request_correction")
            ]
            ended = case.accepted_at or max(endings)
            yield Encounter.INTAKE, ended, case, case.window, case.accepted_by or case.received_by
        if case.status == Status.COMPLETED:
            yield Encounter.CASE, case.completed_at, case, None, None
    for handed in Delivery.objects.select_related(
        "case__department", "case__item", "window", "delivered_by__window"
    ):
        window = handed.window or handed.delivered_by.window
        yield Encounter.DELIVERY, handed.delivered_at, handed.case, window, handed.delivered_by


def recount_rows(filters: queries.Filters, by: str, today: dt.date) -> dict[str, dict]:
    at_window = by in ("window", "clerk")
    found: dict[str, dict] = defaultdict(blank)

    def inside(at: dt.datetime) -> bool:
        return filters.start <= timezone.localdate(at) <= filters.end

    def chosen(department_id: int, encounter: str) -> bool:
        return (
            (filters.department is None or department_id == filters.department.pk)
            and (not filters.encounter or encounter == filters.encounter)
            and not (at_window and encounter == Encounter.CASE)
        )

    def counted_in(r: Rating) -> bool:
        return r.excluded_at is None and inside(r.rated_at) and chosen(r.department_id, r.encounter)

    every = list(Rating.objects.select_related("department", "item", "window", "clerk"))
    for r in every:
        if counted_in(r):
            found[rating_key(by, r)]["levels"][r.level] += 1
    for x in Rectification.objects.select_related(
        "rating__department", "rating__item", "rating__window", "rating__clerk"
    ):
        if not counted_in(x.rating):
            continue
        row = found[rating_key(by, x.rating)]
        row["opened"] += 1
        if x.answered_at is not None:
            on_time = timezone.localdate(x.answered_at) <= x.fix_due
            row["rectified_on_time" if on_time else "rectified_late"] += 1
        else:
            row["open_overdue" if x.fix_due < today else "open_in_time"] += 1
        if x.called_back_at is not None:
            on_time = timezone.localdate(x.called_back_at) <= x.callback_due
            row["called_back_on_time" if on_time else "called_back_late"] += 1
    rated = {(r.case_id, r.encounter) for r in every if r.excluded_at is None}
    for kind, at, case, window, clerk in every_encounter():
        if inside(at) and chosen(case.department_id, kind):
            row = found[key_of(by, at, case.department, case.item, window, clerk)]
            row["encounters"] += 1
            row["rated"] += (case.pk, kind) in rated
    return dict(found)


def as_recounted(figures: queries.Figures) -> dict:
    return {
        "levels": figures.by_level,
        "encounters": figures.encounters,
        "rated": figures.rated_encounters,
        **{name: getattr(figures, name) for name in RECTIFICATION_COUNTS},
    }


def check_every_row(filters: queries.Filters) -> dict[str, dict[str, queries.Row]]:
    """Every row of every grouping equals the recount; the rows by key."""
    shown = {}
    for by in queries.GROUPS:
        rows = queries.breakdown(filters, by, TODAY)
        expected = recount_rows(filters, by, TODAY)
        keys = [row.key for row in rows]
        assert len(keys) == len(set(keys)), (by, keys)
        assert set(expected) <= set(keys), (by, set(expected) - set(keys))
        for row in rows:
            assert as_recounted(row.figures) == expected.get(row.key, blank()), (by, row.key)
        shown[by] = {row.key: row for row in rows}
    # The trend holds every rating once: its sum is the figures of the slice.
    trend = queries.total(queries.breakdown(filters, filters.trend_by, TODAY))
    same = queries.figures(
        start=filters.start,
        end=filters.end,
        department=filters.department,
        encounter=filters.encounter or None,
    )
    assert trend.by_level == same.by_level
    return shown


def in_slice(r: Rating, filters: queries.Filters) -> bool:
    return (
        filters.start <= timezone.localdate(r.rated_at) <= filters.end
        and (filters.department is None or r.department_id == filters.department.pk)
        and (not filters.encounter or r.encounter == filters.encounter)
    )


@given(
    specs=st.lists(st.one_of(st.none(), rating_spec), min_size=len(SLOTS), max_size=len(SLOTS)),
    period=st.sampled_from(PERIODS),
    department=st.sampled_from([None, 0, 1]),
    encounter=st.sampled_from(["", *Encounter.values]),
    pick=st.integers(0, 10_000),
)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_row_equals_a_recount_and_an_exclusion_leaves_every_figure(
    pool, specs, period, department, encounter, pick
):
    assert len(pool.cases) == CASES
    with transaction.atomic():
        write(pool, specs)
        filters = queries.Filters(
            start=period[0],
            end=period[1],
            department=None if department is None else pool.departments[department],
            encounter=encounter,
        )
        before = check_every_row(filters)
        check_every_row(queries.Filters(start=PERIODS[0][0], end=PERIODS[0][1]))

        # The supervisor upholds an appeal against one counted rating (as decide_appeal
        # does): it leaves the row it was in, in every grouping, and every other figure
        # still equals the recount (its rectification and its encounter's "rated" included).
        standing = list(queries.counted().order_by("pk"))
        if standing:
            excluded = standing[pick % len(standing)]
            Rating.objects.filter(pk=excluded.pk).update(excluded_at=timezone.now())
            after = check_every_row(filters)
            if in_slice(excluded, filters):
                for by, rows in after.items():
                    if by in queries.AT_THE_WINDOW and excluded.encounter == Encounter.CASE:
                        continue
                    key = rating_key(by, excluded)
                    was = before[by][key].figures
                    # A row left with nothing is no row any more.
                    now = rows[key].figures if key in rows else queries.Figures()
                    assert now.total == was.total - 1, by
                    assert now.by_level[excluded.level] == was.by_level[excluded.level] - 1
        transaction.set_rollback(True)
