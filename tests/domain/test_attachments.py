"""Bid attachments are recognised by what they contain, not by their names."""

import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain import attachments
from coprocure.domain.errors import DomainError

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def office(parts: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = office({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
XLSX = office({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
ODT = office({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office/>"})


@pytest.mark.parametrize("name, data, kind", [
    ("tarjous.pdf", PDF, "pdf"), ("kuva.PNG", PNG, "png"), ("kuva.jpeg", b"\xff\xd8\xff\xe0jfif", "jpeg"),
    ("kuvaus.docx", DOCX, "docx"), ("hinnat.xlsx", XLSX, "xlsx"), ("kuvaus.odt", ODT, "odt"),
])
def test_allowed_kinds_are_recognised_by_content(name, data, kind):
    assert attachments.check(name, data).kind == kind


def test_a_renamed_file_is_refused():
    for name, data, code in [("ohjelma.pdf", b"MZ\x90\x00 executable", "attachment_type_not_allowed"),
                             ("tarjous.docx", PDF, "attachment_name_mismatch"),
                             ("sivu.pdf", b"<html><script>", "attachment_type_not_allowed"),
                             ("arkisto.docx", office({"other.txt": "x"}), "attachment_type_not_allowed"),
                             ("tyhja.pdf", b"", "attachment_empty")]:
        with pytest.raises(DomainError) as error:
            attachments.check(name, data)
        assert error.value.code == code


def test_a_file_over_the_limit_is_refused():
    with pytest.raises(DomainError) as error:
        attachments.check("iso.pdf", PDF + b"0" * 100, max_bytes=50)
    assert error.value.code == "attachment_too_large"


@given(st.binary(max_size=64).filter(lambda b: not b.startswith((b"%PDF-", b"\x89PNG", b"\xff\xd8\xff", b"PK"))))
def test_unknown_content_is_never_accepted_whatever_its_name(data):
    with pytest.raises(DomainError):
        attachments.check("tarjous.pdf", data)


@given(st.text(max_size=300))
def test_a_safe_name_has_no_folders_quotes_or_control_characters(name):
    cleaned = attachments.safe_name(name)
    assert "/" not in cleaned and "\\" not in cleaned and '"' not in cleaned and "\n" not in cleaned
    assert len(cleaned) <= attachments.MAX_NAME


def test_a_bid_carries_a_limited_number_of_files():
    attachments.check_count(attachments.MAX_FILES - 1)
    with pytest.raises(DomainError) as error:
        attachments.check_count(attachments.MAX_FILES)
    assert error.value.code == "attachment_too_many"
