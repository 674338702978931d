"""Every uploaded file is checked by what it contains, not by its name.

Accepted kinds are the documents a government service takes: PDF, JPEG, PNG and OFD (the
Chinese national format for fixed-layout documents, GB/T 33190: a ZIP holding ``OFD.xml``).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

PDF, JPEG, PNG, OFD, XLSX = "pdf", "jpeg", "png", "ofd", "xlsx"
DOCUMENT_KINDS = (PDF, JPEG, PNG, OFD)


def sniff(head: bytes, file: UploadedFile) -> str | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04"):
        file.seek(0)
        try:
            with zipfile.ZipFile(file) as archive:
                names = {name.lower() for name in archive.namelist()}
        # A damaged archive fails in more ways than BadZipFile: an unknown format version
        # (NotImplementedError), a name flagged UTF-8 that is not (UnicodeDecodeError), bad
        # offsets (ValueError, OSError, EOFError). Each is a refused file, not a server error.
        except (
            zipfile.BadZipFile,
            NotImplementedError,
            UnicodeDecodeError,
            ValueError,
            OSError,
            EOFError,
        ):
            return None
        if "ofd.xml" in names:
            return OFD
        # Excel workbooks (for catalog import), also a ZIP; only asked for where wanted.
        if "xl/workbook.xml" in names:
            return XLSX
    return None


def check_upload(
    file: UploadedFile,
    *,
    kinds: Iterable[str] = DOCUMENT_KINDS,
    max_bytes: int | None = None,
) -> str:
    """Return the file's kind, or raise a ValidationError the user can act on."""
    limit = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    allowed = tuple(kinds)
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("The file is %(size)s; files may be at most %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if not file.size:
        raise ValidationError(_("The file is empty."), code="empty")
    file.seek(0)
    head = file.read(16)
    kind = sniff(head, file)
    file.seek(0)
    if kind not in allowed:
        raise ValidationError(
            _("This file is not a %(kinds)s document (its name does not decide: its content does).")
            % {"kinds": " / ".join(k.upper() for k in allowed)},
            code="kind",
        )
    return kind


@deconstructible(path="gaoxin.core.uploads.UploadValidator")
class UploadValidator:
    """Form-field validator: ``FileField(validators=[UploadValidator()])``. Deconstructible, so a
    model's FileField can use it too (migrations must be able to write it out)."""

    def __init__(self, kinds: Iterable[str] = DOCUMENT_KINDS, max_bytes: int | None = None):
        self.kinds = tuple(kinds)
        self.max_bytes = max_bytes

    def __call__(self, file: UploadedFile) -> None:
        check_upload(file, kinds=self.kinds, max_bytes=self.max_bytes)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, UploadValidator)
            and other.kinds == self.kinds
            and other.max_bytes == self.max_bytes
        )
