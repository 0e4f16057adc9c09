"""Comparison benchmark: compare() + JSON on a 1,200-clause, ~60,000-word draft.

The document is built directly as a clause tree (100 articles x 11 paragraphs,
legal-English words drawn with ``random.Random(0)``), then revised with 5%, 25% and
100% of its clauses edited (a few words replaced, inserted or deleted each). Beside the
real thing, the baselines a user would pick, on the 5% pair as whole texts: stock
diff-match-patch (as installed: character diff, 1 s timeout, semantic clean-up) and difflib
by lines, then by words inside the changed lines.

``run()`` returns rows ``(name, median_ms, note)`` and prints nothing;
``python -m bench.compare_bench`` prints them as a table.
"""

from __future__ import annotations

import difflib
import itertools
import random
from collections.abc import Callable

from diff_match_patch import diff_match_patch

from app.core.clauses.render import render_text
from app.core.clauses.tree import DECIMAL, OUTLINE, PARAGRAPH, SECTION, Clause, Document, renumber
from app.core.compare.compare import compare
from app.core.compare.serialize import to_json
from app.core.compare.words import word_diff
from bench.timing import median_ms

Row = tuple[str, float, str]



VOCABULARY = """
the parties shall may agree cooperate cooperation within framework memorandum understanding
secretariat office member states conference interaction confidence building measures asia
united nations counter terrorism programme implementation activities joint mutual consent
information exchange confidential provided accordance applicable national legislation rules
regulations each party other party written notice days receipt request consultations
dispute interpretation application settled amicably negotiation without reference third
tribunal international organization privileges immunities nothing herein construed waiver
express implied financial obligations arising subject availability resources approval
respective governing bodies staff experts officials seminars workshops training capacity
building technical assistance projects coordinate focal points designate contact relevant
reports annual review progress evaluation amendment modification termination entry force
date signature remain effective period years automatically extended unless either notifies
intention terminate months prior expiry completion ongoing affected all any such this that
with for from under upon between by to of in on as and or not be are is its their
""".split()


# word frequencies fall off with rank, as in real text (Zipf)
_CUM_WEIGHTS = list(itertools.accumulate(1.0 / (r + 1) for r in range(len(VOCABULARY))))


def _words(rng: random.Random, n: int) -> list[str]:
    return rng.choices(VOCABULARY, cum_weights=_CUM_WEIGHTS, k=n)


def _sentence(rng: random.Random, n: int) -> str:
    words = _words(rng, n)
    words[0] = words[0].capitalize()
    if n > 12 and rng.random() < 0.5:
        words[n // 2] += ","
    return " ".join(words) + "."


def _text(rng: random.Random, n_words: int) -> str:
    out, left = [], n_words
    while left > 0:
        k = min(left, rng.randint(10, 24))
        out.append(_sentence(rng, k))
        left -= k
    return " ".join(out)


def build_document(seed: int = 0, sections: int = 100, children: int = 11) -> Document:
    rng = random.Random(seed)
    seq = 0

    def key() -> str:
        nonlocal seq
        seq += 1
        return f"c{seq}"

    top = []
    for _ in range(sections):
        sec = Clause(
            key=key(), kind=SECTION, heading=" ".join(_words(rng, rng.randint(2, 4))).capitalize(),
            num_style=DECIMAL, num_pattern="Article {}",
        )
        for _ in range(children):
            sec.children.append(
                Clause(key=key(), kind=PARAGRAPH, text=_text(rng, rng.randint(30, 78)), num_style=OUTLINE, num_pattern="{}")
            )
        top.append(sec)
    return renumber(Document(top))


def _edit_words(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(words))
        r = rng.random()
        if r < 0.5:
            words[i] = _words(rng, 1)[0]
        elif r < 0.8:
            words.insert(i, _words(rng, 1)[0])
        elif len(words) > 3:
            del words[i]
    return " ".join(words)


def revise(doc: Document, share: float, seed: int = 1) -> Document:
    """A copy of ``doc`` with ``share`` of its clauses edited (same keys: the next version)."""
    rng = random.Random(seed)
    new = doc.copy()
    clauses = list(new.walk())
    for c in rng.sample(clauses, round(share * len(clauses))):
        if c.kind == SECTION:
            c.heading = _edit_words(rng, c.heading)
        else:
            c.text = _edit_words(rng, c.text)
    return renumber(new)


def rekey(doc: Document, prefix: str = "n") -> Document:
    """A copy with unrelated keys, as if the text had been imported separately."""
    new = doc.copy()
    for i, c in enumerate(new.walk(), 1):
        c.key = f"{prefix}{i}"
    return new


def run(report: Callable[[str, float, str], object] | None = None) -> list[Row]:
    old = build_document()
    n_clauses = len(old)
    n_words = sum(len(f"{c.heading} {c.text}".split()) for c in old.walk())
    rows: list[Row] = []

    def add(name: str, ms: float, note: str) -> None:
        rows.append((name, ms, note))
        if report is not None:
            report(name, ms, note)

    revisions = {share: revise(old, share) for share in (0.05, 0.25, 1.0)}
    for share, new in revisions.items():
        target = "target ≤ 20 ms" if share == 0.05 else ""
        ms = median_ms(lambda new=new: to_json(compare(old, new)), runs=7)
        add(f"compare + JSON, {share:.0%} of {n_clauses} clauses edited ({n_words} words)", ms, target)

    five = revisions[0.05]
    for share in (0.05, 1.0):
        rekeyed = rekey(revisions[share])
        ms = median_ms(lambda rekeyed=rekeyed: to_json(compare(old, rekeyed, match="similarity")), runs=5)
        add(f"compare + JSON, {share:.0%} edited, matched by similarity (no shared keys)", ms, "")

    # The baselines a user would pick, on the same 5% pair as whole texts:
    old_text, new_text = render_text(old.copy()), render_text(five.copy())

    def stock_dmp():
        dmp = diff_match_patch()  # as installed: Diff_Timeout 1 s, character diff, semantic clean-up
        diffs = dmp.diff_main(old_text, new_text)
        dmp.diff_cleanupSemantic(diffs)
        return diffs

    ms = median_ms(stock_dmp, runs=5, warmup=0)
    add("baseline: stock diff-match-patch on the whole texts (diff_main + cleanupSemantic)", ms, "for comparison")

    def difflib_lines_then_words():
        a, b = old_text.splitlines(), new_text.splitlines()
        out = []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
            if tag == "replace":
                wa, wb = " ".join(a[i1:i2]).split(), " ".join(b[j1:j2]).split()
                out.extend(difflib.SequenceMatcher(None, wa, wb).get_opcodes())
            else:
                out.append((tag, i1, i2, j1, j2))
        return out

    ms = median_ms(difflib_lines_then_words, runs=5, warmup=0)
    add("baseline: difflib by lines, then by words inside changed lines", ms, "for comparison")
    ms = median_ms(lambda: word_diff(old_text, new_text), runs=3, warmup=0)
    add("  whole-document word diff (Concord's engine, Diff_Timeout=0), 5% pair", ms, "for comparison")
    return rows


def main() -> int:
    print(f"{'benchmark':72s} {'median':>10s}  note")
    for name, ms, note in run():
        print(f"  {name:70s} {ms:9.1f} ms  {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
