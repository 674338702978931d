"""The demo zone: what a visitor meets first, loaded again and again without harm."""

from django.core.management import call_command

from gaoxin.core.models import AuditEntry, CalendarYear, Department, User, Window, Zone
from gaoxin.core.roles import Role


def test_the_demo_zone_has_its_organisation_and_one_login_per_role(db, capsys, settings):
    settings.GAOXIN_DEMO_HISTORY = False  # the past year: gaoxin/stats/tests/test_demo_history
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "gaoxin-demo-2026" in out
    for username in ["admin", "clerk", "approver", "head", "inspector", "supervisor", "leader"]:
        assert username in out
    assert Zone.current().short_name == "咸阳高新区"
    assert Window.objects.count() == 26
    assert Window.objects.filter(kind=Window.Kind.INTAKE).count() >= 1
    assert Window.objects.filter(kind=Window.Kind.DELIVERY).count() >= 1
    for name in [
        "行政审批服务局",
        "经济发展局",
        "规划建设局",
        "招商局",
        "营商环境办公室",
        "财政局",
        "社会事务局",
    ]:
        assert Department.objects.filter(name=name).exists(), name
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    assert CalendarYear.objects.filter(year=2026).exists()


def test_loading_it_twice_changes_nothing(db, settings):
    settings.GAOXIN_DEMO_HISTORY = False
    call_command("seed_demo", "--quiet-logins", verbosity=0)
    counts = (User.objects.count(), Window.objects.count(), AuditEntry.objects.count())
    call_command("seed_demo", "--quiet-logins", verbosity=0)
    assert (User.objects.count(), Window.objects.count(), AuditEntry.objects.count()) == counts
