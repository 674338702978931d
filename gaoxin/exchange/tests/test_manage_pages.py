"""The administrator's partner pages under /manage/partners/: what they show, that only the
administrator reaches them, and that a refused form keeps what was typed."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from gaoxin.core.models import AuditEntry
from gaoxin.exchange import keys, services
from gaoxin.exchange.demo import PARTNERS, seed_partners
from gaoxin.exchange.models import AgreedItem, Partner, PartnerKey, RejectedMessage, SigningKey
from gaoxin.exchange.tests.peers import zone  # noqa: F401  (fixture)

XAGX_KEY = "KKDSVqu5tmhHofTmVO/fmrym252Jhf4qYLQY23GPngE="


def zh(text) -> str:
    """What the page says in Chinese (the source text until the catalogue has it)."""
    with translation.override("zh-hans"):
        return str(text)


@pytest.fixture
def xagx(admin_user) -> Partner:
    return services.register_partner(
        actor=admin_user, code="XAGX", name="西安高新区", base_url="https://zwfw.xagx.example.cn"
    )


@pytest.fixture
def agreed(xagx) -> list[AgreedItem]:
    """Items as a refresh of 西安高新区's catalog would have left them."""
    return [
        AgreedItem.objects.create(
            partner=xagx,
            code=code,
            name=name,
            department="西安高新区行政审批服务局",
            kind="licensing",
            promised_days=days,
            materials=[{"name": "申请书", "kind": "original", "requirement": "required"}],
            is_active=active,
        )
        for code, name, days, active in [
            ("610131-XK-0001", "食品经营许可", 5, True),
            ("610131-XK-0002", "药品零售企业经营许可", 10, True),
            ("610131-BA-0003", "建筑工程施工许可证变更备案", 3, True),
            ("610131-XK-0009", "娱乐场所经营许可", 10, False),
        ]
    ]


def test_the_administrator_sees_the_demo_partners_never_contacted(client, admin_user):
    seed_partners()
    client.force_login(admin_user)
    response = client.get(reverse("manage_partners"))
    assert response.status_code == 200
    for code, name, _url in PARTNERS:
        assert code in response.text and name in response.text
    assert response.text.count('data-testid="never-contacted"') == len(PARTNERS)
    assert response.text.count('data-testid="partner-row"') == len(PARTNERS)
    # In the menu, under administration.
    assert f'href="{reverse("manage_partners")}"' in response.text


def test_loading_the_demo_partners_twice_changes_nothing(db):
    assert seed_partners()
    assert seed_partners() == ""
    assert Partner.objects.count() == len(PARTNERS)
    assert not PartnerKey.objects.exists()


def test_the_list_takes_the_same_queries_whatever_the_number_of_partners(
    client, admin_user, django_assert_max_num_queries
):
    client.force_login(admin_user)
    seed_partners()
    with django_assert_max_num_queries(12):
        client.get(reverse("manage_partners"))


def test_a_clerk_is_refused_every_page(client, clerk, xagx):
    client.force_login(clerk)
    for url in [
        reverse("manage_partners"),
        reverse("manage_partner_new"),
        reverse("manage_partner", args=["XAGX"]),
        reverse("manage_partner_edit", args=["XAGX"]),
        reverse("manage_partner_key_new", args=["XAGX"]),
        reverse("manage_own_keys"),
        reverse("manage_rejected_messages"),
    ]:
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("manage_partner_refresh", args=["XAGX"])).status_code == 403
    assert client.post(reverse("manage_own_key_rotate")).status_code == 403
    # Nor is the entry in the clerk's menu.
    page = client.get(reverse("start"))
    assert reverse("manage_partners") not in page.text


def test_registering_then_adding_the_key(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("manage_partner_new"),
        {
            "code": "bjgx",
            "name": "宝鸡高新区",
            "base_url": "https://zwfw.bjgx.example.cn/",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("manage_partner_key_new", args=["BJGX"])
    response = client.post(
        response.url, {"key_id": "BJGX-20261201-1", "public_key": XAGX_KEY}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("manage_partner", args=["BJGX"])
    assert 'data-testid="partner-key"' in response.text
    assert "BJGX-20261201-1" in response.text
    assert 'data-testid="no-key"' not in response.text
    assert PartnerKey.objects.get().partner.base_url == "https://zwfw.bjgx.example.cn"


def test_a_refused_registration_keeps_what_was_typed(client, admin_user, xagx):
    client.force_login(admin_user)
    response = client.post(
        reverse("manage_partner_new"),
        {"code": "XAGX", "name": "西安高新区（新）", "base_url": "https://xagx.example.cn"},
    )
    assert response.status_code == 200
    assert 'value="西安高新区（新）"' in response.text
    assert 'value="https://xagx.example.cn"' in response.text
    assert Partner.objects.count() == 1

    response = client.post(
        reverse("manage_partner_new"),
        {"code": "西安", "name": "西安高新区", "base_url": "https://xagx.example.cn"},
    )
    assert response.status_code == 200
    assert 'value="西安"' in response.text
    assert "is-invalid" in response.text


def test_a_bad_key_is_refused_and_both_fields_keep_what_was_pasted(client, admin_user, xagx):
    client.force_login(admin_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    pasted = XAGX_KEY[:30]
    response = client.post(
        reverse("manage_partner_key_new", args=["XAGX"]),
        {"key_id": "XAGX-20261201-1", "public_key": pasted},
    )
    assert response.status_code == 200
    assert "This is not the partner&#x27;s public key" in response.text
    assert 'value="XAGX-20261201-1"' in response.text
    assert f">\n{pasted}</textarea>" in response.text
    assert not PartnerKey.objects.exists()


def test_retiring_a_partner_key(client, admin_user, xagx):
    key = services.add_partner_key(
        actor=admin_user, partner=xagx, key_id="XAGX-20261201-1", public_key=XAGX_KEY
    )
    client.force_login(admin_user)
    response = client.post(reverse("manage_partner_key_retire", args=["XAGX", key.pk]), follow=True)
    key.refresh_from_db()
    assert key.retired_at is not None
    assert 'data-testid="no-key"' in response.text
    # Twice: a message, not an error page.
    response = client.post(reverse("manage_partner_key_retire", args=["XAGX", key.pk]), follow=True)
    assert response.status_code == 200
    assert "alert-danger" in response.text


def test_editing_a_partner_deactivates_it(client, admin_user, xagx):
    client.force_login(admin_user)
    response = client.post(
        reverse("manage_partner_edit", args=["XAGX"]),
        {"code": "XAGX", "name": "西安高新区", "base_url": "https://zwfw.xagx.example.cn"},
    )
    assert response.status_code == 302
    xagx.refresh_from_db()
    assert not xagx.is_active
    assert AuditEntry.objects.filter(action="exchange.update_partner").exists()


def test_the_agreed_items_are_searched_by_name_or_code(client, admin_user, agreed):
    client.force_login(admin_user)
    url = reverse("manage_partner", args=["XAGX"])
    page = client.get(url)
    assert page.text.count('data-testid="agreed-item"') == 3  # the withdrawn one apart
    assert "娱乐场所经营许可" not in page.text

    page = client.get(url, {"q": "药品"})
    assert page.text.count('data-testid="agreed-item"') == 1
    assert "药品零售企业经营许可" in page.text

    page = client.get(url, {"q": "BA-0003"})
    assert page.text.count('data-testid="agreed-item"') == 1
    assert "建筑工程施工许可证变更备案" in page.text

    page = client.get(url, {"show": "withdrawn"})
    assert page.text.count('data-testid="agreed-item"') == 1
    assert "娱乐场所经营许可" in page.text


def test_a_refresh_that_fails_says_why_on_the_page(client, admin_user, zone):  # noqa: F811
    services.register_partner(
        actor=admin_user, code="BJGX", name="宝鸡高新区", base_url="http://127.0.0.1:9"
    )
    client.force_login(admin_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("manage_partner_refresh", args=["BJGX"]), follow=True)
    assert response.status_code == 200
    assert "宝鸡高新区 could not be reached at http://127.0.0.1:9" in response.text


def test_the_partner_page_shows_its_recent_rejections(client, admin_user, xagx):
    RejectedMessage.objects.create(
        partner_code="XAGX",
        reason=RejectedMessage.Reason.BAD_SIGNATURE,
        detail="signature does not match",
        remote_addr="10.61.0.8",
    )
    RejectedMessage.objects.create(
        partner_code="XXXX", reason=RejectedMessage.Reason.UNKNOWN_PARTNER
    )
    client.force_login(admin_user)
    page = client.get(reverse("manage_partner", args=["XAGX"]))
    assert "signature does not match" in page.text
    assert "10.61.0.8" in page.text
    listing = client.get(reverse("manage_partners"))
    row = listing.text.split('data-code="XAGX"')[1].split("</tr>")[0]
    assert zh(RejectedMessage.Reason.BAD_SIGNATURE.label) in row


def test_the_rejected_log_filters_by_partner_and_reason(client, admin_user, xagx):
    for code, reason in [
        ("XAGX", RejectedMessage.Reason.BAD_SIGNATURE),
        ("XAGX", RejectedMessage.Reason.REPLAY),
        ("HACK", RejectedMessage.Reason.UNKNOWN_PARTNER),
    ]:
        RejectedMessage.objects.create(partner_code=code, reason=reason, detail=f"{code} {reason}")
    client.force_login(admin_user)
    url = reverse("manage_rejected_messages")
    assert client.get(url).text.count('data-testid="rejected-row"') == 3
    page = client.get(url, {"partner": "XAGX"})
    assert page.text.count('data-testid="rejected-row"') == 2
    page = client.get(url, {"partner": "XAGX", "reason": "replay"})
    assert page.text.count('data-testid="rejected-row"') == 1
    assert "XAGX replay" in page.text
    page = client.get(url, {"partner": "?"})  # senders no partner has the code of
    assert page.text.count('data-testid="rejected-row"') == 1
    assert "HACK unknown_partner" in page.text
    page = client.get(url, {"reason": "nonsense"})  # ignored, not an error
    assert page.status_code == 200


def test_own_keys_are_shown_rotated_and_retired(client, admin_user, zone):  # noqa: F811
    first = keys.current_key()
    client.force_login(admin_user)
    url = reverse("manage_own_keys")
    page = client.get(url)
    assert first.public_key in page.text
    assert 'data-testid="own-code">XYGX' in page.text
    assert first.private_key not in page.text

    page = client.post(reverse("manage_own_key_rotate"), follow=True)
    second = SigningKey.objects.exclude(pk=first.pk).get()
    assert second.public_key in page.text
    assert page.text.count('data-testid="retire"') == 1  # only the old one: the new signs

    client.post(reverse("manage_own_key_retire", args=[first.pk]))
    first.refresh_from_db()
    assert first.retired_at is not None
    # The last active key is refused with a message, not an error page.
    page = client.post(reverse("manage_own_key_retire", args=[second.pk]), follow=True)
    assert page.status_code == 200
    assert "alert-danger" in page.text
    second.refresh_from_db()
    assert second.retired_at is None


def test_own_keys_page_offers_the_first_key_when_there_is_none(client, admin_user, zone):  # noqa: F811
    client.force_login(admin_user)
    page = client.get(reverse("manage_own_keys"))
    assert not SigningKey.objects.exists()  # looking makes no key
    assert 'data-testid="rotate"' in page.text
    client.post(reverse("manage_own_key_rotate"))
    assert SigningKey.objects.count() == 1
