"""The figures of 好差评 equal a recount from the raw ratings, whatever the slice."""

import datetime as dt
import random

import pytest
from django.utils import timezone

from gaoxin.cases.models import Case
from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import UserFactory, WindowFactory
from gaoxin.evaluations import queries
from gaoxin.evaluations.models import Channel, Encounter, Rating


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
