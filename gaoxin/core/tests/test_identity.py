"""Resident ID numbers (GB 11643) and unified social credit codes (GB 32100): what the zone
accepts, what it refuses and why, and how numbers are shown to staff."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from gaoxin.core.identity import (
    USCC_ALPHABET,
    birth_date_from_resident_id,
    credit_code_check_character,
    mask_phone,
    mask_resident_id,
    normalise_credit_code,
    normalise_resident_id,
    resident_id_check_character,
    validate_credit_code,
    validate_resident_id,
)
from gaoxin.core.tests.factories import credit_code, resident_id

TODAY = dt.date(2026, 3, 1)


def refusal(validate, value, **kwargs) -> str:
    """The code of the ValidationError ``validate`` raises for ``value``."""
    with pytest.raises(ValidationError) as caught:
        validate(value, **kwargs)
    return caught.value.code


# --- Resident ID numbers -----------------------------------------------------------------------


def test_a_number_made_by_the_factory_is_valid():
    number = resident_id()  # 610402 (咸阳市秦都区), born 17 May 1990, order 123
    assert number.startswith("61040219900517123")
    validate_resident_id(number, today=TODAY)
    assert birth_date_from_resident_id(number) == dt.date(1990, 5, 17)


def test_the_example_published_in_gb_11643_is_valid():
    # 110105 (北京市朝阳区), 31 December 1949, order 002. Check character by hand:
    # digits      1  1  0  1  0  5  1  9  4  9  1  2  3  1  0  0  2
    # weights     7  9 10  5  8  4  2  1  6  3  7  9 10  5  8  4  2
    # products    7  9  0  5  0 20  2  9 24 27  7 18 30  5  0  0  4   sum 167
    # 167 mod 11 = 2, and "10X98765432"[2] is X.
    assert resident_id_check_character("11010519491231002") == "X"
    validate_resident_id("11010519491231002X", today=TODAY)


def test_a_number_ending_in_x_is_valid_and_a_lowercase_x_is_accepted():
    number = resident_id(birth=dt.date(1990, 1, 5))
    assert number == "61040219900105123X"
    validate_resident_id(number, today=TODAY)
    validate_resident_id(number.lower(), today=TODAY)
    validate_resident_id(f"  {number.lower()} ", today=TODAY)
    assert normalise_resident_id(" 61040219900105123x ") == number


def test_a_wrong_check_digit_is_refused():
    number = resident_id()
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    assert refusal(validate_resident_id, wrong, today=TODAY) == "check"


def test_every_single_digit_mistake_changes_the_check_character():
    # MOD 11-2: 11 is prime and no weight is a multiple of it, so changing one digit (by 1 to 9)
    # always changes the sum modulo 11.
    first17 = resident_id()[:17]
    for position in range(17):
        for digit in "0123456789":
            if digit != first17[position]:
                typo = first17[:position] + digit + first17[position + 1 :]
                assert resident_id_check_character(typo) != resident_id_check_character(first17)


def test_an_impossible_birth_date_is_refused():
    first17 = "61040219900230123"  # 30 February 1990
    number = first17 + resident_id_check_character(first17)
    assert refusal(validate_resident_id, number, today=TODAY) == "birth"


def test_a_birth_date_in_the_future_or_before_1900_is_refused():
    tomorrow = resident_id(birth=TODAY + dt.timedelta(days=1))
    assert refusal(validate_resident_id, tomorrow, today=TODAY) == "birth"
    validate_resident_id(resident_id(birth=TODAY), today=TODAY)  # born today: fine
    assert refusal(validate_resident_id, resident_id(birth=dt.date(2099, 1, 1))) == "birth"
    assert refusal(validate_resident_id, resident_id(birth=dt.date(1899, 12, 31))) == "birth"


def test_a_number_outside_any_province_is_refused():
    for region in ("990101", "000000", "200101"):
        number = resident_id(region=region)
        assert refusal(validate_resident_id, number, today=TODAY) == "region", region


def test_residence_permits_of_hong_kong_macao_and_taiwan_residents_are_accepted():
    for region in ("810000", "820000", "830000"):
        validate_resident_id(resident_id(region=region), today=TODAY)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(resident_id()[:17], id="17 characters"),
        pytest.param(resident_id() + "1", id="19 characters"),
        pytest.param("610402900517123", id="old 15-digit number"),
        pytest.param("", id="empty"),
        pytest.param("6104021990051712X3", id="X not last"),
        pytest.param("61040219900517 1230", id="space inside"),
    ],
)
def test_a_number_of_the_wrong_shape_is_refused(value):
    assert refusal(validate_resident_id, value, today=TODAY) == "format"


def test_full_width_digits_are_refused_rather_than_stored_as_typed():
    full_width = resident_id().translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert refusal(validate_resident_id, full_width, today=TODAY) == "format"


def test_a_resident_id_is_shown_with_the_birth_date_and_order_hidden():
    assert mask_resident_id("61040219900105123X") == "610402********123X"
    assert mask_resident_id("61040219900105123x") == "610402********123X"
    assert mask_resident_id("610402900105123") == "*" * 15  # not a number we know: all hidden


def test_a_phone_number_is_shown_with_its_middle_hidden():
    assert mask_phone("13900001001") == "139****1001"
    assert mask_phone(" 13900001001 ") == "139****1001"
    assert mask_phone("02988881234") == "029****1234"
    assert mask_phone("8888123") == "*******"  # too short to show any part of it
    assert mask_phone("") == ""


# --- Unified social credit codes ---------------------------------------------------------------


def test_published_credit_codes_are_valid():
    # From the companies' business licences: 深圳市腾讯计算机系统有限公司 and 华为技术有限公司.
    for code in ("91440300708461136T", "914403001922038216"):
        assert credit_code_check_character(code[:17]) == code[17]
        validate_credit_code(code)


def test_a_code_made_by_the_factory_is_valid_also_in_lowercase():
    code = credit_code()
    validate_credit_code(code)
    validate_credit_code(f" {code.lower()} ")
    assert normalise_credit_code(f" {code.lower()} ") == code


def test_a_credit_code_with_a_wrong_check_character_is_refused():
    assert refusal(validate_credit_code, "91440300708461136A") == "check"  # T is right


@pytest.mark.parametrize("letter", list("IOSVZ"))
def test_letters_left_out_of_the_alphabet_are_refused(letter):
    # I, O, S, V and Z look like 1, 0, 5, U and 2 and are never used.
    code = "9144030070846113" + letter + "T"
    assert refusal(validate_credit_code, code) == "alphabet"


def test_a_credit_code_of_the_wrong_length_is_refused():
    assert refusal(validate_credit_code, "91440300708461136") == "length"
    assert refusal(validate_credit_code, "91440300708461136TT") == "length"
    assert refusal(validate_credit_code, "") == "length"


@given(body=st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17), data=st.data())
def test_any_body_with_its_check_character_is_valid_and_any_one_typo_is_caught(body, data):
    code = body + credit_code_check_character(body)
    validate_credit_code(code)
    # MOD 31: 31 is prime and every weight (3**i mod 31) is non-zero, so replacing one character
    # by another of the alphabet changes the sum modulo 31; a changed check character differs
    # by itself. Every single substitution is therefore caught, guaranteed.
    position = data.draw(st.integers(min_value=0, max_value=17), label="position")
    replacement = data.draw(
        st.sampled_from(USCC_ALPHABET.replace(code[position], "")), label="replacement"
    )
    typo = code[:position] + replacement + code[position + 1 :]
    assert refusal(validate_credit_code, typo) == "check"
