"""A small, independent model of what Word/LibreOffice show for a .docx with tracked
changes: the paragraph texts of the body as they are (``"raw"``: everything), after
accepting every change (``"accept"``) or after rejecting every change (``"reject"``).

Fast enough for property tests; LibreOffice is the final judge in the slower tests.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from lxml import etree

from app.core.word import ooxml as ox

_CONTAINERS = {ox.W_R, ox.W_INS, ox.W_DEL, ox.W_MOVE_FROM, ox.W_MOVE_TO, ox.w("hyperlink"),
               ox.w("smartTag"), ox.w("sdt"), ox.w("sdtContent"), ox.w("fldSimple")}
_GONE = {
    "accept": {ox.W_DEL, ox.W_MOVE_FROM},
    "reject": {ox.W_INS, ox.W_MOVE_TO},
    "raw": set(),
}


def part_xml(docx_bytes: bytes, name: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(BytesIO(docx_bytes)) as z:
        return etree.fromstring(z.read(name))


def part_names(docx_bytes: bytes) -> list[str]:
    with zipfile.ZipFile(BytesIO(docx_bytes)) as z:
        return z.namelist()


def _text(el: etree._Element, gone: set[str], out: list[str]) -> None:
    for child in el:
        tag = child.tag
        if tag in gone:
            continue
        if tag in (ox.W_T, ox.W_DEL_TEXT):
            out.append(child.text or "")
        elif tag == ox.W_TAB:
            out.append("\t")
        elif tag == ox.W_BR:
            out.append("\n")
        elif tag in _CONTAINERS:
            _text(child, gone, out)


def paragraph_text(p: etree._Element, view: str = "raw") -> str:
    """One paragraph's text in a view (tabs as ``\t``, line breaks as ``\n``)."""
    parts: list[str] = []
    _text(p, _GONE[view], parts)
    return "".join(parts)


def cell_text(tc: etree._Element) -> str:
    """A table cell's paragraphs, one a line."""
    return "\n".join(paragraph_text(p) for p in tc.iter(ox.W_P))


def paragraphs(docx_bytes: bytes, view: str = "raw") -> list[str]:
    """Body paragraph texts (tables included, in document order) in the given view.
    A paragraph whose mark is removed in the view joins the next one."""
    gone = _GONE[view]
    body = part_xml(docx_bytes).find(ox.W_BODY)
    out: list[str] = []
    carry = ""
    for p in body.iter(ox.W_P):
        parts: list[str] = []
        _text(p, gone, parts)
        text = carry + "".join(parts)
        rpr = p.find(f"{ox.W_PPR}/{ox.W_RPR}")
        if rpr is not None and any(child.tag in gone for child in rpr):
            carry = text
            continue
        carry = ""
        out.append(text)
    if carry:
        out.append(carry)
    while out and not out[-1]:
        out.pop()
    return out
