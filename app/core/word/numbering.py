"""Word's styles and automatic numbering, emulated: which paragraph style a paragraph has (and
its name as Word shows it), which list (``w:numId``, level) is in effect, and the number label
Word would show ("1.", "1.1", "a)", "(iv)", "•"), counted through the document in order.

:class:`Styles` reads ``styles.xml``, :class:`Numbering` ``numbering.xml``;
:func:`format_number` writes one counter value in a ``w:numFmt``. Used by
:mod:`app.core.word.reader`. Pure Python (lxml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from app.core.clauses.labels import to_roman

from . import ooxml as ox

__all__ = ["Numbering", "Styles", "format_number"]


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default

@dataclass
class _Style:
    name: str | None
    based_on: str | None
    num_id: str | None
    ilvl: int | None


_TOC = re.compile(r"toc \d")


def _ui_style_name(name: str | None) -> str | None:
    """Word stores built-in style names in lower case ("heading 1"); show them as Word does."""
    if not name or name != name.lower():
        return name
    if _TOC.fullmatch(name):
        return name.upper()
    return " ".join(word[:1].upper() + word[1:] for word in name.split(" "))


class Styles:
    def __init__(self, root: etree._Element | None) -> None:
        self.styles: dict[str, _Style] = {}
        self.default: str | None = None
        if root is None:
            return
        for st in root.iter(ox.W_STYLE):
            if st.get(ox.W_TYPE) != "paragraph":
                continue
            sid = st.get(ox.W_STYLE_ID)
            if sid is None:
                continue
            name_el = st.find(ox.W_NAME)
            based = st.find(ox.W_BASED_ON)
            num_id = ilvl = None
            numpr = st.find(f"{ox.W_PPR}/{ox.W_NUMPR}")
            if numpr is not None:
                n = numpr.find(ox.W_NUMID)
                num_id = n.get(ox.W_VAL) if n is not None else None
                lv = numpr.find(ox.W_ILVL)
                ilvl = _int(lv.get(ox.W_VAL), 0) if lv is not None else None
            self.styles[sid] = _Style(
                name=_ui_style_name(name_el.get(ox.W_VAL)) if name_el is not None else None,
                based_on=based.get(ox.W_VAL) if based is not None else None,
                num_id=num_id,
                ilvl=ilvl,
            )
            if st.get(ox.W_DEFAULT) in ("1", "true", "on") and self.default is None:
                self.default = sid

    def name(self, style_id: str | None) -> str | None:
        st = self.styles.get(style_id) if style_id else None
        return st.name if st else style_id

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """(numId, ilvl) a paragraph style gives, following w:basedOn."""
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            st = self.styles.get(style_id)
            if st is None:
                break
            if st.num_id is not None:
                return st.num_id, st.ilvl
            style_id = st.based_on
        return None, None


@dataclass
class _Level:
    start: int = 0
    fmt: str = "decimal"
    text: str | None = None
    restart: int | None = None
    legal: bool = False
    pstyle: str | None = None


def _level(el: etree._Element) -> _Level:
    lv = _Level()
    for c in el:
        tag = c.tag
        if tag == ox.W_START:
            lv.start = _int(c.get(ox.W_VAL), 0)
        elif tag == ox.W_NUM_FMT:
            lv.fmt = c.get(ox.W_VAL) or "decimal"
        elif tag == ox.W_LVL_TEXT:
            lv.text = c.get(ox.W_VAL)
        elif tag == ox.W_LVL_RESTART:
            lv.restart = _int(c.get(ox.W_VAL), 0)
        elif tag == ox.W_IS_LGL:
            lv.legal = c.get(ox.W_VAL) not in ("0", "false", "off")
        elif tag == ox.W_PSTYLE:
            lv.pstyle = c.get(ox.W_VAL)
    return lv


_BULLETS = {
    "\uf0b7": "\u2022",
    "\uf0a7": "\u25aa",
    "\uf0d8": "\u27a2",
    "\uf0fc": "\u2713",
    "\uf076": "\u2756",
}


def _letters(n: int, upper: bool) -> str:
    if not 0 < n <= 780:  # a..z, aa..zz, ... up to 30 letters, as Word
        return str(n)
    ch = chr((ord("A") if upper else ord("a")) + (n - 1) % 26)
    return ch * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    """Word's lower-case roman counter (outside 1–3999 Word shows the number)."""
    return to_roman(n) if 0 < n < 4000 else str(n)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_number(n: int, fmt: str) -> str:
    """One counter value in a w:numFmt (unknown formats fall back to decimal)."""
    if fmt == "lowerLetter":
        return _letters(n, False)
    if fmt == "upperLetter":
        return _letters(n, True)
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}" if 0 <= n < 10 else str(n)
    if fmt == "ordinal":
        return _ordinal(n)
    if fmt == "none":
        return ""
    return str(n)


_PLACEHOLDER = re.compile(r"%([1-9])")


class Numbering:
    """numbering.xml, and the counters of one pass through the document."""

    def __init__(self, root: etree._Element | None, styles: Styles) -> None:
        self.styles = styles
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.abstract_style_link: dict[str, str] = {}  # abstractNumId -> numStyleLink style
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for an in root.iter(ox.W_ABSTRACT_NUM):
            aid = an.get(ox.W_ABSTRACT_NUM_ID)
            if aid is None:
                continue
            self.abstract[aid] = {_int(lv.get(ox.W_ILVL), 0): _level(lv) for lv in an.iter(ox.W_LVL)}
            link = an.find(ox.W_NUM_STYLE_LINK)
            if link is not None and link.get(ox.W_VAL):
                self.abstract_style_link[aid] = link.get(ox.W_VAL)
        for num in root.iter(ox.W_NUM):
            nid = num.get(ox.W_NUMID)
            ref = num.find(ox.W_ABSTRACT_NUM_ID)
            if nid is None or ref is None:
                continue
            starts: dict[int, int] = {}
            levels: dict[int, _Level] = {}
            for ov in num.iter(ox.W_LVL_OVERRIDE):
                ilvl = _int(ov.get(ox.W_ILVL), 0)
                so = ov.find(ox.W_START_OVERRIDE)
                if so is not None:
                    starts[ilvl] = _int(so.get(ox.W_VAL), 0)
                lvl = ov.find(ox.W_LVL)
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
            self.nums[nid] = (ref.get(ox.W_VAL), starts, levels)

    def _abstract_id(self, num_id: str) -> str | None:
        entry = self.nums.get(num_id)
        if entry is None:
            return None
        aid = entry[0]
        # w:numStyleLink: the list is defined by a numbering style, whose numId points to
        # the abstractNum that really holds the levels.
        for _ in range(4):
            link = self.abstract_style_link.get(aid)
            if link is None:
                break
            linked_num, _ilvl = self.styles.numbering(link)
            linked = self.nums.get(linked_num) if linked_num else None
            if linked is None or linked[0] == aid:
                break
            aid = linked[0]
        return aid

    def resolve(
        self, style_id: str | None, num_id: str | None, ilvl: int | None
    ) -> tuple[str | None, int | None]:
        """The (numId, ilvl) in effect for a paragraph (explicit, else from its style)."""
        style_num, style_ilvl = self.styles.numbering(style_id)
        if num_id is None:
            num_id = style_num
            if num_id is None:
                return None, None
        if num_id == "0" or num_id not in self.nums:
            return None, None
        if ilvl is None:
            ilvl = style_ilvl
        if ilvl is None and style_id:
            aid = self._abstract_id(num_id)
            for lvl_i, lvl in (self.abstract.get(aid) or {}).items():
                if lvl.pstyle == style_id:
                    ilvl = lvl_i
                    break
        return num_id, (ilvl or 0)

    def next_label(self, num_id: str, ilvl: int) -> str | None:
        """Count one paragraph at (num_id, ilvl) and return its label."""
        aid = self._abstract_id(num_id)
        if aid is None:
            return None
        _ref, start_overrides, level_overrides = self.nums[num_id]
        levels = dict(self.abstract.get(aid) or {})
        levels.update(level_overrides)
        for i, start in start_overrides.items():
            if i in levels:
                lv = levels[i]
                levels[i] = _Level(start, lv.fmt, lv.text, lv.restart, lv.legal, lv.pstyle)
        lvl = levels.get(ilvl)
        if lvl is None:
            return None
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for i in set(start_overrides) | set(level_overrides):
                counters.pop(i, None)  # a list instance with overrides restarts
        current = counters.get(ilvl)
        counters[ilvl] = lvl.start if current is None else current + 1
        for deeper in [d for d in counters if d > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart > 0 and ilvl <= restart - 1):
                del counters[deeper]
        if lvl.fmt == "bullet":
            text = lvl.text or ""
            return "".join(_BULLETS.get(ch, ch) for ch in text) or None
        if lvl.text is None:
            return None

        def value(match: re.Match) -> str:
            i = int(match.group(1)) - 1
            ref = levels.get(i)
            n = counters.get(i)
            if n is None:
                n = ref.start if ref else 0
            fmt = ref.fmt if ref else "decimal"
            if lvl.legal and fmt not in ("none", "bullet"):
                fmt = "decimal"
            return format_number(n, fmt)

        label = _PLACEHOLDER.sub(value, lvl.text)
        return label or None
