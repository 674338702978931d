"""Identity numbers of people and organisations: checks and masking.

- Resident ID number (居民身份证号码), GB 11643-1999: 17 digits and a check character
  (ISO 7064 MOD 11-2), with the birth date in positions 7–14.
- Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a
  31-character alphabet (no I, O, S, V, Z), the last a MOD 31 check character.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# [0-9], not \d: \d also matches full-width and other Unicode digits, which int() accepts, so
# "１１０１…" would pass and be stored as typed. \Z, not $: $ also matches before a final "\n".
_ID_PATTERN = re.compile(r"^[0-9]{17}[0-9X]\Z")
# Province-level codes of GB/T 2260 (the first two digits of every region code), and 83: the
# numbers of residence permits for Taiwan residents (港澳台居民居住证: 81/82/83 0000) have the
# same structure and are accepted wherever an ID number is.
_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "  # noqa: SIM905 (a table)
    "50 51 52 53 54 61 62 63 64 65 71 81 82 83".split()
)

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_PATTERN = re.compile(rf"^[{USCC_ALPHABET}]{{18}}\Z")


def resident_id_check_character(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def normalise_resident_id(value: str) -> str:
    return value.strip().upper()


def validate_resident_id(value: str, *, today: dt.date | None = None) -> None:
    number = normalise_resident_id(value)
    if not _ID_PATTERN.match(number):
        raise ValidationError(
            _("A resident ID number has 17 digits followed by a digit or X."), code="format"
        )
    if number[:2] not in _PROVINCES:
        raise ValidationError(_("The first two digits are not a province code."), code="region")
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(
            _("The birth date in the number is not a real date."), code="birth"
        ) from None
    # The zone's date (TIME_ZONE), not the server clock's: they differ for 8 hours a day.
    if not dt.date(1900, 1, 1) <= birth <= (today or timezone.localdate()):
        raise ValidationError(_("The birth date in the number is not possible."), code="birth")
    if resident_id_check_character(number[:17]) != number[17]:
        raise ValidationError(
            _("The check digit does not match: please check the number again."), code="check"
        )


def birth_date_from_resident_id(value: str) -> dt.date:
    number = normalise_resident_id(value)
    return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def credit_code_check_character(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def normalise_credit_code(value: str) -> str:
    return value.strip().upper()


def validate_credit_code(value: str) -> None:
    code = normalise_credit_code(value)
    if len(code) != 18:
        raise ValidationError(_("A unified social credit code has 18 characters."), code="length")
    if not _USCC_PATTERN.match(code):
        raise ValidationError(
            _("A unified social credit code uses digits and capital letters except I, O, S, V, Z."),
            code="alphabet",
        )
    if credit_code_check_character(code[:17]) != code[17]:
        raise ValidationError(
            _("The check character does not match: please check the code again."), code="check"
        )


def mask_resident_id(value: str) -> str:
    """610402********123X: region and the last four stay, birth date and order are hidden."""
    number = normalise_resident_id(value)
    if len(number) != 18:
        return "*" * len(number)
    return f"{number[:6]}{'*' * 8}{number[-4:]}"


def mask_phone(value: str) -> str:
    digits = value.strip()
    # With fewer than 8 characters, three in front and four behind would show all of them.
    if len(digits) < 8:
        return "*" * len(digits)
    return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"
