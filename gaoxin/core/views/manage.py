"""The administrator's pages for the zone's organisation and calendar."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.core import form_services, queries, services, workdays
from gaoxin.core.errors import DomainError
from gaoxin.core.forms import (
    CalendarDayForm,
    DepartmentForm,
    EditUserForm,
    NewUserForm,
    PasswordForm,
    WindowForm,
    ZoneForm,
)
from gaoxin.core.http import StaffRequest
from gaoxin.core.models import CalendarYear, Department, User, Window, Zone
from gaoxin.core.permissions import require
from gaoxin.core.roles import Capability, Role

# --- Zone ----------------------------------------------------------------------------


@login_required
def zone(request: StaffRequest) -> HttpResponse:
    require(request.user, Capability.MANAGE_ORGANISATION)
    form = ZoneForm(request.POST or None, instance=Zone.current())
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.fields}
        if form_services.apply(form, lambda: services.update_zone(actor=request.user, **values)):
            messages.success(request, _("Saved."))
            return redirect("manage_zone")
    return render(
        request,
        "core/manage/form.html",
        {
            "form": form,
            "title": _("Zone"),
            "intro": _("This deployment serves one zone. Its code identifies it to partner zones."),
        },
    )


# --- Departments ---------------------------------------------------------------------


@login_required
def departments(request: StaffRequest) -> HttpResponse:
    require(request.user, Capability.MANAGE_ORGANISATION)
    rows = queries.departments_with_counts(Department.objects.all())
    return render(request, "core/manage/departments.html", {"departments": rows})


@login_required
def department_edit(request: StaffRequest, code: str | None = None) -> HttpResponse:
    require(request.user, Capability.MANAGE_ORGANISATION)
    department = get_object_or_404(Department, code=code) if code else None
    form = DepartmentForm(request.POST or None, instance=department)

    def save() -> Department:
        if department is None:
            return services.create_department(actor=request.user, **form.cleaned_data)
        values = form_services.changes(form)
        return services.update_department(actor=request.user, department=department, **values)

    title = department.name if department else _("New department")
    return form_services.save_or_show(
        request, form, save, done="manage_departments", context={"title": title}
    )


# --- Windows -------------------------------------------------------------------------


@login_required
def windows(request: StaffRequest) -> HttpResponse:
    require(request.user, Capability.MANAGE_ORGANISATION)
    return render(
        request, "core/manage/windows.html", {"windows": queries.windows_with_departments()}
    )


@login_required
def window_edit(request: StaffRequest, pk: int | None = None) -> HttpResponse:
    require(request.user, Capability.MANAGE_ORGANISATION)
    window = get_object_or_404(Window, pk=pk) if pk else None
    form = WindowForm(request.POST or None, instance=window)

    def save() -> Window:
        data = dict(form.cleaned_data)
        served = list(data.pop("departments"))
        if window is None:
            return services.create_window(actor=request.user, departments=served, **data)
        return services.update_window(actor=request.user, window=window, departments=served, **data)

    title = str(window) if window else _("New window")
    return form_services.save_or_show(
        request, form, save, done="manage_windows", context={"title": title}
    )


# --- Staff accounts ---------------------------------------------------------------------


@login_required
def users(request: StaffRequest) -> HttpResponse:
    require(request.user, Capability.MANAGE_ORGANISATION)
    search = request.GET.get("q", "").strip()
    role = request.GET.get("role", "")
    page = Paginator(queries.staff_accounts(search, role), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/manage/users.html",
        {"page": page, "q": search, "role": role, "roles": Role.choices},
    )


@login_required
def user_new(request: StaffRequest) -> HttpResponse:
    require(request.user, Capability.MANAGE_ORGANISATION)
    form = NewUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if form_services.apply(form, lambda: services.create_user(actor=request.user, **data)):
            messages.success(request, _("Account %(username)s created.") % data)
            return redirect("manage_users")
    return render(request, "core/manage/user_form.html", {"form": form, "account": None})


@login_required
def user_edit(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, Capability.MANAGE_ORGANISATION)
    account = get_object_or_404(User, pk=pk)
    form = EditUserForm(request.POST or None, instance=account, prefix="account")
    password_form = PasswordForm(prefix="password")
    if request.method == "POST" and "password-password" in request.POST:
        form = EditUserForm(instance=account, prefix="account")
        password_form = PasswordForm(request.POST, prefix="password")
        if password_form.is_valid():
            password = password_form.cleaned_data["password"]
            if form_services.apply(
                password_form,
                lambda: services.set_password(actor=request.user, user=account, password=password),
            ):
                messages.success(request, _("Password changed."))
                return redirect("manage_user", pk=account.pk)
    elif request.method == "POST" and form.is_valid():
        values = form_services.changes(form)
        if form_services.apply(
            form, lambda: services.update_user(actor=request.user, user=account, **values)
        ):
            messages.success(request, _("Saved."))
            return redirect("manage_users")
    return render(
        request,
        "core/manage/user_form.html",
        {"form": form, "password_form": password_form, "account": account},
    )


# --- Working-day calendar --------------------------------------------------------------


@login_required
def calendar(request: StaffRequest) -> HttpResponse:
    require(request.user, Capability.MANAGE_CALENDAR)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    form = CalendarDayForm(request.POST or None, initial={"date": dt.date(year, 1, 1)})
    if request.method == "POST" and "confirm_year" in request.POST:
        try:
            services.confirm_calendar_year(actor=request.user, year=year)
            messages.success(request, _("The schedule of %(year)s is confirmed.") % {"year": year})
        except DomainError as error:
            messages.error(request, error.message)
        return redirect(f"{request.path}?year={year}")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if form_services.apply(form, lambda: services.set_calendar_day(actor=request.user, **data)):
            messages.success(request, _("Saved."))
            return redirect(f"{request.path}?year={data['date'].year}")
    return render(
        request,
        "core/manage/calendar.html",
        {
            "form": form,
            "year": year,
            "years": range(today.year - 1, today.year + 3),
            "days": queries.calendar_days(year),
            "schedule": CalendarYear.objects.filter(year=year).first(),
            "missing": workdays.years_missing_schedule(today),
            "working_days": _working_day_count(year),
        },
    )


def _working_day_count(year: int) -> int:
    return workdays.working_days_between(dt.date(year - 1, 12, 31), dt.date(year, 12, 31))


@login_required
@require_POST
def user_photo_set(request: StaffRequest, pk: int) -> HttpResponse:
    """Set or remove the photo of a staff account (the second screen shows it)."""
    account = get_object_or_404(User, pk=pk)
    photo = None if "remove" in request.POST else request.FILES.get("photo")
    if photo is None and "remove" not in request.POST:
        messages.error(request, _("Choose a photo (JPEG or PNG) first."))
        return redirect("manage_user", pk=account.pk)
    try:
        services.set_staff_photo(actor=request.user, user=account, photo=photo)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Photo saved.") if photo else _("Photo removed."))
    return redirect("manage_user", pk=account.pk)


@login_required
def user_photo(request: StaffRequest, pk: int) -> FileResponse:
    """A staff member's photo, for the pages that show who serves (signed-in browsers)."""
    account = get_object_or_404(User, pk=pk)
    if not account.photo:
        raise Http404
    return FileResponse(account.photo.open("rb"))
