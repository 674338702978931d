"""Every change to the zone's organisation and calendar goes through a function here.

Each one checks the actor's permission, validates, writes in one transaction and records the
audit entry. Views only parse input and call these.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

import chinese_calendar
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from gaoxin.core import audit, request_memo, uploads
from gaoxin.core.errors import DomainError
from gaoxin.core.models import CalendarDay, CalendarYear, Department, User, Window, Zone
from gaoxin.core.permissions import require
from gaoxin.core.roles import DEPARTMENT_ROLES, Capability, Role
from gaoxin.core.signals import calendar_year_confirmed

# --- Zone ---------------------------------------------------------------------------------


@transaction.atomic
def update_zone(*, actor: User | None, **values: Any) -> Zone:
    if actor is not None:
        require(actor, Capability.MANAGE_ORGANISATION)
    zone = Zone.objects.select_for_update().filter(id=1).first() or Zone(id=1)
    audit.save_changes(zone, values, action="core.update_zone", actor=actor)
    request_memo.forget("zone")
    return zone


# --- Departments ----------------------------------------------------------------------------


@transaction.atomic
def create_department(*, actor: User | None, code: str, name: str, **values: Any) -> Department:
    if actor is not None:
        require(actor, Capability.MANAGE_ORGANISATION)
    department = Department(code=code, name=name, **values)
    department.full_clean()
    department.save()
    audit.record(
        "core.create_department",
        actor=actor,
        obj=department,
        changes={"code": code, "name": name, **values},
    )
    return department


@transaction.atomic
def update_department(*, actor: User | None, department: Department, **values: Any) -> Department:
    if actor is not None:
        require(actor, Capability.MANAGE_ORGANISATION)
    department = Department.objects.select_for_update().get(pk=department.pk)
    if values.get("is_active") is False and department.staff.filter(is_active=True).exists():
        raise DomainError(
            _("Move or deactivate this department's staff before closing the department.")
        )
    audit.save_changes(department, values, action="core.update_department", actor=actor)
    return department


# --- Windows --------------------------------------------------------------------------------


def _check_window(kind: str, departments: list[Department]) -> None:
    if kind == Window.Kind.SPECIALIST and not departments:
        raise DomainError(_("A specialist window must serve at least one department."))


@transaction.atomic
def create_window(
    *,
    actor: User | None,
    number: int,
    name: str,
    kind: str,
    departments: list[Department] | None = None,
    **values: Any,
) -> Window:
    if actor is not None:
        require(actor, Capability.MANAGE_ORGANISATION)
    served = list(departments or [])
    _check_window(kind, served)
    window = Window(number=number, name=name, kind=kind, **values)
    window.full_clean()
    window.save()
    window.departments.set(served)
    audit.record(
        "core.create_window",
        actor=actor,
        obj=window,
        changes={
            "number": number,
            "name": name,
            "kind": kind,
            "departments": [d.code for d in served],
            **values,
        },
    )
    return window


@transaction.atomic
def update_window(
    *,
    actor: User | None,
    window: Window,
    departments: list[Department] | None = None,
    **values: Any,
) -> Window:
    if actor is not None:
        require(actor, Capability.MANAGE_ORGANISATION)
    window = Window.objects.select_for_update().get(pk=window.pk)
    served = list(departments) if departments is not None else list(window.departments.all())
    _check_window(values.get("kind", window.kind), served)
    old_codes = sorted(window.departments.values_list("code", flat=True))
    new_codes = sorted(d.code for d in served)
    extra = {"departments": [old_codes, new_codes]} if old_codes != new_codes else {}
    window.departments.set(served)
    audit.save_changes(window, values, action="core.update_window", actor=actor, extra=extra)
    return window


# --- Staff accounts -------------------------------------------------------------------------


def _check_account(role: str, department: Department | None, window: Window | None) -> None:
    if role in DEPARTMENT_ROLES and department is None:
        raise DomainError(_("This role works for one department: choose the department."))
    if window is not None and role != Role.CLERK:
        raise DomainError(_("Only window clerks sit at a window."))


@transaction.atomic
def create_user(
    *,
    actor: User | None,
    username: str,
    full_name: str,
    role: str,
    password: str,
    department: Department | None = None,
    window: Window | None = None,
    phone: str = "",
    email: str = "",
) -> User:
    if actor is not None:
        require(actor, Capability.MANAGE_ORGANISATION)
    _check_account(role, department, window)
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(_("The username %(username)s is taken.") % {"username": username})
    user = User(
        username=username,
        full_name=full_name,
        role=role,
        department=department,
        window=window,
        phone=phone,
        email=email,
    )
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    audit.record(
        "core.create_user",
        actor=actor,
        obj=user,
        changes={
            "username": username,
            "full_name": full_name,
            "role": role,
            "department": department,
            "window": window,
        },
    )
    return user


@transaction.atomic
def update_user(*, actor: User, user: User, **values: Any) -> User:
    require(actor, Capability.MANAGE_ORGANISATION)
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.pk == actor.pk and (
        values.get("is_active") is False or values.get("role", user.role) != user.role
    ):
        raise DomainError(_("You cannot deactivate your own account or change your own role."))
    _check_account(
        values.get("role", user.role),
        values.get("department", user.department),
        values.get("window", user.window),
    )
    audit.save_changes(user, values, action="core.update_user", actor=actor)
    return user


PHOTO_MAX_BYTES = 2 * 1024 * 1024


@transaction.atomic
def set_staff_photo(*, actor: User, user: User, photo: UploadedFile | None) -> User:
    """Set (or, with None, remove) the photo the window's second screen shows of the clerk.
    A JPEG or PNG of at most 2 MB, checked by its content."""
    require(actor, Capability.MANAGE_ORGANISATION)
    user = User.objects.select_for_update().get(pk=user.pk)
    old = user.photo.name if user.photo else ""
    if photo is None:
        user.photo = None
    else:
        try:
            kind = uploads.check_upload(
                photo, kinds=(uploads.JPEG, uploads.PNG), max_bytes=PHOTO_MAX_BYTES
            )
        except ValidationError as error:
            raise DomainError("; ".join(error.messages)) from error
        user.photo.save(f"{user.pk}-{secrets.token_hex(4)}.{kind}", photo, save=False)
    user.save(update_fields=["photo"])
    if old:
        transaction.on_commit(lambda: default_storage.delete(old))
    audit.record(
        "core.set_staff_photo",
        actor=actor,
        obj=user,
        changes={"photo": "set" if photo is not None else "removed"},
    )
    return user


@transaction.atomic
def set_password(*, actor: User, user: User, password: str) -> None:
    if actor.pk != user.pk:
        require(actor, Capability.MANAGE_ORGANISATION)
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    # The password itself never enters the log.
    audit.record("core.set_password", actor=actor, obj=user)


@transaction.atomic
def issue_token(*, actor: User | None, username: str, rotate: bool = False) -> str:
    """The API token of a staff account (``Authorization: Token <key>``), created when it has
    none; ``rotate`` replaces it so the old one stops working at once. The key never enters
    the audit log."""
    from rest_framework.authtoken.models import Token

    if actor is not None:
        require(actor, Capability.MANAGE_ORGANISATION)
    user = User.objects.select_for_update().filter(username=username).first()
    if user is None:
        raise DomainError(_("There is no staff account %(username)s.") % {"username": username})
    if not user.is_active:
        raise DomainError(_("The account %(username)s is disabled.") % {"username": username})
    rotated = bool(rotate and Token.objects.filter(user=user).delete()[0])
    token, created = Token.objects.get_or_create(user=user)
    audit.record(
        "core.issue_token", actor=actor, obj=user, changes={"created": created, "rotated": rotated}
    )
    return str(token.key)


# --- Working-day calendar ---------------------------------------------------------------------


def package_years() -> list[int]:
    """The years whose official schedule the installed chinesecalendar knows."""
    first = min(chinese_calendar.holidays).year
    years: list[int] = []
    year = first
    while True:
        try:
            chinese_calendar.is_workday(dt.date(year, 1, 1))
        except NotImplementedError:
            return years
        years.append(year)
        year += 1


@transaction.atomic
def seed_calendar_from_package(*, actor: User | None = None) -> int:
    """Load every year chinesecalendar knows. Days an administrator entered are kept.
    Returns the number of days written."""
    years = package_years()
    manual = set(
        CalendarDay.objects.filter(source=CalendarYear.Source.ADMINISTRATOR).values_list(
            "date", flat=True
        )
    )
    existing = {d.date: d for d in CalendarDay.objects.filter(source=CalendarYear.Source.PACKAGE)}
    wanted = _package_exceptions()
    written = 0
    for day, (working, name) in sorted(wanted.items()):
        if day in manual or day.year not in years:
            continue
        row = existing.get(day)
        if row is None:
            CalendarDay.objects.create(
                date=day, is_working_day=working, name=name, source=CalendarYear.Source.PACKAGE
            )
            written += 1
        elif (row.is_working_day, row.name) != (working, name):
            row.is_working_day, row.name = working, name
            row.save(update_fields=["is_working_day", "name", "updated_at"])
            written += 1
    # A newer chinesecalendar may withdraw a day it listed before.
    withdrawn = [day for day in existing if day not in wanted and day.year in years]
    if withdrawn:
        CalendarDay.objects.filter(date__in=withdrawn, source=CalendarYear.Source.PACKAGE).delete()
        written += len(withdrawn)
    for year in years:
        CalendarYear.objects.get_or_create(
            year=year, defaults={"source": CalendarYear.Source.PACKAGE}
        )
    if written:
        audit.record(
            "core.seed_calendar",
            actor=actor,
            changes={"years": [years[0], years[-1]], "days": written},
        )
    return written


# chinesecalendar names holidays in English; the table keeps the Chinese names staff read.
_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def _package_exceptions() -> dict[dt.date, tuple[bool, str]]:
    """The days chinesecalendar says differ from the Monday–Friday rule."""
    days: dict[dt.date, tuple[bool, str]] = {}
    for day, name in chinese_calendar.holidays.items():
        if day.weekday() < 5:
            days[day] = (False, _holiday_label(name))
    for day, name in chinese_calendar.workdays.items():
        if day.weekday() >= 5:
            days[day] = (True, _holiday_label(name))
    return days


def _holiday_label(name: str | None) -> str:
    return _HOLIDAY_NAMES.get(name or "", name or "")[:40]


@transaction.atomic
def set_calendar_day(
    *, actor: User, date: dt.date, is_working_day: bool, name: str = "", note: str = ""
) -> CalendarDay | None:
    """Record that ``date`` is (or is not) a working day. Setting a day back to what the
    Monday–Friday rule says removes the exception. Returns the row, or None if removed."""
    require(actor, Capability.MANAGE_CALENDAR)
    row = CalendarDay.objects.select_for_update().filter(date=date).first()
    before = row.is_working_day if row else date.weekday() < 5
    # A day back on the plain rule needs no row, unless the package lists it: then the row
    # stays, marked as the administrator's, so that seeding again does not undo the correction.
    follows_rule = is_working_day == (date.weekday() < 5) and not name
    if follows_rule and date not in _package_exceptions():
        if row is not None:
            CalendarDay.objects.filter(pk=row.pk).delete()
        result = None
    else:
        if row is None:
            row = CalendarDay(date=date)
        row.is_working_day = is_working_day
        row.name = name
        row.note = note
        row.source = CalendarYear.Source.ADMINISTRATOR
        row.updated_by = actor
        row.full_clean()
        row.save()
        result = row
    audit.record(
        "core.set_calendar_day",
        actor=actor,
        changes={
            "date": date.isoformat(),
            "is_working_day": [before, is_working_day],
            "name": name,
            "note": note,
        },
    )
    return result


@transaction.atomic
def confirm_calendar_year(*, actor: User, year: int) -> CalendarYear:
    """Declare that ``year``'s holidays and make-up days are all entered. Deadlines counted
    provisionally into that year are recomputed by the apps that hold them."""
    require(actor, Capability.MANAGE_CALENDAR)
    entry, created = CalendarYear.objects.get_or_create(
        year=year,
        defaults={"source": CalendarYear.Source.ADMINISTRATOR, "confirmed_by": actor},
    )
    if not created:
        raise DomainError(_("The schedule of %(year)s is already confirmed.") % {"year": year})
    audit.record("core.confirm_calendar_year", actor=actor, obj=entry, changes={"year": year})
    transaction.on_commit(lambda: calendar_year_confirmed.send(sender=CalendarYear, year=year))
    return entry
