"""The administrator's services for partner zones: who may use them, keys checked before they
are trusted, and the partner's catalog imported over the exchange API — here from this very
deployment, registered as its own partner and served by a live server."""

import pytest
from django.utils import translation

from gaoxin.catalog import services as catalog_services
from gaoxin.catalog.tests.factories import make_item
from gaoxin.core.errors import DomainError, NotAllowed
from gaoxin.core.models import AuditEntry
from gaoxin.exchange import keys, services
from gaoxin.exchange.models import AgreedItem, Partner, PartnerKey, RejectedMessage
from gaoxin.exchange.tests.peers import CODE, zone  # noqa: F401  (fixture)

# A real Ed25519 public key (of a key pair made for these tests), as a partner's page shows it.
XAGX_KEY = "KKDSVqu5tmhHofTmVO/fmrym252Jhf4qYLQY23GPngE="


def register_xagx(actor) -> Partner:
    return services.register_partner(
        actor=actor, code="xagx", name="西安高新区", base_url="https://zwfw.xagx.example.cn/"
    )


def test_an_administrator_registers_a_partner_and_the_log_says_so(admin_user):
    partner = register_xagx(admin_user)
    assert (partner.code, partner.base_url, partner.is_active) == (
        "XAGX",
        "https://zwfw.xagx.example.cn",
        True,
    )
    entry = AuditEntry.objects.get(action="exchange.register_partner")
    assert entry.actor == admin_user
    assert entry.changes["code"] == "XAGX"


def test_a_clerk_may_not_administer_partners(clerk, admin_user):
    with pytest.raises(NotAllowed):
        register_xagx(clerk)
    partner = register_xagx(admin_user)
    with pytest.raises(NotAllowed):
        services.update_partner(actor=clerk, partner=partner, is_active=False)
    with pytest.raises(NotAllowed):
        services.add_partner_key(
            actor=clerk, partner=partner, key_id="XAGX-20261201-1", public_key=XAGX_KEY
        )
    with pytest.raises(NotAllowed):
        services.refresh_catalog(actor=clerk, partner=partner)
    with pytest.raises(NotAllowed):
        services.rotate_own_key(actor=clerk)
    assert not PartnerKey.objects.exists()


def test_the_same_code_twice_is_refused(admin_user):
    register_xagx(admin_user)
    with translation.override("en"), pytest.raises(DomainError) as refused:
        register_xagx(admin_user)
    assert "XAGX is registered already" in refused.value.message


def test_a_partner_key_is_added_as_pasted_even_over_two_lines(admin_user):
    partner = register_xagx(admin_user)
    pasted = XAGX_KEY[:20] + "\n  " + XAGX_KEY[20:] + "\n"
    key = services.add_partner_key(
        actor=admin_user, partner=partner, key_id=" XAGX-20261201-1 ", public_key=pasted
    )
    assert (key.key_id, key.public_key, key.retired_at) == ("XAGX-20261201-1", XAGX_KEY, None)
    assert AuditEntry.objects.filter(action="exchange.add_partner_key").count() == 1


@pytest.mark.parametrize(
    ("pasted", "says"),
    [
        ("this is not a key", "not valid base64"),
        (XAGX_KEY[:-4], "this one has 30"),  # the end not copied
        ("AAAA" + XAGX_KEY, "this one has 35"),
        ("", "Paste the partner's public key"),
    ],
)
def test_a_bad_public_key_is_refused_with_a_clear_message(admin_user, pasted, says):
    partner = register_xagx(admin_user)
    with translation.override("en"), pytest.raises(DomainError) as refused:
        services.add_partner_key(
            actor=admin_user, partner=partner, key_id="XAGX-20261201-1", public_key=pasted
        )
    assert says in refused.value.message
    assert not PartnerKey.objects.exists()
    assert not AuditEntry.objects.filter(action="exchange.add_partner_key").exists()


def test_a_retired_partner_key_stays_listed_and_cannot_be_retired_twice(admin_user):
    partner = register_xagx(admin_user)
    key = services.add_partner_key(
        actor=admin_user, partner=partner, key_id="XAGX-20261201-1", public_key=XAGX_KEY
    )
    services.retire_partner_key(actor=admin_user, key=key)
    key.refresh_from_db()
    assert key.retired_at is not None
    with pytest.raises(DomainError):
        services.retire_partner_key(actor=admin_user, key=key)
    assert AuditEntry.objects.filter(action="exchange.retire_partner_key").count() == 1


def test_the_code_is_fixed_once_messages_went_under_it(admin_user):
    partner = register_xagx(admin_user)
    services.update_partner(actor=admin_user, partner=partner, code="XAGX2")  # no message yet
    partner.refresh_from_db()
    assert partner.code == "XAGX2"
    partner.outbox.create(sequence=1, kind="test.note", payload={})
    with pytest.raises(DomainError):
        services.update_partner(actor=admin_user, partner=partner, code="XAGX")


# --- The catalog, from a live partner ---------------------------------------------------------


@pytest.fixture
def ourselves_live(zone, admin_user, live_server):  # noqa: F811
    """This deployment as its own partner at the live server's address, knowing our key."""
    partner = services.register_partner(
        actor=admin_user, code=CODE, name="咸阳高新区（本区）", base_url=live_server.url
    )
    own = keys.current_key()
    services.add_partner_key(
        actor=admin_user, partner=partner, key_id=own.key_id, public_key=own.public_key
    )
    return partner


@pytest.mark.django_db(transaction=True)
def test_the_catalog_is_imported_and_an_item_no_longer_published_is_withdrawn(
    ourselves_live, admin_user, approval_bureau
):
    food = make_item(approval_bureau, name="食品经营许可")
    drugs = make_item(approval_bureau, name="药品零售企业经营许可")
    make_item(approval_bureau, name="建设工程规划许可", cross_zone=False)

    first = services.refresh_catalog(actor=admin_user, partner=ourselves_live)

    assert (first.added, first.updated, first.withdrawn, first.unchanged) == (2, 0, 0, 0)
    agreed = {i.code: i for i in AgreedItem.objects.filter(partner=ourselves_live)}
    assert set(agreed) == {food.code, drugs.code}
    assert agreed[food.code].name == "食品经营许可"
    assert agreed[food.code].department == "行政审批服务局"
    assert agreed[food.code].promised_days == 5
    assert [m["name"] for m in agreed[food.code].materials] == [
        "食品经营许可申请书",
        "营业执照",
        "授权委托书",
        "食品安全管理制度文本",
    ]
    assert agreed[food.code].materials[2]["condition"] == "委托他人办理的"
    ourselves_live.refresh_from_db()
    assert ourselves_live.catalog_refreshed_at is not None

    # The owning zone shortens one item's limit and takes the other out of 通办.
    catalog_services.revise_item(actor=None, item=food, promised_days=3)
    catalog_services.revise_item(actor=None, item=drugs, cross_zone=False)
    second = services.refresh_catalog(actor=admin_user, partner=ourselves_live)

    assert (second.added, second.updated, second.withdrawn, second.unchanged) == (0, 1, 1, 0)
    agreed = {i.code: i for i in AgreedItem.objects.filter(partner=ourselves_live)}
    assert (agreed[food.code].is_active, agreed[food.code].promised_days) == (True, 3)
    assert agreed[food.code].version == 2
    assert agreed[drugs.code].is_active is False  # kept for cases under way, no longer agreed

    # Nothing changed since: a third refresh says so.
    third = services.refresh_catalog(actor=admin_user, partner=ourselves_live)
    assert (third.added, third.updated, third.withdrawn, third.unchanged) == (0, 0, 0, 1)

    entries = AuditEntry.objects.filter(action="exchange.refresh_catalog").order_by("pk")
    assert [e.actor for e in entries] == [admin_user] * 3
    assert entries[0].changes["added"] == sorted([food.code, drugs.code])
    assert entries[1].changes["withdrawn"] == [drugs.code]
    assert entries[1].changes["updated"] == [food.code]


@pytest.mark.django_db(transaction=True)
def test_a_partner_that_does_not_know_our_key_refuses_and_nothing_changes(
    ourselves_live, admin_user, approval_bureau
):
    make_item(approval_bureau, name="食品经营许可")
    # The partner (ourselves) retires the key it knew us by.
    services.retire_partner_key(actor=admin_user, key=ourselves_live.keys.get())

    with translation.override("en"), pytest.raises(DomainError) as refused:
        services.refresh_catalog(actor=admin_user, partner=ourselves_live)

    assert "refused to give its catalog (HTTP 401" in refused.value.message
    assert not AgreedItem.objects.exists()
    rejected = RejectedMessage.objects.get()
    assert (rejected.partner_code, rejected.reason) == (CODE, RejectedMessage.Reason.UNKNOWN_KEY)
    assert not AuditEntry.objects.filter(action="exchange.refresh_catalog").exists()


def test_an_unreachable_partner_is_reported_not_a_crash(zone, admin_user):  # noqa: F811
    partner = services.register_partner(
        actor=admin_user, code="BJGX", name="宝鸡高新区", base_url="http://127.0.0.1:9"
    )
    with translation.override("en"), pytest.raises(DomainError) as refused:
        services.refresh_catalog(actor=admin_user, partner=partner)
    assert "宝鸡高新区 could not be reached at http://127.0.0.1:9" in refused.value.message
    partner.refresh_from_db()
    assert partner.catalog_refreshed_at is None


def test_a_deactivated_partner_is_not_asked(admin_user):
    partner = register_xagx(admin_user)
    services.update_partner(actor=admin_user, partner=partner, is_active=False)
    with translation.override("en"), pytest.raises(DomainError) as refused:
        services.refresh_catalog(actor=admin_user, partner=partner)
    assert "deactivated" in refused.value.message


def test_own_keys_rotate_and_the_old_one_retires(zone, admin_user):  # noqa: F811
    first = keys.current_key()
    second = services.rotate_own_key(actor=admin_user)
    assert second.key_id != first.key_id
    services.retire_own_key(actor=admin_user, key=first)
    first.refresh_from_db()
    assert first.retired_at is not None
    with pytest.raises(DomainError):
        services.retire_own_key(actor=admin_user, key=second)  # the last one signs
    assert AuditEntry.objects.filter(action="exchange.rotate_key", actor=admin_user).exists()
