"""Build the .docx samples the Word reading tests use: well-formed ones written in a compact
XML notation, and hostile ones (zip bombs, lying zip directories, XXE, macro-enabled files,
renamed PDFs, old .doc files).

Everything is generated in memory, deterministically, in milliseconds; the tests import
these builders. Run ``python tests/data/docx/make_samples.py [OUTDIR]`` to write the samples
to disk (default: this folder's ``out/``) to open them in Word or LibreOffice by hand.
"""

from __future__ import annotations

import io
import struct
import sys
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS_DECL = (
    f'xmlns:w="{W}" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
CT_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_DOCM = "application/vnd.ms-word.document.macroEnabled.main+xml"
CT_DOTX = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
CT_DOTM = "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"
CT_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PART_TYPES = {
    "styles": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "numbering": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
    "comments": "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
    "commentsExtended": "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml",
}
_REL_TYPES = {
    "styles": f"{REL}/styles",
    "numbering": f"{REL}/numbering",
    "comments": f"{REL}/comments",
    "commentsExtended": "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
}
DATE = "2024-05-14T09:30:00Z"
MIB = 1024 * 1024


# ---------------------------------------------------------------------------------------
# Compact notation for document XML


def t(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def r(text: str = "", *extra: str) -> str:
    """A run with text (and extra run content, e.g. "<w:tab/>")."""
    return "<w:r>" + (t(text) if text else "") + "".join(extra) + "</w:r>"


def _rev(tag: str, rid: int, author: str, date: str) -> str:
    return f'<w:{tag} w:id="{rid}" w:author={quoteattr(author)} w:date="{date}"'


def ins(text: str, rid: int = 1, author: str = "Kazakhstan", date: str = DATE) -> str:
    return _rev("ins", rid, author, date) + ">" + r(text) + "</w:ins>"


def dele(text: str, rid: int = 2, author: str = "Kazakhstan", date: str = DATE) -> str:
    run = f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r>'
    return _rev("del", rid, author, date) + ">" + run + "</w:del>"


def move_from(text: str, name: str, rid: int = 10, author: str = "Kazakhstan", date: str = DATE) -> str:
    return (
        f'<w:moveFromRangeStart w:id="{rid}" w:name="{name}" w:author={quoteattr(author)} w:date="{date}"/>'
        + _rev("moveFrom", rid + 1, author, date)
        + ">"
        + r(text)
        + "</w:moveFrom>"
        + f'<w:moveFromRangeEnd w:id="{rid}"/>'
    )


def move_to(text: str, name: str, rid: int = 20, author: str = "Kazakhstan", date: str = DATE) -> str:
    return (
        f'<w:moveToRangeStart w:id="{rid}" w:name="{name}" w:author={quoteattr(author)} w:date="{date}"/>'
        + _rev("moveTo", rid + 1, author, date)
        + ">"
        + r(text)
        + "</w:moveTo>"
        + f'<w:moveToRangeEnd w:id="{rid}"/>'
    )


def bookmark(name: str, bid: int = 0) -> str:
    return f'<w:bookmarkStart w:id="{bid}" w:name="{name}"/><w:bookmarkEnd w:id="{bid}"/>'


def p(
    *content: str,
    style: str | None = None,
    num: int | None = None,
    ilvl: int | None = None,
    mark: str | None = None,
    mark_id: int = 99,
    author: str = "Kazakhstan",
) -> str:
    """A paragraph. ``mark``: "ins", "del", "moveFrom" or "moveTo" (paragraph-mark revision)."""
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num is not None or ilvl is not None:
        ppr += "<w:numPr>"
        if ilvl is not None:
            ppr += f'<w:ilvl w:val="{ilvl}"/>'
        if num is not None:
            ppr += f'<w:numId w:val="{num}"/>'
        ppr += "</w:numPr>"
    if mark:
        ppr += f"<w:rPr>{_rev(mark, mark_id, author, DATE)}/></w:rPr>"
    return "<w:p>" + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "") + "".join(content) + "</w:p>"


def table(rows: list[list[str]]) -> str:
    """A table; each cell is the XML of its paragraphs."""
    out = "<w:tbl><w:tblPr/><w:tblGrid/>"
    for row in rows:
        out += "<w:tr>" + "".join(f"<w:tc><w:tcPr/>{cell}</w:tc>" for cell in row) + "</w:tr>"
    return out + "</w:tbl>"


def level(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f"<w:lvlText w:val={quoteattr(text)}/>{extra}</w:lvl>"
    )


def numbering(abstracts: dict[int, list[str]], nums: dict[int, int | tuple[int, str]]) -> str:
    """numbering.xml: abstractNumId -> levels; numId -> abstractNumId (or (id, overrides XML))."""
    out = f"<w:numbering {NS_DECL}>"
    for aid, levels in abstracts.items():
        out += f'<w:abstractNum w:abstractNumId="{aid}">' + "".join(levels) + "</w:abstractNum>"
    for nid, ref in nums.items():
        aid, overrides = ref if isinstance(ref, tuple) else (ref, "")
        out += f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'
    return out + "</w:numbering>"


def styles(*extra: str) -> str:
    """styles.xml with Normal (default) and Heading 1 (names stored lower case, as Word does)."""
    return (
        f"<w:styles {NS_DECL}>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
        '<w:basedOn w:val="Normal"/></w:style>' + "".join(extra) + "</w:styles>"
    )


def comments(*items: tuple[int, str, str]) -> str:
    """comments.xml from (id, author, text)."""
    out = f"<w:comments {NS_DECL}>"
    for cid, author, text in items:
        out += (
            f'<w:comment w:id="{cid}" w:author={quoteattr(author)} w:date="{DATE}" w:initials="X">'
            f'<w:p w14:paraId="{0x10000000 + cid:08X}">{r(text)}</w:p></w:comment>'
        )
    return out + "</w:comments>"


def build_docx(
    body: str,
    *,
    parts: dict[str, str] | None = None,
    main_type: str = CT_DOCX,
    extra_entries: dict[str, bytes] | None = None,
    document_xml: str | None = None,
) -> bytes:
    """A minimal, valid .docx package. ``parts``: styles / numbering / comments /
    commentsExtended XML by name."""
    parts = parts or {}
    ct = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{main_type}"/>'
    )
    rels = ""
    for i, name in enumerate(parts, start=1):
        ct += f'<Override PartName="/word/{name}.xml" ContentType="{_PART_TYPES[name]}"/>'
        rels += f'<Relationship Id="rId{i}" Type="{_REL_TYPES[name]}" Target="{name}.xml"/>'
    ct += "</Types>"
    pkg_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    doc_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + rels
        + "</Relationships>"
    )
    document = document_xml or (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f"<w:document {NS_DECL}><w:body>{body}<w:sectPr/></w:body></w:document>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", ct)
        zf.writestr("_rels/.rels", pkg_rels)
        zf.writestr("word/_rels/document.xml.rels", doc_rels)
        zf.writestr("word/document.xml", document)
        for name, xml in parts.items():
            zf.writestr(f"word/{name}.xml", xml)
        for name, data in (extra_entries or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------
# Hostile files


def raw_zip(entries: list[tuple[str, int, int, int, bytes]]) -> bytes:
    """A zip written by hand: (name, crc32, declared uncompressed size, method, stored bytes).
    Lets a test declare sizes zipfile would compute itself, and reuse compressed streams."""
    out = io.BytesIO()
    central = []
    for name, crc, usize, method, data in entries:
        offset = out.tell()
        bname = name.encode()
        out.write(
            struct.pack(
                "<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc, len(data), usize, len(bname), 0
            )
        )
        out.write(bname)
        out.write(data)
        central.append(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                0,
                method,
                0,
                0x21,
                crc,
                len(data),
                usize,
                len(bname),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + bname
        )
    cd_start = out.tell()
    for entry in central:
        out.write(entry)
    cd_size = out.tell() - cd_start
    n = len(central)
    if n >= 0xFFFF:
        # zip64 end of central directory record + locator, then a classic record saying "see zip64"
        z64 = out.tell()
        out.write(struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, n, n, cd_size, cd_start))
        out.write(struct.pack("<4sLQL", b"PK\x06\x07", 0, z64, 1))
        out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0))
    else:
        out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, n, n, cd_size, cd_start, 0))
    return out.getvalue()


def deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def zeros_stream(mib: int) -> tuple[bytes, int]:
    """A raw deflate stream that really inflates to ``mib`` MiB of zeros, and its CRC-32.

    One MiB of zeros is compressed once and ended with a full flush, which byte-aligns the
    block and resets the window: the same bytes can then be repeated, each copy inflating
    to one more MiB. A final empty block closes the stream. Costs milliseconds."""
    zero = bytes(MIB)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(zero) + c.flush(zlib.Z_FULL_FLUSH)
    end = c.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(zero, crc)
    return block * mib + end, crc


def _package_entries(body: str = "") -> list[tuple[str, int, int, int, bytes]]:
    """The three parts of a minimal .docx, as raw_zip entries."""
    src = zipfile.ZipFile(io.BytesIO(build_docx(body or p(r("Bomb.")))))
    out = []
    for name in ("[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml"):
        data = src.read(name)
        out.append((name, zlib.crc32(data), len(data), 8, deflate(data)))
    return out


def zip_bomb(entries: int = 300, mib_each: int = 16) -> bytes:
    """A genuine zip bomb shaped like a .docx: ``entries`` media parts, each a real deflate
    stream of ``mib_each`` MiB of zeros (the default declares 4.7 GiB in under 5 MB)."""
    stream, crc = zeros_stream(mib_each)
    media = [(f"word/media/image{i}.png", crc, mib_each * MIB, 8, stream) for i in range(entries)]
    return raw_zip(_package_entries() + media)


def lying_docx(mib: int = 4) -> bytes:
    """A .docx whose document.xml stream inflates to ``mib`` MiB while the directory declares
    a few hundred bytes (and an honest ratio)."""
    entries = _package_entries()
    stream, _crc = zeros_stream(mib)
    name, crc, _usize, method, _data = entries[-1]
    entries[-1] = (name, crc, len(stream) * 2, method, stream)
    return raw_zip(entries)


def many_entries(n: int) -> bytes:
    """A .docx package padded with ``n`` empty parts."""
    return raw_zip(_package_entries() + [(f"customXml/item{i}.xml", 0, 0, 0, b"") for i in range(n)])


XXE_DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    f"<w:document {NS_DECL}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
)

BILLION_LAUGHS_DOCUMENT = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10)
    )
    + f"]>\n<w:document {NS_DECL}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def ole(*streams: str) -> bytes:
    """The start of an OLE compound file naming the given streams (UTF-16 directory names):
    "WordDocument" for a Word 97-2003 .doc, "EncryptedPackage" for an encrypted .docx."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    return header + b"".join(s.encode("utf-16-le").ljust(64, b"\0") for s in streams) + bytes(1024)


def odt() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    return buf.getvalue()


def samples() -> dict[str, bytes]:
    """Named samples, as written by ``main``."""
    return {
        "tracked.docx": build_docx(
            p(bookmark("cl_c1"), r("The Parties "), dele("shall", 1), ins("will", 2), r(" cooperate."))
            + p(ins("A new paragraph.", 3), mark="ins")
            + p(dele("A deleted paragraph.", 4), mark="del"),
            parts={"styles": styles()},
        ),
        "macro.docm": build_docx(
            p(r("Macro.")), main_type=CT_DOCM, extra_entries={"word/vbaProject.bin": b"\0" * 64}
        ),
        "template.dotx": build_docx(p(r("Template.")), main_type=CT_DOTX),
        "xxe.docx": build_docx("", document_xml=XXE_DOCUMENT),
        "billion-laughs.docx": build_docx("", document_xml=BILLION_LAUGHS_DOCUMENT),
        "renamed-pdf.docx": PDF,
        "old-word.doc": ole("Root Entry", "WordDocument"),
        "encrypted.docx": ole("Root Entry", "EncryptionInfo", "EncryptedPackage"),
        "zip-bomb.docx": zip_bomb(),
        "lying-directory.docx": lying_docx(),
    }


def main(argv: list[str]) -> None:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).with_name("out")
    out.mkdir(parents=True, exist_ok=True)
    for name, data in samples().items():
        (out / name).write_bytes(data)
        print(f"{out / name}: {len(data):,} bytes")


if __name__ == "__main__":
    main(sys.argv)
