"""app.core.word.safety: hostile and unsuitable uploads are refused early, cheaply, clearly."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
import zlib

import docx
import pytest
from lxml import etree

from app.core.word import safety
from app.core.word.reader import read_paragraphs
from app.core.word.safety import DocumentTooLarge, UnsupportedDocument, check_docx, open_docx, parse_xml
from app.core.word.tracked import read_revisions
from tests.data.docx import make_samples as ms


def python_docx_file() -> bytes:
    d = docx.Document()
    d.add_heading("Memorandum of Understanding", 1)
    d.add_paragraph("The Parties shall cooperate.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def refused(data: bytes, exc_type=UnsupportedDocument, **limits) -> safety.WordDocumentError:
    with pytest.raises(exc_type) as info:
        check_docx(data, **limits)
    return info.value


# -- acceptable files ----------------------------------------------------------------------


def test_real_documents_pass():
    check_docx(python_docx_file())
    check_docx(ms.build_docx(ms.p(ms.r("Hello.")), parts={"styles": ms.styles()}))


def test_open_docx_finds_main_part_and_related_parts():
    pkg = open_docx(ms.build_docx(ms.p(ms.r("x")), parts={"numbering": ms.numbering({}, {})}))
    assert pkg.main_part == "word/document.xml"
    assert pkg.related(pkg.main_part, "numbering") == "word/numbering.xml"
    assert pkg.related(pkg.main_part, "comments") is None
    pkg.close()


def test_exceptions_carry_http_status_and_code():
    assert UnsupportedDocument("x").status_code == 415
    assert DocumentTooLarge("x").status_code == 413
    assert issubclass(UnsupportedDocument, ValueError)


# -- not a Word document ---------------------------------------------------------------------


def test_renamed_pdf_says_it_is_a_pdf():
    exc = refused(ms.PDF)
    assert exc.code == "pdf"
    assert "this is a pdf, not a word document" in str(exc).lower()


def test_old_doc_and_encrypted_files():
    exc = refused(ms.ole("Root Entry", "WordDocument"))
    assert exc.code == "legacy_doc"
    assert ".doc" in str(exc) and "encrypted" in str(exc)
    exc = refused(ms.ole("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    assert exc.code == "encrypted"
    assert "password" in str(exc)


@pytest.mark.parametrize(
    ("data", "code", "words"),
    [
        (b"", "empty", "empty"),
        (b"{\\rtf1\\ansi Hello}", "rtf", "Rich Text Format"),
        (b"<!DOCTYPE html><html><body>draft</body></html>", "html", "web page"),
        (b"The Parties shall cooperate.\n", "not_zip", "not a Word document"),
        (b"PK\x03\x04garbage that is not a zip", "corrupt_zip", "damaged"),
    ],
)
def test_other_non_zip_files(data, code, words):
    exc = refused(data)
    assert exc.code == code
    assert words in str(exc)


def test_other_zip_files():
    assert refused(ms.odt()).code == "odf"
    bare = io.BytesIO()
    with zipfile.ZipFile(bare, "w") as zf:
        zf.writestr("readme.txt", "hello")
    assert refused(bare.getvalue()).code == "not_ooxml"
    exc = refused(ms.build_docx(ms.p(), main_type=ms.CT_XLSX))
    assert exc.code == "other_office" and "Excel" in str(exc)


def test_main_part_must_be_a_wordprocessing_document():
    exc = refused(ms.build_docx(ms.p(), main_type="application/xml"))
    assert exc.code == "wrong_type"


# -- macros and templates ----------------------------------------------------------------------


def test_macro_enabled_document_refused():
    exc = refused(ms.build_docx(ms.p(ms.r("x")), main_type=ms.CT_DOCM))
    assert exc.code == "macro"
    assert "macros (.docm)" in str(exc)


def test_vba_project_in_a_docx_refused():
    exc = refused(ms.build_docx(ms.p(ms.r("x")), extra_entries={"word/vbaProject.bin": b"\0" * 512}))
    assert exc.code == "macro"


def test_templates_refused():
    exc = refused(ms.build_docx(ms.p(), main_type=ms.CT_DOTX))
    assert exc.code == "template" and ".dotx" in str(exc)
    exc = refused(ms.build_docx(ms.p(), main_type=ms.CT_DOTM))
    assert exc.code == "macro" and ".dotm" in str(exc)


# -- sizes ---------------------------------------------------------------------------------------


def test_file_too_large():
    data = python_docx_file()
    exc = refused(data, DocumentTooLarge, max_bytes=len(data) - 1)
    assert exc.code == "file_too_large"
    assert "MB" in str(exc) or "KB" in str(exc)


def test_too_many_entries():
    exc = refused(ms.many_entries(2001), DocumentTooLarge)
    assert exc.code == "too_many_entries"
    assert "2005 parts" in str(exc) and "2000" in str(exc)
    check_docx(ms.many_entries(100))


def test_huge_directory_refused_before_zipfile_reads_it():
    data = ms.many_entries(70_000)  # zip64 end record: more entries than 16 bits can count
    start = time.perf_counter()
    exc = refused(data, DocumentTooLarge)
    assert time.perf_counter() - start < 0.05
    assert exc.code == "too_many_entries"


def test_total_uncompressed_size_limit():
    exc = refused(python_docx_file(), DocumentTooLarge, max_uncompressed=10_000)
    assert exc.code == "too_large_uncompressed"


def test_zip_bomb_refused_fast_and_small():
    bomb = ms.zip_bomb(entries=300, mib_each=16)
    declared = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist())
    assert declared > 4 * 1024**3 and len(bomb) < 6 * 1024**2  # > 4 GiB declared, < 6 MB file
    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(UnsupportedDocument) as info:
        check_docx(bomb)
    elapsed = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 1.0
    assert peak < 32 * 1024**2
    assert info.value.code == "zip_bomb"
    assert "zip bomb" in str(info.value) and "4.7 GB" in str(info.value)
    # The readers refuse it the same way, before any decompression.
    with pytest.raises(UnsupportedDocument):
        read_paragraphs(bomb)


def test_zip_bomb_over_total_limit_even_with_a_lenient_ratio():
    bomb = ms.zip_bomb(entries=300, mib_each=16)
    start = time.perf_counter()
    exc = refused(bomb, DocumentTooLarge, max_ratio=10**9)
    assert time.perf_counter() - start < 1.0
    assert exc.code == "too_large_uncompressed"


def test_zip_bomb_streams_are_genuine():
    """The bomb's streams really inflate to what they declare (checked on a small one)."""
    stream, crc = ms.zeros_stream(4)
    out = zlib.decompressobj(-15).decompress(stream)
    assert len(out) == 4 * 1024**2 and not any(out[::4096]) and zlib.crc32(out) == crc
    small = ms.zip_bomb(entries=1, mib_each=4)
    zf = zipfile.ZipFile(io.BytesIO(small))
    assert len(zf.read("word/media/image0.png")) == 4 * 1024**2


def test_directory_that_understates_a_part_is_read_bounded():
    """document.xml declares a few hundred bytes but inflates to 4 MiB: the reader stops at the
    declared size and refuses the part as damaged."""
    data = ms.lying_docx(mib=4)
    check_docx(data)  # the directory looks honest
    tracemalloc.start()
    with pytest.raises(UnsupportedDocument) as info:
        read_paragraphs(data)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert info.value.code == "corrupt_zip"
    assert peak < 2 * 1024**2


def test_encrypted_zip_entries_refused():
    data = bytearray(ms.build_docx(ms.p(ms.r("x"))))
    # set the "encrypted" flag bit on every central directory entry
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        data[at + 8] |= 0x01
        at += 4
    assert refused(bytes(data)).code == "encrypted"


# -- XML -------------------------------------------------------------------------------------------


def test_xxe_document_refused_and_never_resolved():
    data = ms.build_docx("", document_xml=ms.XXE_DOCUMENT)
    check_docx(data)  # the package itself is fine
    with pytest.raises(UnsupportedDocument) as info:
        read_revisions(data)
    assert info.value.code == "dtd"
    # And the parser underneath would not have resolved the entity anyway.
    root = etree.fromstring(ms.XXE_DOCUMENT.encode(), safety._parser())
    assert "root:" not in etree.tostring(root, encoding="unicode")


def test_billion_laughs_refused_fast():
    start = time.perf_counter()
    with pytest.raises(UnsupportedDocument) as info:
        read_paragraphs(ms.build_docx("", document_xml=ms.BILLION_LAUGHS_DOCUMENT))
    assert time.perf_counter() - start < 0.5
    assert info.value.code == "dtd"


def test_parse_xml_neutralises_a_dtd_hidden_behind_a_long_prolog():
    """A DOCTYPE beyond the prefix scan is still never expanded, and still refused."""
    padded = ms.BILLION_LAUGHS_DOCUMENT.replace("<!DOCTYPE", "<!--" + "x" * 70_000 + "-->\n<!DOCTYPE", 1)
    start = time.perf_counter()
    with pytest.raises(UnsupportedDocument) as info:
        parse_xml(padded.encode())
    assert time.perf_counter() - start < 0.5
    assert info.value.code in ("dtd", "malformed_xml")
    padded = ms.XXE_DOCUMENT.replace("<!DOCTYPE", "<!--" + "x" * 70_000 + "-->\n<!DOCTYPE", 1)
    with pytest.raises(UnsupportedDocument) as info:
        parse_xml(padded.encode())
    assert info.value.code == "dtd"


def test_parse_xml_refuses_utf16_doctype_and_malformed_xml():
    with pytest.raises(UnsupportedDocument) as info:
        parse_xml(ms.XXE_DOCUMENT.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))
    assert info.value.code == "dtd"
    with pytest.raises(UnsupportedDocument) as info:
        parse_xml(b"<a><b></a>", part="word/document.xml")
    assert info.value.code == "malformed_xml" and "word/document.xml" in str(info.value)


def test_content_types_with_a_dtd_refused_by_check_docx():
    data = ms.build_docx(ms.p(ms.r("x")))
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in src.namelist():
            body = src.read(name)
            if name == "[Content_Types].xml":
                body = body.replace(b"?>", b'?><!DOCTYPE Types [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
            zf.writestr(name, body)
    assert refused(out.getvalue()).code == "dtd"


def test_readers_take_the_same_limits():
    data = python_docx_file()
    with pytest.raises(DocumentTooLarge):
        read_paragraphs(data, max_bytes=100)
    with pytest.raises(DocumentTooLarge):
        read_revisions(data, max_uncompressed=1000)
    assert read_paragraphs(data, max_bytes=len(data))[1].text == "The Parties shall cooperate."
