"""管理 › 大厅业务: the administrator sets up the hall's businesses — the services (who may,
what is checked, what the log says) and the pages (list, new, edit, bad input kept)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gaoxin.catalog.tests.factories import make_item
from gaoxin.core.errors import NotAllowed
from gaoxin.core.models import AuditEntry
from gaoxin.hall import services
from gaoxin.hall.models import BusinessType

pytestmark = pytest.mark.django_db


@pytest.fixture
def food(approval_bureau):
    return make_item(approval_bureau, name="食品经营许可")


@pytest.fixture
def drugs(approval_bureau):
    return make_item(approval_bureau, name="药品零售许可")


def create(actor, **overrides):
    values = {"code": "B", "name": "工程建设", "appointments_per_window": 3, **overrides}
    return services.create_business(actor=actor, **values)


# --- Services -------------------------------------------------------------------------------


def test_an_administrator_creates_a_business_and_the_log_says_so(
    admin_user, window_15, window_16, food
):
    business = create(admin_user, windows=[window_15, window_16], items=[food], bookable=False)
    assert set(business.windows.all()) == {window_15, window_16}
    assert list(business.items.all()) == [food]
    assert not business.bookable and business.is_active
    entry = AuditEntry.objects.get(action="hall.create_business_type")
    assert entry.actor == admin_user and entry.object_id == str(business.pk)
    assert entry.changes["code"] == "B" and entry.changes["windows"] == [15, 16]
    assert entry.changes["items"] == [food.code]
    assert entry.changes["bookable"] is False


def test_a_clerk_cannot_set_up_businesses(clerk, opening):
    with pytest.raises(NotAllowed):
        create(clerk)
    with pytest.raises(NotAllowed):
        services.update_business(actor=clerk, business=opening, name="改名")
    assert list(BusinessType.objects.values_list("code", "name")) == [("A", "企业开办")]
    assert not AuditEntry.objects.filter(action__startswith="hall.update_business").exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"code": "A"}, "code"),  # taken by 企业开办
        ({"name": "企业开办"}, "name"),
        ({"code": "b"}, "code"),  # one capital letter
        ({"code": "1"}, "code"),
        ({"name": ""}, "name"),
    ],
)
def test_a_taken_or_wrong_letter_or_name_is_refused(admin_user, opening, values, field):
    with pytest.raises(ValidationError) as refused:
        create(admin_user, **values)
    assert field in refused.value.error_dict
    assert BusinessType.objects.count() == 1
    assert not AuditEntry.objects.filter(action="hall.create_business_type", actor=admin_user)


def test_only_current_items_are_added(admin_user, approval_bureau, food):
    old = make_item(approval_bureau, name="旧事项")
    old.is_current = False
    old.save()
    with pytest.raises(ValidationError) as refused:
        create(admin_user, items=[food, old])
    assert "items" in refused.value.error_dict


def test_updating_records_what_changed_windows_and_items_too(
    admin_user, opening, window_1, window_15, window_16, food, drugs
):
    services.update_business(actor=admin_user, business=opening, items=[food])
    services.update_business(
        actor=admin_user,
        business=opening,
        windows=[window_15, window_1],
        items=[drugs],
        name="企业开办（一窗通）",
        appointments_per_window=3,
        is_active=False,
    )
    opening.refresh_from_db()
    assert opening.name == "企业开办（一窗通）" and not opening.is_active
    assert set(opening.windows.all()) == {window_1, window_15}
    assert list(opening.items.all()) == [drugs]
    entry = AuditEntry.objects.filter(action="hall.update_business_type").latest("id")
    assert entry.actor == admin_user
    assert entry.changes == {
        "name": ["企业开办", "企业开办（一窗通）"],
        "appointments_per_window": [2, 3],
        "is_active": [True, False],
        "windows": [[15, 16], [1, 15]],
        "items": {"added": [drugs.code], "removed": [food.code]},
    }


def test_an_update_changing_nothing_writes_no_entry(admin_user, opening, window_15, window_16):
    services.update_business(
        actor=admin_user, business=opening, windows=[window_16, window_15], name="企业开办"
    )
    assert not AuditEntry.objects.filter(action="hall.update_business_type").exists()


def test_a_superseded_item_already_covered_may_stay(admin_user, opening, approval_bureau, food):
    old = make_item(approval_bureau, name="旧事项")
    opening.items.add(old)
    old.is_current = False
    old.save()
    services.update_business(actor=admin_user, business=opening, items=[old, food])
    assert set(opening.items.all()) == {old, food}


# --- Pages ----------------------------------------------------------------------------------


def test_the_list_shows_letters_windows_items_and_places(
    client, admin_user, opening, general, window_16, food, drugs
):
    opening.items.add(food, drugs)
    window_16.is_active = False
    window_16.save()
    client.force_login(admin_user)
    page = client.get(reverse("hall_manage_businesses"))
    assert page.status_code == 200
    rows = page.text.split('data-testid="business"')[1:]
    assert len(rows) == 2
    first = rows[0]
    assert "企业开办" in first and reverse("hall_manage_business", args=[opening.pk]) in first
    assert ">15<" in first and ">16<" in first  # 16 shown, crossed out: closed
    cells = [cell.split("</td>")[0] for cell in first.split('<td class="text-end"')[1:]]
    assert cells[0].endswith(">2") and cells[1].endswith(">2")  # 2 items; 1 open window × 2
    assert "can be booked" in first and "active" in first


def test_the_list_s_queries_do_not_grow_with_its_rows(
    client, admin_user, opening, window_1, window_15, food, drugs
):
    client.force_login(admin_user)
    opening.items.add(food)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("hall_manage_businesses"))
    for letter in "BCDE":
        create(admin_user, code=letter, name=f"业务{letter}", windows=[window_1, window_15])
        BusinessType.objects.get(code=letter).items.add(food, drugs)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("hall_manage_businesses"))
    assert page.text.count('data-testid="business"') == 5
    assert len(many) == len(few)


def test_the_list_and_the_form_are_for_administrators(client, clerk, supervisor, opening):
    for user in (clerk, supervisor):
        client.force_login(user)
        assert client.get(reverse("hall_manage_businesses")).status_code == 403
        assert client.get(reverse("hall_manage_business_new")).status_code == 403
        assert client.get(reverse("hall_manage_business", args=[opening.pk])).status_code == 403


def test_the_navigation_offers_the_page_to_administrators_only(client, clerk, admin_user):
    client.force_login(admin_user)
    assert reverse("hall_manage_businesses") in client.get(reverse("start")).text
    client.force_login(clerk)
    assert reverse("hall_manage_businesses") not in client.get(reverse("start")).text


def test_an_administrator_creates_a_business_on_the_form(
    client, admin_user, window_15, window_16, food, drugs
):
    client.force_login(admin_user)
    form = client.get(reverse("hall_manage_business_new"))
    assert form.status_code == 200
    assert "食品经营许可" in form.text and 'data-search="' in form.text
    response = client.post(
        reverse("hall_manage_business_new"),
        {
            "code": "s",  # typed in lower case: taken as S
            "name": "社保医保",
            "description": "社保卡、医保备案",
            "windows": [window_15.pk, window_16.pk],
            "items": [food.pk],
            "appointments_per_window": 3,
            "bookable": "on",
            "is_active": "on",
            "sort_order": 30,
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("hall_manage_businesses")
    business = BusinessType.objects.get(code="S")
    assert business.name == "社保医保" and business.appointments_per_window == 3
    assert set(business.windows.all()) == {window_15, window_16}
    assert list(business.items.all()) == [food]
    listing = client.get(response.url).text
    assert "社保医保" in listing and ">6<" in listing  # 2 windows × 3


def test_a_taken_letter_is_said_next_to_it_and_nothing_typed_is_lost(
    client, admin_user, opening, window_15, food
):
    client.force_login(admin_user)
    response = client.post(
        reverse("hall_manage_business_new"),
        {
            "code": "A",
            "name": "企业开办",
            "description": "新办企业一窗通",
            "windows": [window_15.pk],
            "items": [food.pk],
            "appointments_per_window": 4,
            "sort_order": 5,
        },
    )
    assert response.status_code == 200
    text = response.text
    code_field = text.split('id="id_code"')[1].split("</div>")[0]
    name_field = text.split('id="id_name"')[1].split("</div>")[0]
    assert "Another business already has this letter." in code_field
    assert "Another business already has this name." in name_field
    assert 'value="新办企业一窗通"' in text and 'name="appointments_per_window" value="4"' in text
    assert f'value="{window_15.pk}"' in text.split('id="id_windows"')[1].split("checked")[0]
    assert f'value="{food.pk}" class="form-check-input" id="id_items_0_0" checked' in text
    assert BusinessType.objects.count() == 1


def test_an_administrator_edits_and_deactivates_a_business(
    client, admin_user, opening, window_15, window_16, food
):
    client.force_login(admin_user)
    page = client.get(reverse("hall_manage_business", args=[opening.pk]))
    assert page.status_code == 200 and 'value="企业开办"' in page.text
    response = client.post(
        reverse("hall_manage_business", args=[opening.pk]),
        {
            "code": "A",
            "name": "企业开办",
            "windows": [window_15.pk],
            "items": [food.pk],
            "appointments_per_window": 2,
            "sort_order": 1,
            # bookable and is_active unticked
        },
    )
    assert response.status_code == 302
    opening.refresh_from_db()
    assert not opening.is_active and not opening.bookable
    assert list(opening.windows.all()) == [window_15]
    entry = AuditEntry.objects.get(action="hall.update_business_type")
    assert entry.changes["is_active"] == [True, False]
    assert entry.changes["windows"] == [[15, 16], [15]]
    assert "inactive" in client.get(reverse("hall_manage_businesses")).text


def test_a_closed_window_and_a_superseded_item_stay_ticked_when_editing(
    client, admin_user, opening, window_16, approval_bureau
):
    old = make_item(approval_bureau, name="旧事项")
    opening.items.add(old)
    old.is_current = False
    old.save()
    window_16.is_active = False
    window_16.save()
    client.force_login(admin_user)
    page = client.get(reverse("hall_manage_business", args=[opening.pk])).text
    assert "superseded version" in page
    assert f'name="windows" value="{window_16.pk}" id="id_windows_1" checked' in page
    new = client.get(reverse("hall_manage_business_new")).text
    assert "旧事项" not in new and f'name="windows" value="{window_16.pk}"' not in new
