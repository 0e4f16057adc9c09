"""Word-level diff of two texts, and diff-match-patch patches.

The diff runs diff-match-patch over *tokens* instead of characters: every word, run of
whitespace and punctuation mark is mapped to one private character (the ``linesToChars``
trick, applied to words), the token strings are diffed and cleaned up, and the result is
mapped back. So an edit never starts or ends inside a word ("contract" -> "contractor" is
one deleted word and one inserted word, not an inserted "or").

``Diff_Timeout`` is always 0 (no deadline). diff-match-patch's default of 1 s does not
raise when it runs out of time: it silently returns "delete everything, insert
everything" for the part it did not finish, which on a large pair is a useless diff.

Tokens (see :data:`TOKEN_RE`):
- a number with inner separators: ``1.2``, ``10,000``, ``2024/25``;
- a word: letters, digits, ``_``, combining marks and soft hyphens, with inner
  apostrophes or hyphens (``co-operation``, ``Party's``, ``из-за``); any script, so
  Cyrillic and Kazakh (ә ғ қ ң ө ұ ү һ і) work like Latin;
- a run of whitespace;
- any other single character (punctuation, symbols).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

from diff_match_patch import diff_match_patch

from .model import DELETE, EQUAL, INSERT, WordOp

H = TypeVar("H", bound=Hashable)

_WORD_CHARS = r"[\w\u0300-\u036f\u00ad]"
TOKEN_RE = re.compile(
    r"\d+(?:[.,:/]\d+)+"  # 1.2, 10,000, 2024/25
    rf"|{_WORD_CHARS}+(?:['\u2019\u2010\u2011-]{_WORD_CHARS}+)*"  # words, co-operation, Party's
    r"|\s+"  # whitespace runs
    r"|.",  # anything else, one character at a time
    re.S,
)
_WORD_RE = re.compile(rf"{_WORD_CHARS}")

#: Diff_Timeout used for every diff: 0 = no deadline (see the module docstring).
DIFF_TIMEOUT = 0.0

_OPS = {diff_match_patch.DIFF_EQUAL: EQUAL, diff_match_patch.DIFF_INSERT: INSERT, diff_match_patch.DIFF_DELETE: DELETE}


def tokenize(text: str) -> list[str]:
    """Split ``text`` into word, whitespace and punctuation tokens; ``"".join`` gives it back."""
    return TOKEN_RE.findall(text)


def words_of(text: str) -> list[str]:
    """The lower-cased words of ``text`` (no whitespace or punctuation tokens)."""
    return [t.lower() for t in TOKEN_RE.findall(text) if _WORD_RE.match(t)]


def has_words(text: str) -> bool:
    """Does ``text`` contain at least one word (not only whitespace and punctuation)?"""
    return _WORD_RE.search(text) is not None


def new_dmp() -> diff_match_patch:
    """A diff_match_patch configured the way Concord always uses it (no diff deadline)."""
    dmp = diff_match_patch()
    dmp.Diff_Timeout = DIFF_TIMEOUT
    return dmp


def _score_tokens(t1: str, t2: str) -> int:
    """diff-match-patch's boundary score (0 worst .. 6 best) between the token ending the
    text before a boundary and the token starting the text after it."""
    char1 = t1[-1]
    char2 = t2[0]
    non_alnum1 = not char1.isalnum()
    non_alnum2 = not char2.isalnum()
    ws1 = non_alnum1 and char1.isspace()
    ws2 = non_alnum2 and char2.isspace()
    lb1 = ws1 and (char1 == "\r" or char1 == "\n")
    lb2 = ws2 and (char2 == "\r" or char2 == "\n")
    if (lb1 and t1.replace("\r", "").endswith("\n\n")) or (lb2 and t2.replace("\r", "").startswith("\n\n")):
        return 5
    if lb1 or lb2:
        return 4
    if non_alnum1 and not ws1 and ws2:
        return 3
    if ws1 or ws2:
        return 2
    if non_alnum1 or non_alnum2:
        return 1
    return 0


class _TokenDMP(diff_match_patch):
    """diff-match-patch working on token-encoded strings (one character per token).

    Only the boundary scoring of ``diff_cleanupSemanticLossless`` needs to know what the
    characters stand for; it is re-implemented here to score the decoded tokens (the
    original looks at the code points, which mean nothing once tokens are encoded).
    """

    def __init__(self, table: Mapping[str, str]):
        super().__init__()
        self.Diff_Timeout = DIFF_TIMEOUT
        self._table = table

    def _score(self, one: str, two: str) -> int:
        if not one or not two:
            return 6
        return _score_tokens(self._table[one[-1]], self._table[two[0]])

    def diff_cleanupSemanticLossless(self, diffs):  # noqa: N802 (dmp's name)
        score = self._score
        pointer = 1
        while pointer < len(diffs) - 1:
            if diffs[pointer - 1][0] == self.DIFF_EQUAL and diffs[pointer + 1][0] == self.DIFF_EQUAL:
                equality1 = diffs[pointer - 1][1]
                edit = diffs[pointer][1]
                equality2 = diffs[pointer + 1][1]
                common = self.diff_commonSuffix(equality1, edit)
                if common:
                    common_string = edit[-common:]
                    equality1 = equality1[:-common]
                    edit = common_string + edit[:-common]
                    equality2 = common_string + equality2
                best1, best_edit, best2 = equality1, edit, equality2
                best_score = score(equality1, edit) + score(edit, equality2)
                while edit and equality2 and edit[0] == equality2[0]:
                    equality1 += edit[0]
                    edit = edit[1:] + equality2[0]
                    equality2 = equality2[1:]
                    s = score(equality1, edit) + score(edit, equality2)
                    if s >= best_score:  # >= prefers trailing whitespace on edits
                        best_score = s
                        best1, best_edit, best2 = equality1, edit, equality2
                if diffs[pointer - 1][1] != best1:
                    if best1:
                        diffs[pointer - 1] = (diffs[pointer - 1][0], best1)
                    else:
                        del diffs[pointer - 1]
                        pointer -= 1
                    diffs[pointer] = (diffs[pointer][0], best_edit)
                    if best2:
                        diffs[pointer + 1] = (diffs[pointer + 1][0], best2)
                    else:
                        del diffs[pointer + 1]
                        pointer -= 1
            pointer += 1


def _code_points(n: int) -> Iterable[int]:
    """``n`` code points from 1 up, skipping the surrogate block (0 is never used)."""
    if n < 0xD800:
        return range(1, n + 1)
    return itertools.chain(range(1, 0xD800), range(0xE000, 0xE000 + n - 0xD7FF))


def encode_tokens(*token_lists: Sequence[H]) -> tuple[list[str], dict[str, H]]:
    """Map every distinct token (any hashable value) to one character. Returns the encoded
    strings (one per input list) and the table that decodes a character to its token."""
    distinct = dict.fromkeys(itertools.chain.from_iterable(token_lists))
    chars = list(map(chr, _code_points(len(distinct))))
    codes = dict(zip(distinct, chars, strict=True))
    encoded = ["".join(map(codes.__getitem__, tokens)) for tokens in token_lists]
    return encoded, dict(zip(chars, distinct, strict=True))


def token_diff(old: str, new: str) -> list[tuple[int, str]]:
    """diff-match-patch diffs ``(op, text)`` (dmp's -1/0/1) of two texts, token by token,
    semantically cleaned up."""
    if old == new:
        return [(0, old)] if old else []
    (a, b), table = encode_tokens(tokenize(old), tokenize(new))
    dmp = _TokenDMP(table)
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    decode = table.__getitem__
    return [(op, "".join(map(decode, data))) for op, data in diffs]


def word_diff(old: str, new: str) -> list[WordOp]:
    """Word-level operations turning ``old`` into ``new``.

    ``EQUAL`` + ``DELETE`` texts concatenated give ``old``; ``EQUAL`` + ``INSERT`` give
    ``new``. Edits begin and end on token boundaries; a replacement is a ``DELETE``
    followed by an ``INSERT``.
    """
    return [WordOp(_OPS[op], text) for op, text in token_diff(old, new) if text]


def old_side(ops: Iterable[WordOp]) -> str:
    return "".join(o.text for o in ops if o.op != INSERT)


def new_side(ops: Iterable[WordOp]) -> str:
    return "".join(o.text for o in ops if o.op != DELETE)


# --- patches ---------------------------------------------------------------------------------


def make_patch(old: str, new: str) -> str:
    """A diff-match-patch patch (``patch_toText``) turning ``old`` into ``new``, built from
    the word diff so its hunks start and end on word boundaries."""
    if old == new:
        return ""
    dmp = new_dmp()
    patches = dmp.patch_make(old, token_diff(old, new))
    return dmp.patch_toText(patches)


def apply_patch(patch_text: str, text: str, *, fuzzy: bool = False) -> tuple[str, bool]:
    """Apply a patch made by :func:`make_patch` to ``text``.

    Returns ``(new_text, clean)``. ``clean`` is True when every hunk applied *and* (unless
    ``fuzzy``) the text each hunk expects (its context and deleted words) was found
    verbatim in ``text``. diff-match-patch also applies a hunk whose target was slightly
    reworded (a fuzzy match); that counts as clean only with ``fuzzy=True``, so a proposal
    whose target text changed can be flagged for attention rather than applied silently.
    An empty patch applies cleanly and changes nothing.
    """
    if not patch_text.strip():
        return text, True
    dmp = new_dmp()
    patches = dmp.patch_fromText(patch_text)
    new_text, results = dmp.patch_apply(patches, text)
    clean = all(results)
    if clean and not fuzzy:
        clean = all(dmp.diff_text1(p.diffs) in text for p in patches)
    return new_text, clean
