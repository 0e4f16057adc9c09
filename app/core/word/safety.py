"""Refuse hostile or unsuitable uploads before any Word parsing happens.

A .docx is a zip of XML parts. :func:`check_docx` looks only at the bytes' signature and
the zip's central directory (names and declared sizes: nothing is decompressed, except
two tiny parts, ``[Content_Types].xml`` and ``_rels/.rels``, read with a size cap) and
raises:

- :class:`UnsupportedDocument` (HTTP 415): not a .docx at all (a PDF, an old .doc, an
  encrypted document, RTF, OpenDocument, Excel, PowerPoint), a macro-enabled document or
  template, a template, a damaged package, a suspected zip bomb;
- :class:`DocumentTooLarge` (HTTP 413): too many bytes, too many parts, too much data
  once decompressed.

:func:`open_docx` runs the same checks and returns a :class:`DocxPackage` whose
:meth:`~DocxPackage.xml` reads one part with a hard size cap and parses it with
:func:`parse_xml`: lxml with no network, no DTD loading, no entity resolution and
``huge_tree`` off, and any document type declaration refused (OOXML never has one; it is
where XXE and "billion laughs" attacks live).

Every message is a sentence a user can act on. ``exc.code`` is a stable slug for
translation and tests; ``exc.status_code`` the HTTP status the edge should answer with.

Pure Python: bytes in, exceptions or plain objects out.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from . import ooxml as ox

MB = 1024 * 1024

MAX_BYTES = 20 * MB
MAX_ENTRIES = 2000
MAX_UNCOMPRESSED = 200 * MB
MAX_RATIO = 200
#: Parts smaller than this are never called zip bombs (tiny XML parts compress very well).
RATIO_FLOOR = 1 * MB
#: Cap for the package's own small parts ([Content_Types].xml, .rels files).
SMALL_PART_LIMIT = 4 * MB

# Main-part content types, by what they are.
CT_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_DOCM = "application/vnd.ms-word.document.macroEnabled.main+xml"
CT_DOTX = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
CT_DOTM = "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"
CT_VBA = "application/vnd.ms-office.vbaProject"

_OTHER_OFFICE = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "an Excel workbook (.xlsx)",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": "a macro-enabled Excel workbook (.xlsm)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": "an Excel template (.xltx)",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "a PowerPoint presentation (.pptx)",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml": "a macro-enabled PowerPoint presentation (.pptm)",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml": "a PowerPoint slide show (.ppsx)",
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml": "a PowerPoint template (.potx)",
}

NS_CT = ox.CT_NS
NS_PKG_RELS = ox.PKG_RELS_NS
REL_OFFICE_DOCUMENT = ox.RT_OFFICE_DOCUMENT
REL_OFFICE_DOCUMENT_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"

_SAVE_AS_DOCX = (
    "Open it in Word (or LibreOffice) and save it as Word Document (.docx), then upload that file."
)


class WordDocumentError(ValueError):
    """A .docx upload was refused. ``str(exc)`` is the user-facing message."""

    status_code = 400

    def __init__(self, message: str, *, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.code = code


class UnsupportedDocument(WordDocumentError):
    """Not a Word document Concord accepts (HTTP 415)."""

    status_code = 415


class DocumentTooLarge(WordDocumentError):
    """A Word document beyond Concord's size limits (HTTP 413)."""

    status_code = 413


def _size(n: int) -> str:
    if n >= 1024 * MB:
        return f"{n / (1024 * MB):.1f} GB"
    if n >= MB:
        return f"{n / MB:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


# ---------------------------------------------------------------------------------------
# Safe XML

_PARSER_OPTIONS = dict(
    resolve_entities=False,  # never substitute entities (internal or external)
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,  # keep libxml2's limits on depth and text node size
    remove_blank_text=False,
    collect_ids=False,
)


# A document type declaration can only come before the root element: look for one in the
# first bytes (refused before libxml2 sees it); the parsed tree's docinfo is checked too.
_PROLOG_SCAN = 64 * 1024


def _parser() -> etree.XMLParser:
    return etree.XMLParser(**_PARSER_OPTIONS)


def parse_xml(data: bytes, *, part: str = "XML") -> etree._Element:
    """Parse one XML part safely and return its root element.

    Refuses (``UnsupportedDocument``) malformed XML and any document type declaration:
    OOXML parts never carry one, and a DTD is where external entities (XXE) and entity
    expansion bombs live. Entities are never resolved and nothing is fetched.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("parse_xml() takes bytes")
    data = bytes(data)
    head = data[:_PROLOG_SCAN]
    if (
        b"<!DOCTYPE" in head
        or "<!DOCTYPE".encode("utf-16-le") in head
        or "<!DOCTYPE".encode("utf-16-be") in head
    ):
        raise _dtd_refused(part)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise UnsupportedDocument(
            f"The document is damaged: its part {part} is not well-formed XML ({exc.msg}).",
            code="malformed_xml",
        ) from exc
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise _dtd_refused(part)
    return root


def _dtd_refused(part: str) -> UnsupportedDocument:
    return UnsupportedDocument(
        f"The document's part {part} contains a document type declaration (DTD), which Word "
        "documents never do (it is how XML entity attacks work); it was refused for safety.",
        code="dtd",
    )


# ---------------------------------------------------------------------------------------
# Signature sniffing (before trying the zip)

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _sniff_not_zip(data: bytes) -> UnsupportedDocument:
    head = data[:1024].lstrip()
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
            return UnsupportedDocument(
                "This Word document is password-protected (encrypted), so it cannot be read. Remove "
                "the password in Word (File > Info > Protect Document > Encrypt with Password), save "
                "it as Word Document (.docx) and upload it again.",
                code="encrypted",
            )
        return UnsupportedDocument(
            "This is an old Word 97-2003 document (.doc) or an encrypted file, not a Word document "
            f"(.docx). {_SAVE_AS_DOCX} If it has a password, remove it first.",
            code="legacy_doc",
        )
    if head.startswith(b"%PDF"):
        return UnsupportedDocument(
            "This is a PDF, not a Word document. Upload the Word document (.docx) the PDF was made "
            "from, or a plain-text copy of the draft.",
            code="pdf",
        )
    if head.startswith(b"{\\rtf"):
        return UnsupportedDocument(
            f"This is a Rich Text Format (.rtf) file, not a Word document (.docx). {_SAVE_AS_DOCX}",
            code="rtf",
        )
    low = head[:200].lower()
    if low.startswith((b"<!doctype html", b"<html")):
        return UnsupportedDocument(
            f"This is a web page (HTML), not a Word document (.docx). {_SAVE_AS_DOCX}",
            code="html",
        )
    if low.startswith(b"<?xml") and b"<w:worddocument" in data[:4096].lower():
        return UnsupportedDocument(
            f"This is a Word 2003 XML document, not a Word document (.docx). {_SAVE_AS_DOCX}",
            code="word2003_xml",
        )
    return UnsupportedDocument(
        f"This file is not a Word document (.docx): it is not an Office Open XML package. {_SAVE_AS_DOCX}",
        code="not_zip",
    )


# ---------------------------------------------------------------------------------------
# The package


@dataclass
class DocxPackage:
    """A checked .docx: the zip directory and the main document part's name."""

    zf: zipfile.ZipFile
    main_part: str  # e.g. "word/document.xml"
    infos: dict[str, zipfile.ZipInfo] = field(default_factory=dict)
    max_part: int = MAX_UNCOMPRESSED

    def has(self, name: str) -> bool:
        return name in self.infos

    def read(self, name: str, *, limit: int | None = None) -> bytes:
        """Decompress one part, never more than its declared size (and ``limit``)."""
        info = self.infos.get(name)
        if info is None:
            raise UnsupportedDocument(
                f"The document is damaged: its part {name} is missing.", code="missing_part"
            )
        return _read_entry(self.zf, info, self.max_part if limit is None else limit)

    def xml(self, name: str, *, limit: int | None = None) -> etree._Element:
        """Read and safely parse one XML part."""
        return parse_xml(self.read(name, limit=limit), part=name)

    def rels(self, part: str) -> list[tuple[str, str, str]]:
        """The relationships of ``part`` as (type, target part name, target mode).

        Internal targets are resolved to part names ("word/numbering.xml"); external ones
        (hyperlinks) are returned as written.
        """
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name not in self.infos:
            return []
        root = self.xml(rels_name, limit=SMALL_PART_LIMIT)
        out = []
        for rel in root.iter(f"{{{NS_PKG_RELS}}}Relationship"):
            target = rel.get("Target") or ""
            mode = rel.get("TargetMode") or "Internal"
            if mode != "External":
                if target.startswith("/"):
                    target = target[1:]
                else:
                    target = posixpath.join(folder, target)
                target = posixpath.normpath(target)
            out.append((rel.get("Type") or "", target, mode))
        return out

    def related(self, part: str, rel_type_suffix: str) -> str | None:
        """The first internal part related to ``part`` with a type ending in ``/suffix``."""
        for rel_type, target, mode in self.rels(part):
            if mode != "External" and rel_type.rsplit("/", 1)[-1] == rel_type_suffix and target in self.infos:
                return target
        return None

    def close(self) -> None:
        self.zf.close()


def _read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.file_size > limit:
        raise DocumentTooLarge(
            f"The document's part {info.filename} is {_size(info.file_size)} when decompressed; "
            f"at most {_size(limit)} is accepted.",
            code="part_too_large",
        )
    try:
        with zf.open(info) as fh:
            # zipfile stops at the declared size and then checks the CRC, so a part whose
            # stream expands beyond what the directory declares fails here, bounded.
            data = fh.read(info.file_size + 1)
    except Exception as exc:  # bad CRC, unknown compression, truncated stream, ...
        raise UnsupportedDocument(
            f"The document is damaged: its part {info.filename} cannot be decompressed ({exc}).",
            code="corrupt_zip",
        ) from exc
    if len(data) > info.file_size:
        raise UnsupportedDocument(
            f"The document is damaged: its part {info.filename} is larger than the package declares.",
            code="corrupt_zip",
        )
    return data


def _declared_entry_count(data: bytes) -> int | None:
    """The entry count the end-of-central-directory record declares (zip64 aware), read
    without parsing the directory; None when the record cannot be found."""
    tail_start = max(0, len(data) - (65535 + 22))
    pos = data.rfind(b"PK\x05\x06", tail_start)
    if pos < 0 or pos + 22 > len(data):
        return None
    (count,) = struct.unpack_from("<H", data, pos + 10)
    if count == 0xFFFF and pos >= 20 and data[pos - 20 : pos - 16] == b"PK\x06\x07":
        (zip64_at,) = struct.unpack_from("<Q", data, pos - 20 + 8)
        if zip64_at + 56 <= len(data) and data[zip64_at : zip64_at + 4] == b"PK\x06\x06":
            (count,) = struct.unpack_from("<Q", data, zip64_at + 32)
    return count


def _check_directory(
    data: bytes, *, max_bytes: int, max_entries: int, max_uncompressed: int, max_ratio: float
) -> tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]:
    if not data:
        raise UnsupportedDocument("The file is empty.", code="empty")
    if len(data) > max_bytes:
        raise DocumentTooLarge(
            f"The file is {_size(len(data))}; Word documents up to {_size(max_bytes)} can be uploaded.",
            code="file_too_large",
        )
    if not data.startswith(b"PK"):
        raise _sniff_not_zip(data)
    declared_entries = _declared_entry_count(data)
    if declared_entries is not None and declared_entries > max_entries:
        # Refused before zipfile walks a huge central directory.
        raise DocumentTooLarge(
            f"The document package has {declared_entries} parts; at most {max_entries} are accepted.",
            code="too_many_entries",
        )
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except Exception as exc:  # any failure to read the directory means a damaged or hostile file
        raise UnsupportedDocument(
            "This file is not a Word document (.docx), or it is damaged: its zip structure cannot be "
            f"read ({exc}). {_SAVE_AS_DOCX}",
            code="corrupt_zip",
        ) from exc
    if len(infos) > max_entries:
        raise DocumentTooLarge(
            f"The document package has {len(infos)} parts; at most {max_entries} are accepted.",
            code="too_many_entries",
        )
    declared = sum(info.file_size for info in infos)
    by_name: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        if info.flag_bits & 0x1:
            raise UnsupportedDocument(
                "The document package is encrypted (a password-protected zip), so it cannot be read. "
                f"{_SAVE_AS_DOCX}",
                code="encrypted",
            )
        if info.filename in by_name:
            raise UnsupportedDocument(
                f"The document is damaged or tampered with: the part {info.filename} appears twice.",
                code="duplicate_entry",
            )
        by_name[info.filename] = info
        size = info.file_size
        if size >= RATIO_FLOOR and size > max_ratio * max(info.compress_size, 1):
            ratio = size / max(info.compress_size, 1)
            raise UnsupportedDocument(
                f"The document's part {info.filename} would expand {ratio:,.0f} times when "
                f"decompressed (to {_size(size)}; the whole file to {_size(declared)}), which no Word "
                "document does: it looks like a zip bomb and was refused.",
                code="zip_bomb",
            )
    if declared > max_uncompressed:
        raise DocumentTooLarge(
            f"The document would take {_size(declared)} once decompressed; at most "
            f"{_size(max_uncompressed)} is accepted.",
            code="too_large_uncompressed",
        )
    return zf, by_name


def _main_part(zf: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo]) -> str:
    if "mimetype" in infos and "[Content_Types].xml" not in infos:
        mimetype = _read_entry(zf, infos["mimetype"], 256).decode("ascii", "replace").strip()
        if mimetype.startswith("application/vnd.oasis.opendocument"):
            kind = "an OpenDocument text (.odt)" if mimetype.endswith(".text") else "an OpenDocument"
            raise UnsupportedDocument(
                f"This is {kind} file, not a Word document (.docx). {_SAVE_AS_DOCX}", code="odf"
            )
    if "[Content_Types].xml" not in infos:
        raise UnsupportedDocument(
            "This file is a zip archive, not a Word document (.docx): it has no [Content_Types].xml.",
            code="not_ooxml",
        )
    ct_root = parse_xml(
        _read_entry(zf, infos["[Content_Types].xml"], SMALL_PART_LIMIT), part="[Content_Types].xml"
    )
    overrides: dict[str, str] = {}
    defaults: dict[str, str] = {}
    for el in ct_root:
        if el.tag == f"{{{NS_CT}}}Override":
            overrides[(el.get("PartName") or "").lstrip("/").lower()] = (el.get("ContentType") or "").strip()
        elif el.tag == f"{{{NS_CT}}}Default":
            defaults[(el.get("Extension") or "").lower()] = (el.get("ContentType") or "").strip()
    types = set(overrides.values())

    def _content_type(name: str) -> str:
        if name.lower() in overrides:
            return overrides[name.lower()]
        return defaults.get(name.rsplit(".", 1)[-1].lower(), "")

    # Say what the file is, when it is something else we recognise.
    if CT_DOCM in types:
        raise UnsupportedDocument(
            "This Word document contains macros (.docm). Concord does not accept macro-enabled "
            "documents: save it as Word Document (.docx) and upload that file.",
            code="macro",
        )
    if CT_DOTM in types:
        raise UnsupportedDocument(
            "This is a macro-enabled Word template (.dotm), not a document. Concord does not accept "
            "macros or templates: create a document from it and save it as Word Document (.docx).",
            code="macro",
        )
    if CT_DOTX in types:
        raise UnsupportedDocument(
            "This is a Word template (.dotx), not a document. Create a document from it and save it "
            "as Word Document (.docx).",
            code="template",
        )
    if (
        CT_VBA in types
        or CT_VBA in defaults.values()
        or any(n.lower().rsplit("/", 1)[-1] == "vbaproject.bin" for n in infos)
    ):
        raise UnsupportedDocument(
            "This Word document contains macros (a VBA project). Concord does not accept "
            "macro-enabled documents: save it as Word Document (.docx) without macros.",
            code="macro",
        )
    for ct, what in _OTHER_OFFICE.items():
        if ct in types:
            raise UnsupportedDocument(f"This is {what}, not a Word document (.docx).", code="other_office")

    # The main part is the target of the package's officeDocument relationship.
    if "_rels/.rels" not in infos:
        raise UnsupportedDocument(
            "The document is damaged: it has no package relationships (_rels/.rels).", code="not_ooxml"
        )
    rels = parse_xml(_read_entry(zf, infos["_rels/.rels"], SMALL_PART_LIMIT), part="_rels/.rels")
    main = None
    for rel in rels.iter(f"{{{NS_PKG_RELS}}}Relationship"):
        rel_type = rel.get("Type")
        if rel_type == REL_OFFICE_DOCUMENT_STRICT:
            raise UnsupportedDocument(
                "This is a Strict Open XML document, which Concord cannot read. Save it in Word as "
                "Word Document (.docx), not Strict Open XML.",
                code="strict_ooxml",
            )
        if rel_type == REL_OFFICE_DOCUMENT and rel.get("TargetMode") != "External":
            main = posixpath.normpath((rel.get("Target") or "").lstrip("/"))
            break
    if main is None or main not in infos:
        raise UnsupportedDocument(
            "This file is not a Word document (.docx): it has no main document part.", code="not_ooxml"
        )
    ct = _content_type(main)
    if ct != CT_DOCX:
        raise UnsupportedDocument(
            f"This file is not a Word document (.docx): its main part is of type {ct or 'unknown'}.",
            code="wrong_type",
        )
    return main


def open_docx(
    data: bytes,
    *,
    max_bytes: int = MAX_BYTES,
    max_entries: int = MAX_ENTRIES,
    max_uncompressed: int = MAX_UNCOMPRESSED,
    max_ratio: float = MAX_RATIO,
) -> DocxPackage:
    """Check ``data`` as :func:`check_docx` does and return the open package."""
    zf, infos = _check_directory(
        data,
        max_bytes=max_bytes,
        max_entries=max_entries,
        max_uncompressed=max_uncompressed,
        max_ratio=max_ratio,
    )
    try:
        main = _main_part(zf, infos)
    except BaseException:
        zf.close()
        raise
    return DocxPackage(zf=zf, main_part=main, infos=infos, max_part=max_uncompressed)


def check_docx(
    data: bytes,
    *,
    max_bytes: int = MAX_BYTES,
    max_entries: int = MAX_ENTRIES,
    max_uncompressed: int = MAX_UNCOMPRESSED,
    max_ratio: float = MAX_RATIO,
) -> None:
    """Raise :class:`UnsupportedDocument` or :class:`DocumentTooLarge` unless ``data`` is a
    plain Word document (.docx) within the limits. Decompresses nothing but the two small
    package parts that say what the file is."""
    open_docx(
        data,
        max_bytes=max_bytes,
        max_entries=max_entries,
        max_uncompressed=max_uncompressed,
        max_ratio=max_ratio,
    ).close()
