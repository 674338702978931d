"""Load the demo zone (咸阳高新区). Safe to run again: it adds what is missing and changes
nothing that is already there."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from gaoxin.core import services
from gaoxin.core.demo import organisation as demo
from gaoxin.core.models import Department, User, Window, Zone
from gaoxin.core.roles import Role


class Command(BaseCommand):
    help = "Load the demo zone: its departments, windows, calendar and one account per role."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print logins.")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        if Zone.current() is None:
            services.update_zone(actor=None, **demo.ZONE)
        for order, (code, name, short_name, phone) in enumerate(demo.DEPARTMENTS, start=1):
            if not Department.objects.filter(code=code).exists():
                services.create_department(
                    actor=None,
                    code=code,
                    name=name,
                    short_name=short_name,
                    phone=phone,
                    sort_order=order * 10,
                )
        self._windows()
        days = services.seed_calendar_from_package()
        for username, full_name, role, department, window, phone in demo.ACCOUNTS:
            if not User.objects.filter(username=username).exists():
                services.create_user(
                    actor=None,
                    username=username,
                    full_name=full_name,
                    role=role,
                    password=demo.DEMO_PASSWORD,
                    department=Department.objects.get(code=department) if department else None,
                    window=Window.objects.get(number=window) if window else None,
                    phone=phone,
                )
        # Apps above core add their part of the demo zone (the catalog, cases …) here.
        for seeder in demo.SEEDERS:
            summary = seeder()
            if summary:
                self.stdout.write(summary)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo zone ready: {Department.objects.count()} departments, "
                f"{Window.objects.count()} windows, {days} calendar days written."
            )
        )
        if not options["quiet_logins"]:
            self.stdout.write(login_table())

    def _windows(self) -> None:
        for number in range(1, demo.INTAKE_WINDOWS + 1):
            if not Window.objects.filter(number=number).exists():
                services.create_window(
                    actor=None,
                    number=number,
                    name="综合受理窗口",
                    kind=Window.Kind.INTAKE,
                    location="一楼A区",
                )
        first_delivery = demo.INTAKE_WINDOWS + 1
        for number in range(first_delivery, first_delivery + demo.DELIVERY_WINDOWS):
            if not Window.objects.filter(number=number).exists():
                services.create_window(
                    actor=None,
                    number=number,
                    name="综合出件窗口",
                    kind=Window.Kind.DELIVERY,
                    location="一楼A区",
                )
        for number, name, codes, location in demo.SPECIALIST_WINDOWS:
            if not Window.objects.filter(number=number).exists():
                services.create_window(
                    actor=None,
                    number=number,
                    name=name,
                    kind=Window.Kind.SPECIALIST,
                    departments=list(Department.objects.filter(code__in=codes)),
                    location=location,
                )


def login_table() -> str:
    rows = [(_("Role"), _("Username"), _("Password"), _("Name"))]
    for username, full_name, role, *_rest in demo.ACCOUNTS:
        rows.append((str(Role(role).label), username, demo.DEMO_PASSWORD, full_name))
    widths = [max(_display_width(row[i]) for row in rows) for i in range(4)]
    lines = ["", _("Demo logins at http://127.0.0.1:8000/login/"), ""]
    for index, row in enumerate(rows):
        cells = [cell + " " * (widths[i] - _display_width(cell)) for i, cell in enumerate(row)]
        lines.append("  " + "  ".join(cells))
        if index == 0:
            lines.append("  " + "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def _display_width(text: str) -> int:
    # CJK characters take two columns in a terminal.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
