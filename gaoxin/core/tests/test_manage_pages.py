"""The administrator's pages: creating and editing through forms, and bad input kept."""

from django.urls import reverse

from gaoxin.core.models import Department, User, Window
from gaoxin.core.tests.factories import PASSWORD


def sign_in(client, user):
    client.force_login(user)


def test_an_administrator_adds_a_department(client, admin_user):
    sign_in(client, admin_user)
    response = client.post(
        reverse("manage_department_new"),
        {
            "code": "kjcx",
            "name": "科技创新局",
            "short_name": "科创局",
            "sort_order": 80,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Department.objects.get(code="kjcx").name == "科技创新局"


def test_a_refused_account_keeps_what_was_typed(client, admin_user, approval_bureau):
    sign_in(client, admin_user)
    response = client.post(
        reverse("manage_user_new"),
        {
            "username": "liuxin",
            "full_name": "刘欣",
            "role": "approver",  # but no department chosen
            "phone": "13800000000",
            "password": "a-long-passphrase",
        },
    )
    assert response.status_code == 200
    assert "该角色隶属于某个部门，请选择部门。" in response.text
    assert 'value="刘欣"' in response.text
    assert 'value="13800000000"' in response.text
    assert not User.objects.filter(username="liuxin").exists()


def test_an_administrator_creates_an_account_that_can_sign_in(client, admin_user, approval_bureau):
    sign_in(client, admin_user)
    response = client.post(
        reverse("manage_user_new"),
        {
            "username": "liuxin",
            "full_name": "刘欣",
            "role": "approver",
            "department": approval_bureau.pk,
            "password": "a-long-passphrase",
        },
    )
    assert response.status_code == 302
    client.logout()
    response = client.post(
        reverse("login"), {"username": "liuxin", "password": "a-long-passphrase"}
    )
    assert response.status_code == 302


def test_an_administrator_deactivates_an_account(client, admin_user, clerk):
    sign_in(client, admin_user)
    response = client.post(
        reverse("manage_user", args=[clerk.pk]),
        {"account-full_name": "王丽", "account-role": "clerk"},  # is_active unticked
    )
    assert response.status_code == 302
    clerk.refresh_from_db()
    assert not clerk.is_active


def test_an_administrator_resets_a_password(client, admin_user, clerk):
    sign_in(client, admin_user)
    response = client.post(
        reverse("manage_user", args=[clerk.pk]), {"password-password": "new-long-passphrase"}
    )
    assert response.status_code == 302
    clerk.refresh_from_db()
    assert clerk.check_password("new-long-passphrase")


def test_a_weak_reset_password_is_refused_with_the_reason(client, admin_user, clerk):
    sign_in(client, admin_user)
    response = client.post(reverse("manage_user", args=[clerk.pk]), {"password-password": "12345"})
    assert response.status_code == 200
    assert "密码" in response.text
    clerk.refresh_from_db()
    assert clerk.check_password(PASSWORD)


def test_a_specialist_window_without_departments_is_refused(client, admin_user):
    sign_in(client, admin_user)
    response = client.post(
        reverse("manage_window_new"),
        {"number": 15, "name": "企业开办专窗", "kind": "specialist", "location": "一楼B区"},
    )
    assert response.status_code == 200
    assert "专业窗口至少要服务一个部门。" in response.text
    assert 'value="一楼B区"' in response.text
    assert not Window.objects.exists()


def test_the_zone_identity_is_edited_on_its_page(client, admin_user):
    sign_in(client, admin_user)
    response = client.post(
        reverse("manage_zone"),
        {
            "name": "咸阳高新技术产业开发区",
            "short_name": "咸阳高新区",
            "code": "XYGX",
            "region_code": "610402",
        },
    )
    assert response.status_code == 302
    assert "咸阳高新区" in client.get(reverse("start")).text


def test_staff_lists_mask_phone_numbers(client, admin_user, clerk):
    clerk.phone = "13909101001"
    clerk.save()
    sign_in(client, admin_user)
    page = client.get(reverse("manage_users")).text
    assert "139****1001" in page
    assert "13909101001" not in page


# --- The clerk's photo, for the window's second screen ------------------------------------


def test_an_administrator_gives_a_clerk_a_photo_and_takes_it_away(client, admin_user, clerk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gaoxin.core.tests.test_uploads import png_bytes

    sign_in(client, admin_user)
    photo = SimpleUploadedFile("wangli.png", png_bytes(4, 5), content_type="image/png")
    response = client.post(reverse("manage_user_photo", args=[clerk.pk]), {"photo": photo})
    assert response.status_code == 302
    clerk.refresh_from_db()
    assert clerk.photo.name.endswith(".png")
    page = client.get(reverse("manage_user", args=[clerk.pk])).content.decode()
    assert 'data-testid="photo"' in page
    shown = client.get(reverse("staff_photo", args=[clerk.pk]))
    assert b"".join(shown.streaming_content).startswith(b"\x89PNG")

    client.post(reverse("manage_user_photo", args=[clerk.pk]), {"remove": "1"})
    clerk.refresh_from_db()
    assert not clerk.photo
    assert client.get(reverse("staff_photo", args=[clerk.pk])).status_code == 404


def test_a_photo_that_is_not_an_image_is_refused_with_the_reason(client, admin_user, clerk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    sign_in(client, admin_user)
    fake = SimpleUploadedFile("photo.png", b"%PDF-1.7 not a picture", content_type="image/png")
    response = client.post(
        reverse("manage_user_photo", args=[clerk.pk]), {"photo": fake}, follow=True
    )
    assert "JPEG / PNG" in response.content.decode()
    clerk.refresh_from_db()
    assert not clerk.photo


def test_only_an_administrator_sets_a_photo(client, clerk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gaoxin.core.tests.test_uploads import png_bytes

    sign_in(client, clerk)
    photo = SimpleUploadedFile("me.png", png_bytes(), content_type="image/png")
    response = client.post(reverse("manage_user_photo", args=[clerk.pk]), {"photo": photo})
    assert response.status_code == 403
    clerk.refresh_from_db()
    assert not clerk.photo
