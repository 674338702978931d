"""Reminders of booked appointments: the day before, and 15 minutes before (with the session
link), to the applicant's phone and to the inspectors' bells. Each goes out once.

A loop of the background worker (``gaoxin.core.loops``, every minute in every worker) runs
:func:`send_due`. Each reminder is claimed by a conditional update of its sent flag
(``reminded_day_before_at`` / ``reminded_soon_at`` from NULL to now) in the transaction that
queues its messages: of several workers, exactly one changes the row and sends; a second run
finds nothing to do. The daily periodic jobs (``gaoxin.core.periodic``) run once a day or an
hour, too coarse for "15 minutes before".

- The day before: from ``hours.DAY_BEFORE_AT`` (09:00) on the calendar day before the slot,
  until that day ends. An appointment booked after that moment gets none (the booking's
  confirmation has just told the time).
- 15 minutes before: from ``hours.OPENS_BEFORE`` before the start until the start (a worker
  that was down longer sends nothing late: the link is on the phone page by then anyway).

Missed appointments (:func:`mark_missed`, a loop of its own, every minute too): an appointment
of a remote inspection whose slot has ended while it is still booked — the applicant never
connected to the live video (a connection would have marked it held) nor uploaded from the
phone page — is marked missed. Its people are free again (their attendance ends), the
inspection waits for a booking again (the applicant's booking link books again, as after a
cancellation, and is sent again by message), and the inspectors of the appointment are told on
their bells. An appointment on site is never marked missed: the inspector goes to the site and
signs the record, or cancels it. The move is claimed by a conditional update (booked → missed),
so of several workers exactly one makes it.

Registered by ``InspectionsConfig.ready()``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gaoxin.core import audit, notifications
from gaoxin.core.sending import send_later
from gaoxin.inspections import hours, links, workflow
from gaoxin.inspections.models import Appointment, Inspection

EVERY_SECONDS = 60


def send_due(now: dt.datetime | None = None) -> int:
    """Send every reminder now due; returns how many appointments were reminded."""
    now = now or timezone.now()
    return _day_before(now) + _soon(now)


def _day_before(now: dt.datetime) -> int:
    local = timezone.localtime(now)
    if local.time() < hours.DAY_BEFORE_AT:
        return 0
    tomorrow = local.date() + dt.timedelta(days=1)
    tz = hours.zone_tz()
    begin = dt.datetime.combine(tomorrow, dt.time(0), tzinfo=tz)
    due = Appointment.objects.filter(
        status=Appointment.Status.BOOKED,
        reminded_day_before_at__isnull=True,
        start__gte=begin,
        start__lt=begin + dt.timedelta(days=1),
        booked_at__lt=begin - dt.timedelta(days=1) + _time_of(hours.DAY_BEFORE_AT),
    )
    sent = 0
    for pk in list(due.values_list("pk", flat=True)):
        sent += _send(pk, "reminded_day_before_at", now, soon=False)
    return sent


def _soon(now: dt.datetime) -> int:
    due = Appointment.objects.filter(
        status=Appointment.Status.BOOKED,
        reminded_soon_at__isnull=True,
        start__lte=now + hours.OPENS_BEFORE,
        start__gt=now,
    )
    sent = 0
    for pk in list(due.values_list("pk", flat=True)):
        sent += _send(pk, "reminded_soon_at", now, soon=True)
    return sent


def _time_of(at: dt.time) -> dt.timedelta:
    return dt.timedelta(hours=at.hour, minutes=at.minute)


@transaction.atomic
def _send(pk: int, flag: str, now: dt.datetime, *, soon: bool) -> int:
    claimed = Appointment.objects.filter(
        pk=pk, status=Appointment.Status.BOOKED, **{f"{flag}__isnull": True}
    ).update(**{flag: now})
    if not claimed:
        return 0  # another worker had it, or it was cancelled meanwhile
    appointment = Appointment.objects.select_related("inspection__case__item", "room").get(pk=pk)
    inspection = appointment.inspection
    case = inspection.case
    local = timezone.localtime(appointment.start)
    subject = f"【政务服务】您申请的“{case.item.name}”（办件编号{case.display_number}）的"
    if soon:
        if inspection.remote:
            text = (
                f"{subject}远程视频踏勘将于{local:%H:%M}开始。请到现场，用手机打开链接并允许使用"
                f"摄像头：{links.session_url(appointment)}"
            )
        else:
            text = f"{subject}现场踏勘将于{local:%H:%M}开始，踏勘人员即将到达，请在场等候。"
    else:
        text = (
            f"{subject}{'远程视频' if inspection.remote else '现场'}踏勘定于明天"
            f"（{local.month}月{local.day}日）{local:%H:%M}，请准时参加。"
        )
    send_later(case.phone, text)
    people = list(appointment.attendances.values_list("person_id", flat=True))
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "number": case.display_number,
            "time": f"{local:%H:%M}",
            "room": appointment.room or _("on site"),
        }
        title = (
            _("Site inspection of case %(number)s at %(time)s (%(room)s): in 15 minutes")
            if soon
            else _("Site inspection of case %(number)s tomorrow at %(time)s (%(room)s)")
        ) % values
        notifications.notify_many(
            people,
            title,
            url=reverse("inspection_detail", args=[inspection.pk]),
            dedupe_key=f"inspections.appointment.{pk}.{'soon' if soon else 'day_before'}",
        )
    return 1


# --- Missed appointments ----------------------------------------------------------------------


def mark_missed(now: dt.datetime | None = None) -> int:
    """Mark missed every remote appointment whose slot ended without the applicant; returns
    how many were marked."""
    now = now or timezone.now()
    due = Appointment.objects.filter(
        status=Appointment.Status.BOOKED, end__lte=now, inspection__remote=True
    ).values_list("pk", flat=True)
    return sum(_missed(pk, now) for pk in list(due))


@transaction.atomic
def _missed(pk: int, now: dt.datetime) -> int:
    claimed = Appointment.objects.filter(pk=pk, status=Appointment.Status.BOOKED).update(
        status=Appointment.Status.MISSED
    )
    if not claimed:
        return 0  # another worker had it, or the applicant connected at the last moment
    workflow.check_appointment_move(Appointment.Status.BOOKED, Appointment.Status.MISSED)
    appointment = Appointment.objects.select_related("inspection__case__item", "room").get(pk=pk)
    people = list(appointment.attendances.values_list("person_id", flat=True))
    appointment.attendances.update(active=False)
    inspection = Inspection.objects.select_for_update().get(pk=appointment.inspection_id)
    if inspection.status == Inspection.Status.BOOKED:
        workflow.check_move(inspection.status, Inspection.Status.REQUESTED)
        inspection.status = Inspection.Status.REQUESTED
        inspection.save(update_fields=["status"])
    local = timezone.localtime(appointment.start)
    audit.record(
        "inspections.missed",
        actor=None,
        obj=inspection,
        changes={"appointment": pk, "start": f"{local:%Y-%m-%d %H:%M}"},
    )
    case = inspection.case
    if inspection.status == Inspection.Status.REQUESTED:
        send_later(
            case.phone,
            f"【政务服务】您申请的“{case.item.name}”（办件编号{case.display_number}）"
            f"原定{local.month}月{local.day}日{local:%H:%M}的远程视频踏勘未能进行（未接入视频），"
            f"请打开链接重新选择时间：{links.booking_url(inspection)}",
        )
    with translation.override(settings.LANGUAGE_CODE):
        title = _(
            "The applicant of case %(number)s did not join the inspection at %(time)s: "
            "the appointment is marked missed, and they may book another time"
        ) % {"number": case.display_number, "time": f"{local:%m-%d %H:%M}"}
        notifications.notify_many(
            people,
            title,
            url=reverse("inspection_detail", args=[inspection.pk]),
            dedupe_key=f"inspections.appointment.{pk}.missed",
        )
    return 1
