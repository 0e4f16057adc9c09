"""The number-label grammar: reading a label, its kind and style, and writing one.

One module owns what a number label is, for every part of Concord that reads or writes one
(the parser, the tree's numbering check and renumbering, the Word writer and redline, the
Word import of proposals):

- **reading** (:func:`read_label`): the label at the start of a line, as written ("Article 12",
  "ARTICLE 4 –", "Article 13 bis", "2.5 bis", "1.1.", "(a)", "а)", "1-бап", "Статья 1", "PART II",
  "IV", "1:"), split from the text after it, with its :class:`LabelKind` and its possible
  :class:`Reading` s (style, value, pattern, prefix): "i." reads as lower-roman 1 and as
  lower-alpha 9, and the parser picks the reading that fits the lists open;
- **counters** of each :class:`NumStyle`: :func:`format_counter`, :func:`to_roman` /
  :func:`from_roman`, :func:`to_alpha` / :func:`from_alpha`, Cyrillic letters;
- **writing** (:func:`write_label`): a pattern ("ARTICLE {} -", "({})", "{}.") and a counter
  give a label; :func:`cited` is a label as people cite it ("ARTICLE 4 -" -> "ARTICLE 4"),
  :func:`core_of` the counter inside a label ("4 bis"), :func:`label_value` its value.

The words of each language (article and part words, Latin adverbs) are data in
:mod:`.vocabulary`. Pure Python, no state.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from . import vocabulary as V

__all__ = [
    "LATIN_ADVERBS", "Label", "LabelKind", "NumStyle", "Reading", "cited", "core_of", "display_number",
    "format_counter", "from_alpha", "from_cyrillic", "from_roman", "label", "label_ordinal", "label_shapes",
    "label_value", "read_heading_number", "read_label", "to_alpha", "to_cyrillic", "to_roman", "write_label", "written_number",
]


class NumStyle(StrEnum):
    """How the counter of a clause is written (what position would give; the label is data)."""

    NONE = "none"
    DECIMAL = "decimal"  # 1, 2, 3
    OUTLINE = "outline"  # parent's core number + "." + n: 1.1, 1.2, 2.1.3
    LOWER_ROMAN = "lower-roman"
    UPPER_ROMAN = "upper-roman"
    LOWER_ALPHA = "lower-alpha"
    UPPER_ALPHA = "upper-alpha"
    CYRILLIC_ALPHA = "cyrillic-alpha"  # а), б), в) (Russian and Kazakh items)
    BULLET = "bullet"  # a bullet that carries no counter ("-", "•")


NONE, DECIMAL, OUTLINE, LOWER_ROMAN, UPPER_ROMAN, LOWER_ALPHA, UPPER_ALPHA, CYRILLIC_ALPHA, BULLET = NumStyle


class LabelKind(StrEnum):
    """What a label introduces, by its form."""

    WORD = "word"  # an article word: "Article 1", "ARTICLE 4 -", "Статья 1", "1-бап", a bare "IV"
    PART = "part"  # a level above the articles: "PART II", "CHAPTER I", "Раздел 2", "1-бөлім"
    COLON = "colon"  # "1:" (a section in some house styles)
    NUM = "num"  # a paragraph or item number: "1.", "1.1", "(a)", "ii)", "а)"


class Reading(NamedTuple):
    """One reading of a number label: its style, the value of its counter, its pattern
    (``{}`` for the counter: "Article {}", "({})", "{}.") and, for an outline number, the
    prefix it builds on ("1.2" in "1.2.3")."""

    style: str
    value: int
    pattern: str
    prefix: str


@dataclass(slots=True)
class Label:
    """A number label read at the start of a line."""

    kind: LabelKind
    readings: tuple[Reading, ...]
    raw: str = ""  # the label as written ("ARTICLE 4 -", "1.1", "(a)"): stored as it is


# --- counters ----------------------------------------------------------------------------------

_ROMAN = [
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
]


def to_roman(n: int) -> str:
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def from_roman(s: str) -> int | None:
    s = s.lower()
    if not s or any(ch not in "ivxlcdm" for ch in s):
        return None
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for i, ch in enumerate(s):
        v = values[ch]
        if i + 1 < len(s) and values[s[i + 1]] > v:
            total -= v
        else:
            total += v
    return total if to_roman(total) == s else None


def to_alpha(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa, 28 -> bb (the legal convention of doubling)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    rep = (n - 1) // 26 + 1
    return letters[(n - 1) % 26] * rep


def from_alpha(s: str) -> int | None:
    s = s.lower()
    if not s or not s.isalpha() or not s.isascii() or len(set(s)) != 1:
        return None
    return (len(s) - 1) * 26 + (ord(s[0]) - ord("a") + 1)


CYRILLIC_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"  # as Russian legal texts letter their items


def to_cyrillic(n: int) -> str:
    rep = (n - 1) // len(CYRILLIC_LETTERS) + 1
    return CYRILLIC_LETTERS[(n - 1) % len(CYRILLIC_LETTERS)] * rep


def from_cyrillic(s: str) -> int | None:
    s = s.lower()
    if not s or len(set(s)) != 1 or s[0] not in CYRILLIC_LETTERS:
        return None
    return (len(s) - 1) * len(CYRILLIC_LETTERS) + CYRILLIC_LETTERS.index(s[0]) + 1


def format_counter(style: str, n: int, parent_core: str = "") -> str:
    if style == DECIMAL:
        return str(n)
    if style == OUTLINE:
        return f"{parent_core}.{n}" if parent_core else str(n)
    if style == LOWER_ROMAN:
        return to_roman(n)
    if style == UPPER_ROMAN:
        return to_roman(n).upper()
    if style == LOWER_ALPHA:
        return to_alpha(n)
    if style == UPPER_ALPHA:
        return to_alpha(n).upper()
    if style == CYRILLIC_ALPHA:
        return to_cyrillic(n)
    return ""


def label(pattern: str, core: str) -> str:
    if not pattern:
        return core
    return pattern.replace("{}", core)


_TRAILING_SEPARATORS = (" -", " –", " —", ":", " .")


def cited(text: str) -> str:
    """A label as people cite it: "1.2", "ii.", "ARTICLE 4", "(a)"; trailing separators such
    as ":" or " -" that only join a number to its heading are dropped."""
    text = text.strip()
    for sep in _TRAILING_SEPARATORS:
        if text.endswith(sep):
            text = text[: -len(sep)].rstrip()
    return text


def display_number(pattern: str, core: str) -> str:
    return cited(label(pattern, core))


def core_of(label_text: str, pattern: str) -> str:
    """The counter inside a label as written, by its pattern: ("ARTICLE 4 bis -",
    "ARTICLE {} -") -> "4 bis"; a label that does not fit its pattern gives its first
    number-like token, or the label itself.

    >>> core_of("ARTICLE 4 -", "ARTICLE {} -"), core_of("2.5 bis", "{}"), core_of("(iv)", "({})")
    ('4', '2.5 bis', 'iv')
    """
    text = label_text.strip()
    if "{}" in pattern:
        before, after = pattern.split("{}", 1)
        before, after = before.strip(), after.strip()
        if text.startswith(before) and text.endswith(after) and len(text) >= len(before) + len(after):
            core = text[len(before): len(text) - len(after)].strip()
            if core:
                return core
    m = _CORE_TOKEN.search(text)
    return m.group(0).rstrip(".") if m else text


_CORE_TOKEN = re.compile(r"\d+(?:\.\d+)*(?:\s+(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies))?"
                         r"|\b[IVXLCDM]+\b|\b[ivxlcdm]+\b|\b[a-zA-Z]\b|\b[а-я]\b")

LATIN_ADVERBS = V.LATIN_ADVERBS
_ADVERB_SUFFIX = re.compile(r"\s+(" + "|".join(LATIN_ADVERBS) + r")$")


def write_label(pattern: str, core: str) -> str:
    """The label a pattern gives a counter: ("ARTICLE {} -", "4") -> "ARTICLE 4 -"."""
    return label(pattern, core)


def written_number(r: Reading) -> str:
    """The number a reading gives, as an outline prefix would cite it ("2", "1.3", "IV")."""
    style, value, pattern, prefix = r
    if style == OUTLINE:
        return f"{prefix}.{value}"
    if style == DECIMAL:
        return pattern.replace("{}", str(value)).rstrip(".") if pattern[:1].isdigit() else str(value)
    if style == UPPER_ROMAN:
        return to_roman(value).upper()
    return ""


def label_value(label_text: str, style: str, pattern: str, core: str = "") -> int | None:
    """The value of a label's last counter ("2.5" -> 5, "(iv)" -> 4 in lower-roman, "4 bis" -> 4)."""
    core = _ADVERB_SUFFIX.sub("", core or core_of(label_text or "", pattern))
    last = core.rsplit(".", 1)[-1].strip().strip("()")
    if last.isdigit():
        return int(last)
    by_style: dict[str, Callable[[str], int | None]] = {LOWER_ROMAN: from_roman, UPPER_ROMAN: from_roman, LOWER_ALPHA: from_alpha,
                UPPER_ALPHA: from_alpha, CYRILLIC_ALPHA: from_cyrillic}
    parse = by_style.get(style)
    return parse(last) if parse is not None else None


_COUNTER = re.compile(r"[0-9]+|[A-Za-z]+")


def label_ordinal(number: str) -> int | None:
    """The value of the last counter of a number as cited, whatever its style ("4.2" -> 2,
    "(iv)" -> 4, "c" -> 3, "Article XII" -> 12): a single "i", "v" or "x" reads as roman."""
    tokens = _COUNTER.findall(number or "")
    if not tokens:
        return None
    tok = tokens[-1]
    if tok.isdigit():
        return int(tok)
    low = tok.lower()
    if (len(low) > 1 or low in "ivx") and from_roman(low):
        return from_roman(low)
    return from_alpha(low)


def label_shapes(text: str) -> set[str]:
    """What kind of number a label is, for matching a label with its neighbours: "article"
    (an article or part word), "outline<n>" ("1.2" -> outline2), "decimal" and "outline1"
    ("1"), "roman-lower"/"roman-upper", "alpha-lower"/"alpha-upper" ("i." is both roman and
    alpha), "cyrillic". Empty when ``text`` is no label."""
    text = text.strip()
    found = read_label(text)
    if found is None and text and text[-1].isalnum():
        found = read_label(text + ".")  # a counter without its separator: "1", "1.2", "iv"
    if found is None or found[1]:
        return set()
    lab = found[0]
    if lab.kind in (LabelKind.WORD, LabelKind.PART) and not _BARE_ROMAN.fullmatch(lab.raw):
        return {"article"}
    out: set[str] = set()
    for r in lab.readings:
        if r.style == OUTLINE:
            out.add(f"outline{r.prefix.count('.') + 2}")
        elif r.style == DECIMAL and r.pattern[:1].isdigit():
            out.add(f"outline{r.pattern.count('.') + (0 if r.pattern.endswith('.') else 1)}")
        elif r.style == DECIMAL:
            out.update(("decimal", "outline1"))
        elif r.style in (LOWER_ROMAN, UPPER_ROMAN):
            out.add("roman-" + ("upper" if r.style == UPPER_ROMAN else "lower"))
        elif r.style in (LOWER_ALPHA, UPPER_ALPHA):
            out.add("alpha-" + ("upper" if r.style == UPPER_ALPHA else "lower"))
        elif r.style == CYRILLIC_ALPHA:
            out.add("cyrillic")
    return out


# --- reading a label ---------------------------------------------------------------------------

_SEP = r"(?:(?:\s+(?=[-–—]))?([-–—:.])(?=\s|$))?\s*(.*)$"
_ADVERB = rf"(?:\s+(?:{'|'.join(V.LATIN_ADVERBS)})\b)?"
# "Section 1.01.": a word label may carry an outline number (a subdivision of an article)
_WORD_LABEL = re.compile(rf"({V.ARTICLE_WORDS})\s+((?:\d{{1,4}}(?:(?:\.\d{{1,2}}){{1,3}}(?!\w))?|[IVXLCDM]{{1,7}}){_ADVERB})" + _SEP,
                         re.S)
_KZ_LABEL = re.compile(rf"(\d{{1,4}})-({V.ARTICLE_SUFFIXES})" + _SEP, re.S)
# the levels above articles: "PART II", "CHAPTER I", "Раздел 2", "1-бөлім"
_PART_LABEL = re.compile(rf"({V.PART_WORDS})\s+((?:\d{{1,3}}|[IVXLCDM]{{1,7}}){_ADVERB})" + _SEP, re.S)
_KZ_PART_LABEL = re.compile(rf"(\d{{1,3}})-({V.PART_SUFFIXES})" + _SEP, re.S)
_BARE_ROMAN = re.compile(r"([IVXL]{1,6})(?:\s+(\S.*))?$", re.S)
_COLON_LABEL = re.compile(rf"(\d{{1,4}}{_ADVERB}):(?:\s+(.*)|$)", re.S)
# a label inserted during negotiation keeps its adverb: "2.5 bis", "1 bis.", "2 ter:"
_OUTLINE_LABEL = re.compile(rf"((?:\d{{1,3}}|[IVXLCDM]{{1,6}})(?:\.\d{{1,3}}){{1,5}})({_ADVERB})(\.?)(?:\s+(.*)|$)", re.S)
_DEC_LABEL = re.compile(rf"(\()?(\d{{1,3}})({_ADVERB})(\)\.|[.)])(.*)$", re.S)
_LET_LABEL = re.compile(r"(\()?([a-z]{1,5}|[A-Z]{1,5})(\)\.|[.)])(.*)$", re.S)
# Cyrillic item letters: "а)", "(б)" (not "а." nor "в" alone: those are words)
_CYR_LABEL = re.compile(r"(\()?([а-яё])(\))(.*)$", re.S)
_QUOTES = "“\"‘«„"


def _label_rest(open_: str | None, close: str, rest: str, letter: bool) -> str | None:
    """The text after a label, or None when what follows shows it is no label.

    After the label: a space, or the end of the line; or, a label glued to its text as
    extracted text has it, "(a)To", "(a)take", "(a)“Agreement”", "(a).", "a)The", "1.Slavery":
    a parenthesised label before any letter or a quote, "a)" or "1." before a capital and a
    small letter ("U.S." and "A.B.C." are no labels). "(a)." is a label typed with both marks.
    """
    if close == ")." and not open_:
        return None
    if not rest:
        return ""
    if rest[0].isspace():
        return rest.strip()
    if open_:
        ok = rest[0].isalpha() or rest[0] in _QUOTES
    elif close == ")" or not letter:
        ok = len(rest) > 1 and rest[0].isupper() and rest[1].islower()
    else:
        ok = False
    return rest if ok else None


_LABEL_START = re.compile(r"[\w(]")


_BARE_NUMBER = re.compile(r"(\d{1,3})(?:\s+(\S.*))?$", re.S)


def read_heading_number(s: str) -> tuple[Label, str] | None:
    """A bare number that a heading of its own makes a label ("### 1" over an article's
    text, as some house styles number the sections of a memorandum): (label, rest) or None.
    Only for a line that is a heading by its markup: a bare number in running text is a
    number (or a page number)."""
    m = _BARE_NUMBER.match(s)
    if m is None or (m.group(2) and not _bare_heading(m.group(2))):
        return None
    return Label(LabelKind.WORD, (Reading(DECIMAL, int(m.group(1)), "{}", ""),), raw=m.group(1)), m.group(2) or ""


def _word_pattern(word: str, sep: str | None) -> str:
    if not sep:
        return f"{word} {{}}"
    return f"{word} {{}} {sep}" if sep in "-–—" else f"{word} {{}}{sep}"


def _plain_rest(sep: str | None, rest: str) -> bool:
    """After "Article 5" with no separator, the rest must look like a heading, not like the
    rest of a sentence ("Article 5 of this Agreement ...")."""
    if rest[:2] == ": " and rest[2:3].isupper():
        return True  # "CHAPTER I : STAFF MEMBERS": the heading keeps its colon, as written
    return bool(sep) or not rest or not (rest[0].islower() or rest[0] in ",;:.)")


def read_label(s: str) -> tuple[Label, str] | None:
    """Split a number label off the start of a line: (label, rest) or None; the label keeps
    its text as written (``raw``)."""
    found = _read(s)
    if found is None:
        return None
    lab, rest = found
    lab.raw = s[: len(s) - len(rest)].strip() if rest else s.strip()
    return lab, rest


_CLOSED_END = ".;:,!?"


def _sig_start(line: str) -> bool:
    return bool(V.SIG_START.match(line) or V.SIG_END.search(line))


def _is_closing(text: str) -> bool:
    return bool(V.CLOSING.match(text) or V.CLOSING_END.search(text))


def _bare_heading(rest: str) -> bool:
    """The title after a bare roman numeral: short, capitalised, no final punctuation, and not a
    sentence or a signature ("I Purpose", not "I Have the honour", "I For the Republic of")."""
    return (len(rest.split()) <= 8 and len(rest) <= 80 and rest[0].isupper() and rest[-1] not in _CLOSED_END
            and not _sig_start(rest) and not V.RECITAL.match(rest) and not _is_closing(rest)
            and rest.split()[0].lower() not in ("am", "have", "hereby", "agree", "declare", "shall", "will", "do"))


def _first_match(s: str, *pairs: tuple[str, re.Pattern]) -> tuple[str, re.Match | None]:
    for kind, regex in pairs:
        m = regex.match(s)
        if m:
            return kind, m
    return "", None


def _read(s: str) -> tuple[Label, str] | None:
    if not s or not _LABEL_START.match(s):
        return None
    kind, m = _first_match(s, ("word", _WORD_LABEL), ("part", _PART_LABEL))
    if m:
        word, num, sep, rest = m.groups()
        if not _plain_rest(sep, rest):
            return None
        pattern = _word_pattern(word, sep)
        num = num.split()[0]  # "16 bis": an article inserted after 16 (the label keeps the word)
        if "." in num:
            # "Section 1.01.": the counter is the last number, written as it is ("01"); the
            # rest is part of the pattern ("Section 1.0{}.")
            prefix, _, last = num.rpartition(".")
            zeros = "0" * (len(last) - len(last.lstrip("0")))
            if not last.strip("0"):
                return None
            pattern = pattern.replace("{}", f"{prefix}.{zeros}{{}}")
            return Label(LabelKind(kind), (Reading(DECIMAL, int(last), pattern, ""),)), rest
        if num.isdigit():
            cand = Reading(DECIMAL, int(num), pattern, "")
        else:
            value = from_roman(num)
            if value is None:
                return None
            cand = Reading(UPPER_ROMAN, value, pattern, "")
        return Label(LabelKind(kind), (cand,)), rest
    kind, m = _first_match(s, ("word", _KZ_LABEL), ("part", _KZ_PART_LABEL))
    if m:
        num, word, sep, rest = m.groups()
        if not _plain_rest(sep, rest):
            return None
        pattern = "{}-" + word + ("" if not sep else (f" {sep}" if sep in "-–—" else sep))
        return Label(LabelKind(kind), (Reading(DECIMAL, int(num), pattern, ""),)), rest
    m = _BARE_ROMAN.match(s)
    if m:
        # a bare roman heading: "I" alone on its line, its title below ("###I" + "*Purpose*"),
        # or "I Purpose" as the canonical text writes it back
        num, rest = m.group(1), m.group(2) or ""
        value = from_roman(num)
        if value is not None and value <= 50 and (not rest or _bare_heading(rest)):
            return Label(LabelKind.WORD, (Reading(UPPER_ROMAN, value, "{}", ""),)), rest
    m = _COLON_LABEL.match(s)
    if m:
        return Label(LabelKind.COLON, (Reading(DECIMAL, int(m.group(1).split()[0]), "{}:", ""),)), m.group(2) or ""
    m = _OUTLINE_LABEL.match(s)
    if m:
        num, _adverb, dot, rest = m.groups()
        if any(not part.strip("0") for part in num.split(".")):
            return None  # "100.00", "2.0": an amount, not a label
        prefix, _, last = num.rpartition(".")
        value = int(last)
        outline = (
            Reading(OUTLINE, value, "{}" + dot, prefix),
            Reading(DECIMAL, value, prefix + ".{}" + dot, ""),  # when there is no parent number
        )
        return Label(LabelKind.NUM, outline), rest or ""
    m = _DEC_LABEL.match(s)
    if m:
        open_, num, _adverb, close, rest = m.groups()
        if open_ and close == ".":
            return None
        rest = _label_rest(open_, close, rest, letter=False)
        if rest is None:
            return None
        pattern = "({})" + close[1:] if open_ else "{}" + close
        return Label(LabelKind.NUM, (Reading(DECIMAL, int(num), pattern, ""),)), rest
    m = _CYR_LABEL.match(s)
    if m:
        open_, letter, close, rest = m.groups()
        rest = _label_rest(open_, close, rest, letter=True)
        value = from_cyrillic(letter)
        if rest is None or value is None:
            return None
        return Label(LabelKind.NUM, (Reading(CYRILLIC_ALPHA, value, "({})" if open_ else "{})", ""),)), rest
    m = _LET_LABEL.match(s)
    if m:
        open_, letters, close, rest = m.groups()
        if open_ and close == ".":
            return None
        rest = _label_rest(open_, close, rest, letter=True)
        if rest is None:
            return None
        pattern = "({})" + close[1:] if open_ else "{}" + close
        upper = letters.isupper()
        readings: list[Reading] = []
        roman = from_roman(letters)
        alpha = from_alpha(letters)
        if roman is not None:
            readings.append(Reading(UPPER_ROMAN if upper else LOWER_ROMAN, roman, pattern, ""))
        if alpha is not None:
            alpha_reading = Reading(UPPER_ALPHA if upper else LOWER_ALPHA, alpha, pattern, "")
            # a single letter other than "i" reads first as a letter: "c." is c, not 100
            if len(letters) == 1 and letters.lower() != "i":
                readings.insert(0, alpha_reading)
            else:
                readings.append(alpha_reading)
        if not readings:
            return None
        return Label(LabelKind.NUM, tuple(readings)), rest
    return None
