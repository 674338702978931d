"""An applicant's upload is taken for what it contains: a PDF, JPEG, PNG or OFD document.
Its name and the content type the browser claims decide nothing."""

import io
import struct
import zipfile
import zlib

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from gaoxin.core.uploads import DOCUMENT_KINDS, JPEG, OFD, PDF, PNG, UploadValidator, check_upload

PDF_BYTES = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)
# The JFIF header of a JPEG (start of image, APP0 segment) and its end-of-image marker.
JPEG_BYTES = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 32
) + b"\xff\xd9"


def png_bytes(width: int = 1, height: int = 1) -> bytes:
    """A real PNG: white RGB pixels, built chunk by chunk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def zip_bytes(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def ofd_bytes() -> bytes:
    # GB/T 33190: the entry file OFD.xml at the root points at the documents.
    return zip_bytes(
        {
            "OFD.xml": '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0">'
            "<ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody>"
            "</ofd:OFD>",
            "Doc_0/Document.xml": '<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"/>',
        }
    )


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def refusal(file, **kwargs) -> tuple[str, str]:
    """Why ``file`` is refused: the error's code and its message, in English."""
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            check_upload(file, **kwargs)
        return caught.value.code, " ".join(caught.value.messages)


# --- What is accepted --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("营业执照.pdf", PDF_BYTES, PDF),
        ("身份证正面.jpg", JPEG_BYTES, JPEG),
        ("签名.png", png_bytes(), PNG),
        ("电子证照.ofd", ofd_bytes(), OFD),
    ],
)
def test_each_kind_of_document_is_recognised_by_its_content(name, content, kind):
    assert check_upload(upload(name, content)) == kind


def test_the_name_does_not_matter_only_the_content():
    assert check_upload(upload("scan.tmp", PDF_BYTES)) == PDF
    assert check_upload(upload("photo", png_bytes(2, 2), "text/plain")) == PNG


def test_after_the_check_the_file_can_be_read_from_its_start():
    ofd = upload("证照.ofd", ofd_bytes())
    check_upload(ofd)
    assert ofd.read() == ofd_bytes()


# --- What is refused, and what the applicant is told --------------------------------------------


def test_a_text_file_named_like_a_pdf_is_refused():
    code, message = refusal(
        upload("scan.pdf", "这是一段文字，不是扫描件。".encode(), "application/pdf")
    )
    assert code == "kind"
    assert message == (
        "This file is not a PDF / JPEG / PNG / OFD document"
        " (its name does not decide: its content does)."
    )


def test_an_empty_file_is_refused():
    assert refusal(upload("scan.pdf", b"")) == ("empty", "The file is empty.")


def test_a_file_over_the_limit_is_refused_before_it_is_read():
    content = PDF_BYTES + b"\n" * 2000
    assert check_upload(upload("big.pdf", content), max_bytes=len(content)) == PDF
    code, message = refusal(upload("big.pdf", content), max_bytes=len(content) - 1)
    assert code == "too_large"
    assert message.startswith("The file is 2.1\xa0KB; files may be at most 2.1\xa0KB")


def test_the_limit_defaults_to_the_setting(settings):
    settings.UPLOAD_MAX_BYTES = 100
    assert check_upload(upload("small.pdf", PDF_BYTES[:100])) == PDF
    assert refusal(upload("big.pdf", PDF_BYTES + b" " * 100))[0] == "too_large"


def test_a_zip_without_ofd_xml_is_refused():
    plain = zip_bytes({"Doc_0/Document.xml": "<x/>", "readme.txt": "not an OFD"})
    assert refusal(upload("证照.ofd", plain))[0] == "kind"


def test_a_damaged_archive_is_refused_not_a_server_error():
    archive = bytearray(ofd_bytes())
    # Claim in the central directory that OFD.xml needs zip version 25.5 to extract: zipfile
    # then raises NotImplementedError, not BadZipFile.
    central = archive.find(b"PK\x01\x02")
    archive[central + 6] = 255
    assert refusal(upload("证照.ofd", bytes(archive)))[0] == "kind"
    # Cut off before its central directory.
    assert refusal(upload("证照.ofd", ofd_bytes()[:60]))[0] == "kind"


def test_only_the_kinds_asked_for_are_accepted():
    code, message = refusal(upload("签名.png", png_bytes()), kinds=(PDF,))
    assert code == "kind"
    assert message.startswith("This file is not a PDF document")
    assert check_upload(upload("签名.png", png_bytes()), kinds=(PNG, JPEG)) == PNG
    assert DOCUMENT_KINDS == (PDF, JPEG, PNG, OFD)


# --- In a form ---------------------------------------------------------------------------------


class LicenceForm(forms.Form):
    licence = forms.FileField(validators=[UploadValidator(kinds=(PDF, OFD), max_bytes=10_000)])


def test_the_validator_accepts_a_pdf_in_a_form():
    form = LicenceForm(data={}, files={"licence": upload("营业执照.pdf", PDF_BYTES)})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["licence"].name == "营业执照.pdf"


def test_the_validator_puts_its_message_on_the_field():
    with translation.override("en"):
        form = LicenceForm(data={}, files={"licence": upload("营业执照.pdf", png_bytes())})
        assert not form.is_valid()
        assert form.errors["licence"] == [
            "This file is not a PDF / OFD document (its name does not decide: its content does)."
        ]
    oversized = upload("营业执照.pdf", PDF_BYTES + b" " * 10_000)
    assert "licence" in LicenceForm(data={}, files={"licence": oversized}).errors


def test_the_validator_can_be_written_into_a_migration():
    validator = UploadValidator(kinds=(PDF,), max_bytes=1024)
    path, args, kwargs = validator.deconstruct()
    assert path == "gaoxin.core.uploads.UploadValidator"
    assert UploadValidator(*args, **kwargs) == validator
    assert validator != UploadValidator(kinds=(PDF,))
