"""差评整改: a bad rating opens a rectification for the department that served, due in working
days; the department calls back, then answers; the applicant confirms or rates again, or lets
the link expire. Appeals go to the supervisor: upheld, the rating leaves the figures but stays
in the database and in the audit log."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.utils import translation

from gaoxin.cases import intake
from gaoxin.cases.tests.factories import intake as make_intake
from gaoxin.core import services as core_services
from gaoxin.core.errors import DomainError, NotAllowed
from gaoxin.core.models import AuditEntry, Notification
from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import UserFactory
from gaoxin.evaluations import queries, services
from gaoxin.evaluations import rectification as rectifications
from gaoxin.evaluations.models import Appeal, Encounter, Rating, Rectification

Status = Rectification.Status
D = dt.date
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def beijing(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def english():
    """The messages are matched in their English source text."""
    with translation.override("en"):
        yield


@pytest.fixture
def rate(zone, desk_clerk, intake_window, plain_item):
    """A new case accepted the day before, rated by the applicant's link at ``when``."""

    def rate(level=1, when=None, reasons=("attitude",), comment="窗口人员态度生硬"):
        when = when or beijing(D(2026, 11, 30))
        with time_machine.travel(when - dt.timedelta(days=1), tick=False):
            case = intake.accept(actor=desk_clerk, intake=make_intake(plain_item, intake_window))
        with time_machine.travel(when, tick=False):
            path = services.invite(case, Encounter.INTAKE)
            reasons = list(reasons) if level <= 2 else []
            return services.rate(
                path.rstrip("/").rsplit("/", 1)[-1], level=level, reasons=reasons, comment=comment
            )

    return rate


@pytest.fixture
def opened(rate):
    return rate(1).rectification


@pytest.fixture
def other_head(market_bureau):
    return UserFactory(
        username="head_scjg", full_name="刘洋", role=Role.DEPARTMENT_HEAD, department=market_bureau
    )


def refresh(rectification: Rectification) -> Rectification:
    return Rectification.objects.get(pk=rectification.pk)


def actions() -> list[str]:
    return list(AuditEntry.objects.order_by("id").values_list("action", flat=True))


# --- Opening and the due dates -------------------------------------------------------------


def test_a_bad_rating_on_the_eve_of_national_day_is_due_in_working_days(rate, head):
    core_services.seed_calendar_from_package()
    rating = rate(1, when=beijing(D(2026, 9, 30)))
    rectification = rating.rectification
    assert rectification.department == rating.department == head.department
    assert rectification.status == Status.OPEN
    # 1–7 Oct National Day: the one working day to call back is Thursday 8 Oct.
    assert rectification.callback_due == D(2026, 10, 8)
    # 8 Oct (1), 9 Oct (2), Saturday 10 Oct worked (3), 12 Oct (4), 13 Oct (5).
    assert rectification.fix_due == D(2026, 10, 13)
    entry = AuditEntry.objects.get(action="evaluations.rectification_open")
    assert entry.actor is None and entry.changes["callback_due"] == "2026-10-08"
    # The department's head is told, with the way to the work page.
    note = Notification.objects.get(user=head)
    assert note.url == f"/ratings/rectifications/{rectification.pk}/"


def test_the_colours_follow_the_working_day_dates(rate):
    core_services.seed_calendar_from_package()
    rectification = rate(2, when=beijing(D(2026, 9, 30))).rectification
    assert not rectifications.callback_overdue(rectification, D(2026, 10, 8))
    assert rectifications.callback_overdue(rectification, D(2026, 10, 9))
    assert not rectifications.fix_overdue(rectification, D(2026, 10, 13))
    assert rectifications.fix_overdue(rectification, D(2026, 10, 14))


def test_a_rating_of_three_or_more_opens_nothing(rate):
    for level in (3, 4, 5):
        assert not Rectification.objects.filter(rating=rate(level)).exists()


def test_the_supervisor_gives_a_complex_matter_fifteen_working_days(rate, supervisor, head):
    core_services.seed_calendar_from_package()
    rectification = rate(1, when=beijing(D(2026, 9, 30))).rectification
    with pytest.raises(NotAllowed):
        rectifications.mark_complex(actor=head, rectification=rectification, reason="涉及多部门")
    with pytest.raises(rectifications.RectificationRefused) as refused:
        rectifications.mark_complex(actor=supervisor, rectification=rectification, reason="  ")
    assert "reason" in refused.value.errors

    rectifications.mark_complex(
        actor=supervisor, rectification=rectification, reason="需与市场监管分局共同核实"
    )
    rectification = refresh(rectification)
    # 13 Oct was the fifth working day; ten more: 14, 15, 16, 19–23, 26, 27 Oct.
    assert rectification.complex and rectification.fix_due == D(2026, 10, 27)
    assert rectification.callback_due == D(2026, 10, 8)  # the call-back is not moved
    entry = AuditEntry.objects.get(action="evaluations.rectification_complex")
    assert entry.changes["fix_due"] == ["2026-10-13", "2026-10-27"]
    assert entry.changes["reason"] == "需与市场监管分局共同核实"
    with pytest.raises(DomainError, match="already marked complex"):
        rectifications.mark_complex(actor=supervisor, rectification=rectification, reason="再次")


# --- The steps, in order -------------------------------------------------------------------


def test_call_back_then_answer_then_the_applicant_confirms(
    opened, head, django_capture_on_commit_callbacks
):
    with pytest.raises(DomainError, match="Call the applicant back before answering"):
        rectifications.answer(actor=head, rectification=opened, text="已整改")
    with pytest.raises(rectifications.RectificationRefused) as refused:
        rectifications.call_back(actor=head, rectification=opened, note="")
    assert list(refused.value.errors) == ["note"]

    rectifications.call_back(
        actor=head, rectification=opened, note="调取窗口录像核实，态度生硬属实；已电话致歉。"
    )
    called = refresh(opened)
    assert (called.status, called.called_back_by) == (Status.CALLED_BACK, head)
    with pytest.raises(DomainError, match="already been called back"):
        rectifications.call_back(actor=head, rectification=called, note="再次回访")

    with django_capture_on_commit_callbacks() as sent:
        rectifications.answer(
            actor=head, rectification=called, text="已对窗口人员批评教育，并纳入月度考核。"
        )
    assert len(sent) == 1  # the text message with the link
    answered = refresh(opened)
    assert answered.status == Status.ANSWERED and answered.answered_on_time() is True
    assert answered.response_token and answered.response_expires_at
    with pytest.raises(DomainError, match="already been answered"):
        rectifications.answer(actor=head, rectification=answered, text="再答复")

    shown = rectifications.open_response(answered.response_token)
    assert shown.answer == "已对窗口人员批评教育，并纳入月度考核。"
    rectifications.respond(answered.response_token, confirm=True, comment="谢谢")
    closed = refresh(opened)
    assert closed.status == Status.CLOSED
    assert closed.response == Rectification.Response.CONFIRMED
    assert closed.response_comment == "谢谢" and closed.closed_at is not None
    # The link works once.
    with pytest.raises(rectifications.ResponseUnusable, match="already been used"):
        rectifications.respond(answered.response_token, confirm=True)
    assert actions()[-3:] == [
        "evaluations.rectification_call_back",
        "evaluations.rectification_answer",
        "evaluations.rectification_response",
    ]


def test_the_applicant_rates_again_and_the_figures_keep_the_first_rating(opened, head):
    rectifications.call_back(actor=head, rectification=opened, note="已核实")
    token = rectifications.answer(actor=head, rectification=opened, text="已整改").response_token
    with pytest.raises(rectifications.RectificationRefused) as refused:
        rectifications.respond(token, confirm=False, comment="还行吧")
    assert list(refused.value.errors) == ["level"]
    assert refresh(opened).status == Status.ANSWERED

    rectifications.respond(token, confirm=False, level=4, comment="整改及时")
    closed = refresh(opened)
    assert (closed.response, closed.rerated_level) == (Rectification.Response.RERATED, 4)
    assert queries.figures().by_level[1] == 1 and queries.figures().by_level[4] == 0


def test_another_department_and_other_roles_cannot_rectify(
    opened, other_head, approver, supervisor, clerk
):
    with pytest.raises(DomainError, match="another department"):
        rectifications.call_back(actor=other_head, rectification=opened, note="越权")
    # The supervisor watches and decides appeals; the department rectifies.
    with pytest.raises(DomainError, match="another department"):
        rectifications.call_back(actor=supervisor, rectification=opened, note="代为回访")
    for someone in (approver, clerk):  # no Capability.RECTIFY
        with pytest.raises(NotAllowed):
            rectifications.call_back(actor=someone, rectification=opened, note="越权")
        with pytest.raises(NotAllowed):
            rectifications.lodge_appeal(actor=someone, rectification=opened, reason="越权")
    assert refresh(opened).status == Status.OPEN


def test_the_phone_number_is_shown_to_who_rectifies_and_each_look_is_logged(
    opened, head, supervisor, other_head
):
    assert rectifications.may_handle(head, opened) and rectifications.may_handle(supervisor, opened)
    assert not rectifications.may_handle(other_head, opened)
    contact = rectifications.reveal_contact(actor=head, rectification=opened)
    assert contact["phone"] == "13891234567"
    entry = AuditEntry.objects.get(action="evaluations.rectification_contact")
    assert entry.actor == head and entry.object_id == str(opened.pk)
    with pytest.raises(NotAllowed):
        rectifications.reveal_contact(actor=other_head, rectification=opened)


def test_an_unanswered_link_closes_the_rectification_when_it_expires(opened, head):
    rectifications.call_back(actor=head, rectification=opened, note="已核实")
    answered = rectifications.answer(actor=head, rectification=opened, text="已整改")
    expires = answered.response_expires_at
    with time_machine.travel(expires - dt.timedelta(minutes=1), tick=False):
        assert rectifications.close_unanswered(expires.date()) == 0
        rectifications.open_response(answered.response_token)  # still good
    with time_machine.travel(expires + dt.timedelta(minutes=1), tick=False):
        with pytest.raises(rectifications.ResponseUnusable, match="expired"):
            rectifications.respond(answered.response_token, confirm=True)
        assert rectifications.close_unanswered(expires.date()) == 1
        assert rectifications.close_unanswered(expires.date()) == 0  # once
    closed = refresh(opened)
    assert (closed.status, closed.response) == (Status.CLOSED, Rectification.Response.NONE)
    assert closed.responded_at is None


# --- Appeals -------------------------------------------------------------------------------


def test_an_upheld_appeal_takes_the_rating_out_of_the_figures_and_keeps_its_record(
    rate, head, supervisor
):
    rate(5, comment="")
    rating = rate(1, reasons=("other",), comment="随手点错了")
    rectification = rating.rectification
    before = queries.figures()
    assert (before.total, before.bad) == (2, 1)

    with pytest.raises(rectifications.RectificationRefused):
        rectifications.lodge_appeal(actor=head, rectification=rectification, reason="")
    appeal = rectifications.lodge_appeal(
        actor=head, rectification=rectification, reason="申请人来电称误点差评，有通话录音。"
    )
    with pytest.raises(DomainError, match="already been lodged"):
        rectifications.lodge_appeal(actor=head, rectification=rectification, reason="再次申诉")
    with pytest.raises(NotAllowed):  # the department does not decide its own appeal
        rectifications.decide_appeal(actor=head, appeal=appeal, uphold=True, reason="成立")

    rectifications.decide_appeal(
        actor=supervisor, appeal=appeal, uphold=True, reason="经核实系误操作，申诉成立。"
    )
    after = queries.figures()
    assert (after.total, after.bad, after.satisfaction_rate) == (1, 0, 1.0)
    # The rating is still there, with who excluded it, when and why.
    kept = Rating.objects.get(pk=rating.pk)
    assert kept.level == 1 and kept.comment == "随手点错了"
    assert kept.excluded_by == supervisor and kept.excluded_at is not None
    assert kept.excluded_reason == "经核实系误操作，申诉成立。"
    assert refresh(rectification).status == Status.EXCLUDED
    # And so is every step in the audit log.
    for action in (
        "evaluations.rate",
        "evaluations.rectification_open",
        "evaluations.appeal_lodge",
        "evaluations.appeal_decide",
        "evaluations.rating_exclude",
    ):
        assert AuditEntry.objects.filter(action=action).exists(), action
    excluded = AuditEntry.objects.get(action="evaluations.rating_exclude")
    assert excluded.object_id == str(rating.pk) and excluded.changes["level"] == 1
    assert excluded.changes["reason"] == "经核实系误操作，申诉成立。"
    # Nothing more is done on it.
    with pytest.raises(DomainError, match="already closed"):
        rectifications.call_back(actor=head, rectification=rectification, note="回访")
    with pytest.raises(DomainError, match="already been decided"):
        rectifications.decide_appeal(actor=supervisor, appeal=appeal, uphold=False, reason="改判")


def test_a_rejected_appeal_leaves_the_rating_counted_and_the_work_going_on(
    opened, head, supervisor
):
    appeal = rectifications.lodge_appeal(actor=head, rectification=opened, reason="恶意差评")
    with pytest.raises(rectifications.RectificationRefused) as refused:
        rectifications.decide_appeal(actor=supervisor, appeal=appeal, uphold=False, reason="")
    assert list(refused.value.errors) == ["reason"]
    rectifications.decide_appeal(
        actor=supervisor, appeal=appeal, uphold=False, reason="无证据表明为恶意评价。"
    )
    assert Appeal.objects.get().decision == Appeal.Decision.REJECTED
    assert queries.figures().bad == 1
    assert Rating.objects.get().excluded_at is None
    assert refresh(opened).status == Status.OPEN
    rectifications.call_back(actor=head, rectification=opened, note="已回访")
    assert refresh(opened).status == Status.CALLED_BACK
    assert not AuditEntry.objects.filter(action="evaluations.rating_exclude").exists()
