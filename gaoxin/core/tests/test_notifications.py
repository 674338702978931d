"""Notifications under the bell: written once per person and key, read on opening, all marked
read at once; and the pluggable sender's email implementation."""

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from gaoxin.core import notifications, sending
from gaoxin.core.models import Notification
from gaoxin.core.roles import Capability, Role
from gaoxin.core.tasks import send_message_task
from gaoxin.core.tests.factories import UserFactory


def test_a_key_reaches_each_person_once(approver, head):
    assert notifications.notify(approver, "办件即将超期", "还剩一个工作日", dedupe_key="k1") == 1
    assert notifications.notify(approver, "办件即将超期", "again", dedupe_key="k1") == 0
    assert notifications.notify_many([approver, head], "办件即将超期", dedupe_key="k1") == 1
    assert Notification.objects.filter(dedupe_key="k1").count() == 2
    # Without a key every message is written.
    notifications.notify(approver, "A")
    notifications.notify(approver, "A")
    assert Notification.objects.filter(user=approver, dedupe_key="").count() == 2
    assert notifications.already_sent(["k1", "k2"]) == {"k1"}


def test_a_department_is_told_through_the_capability_its_people_hold(
    approver, head, inspector, other_approver, clerk, supervisor
):
    retired = UserFactory(role=Role.APPROVER, department=approver.department, is_active=False)
    written = notifications.notify_department(approver.department, Capability.APPROVE, "新办件")
    assert written == 2
    told = set(Notification.objects.values_list("user_id", flat=True))
    assert told == {approver.pk, head.pk}
    assert retired.pk not in told
    # No department: everyone in the zone who holds it (the center's supervisors).
    notifications.notify_department(None, Capability.SUPERVISE, "红牌办件")
    assert Notification.objects.filter(user=supervisor).count() == 1


def test_the_bell_counts_unread_and_the_page_lists_them(client, approver, other_approver):
    notifications.notify(approver, "办件 XYGX001 即将超期", "审查环节还剩一个工作日", "/cases/1/")
    notifications.notify(approver, "办件 XYGX002 已超期")
    notifications.notify(other_approver, "别人的消息")
    client.force_login(approver)
    start = client.get(reverse("start")).content.decode()
    assert 'data-testid="notification-bell"' in start
    assert 'data-testid="unread-count" aria-hidden="true">2<' in start

    page = client.get(reverse("notifications")).content.decode()
    assert "XYGX001" in page and "XYGX002" in page and "别人的消息" not in page
    assert page.count("data-unread") == 2


def test_opening_a_notification_marks_it_read_and_follows_its_link(
    client, approver, other_approver
):
    notifications.notify(approver, "办件即将超期", url="/cases/7/")
    mine = Notification.objects.get(user=approver)
    notifications.notify(other_approver, "别人的消息")
    theirs = Notification.objects.get(user=other_approver)
    client.force_login(approver)

    response = client.get(reverse("notification_open", args=[mine.pk]))
    assert response.status_code == 302 and response["Location"] == "/cases/7/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert notifications.unread_count(approver) == 0
    # Someone else's message is not there for this person.
    assert client.get(reverse("notification_open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_link_to_another_site_is_not_followed(client, approver):
    notifications.notify(approver, "可疑链接", url="https://evil.example.com/")
    client.force_login(approver)
    pk = Notification.objects.get().pk
    response = client.get(reverse("notification_open", args=[pk]))
    assert response["Location"] == reverse("notifications")


def test_mark_all_read_and_the_unread_filter(client, approver, other_approver):
    for n in range(3):
        notifications.notify(approver, f"消息{n}")
    notifications.notify(other_approver, "别人的消息")
    client.force_login(approver)
    assert client.get(reverse("notifications_read_all")).status_code == 405
    response = client.post(reverse("notifications_read_all"), follow=True)
    assert notifications.unread_count(approver) == 0
    assert notifications.unread_count(other_approver) == 1
    assert 'data-testid="unread-count"' not in response.content.decode()
    unread_page = client.get(reverse("notifications") + "?show=unread").content.decode()
    assert 'data-testid="no-notifications"' in unread_page


def test_the_page_needs_sign_in(client):
    response = client.get(reverse("notifications"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_page_lists_fifty_at_a_time_with_constant_queries(
    client, approver, django_assert_max_num_queries
):
    Notification.objects.bulk_create(
        Notification(user=approver, title=f"消息{n}") for n in range(120)
    )
    client.force_login(approver)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("notifications")).content.decode()
    assert page.count('data-testid="notification"') == 50
    assert "99+" in page


# --- The pluggable sender ------------------------------------------------------------------


def test_the_console_sender_is_the_default(settings):
    assert settings.GAOXIN_SENDER == "gaoxin.core.sending.ConsoleSender"
    sending.ConsoleSender.sent.clear()
    send_message_task.call("13891234567", "【政务服务】测试")
    assert sending.ConsoleSender.sent == [("13891234567", "【政务服务】测试")]


def test_the_email_sender_mails_through_django(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.GAOXIN_SENDER = "gaoxin.core.sending.EmailSender"
    settings.GAOXIN_SENDER_EMAIL_TO = "{recipient}@sms.example.cn"
    settings.DEFAULT_FROM_EMAIL = "zwfw@example.gov.cn"
    send_message_task.call("13891234567", "【政务服务】您的办件已办结。")
    send_message_task.call("liu@example.com", "【政务服务】您的办件已受理。")
    assert [m.to for m in mail.outbox] == [["13891234567@sms.example.cn"], ["liu@example.com"]]
    assert mail.outbox[0].body == "【政务服务】您的办件已办结。"
    assert mail.outbox[0].from_email == "zwfw@example.gov.cn"
    assert mail.outbox[0].subject == "政务服务通知"


def test_the_email_sender_needs_an_address_for_a_phone_number(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.GAOXIN_SENDER_EMAIL_TO = ""
    with pytest.raises(ImproperlyConfigured):
        sending.EmailSender().send("13891234567", "text")
    assert mail.outbox == []
