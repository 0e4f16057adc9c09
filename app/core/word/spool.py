"""Bounded memory for the largest exports: finished parts of the body leave the tree as they
are written.

A writer calls :func:`flush` at a point where everything already under ``parent`` (the body,
or a table whose rows it is adding) is finished: those elements are serialised to a spool file
(a ``SpooledTemporaryFile``: in memory up to 1 MiB, then on disk) and replaced in the tree by
one processing instruction ``<?concord-spool N?>``. :func:`app.core.word.writer.to_bytes`
serialises what is left of ``word/document.xml`` and writes it into the zip with each
placeholder replaced by its bytes, copied from the spool in chunks; so the tree never holds
more than ``at_least`` finished children of a spooled parent, and the document's XML is never
one string. The bytes written are the bytes the tree would have serialised to (a flushed
element's own copies of the root's namespace declarations are dropped).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from tempfile import SpooledTemporaryFile

from lxml import etree

from . import ooxml as ox

TARGET = "concord-spool"
_MARK = re.compile(rb"<\?concord-spool (\d+)\?>")
CHUNK = 1 << 16


class Spool:
    """The spool of one python-docx document (``doc._concord_spool``)."""

    def __init__(self) -> None:
        self.file: SpooledTemporaryFile[bytes] = SpooledTemporaryFile(max_size=1 << 20)
        self.ranges: list[tuple[int, int]] = []  # placeholder number -> (start, end) in the file
        self.last_tags: list[str] = []  # placeholder number -> the tag of its last element
        self._root_ns: list[bytes] | None = None

    def take(self, parent: etree._Element, at_least: int) -> None:
        children = [c for c in parent if c.tag != ox.W_SECT_PR]
        if len(children) < at_least:
            return
        sect = parent.find(ox.W_SECT_PR)
        sect_first = sect is not None and parent.index(sect) < parent.index(children[0])
        start = self.file.tell()
        for el in children:
            if is_mark(el) and el is children[0] and self.ranges[int(el.text)][1] == start:
                start = self.ranges[int(el.text)][0]  # the run just before: extend it
            else:
                self.file.write(self._bytes(el))
            parent.remove(el)
        last = children[-1]
        self.last_tags.append(self.last_tags[int(last.text)] if is_mark(last) else last.tag)
        pi = etree.ProcessingInstruction(TARGET, str(len(self.ranges)))
        self.ranges.append((start, self.file.tell()))
        if sect_first:
            parent.append(pi)
        else:
            parent.insert(0, pi)

    def _bytes(self, el: etree._Element) -> bytes:
        if is_mark(el):  # an earlier run, not adjacent: copy it along
            a, b = self.ranges[int(el.text)]
            here = self.file.tell()
            self.file.seek(a)
            data = self.file.read(b - a)
            self.file.seek(here)
            return data
        data = etree.tostring(el, encoding="UTF-8", with_tail=False)
        end = data.index(b">")
        head = data[:end]
        for decl in self._declared(el):  # the root declares them already
            head = head.replace(decl, b"")
        return head + data[end:]

    def _declared(self, el: etree._Element) -> list[bytes]:
        if self._root_ns is None:
            nsmap = el.getroottree().getroot().nsmap
            self._root_ns = [f' xmlns:{p}="{uri}"'.encode() for p, uri in nsmap.items() if p]
        return self._root_ns

    def write_part(self, blob: bytes, write: Callable[[bytes], object]) -> None:
        """Write ``blob`` (the serialised remainder) with every placeholder replaced."""
        pos = 0
        end_of_file = self.file.tell()
        for m in _MARK.finditer(blob):
            write(blob[pos:m.start()])
            a, b = self.ranges[int(m.group(1))]
            self.file.seek(a)
            left = b - a
            while left > 0:
                chunk = self.file.read(min(CHUNK, left))
                write(chunk)
                left -= len(chunk)
            pos = m.end()
        write(blob[pos:])
        self.file.seek(end_of_file)

    def close(self) -> None:
        self.file.close()


def is_mark(el: etree._Element) -> bool:
    return isinstance(el, etree._ProcessingInstruction) and el.target == TARGET


def spool_of(doc) -> Spool | None:
    return getattr(doc, "_concord_spool", None)


def flush(doc, parent: etree._Element, *, at_least: int = 64) -> None:
    """Move the finished children of ``parent`` out of ``doc``'s tree once there are
    ``at_least`` of them (call it after each clause or row; it does nothing most times)."""
    spool = spool_of(doc)
    if spool is None:
        spool = Spool()
        doc._concord_spool = spool
    spool.take(parent, at_least)


def last_tag(doc, el: etree._Element) -> str:
    """The tag of ``el``, or, for a placeholder, of the last element it stands for."""
    spool = spool_of(doc)
    if spool is not None and is_mark(el):
        return spool.last_tags[int(el.text)]
    return el.tag
