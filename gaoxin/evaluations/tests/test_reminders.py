"""Supervision of bad ratings: the department is told when the call-back is late, reminded on
the day the rectification is due, and on the day after both it and the center's supervisors
are told; each once. An answer the applicant leaves unread closes after 30 days."""

import datetime as dt

import time_machine
from django.utils import timezone

from gaoxin.core.models import Notification
from gaoxin.evaluations import rectification, reminders, services
from gaoxin.evaluations.models import Encounter, Rectification

RATED_AT = dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC)  # a Monday


def _bad_rating(case):
    with time_machine.travel(RATED_AT, tick=False):
        link = services.invite(case, Encounter.INTAKE)
        return services.rate(link.strip("/").rsplit("/", 1)[-1], level=1, reasons=["attitude"])


def _titles(user):
    return list(Notification.objects.filter(user=user).values_list("title", flat=True))


def test_late_call_back_then_due_then_late_rectification(accepted, head, supervisor):
    assert accepted.department_id == head.department_id
    rating = _bad_rating(accepted)
    fix = rating.rectification
    assert fix.callback_due == dt.date(2026, 11, 3)
    assert fix.fix_due == dt.date(2026, 11, 9)
    opened = len(_titles(head))  # told when it opened

    reminders.send_warnings(dt.date(2026, 11, 3))  # call-back due today: not late yet
    assert len(_titles(head)) == opened
    reminders.send_warnings(dt.date(2026, 11, 4))
    assert len(_titles(head)) == opened + 1
    reminders.send_warnings(dt.date(2026, 11, 4))  # a second run tells nobody twice
    assert len(_titles(head)) == opened + 1
    assert _titles(supervisor) == []

    reminders.send_warnings(dt.date(2026, 11, 9))  # due today
    assert len(_titles(head)) == opened + 2
    reminders.send_warnings(dt.date(2026, 11, 10))  # late: the supervisors too
    assert len(_titles(head)) == opened + 3
    assert len(_titles(supervisor)) == 1


def test_an_answered_rectification_is_not_chased(accepted, head, supervisor):
    fix = _bad_rating(accepted).rectification
    rectification.call_back(actor=head, rectification=fix, note="已回访申请人，情况属实。")
    rectification.answer(actor=head, rectification=fix, text="已对窗口人员进行培训。")
    reminders.send_warnings(dt.date(2026, 12, 31))
    assert _titles(supervisor) == []


def test_an_answer_left_unread_closes_after_thirty_days(accepted, head):
    fix = _bad_rating(accepted).rectification
    rectification.call_back(actor=head, rectification=fix, note="已回访申请人，情况属实。")
    rectification.answer(actor=head, rectification=fix, text="已对窗口人员进行培训。")
    reminders.close_unanswered(timezone.localdate())
    assert Rectification.objects.get(pk=fix.pk).status == Rectification.Status.ANSWERED

    with time_machine.travel(timezone.now() + dt.timedelta(days=31)):
        reminders.close_unanswered(timezone.localdate())
    fix = Rectification.objects.get(pk=fix.pk)
    assert fix.status == Rectification.Status.CLOSED
    assert fix.response == Rectification.Response.NONE
