"""The catalog through the API: found as on the catalog page, read with its materials."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gaoxin.catalog import services
from gaoxin.catalog.tests.factories import FOOD_MATERIALS, make_item

ITEMS = "/api/v1/catalog/items/"


@pytest.fixture
def api(clerk):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=clerk).key}")
    return client


@pytest.fixture
def food(approval_bureau):
    return make_item(approval_bureau, name="食品经营许可")


@pytest.fixture
def catalog(food, approval_bureau, market_bureau):
    make_item(approval_bureau, name="建设工程规划许可", allows_deficiency=False)
    make_item(market_bureau, name="食品生产许可", kind="filing")
    return food


def test_items_are_found_by_pinyin_initials(api, catalog):
    response = api.get(ITEMS, {"q": "spjy"})
    assert response.status_code == 200
    assert response.data["count"] == 1
    [item] = response.data["results"]
    assert item["name"] == "食品经营许可"
    assert item["id"] == catalog.pk
    assert item["department"]["code"] == "xzsp"


def test_names_pinyin_and_codes_match_as_on_the_page(api, catalog):
    names = [item["name"] for item in api.get(ITEMS, {"q": "许可"}).data["results"]]
    assert sorted(names) == ["建设工程规划许可", "食品生产许可", "食品经营许可"]
    by_code = api.get(ITEMS, {"q": catalog.code}).data["results"]
    assert [item["code"] for item in by_code] == [catalog.code]
    names = [item["name"] for item in api.get(ITEMS, {"q": "sp"}).data["results"]]
    assert sorted(names) == ["食品生产许可", "食品经营许可"]


def test_the_list_filters_by_department_and_kind(api, catalog):
    by_department = api.get(ITEMS, {"department": "scjg"}).data
    assert [item["name"] for item in by_department["results"]] == ["食品生产许可"]
    by_kind = api.get(ITEMS, {"kind": "licensing"}).data
    assert by_kind["count"] == 2


def test_an_item_is_read_with_its_materials_in_order(api, food):
    response = api.get(f"{ITEMS}{food.code}/")
    assert response.status_code == 200
    assert response.data["version"] == 1
    assert response.data["is_current"] is True
    materials = response.data["materials"]
    assert [m["name"] for m in materials] == [m["name"] for m in FOOD_MATERIALS]
    assert [m["id"] for m in materials] == [m.pk for m in food.materials.all()]
    assert materials[2]["need"] == "conditional"
    assert materials[2]["condition"] == "委托他人办理的"


def test_an_earlier_version_is_read_on_request(api, food):
    services.revise_item(actor=None, item=food, name="食品经营许可（含网络经营）")
    current = api.get(f"{ITEMS}{food.code}/").data
    first = api.get(f"{ITEMS}{food.code}/", {"version": 1}).data
    assert (current["version"], current["name"]) == (2, "食品经营许可（含网络经营）")
    assert (first["version"], first["name"], first["is_current"]) == (1, "食品经营许可", False)
    assert api.get(f"{ITEMS}{food.code}/", {"version": 9}).status_code == 404
    assert api.get(f"{ITEMS}{food.code}/", {"version": "x"}).status_code == 400


def test_a_withdrawn_or_unknown_item_is_not_found(api, food):
    assert api.get(f"{ITEMS}610402-XK-0000/").status_code == 404


def test_the_catalog_api_needs_a_token(food):
    assert APIClient().get(ITEMS).status_code == 401
