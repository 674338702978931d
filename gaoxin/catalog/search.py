"""Search keys for Chinese names: full pinyin and initials, so a clerk can type "gsdj" or
"gongshang" and find 工商登记. pypinyin picks readings by phrase (行政 → xingzheng)."""

from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

_ASCII = re.compile(r"^[a-z0-9]+$")


def pinyin_keys(name: str) -> tuple[str, str]:
    """(full pinyin, initials) of a name, lower case, without separators."""
    syllables = lazy_pinyin(name, style=Style.NORMAL, errors="ignore", strict=False)
    initials = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore", strict=False)
    return "".join(syllables).lower()[:800], "".join(initials).lower()[:200]


def is_pinyin_query(query: str) -> bool:
    return bool(_ASCII.match(query.lower()))
