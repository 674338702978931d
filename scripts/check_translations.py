#!/usr/bin/env python
"""Fail when a message of the zh-hans or English catalog is missing or fuzzy.

With --fill-english, first copy each English msgid into its empty msgstr (the source text is
English, so the English catalog is the source itself) — run by `make messages`.
"""

from __future__ import annotations

import ast
import gettext
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = {
    "zh_Hans": ROOT / "locale/zh_Hans/LC_MESSAGES/django.po",
    "en": ROOT / "locale/en/LC_MESSAGES/django.po",
}
ENTRY = re.compile(r"\n\s*\n")


def entries(text: str) -> list[str]:
    return [e for e in ENTRY.split(text) if "msgid" in e]


def _strings(entry: str, key: str) -> str:
    # Joins a possibly multi-line "key" block: msgid "" "part" "part"
    match = re.search(rf'^{key} ((?:".*"\n?)+)', entry + "\n", re.M)
    if not match:
        return ""
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(1)))


def problems(path: Path) -> list[str]:
    found = []
    for entry in entries(path.read_text(encoding="utf-8"))[1:]:  # the first is the header
        msgid = _strings(entry, "msgid")
        if "#, fuzzy" in entry or "#,.*fuzzy" in entry:
            found.append(f"fuzzy: {msgid!r}")
        if "msgid_plural" in entry:
            plural_forms = re.findall(r'^msgstr\[\d+\] ((?:".*"\n?)+)', entry + "\n", re.M)
            if not plural_forms or any(
                not "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', f)) for f in plural_forms
            ):
                found.append(f"untranslated: {msgid!r}")
        elif not _strings(entry, "msgstr"):
            found.append(f"untranslated: {msgid!r}")
    return found


def _unescape(text: str) -> str:
    return ast.literal_eval(f'"{text}"')


def stale_compiled(path: Path) -> list[str]:
    """Messages whose compiled .mo differs from the .po (someone forgot `make messages`)."""
    mo = path.with_suffix(".mo")
    if not mo.exists():
        return [f"{mo.relative_to(ROOT)} is missing"]
    with mo.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    found = []
    for entry in entries(path.read_text(encoding="utf-8"))[1:]:
        msgid = _unescape(_strings(entry, "msgid"))
        context = _strings(entry, "msgctxt")
        if context:
            # gettext keys a message with a context as "context\x04msgid".
            msgid = f"{_unescape(context)}\x04{msgid}"
        if "msgid_plural" in entry:
            forms = re.findall(r'^msgstr\[\d+\] ((?:".*"\n?)+)', entry + "\n", re.M)
            for index, form in enumerate(forms):
                text = _unescape("".join(re.findall(r'"((?:[^"\\]|\\.)*)"', form)))
                if catalog.get((msgid, index)) != text:
                    found.append(f"not compiled: {msgid!r}")
                    break
        elif catalog.get(msgid) != _unescape(_strings(entry, "msgstr")):
            found.append(f"not compiled: {msgid!r}")
    return found


def not_source_text(path: Path) -> list[str]:
    """English entries that differ from their source text (a stale guess of msgmerge)."""
    found = []
    for entry in entries(path.read_text(encoding="utf-8"))[1:]:
        if "msgid_plural" in entry:
            continue
        msgid = _strings(entry, "msgid")
        if _strings(entry, "msgstr") != msgid:
            found.append(f"not the source text: {msgid!r}")
    return found


def fill_english(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    parts = ENTRY.split(text)
    filled = []
    for index, entry in enumerate(parts):
        if index == 0 or "msgid" not in entry:
            filled.append(entry)
            continue
        entry = entry.replace("#, fuzzy\n", "").replace(", fuzzy", "")
        entry = re.sub(r"^#\| .*\n?", "", entry, flags=re.M)
        if "msgid_plural" in entry:
            singular = re.search(r'^(msgid (?:".*"\n?)+)', entry + "\n", re.M)
            plural = re.search(r'^msgid_plural ((?:".*"\n?)+)', entry + "\n", re.M)
            assert singular and plural
            one = singular.group(1)[len("msgid ") :].rstrip("\n")
            many = plural.group(1).rstrip("\n")
            entry = re.sub(
                r'^msgstr\[0\] (?:".*"\n?)+', f"msgstr[0] {one}\n", entry + "\n", flags=re.M
            )
            entry = re.sub(r'^msgstr\[1\] (?:".*"\n?)+', f"msgstr[1] {many}\n", entry, flags=re.M)
            entry = entry.rstrip("\n")
        else:
            # Always the source text: msgmerge's fuzzy guesses are wrong more often than not.
            source = re.search(r'^msgid ((?:".*"\n?)+)', entry + "\n", re.M)
            assert source
            entry = re.sub(
                r'^msgstr (?:".*"\n?)+',
                "msgstr " + source.group(1).rstrip("\n"),
                entry + "\n",
                flags=re.M,
            ).rstrip("\n")
        filled.append(entry)
    path.write_text("\n\n".join(filled), encoding="utf-8")


def main() -> int:
    if "--fill-english" in sys.argv:
        fill_english(CATALOGS["en"])
        todo = problems(CATALOGS["zh_Hans"])
        for problem in todo:
            print(f"zh_Hans to translate: {problem}")
        return 0
    failed = False
    for language, path in CATALOGS.items():
        if not path.exists():
            print(f"{language}: catalog {path.relative_to(ROOT)} is missing")
            failed = True
            continue
        found = problems(path) + stale_compiled(path)
        if language == "en":
            found += not_source_text(path)
        for problem in found:
            print(f"{language}: {problem}")
            failed = True
    if failed:
        print("Translations are incomplete: run `make messages` and translate what is listed.")
        return 1
    print("Translations complete: zh-hans and English.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
