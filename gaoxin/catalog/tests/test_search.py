"""Finding an item by typing a few characters: Chinese, code, pinyin, or pinyin initials."""

import pytest

from gaoxin.catalog import queries
from gaoxin.catalog.search import pinyin_keys
from gaoxin.catalog.tests.factories import make_item


@pytest.fixture
def catalog(approval_bureau, market_bureau):
    return {
        "food": make_item(approval_bureau, name="食品经营许可"),
        "company": make_item(market_bureau, name="有限责任公司设立登记", kind="confirmation"),
        "gongshang": make_item(market_bureau, name="工商登记信息查询", kind="public_service"),
        "planning": make_item(approval_bureau, name="建设工程规划许可证核发"),
    }


def names(results):
    return [item.name for item in results]


def test_pinyin_keys_read_phrases_right():
    assert pinyin_keys("行政许可") == ("xingzhengxuke", "xzxk")
    assert pinyin_keys("工商登记") == ("gongshangdengji", "gsdj")


def test_initials_find_the_item(catalog):
    assert names(queries.search_items("gsdj")) == ["工商登记信息查询"]
    assert names(queries.search_items("spjy")) == ["食品经营许可"]


def test_full_pinyin_finds_the_item(catalog):
    assert names(queries.search_items("shipin")) == ["食品经营许可"]


def test_chinese_characters_find_the_item(catalog):
    assert set(names(queries.search_items("许可"))) == {"食品经营许可", "建设工程规划许可证核发"}


def test_the_code_finds_the_item(catalog):
    assert names(queries.search_items(catalog["planning"].code)) == ["建设工程规划许可证核发"]


def test_names_that_start_with_the_query_come_first(catalog, approval_bureau):
    make_item(approval_bureau, name="特种设备使用登记")
    results = names(queries.search_items("dj"))
    assert set(results) == {"有限责任公司设立登记", "工商登记信息查询", "特种设备使用登记"}
    assert names(queries.search_items("gs"))[0] == "工商登记信息查询"


def test_filters_by_department_and_kind(catalog):
    assert names(queries.search_items(department="scjg", kind="public_service")) == [
        "工商登记信息查询"
    ]


def test_only_current_versions_are_found(catalog, admin_user):
    from gaoxin.catalog import services

    services.revise_item(actor=admin_user, item=catalog["food"], promised_days=3)
    found = list(queries.search_items("spjy"))
    assert len(found) == 1 and found[0].version == 2


def test_counts_split_approval_and_public_service_items(catalog):
    assert queries.catalog_counts() == {"total": 4, "public": 1, "approval": 3}
