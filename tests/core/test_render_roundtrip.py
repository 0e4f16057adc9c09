"""Canonical text round trip: parse -> render -> parse gives the same tree and text.

For the sample drafts, the house-style samples and the generated benchmark draft, and for
random trees (Hypothesis) in the shapes the parser produces: render_text(tree) parses back
to the same kinds, numbering styles and patterns, headings, texts and nesting.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.clauses.parse import ParseError, parse_text
from app.core.clauses.render import render_text
from app.core.clauses.tree import (
    BULLET,
    CLOSING,
    DECIMAL,
    FORMULA,
    ITEM,
    LOWER_ALPHA,
    LOWER_ROMAN,
    OUTLINE,
    PARAGRAPH,
    PARTY,
    RECITAL,
    SECTION,
    SIGNATURE,
    TEXT,
    TITLE,
    UPPER_ALPHA,
    UPPER_ROMAN,
    Clause,
    Document,
)
from bench.generate import build_draft

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "drafts").glob("*.md")) + sorted(
    p for p in (ROOT / "tests" / "data" / "styles").iterdir() if p.suffix != ".outline"  # golden files
)


def shape(nodes: list[Clause]) -> list[tuple]:
    return [
        (c.kind, c.num_style, c.num_pattern, c.heading, c.text, shape(c.children)) for c in nodes
    ]


def assert_canonical(src: str) -> None:
    first = parse_text(src)
    text1 = render_text(first)
    second = parse_text(text1)
    assert shape(second.clauses) == shape(first.clauses)
    assert render_text(second) == text1


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_samples_round_trip(path):
    assert_canonical(path.read_text(encoding="utf-8"))


def test_there_are_samples_in_several_styles():
    assert len(SAMPLES) >= 7


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_generated_draft_round_trips(seed):
    assert_canonical(build_draft(seed, articles=40).text)


def test_render_of_the_cica_sample_is_stable_text():
    doc = parse_text((ROOT / "drafts" / "cica-unoct-mou-2024.md").read_text(encoding="utf-8"))
    text = render_text(doc)
    assert "1: Purpose and Objectives of the MoU\n\n1.1 The purpose of this MoU" in text
    assert "\n\ni. To strengthen, within their respective mandates" in text
    assert text.endswith(
        "For the Secretariat of the Conference on Interaction and Confidence Building Measures in Asia:\n"
        "H.E. Mr. Kairat Sarybay Secretary General of the Conference on Interaction and Confidence "
        "Building Measures in Asia\n"
    )


# --- random trees -----------------------------------------------------------------------------

WORDS = (
    "agreement cooperation parties implementation information exchange competent authorities "
    "measures framework provisions consultations secretariat mandate assistance territory "
    "obligations procedures annex protocol notification within under pursuant respective "
    "mutual international regional national 2024 60/288 (UNOCT) “Participants” co-operation "
    "Стороны сотрудничество соглашение информация органы Тараптар ынтымақтастық келісім өзара "
    "ақпарат Қазақстан Республикасы ұйымдар шаралар әзірлеу үкімет органдары"
).split()
UPPER_OPENERS = ("The", "Each", "Any", "Such", "Nothing", "All", "Стороны", "Тараптар", "Қазақстан")
LOWER_OPENERS = ("the", "exchange", "cooperation", "сотрудничество", "ынтымақтастық", "өзара")
TITLE_WORDS = (
    "AGREEMENT", "MEMORANDUM", "OF", "UNDERSTANDING", "BETWEEN", "THE", "GOVERNMENT", "REPUBLIC",
    "KAZAKHSTAN", "ON", "COOPERATION", "DRAFT", "СОГЛАШЕНИЕ", "ТАРАПТАР", "КЕЛІСІМ", "ҚАЗАҚСТАН", "AND",
)
TITLE_NOUNS = ("AGREEMENT", "MEMORANDUM", "DRAFT", "PROTOCOL", "СОГЛАШЕНИЕ", "КЕЛІСІМ")
RECITAL_STARTERS = (
    "WHEREAS", "CONSIDERING that", "Reaffirming", "Recalling", "Recognizing", "Recognising", "Noting",
    "Bearing in mind", "Convinced that", "Taking into account", "Guided by", "Welcoming", "Mindful of",
    "Учитывая", "Стремясь",
)
FORMULAS = (
    "Have agreed as follows:", "HAVE AGREED AS FOLLOWS:", "NOW, THEREFORE, the Parties have agreed as follows:",
    "Declare the following:", "согласились о нижеследующем:", "Тараптар төмендегілер туралы келісті:",
    "express their intention to cooperate as follows:",
)
CLOSINGS = (
    "IN WITNESS WHEREOF, the undersigned have signed this Agreement.",
    "DONE at Astana on 12 June 2024 in duplicate, in the Kazakh, Russian and English languages.",
    "SIGNED in _____ on “__” _____ 2024 in two originals.",
    "Совершено в городе Астана 12 июня 2024 года.",
    "Астана қаласында 2024 жылғы 12 маусымда жасалды.",
)
SIGNATURE_HEADINGS = (
    "For the Government of the Republic of Kazakhstan:", "For the Secretariat:",
    "On behalf of the United Nations Office of Counter-Terrorism:", "За Правительство Республики Казахстан",
    "Қазақстан Республикасының Үкіметі үшін",
)
SIGNATORY_LINES = (
    "H.E. Mr. Kairat Sarybay", "Secretary General", "Minister of Foreign Affairs", "Тараптар өкілі", "A. Smith",
)

# (style, pattern) of sections; heading-only styles ("1." / "I.") need a body and a short heading
SECTION_STYLES = (
    (DECIMAL, "{}:"), (DECIMAL, "ARTICLE {} -"), (DECIMAL, "Article {} –"), (DECIMAL, "Article {}"),
    (DECIMAL, "Article {}."), (UPPER_ROMAN, "ARTICLE {}"), (DECIMAL, "{}."), (UPPER_ROMAN, "{}."),
    (DECIMAL, "Статья {}"), (DECIMAL, "Section {}:"), (DECIMAL, "{}-бап"),
)
PARAGRAPH_STYLES = ((OUTLINE, "{}"), (OUTLINE, "{}."), (DECIMAL, "{}."), (DECIMAL, "({})"), (DECIMAL, "{})"))
TOP_PARAGRAPH_STYLES = ((DECIMAL, "{}."), (DECIMAL, "({})"), (DECIMAL, "{})"))
ITEM_STYLES = (
    (LOWER_ALPHA, "({})"), (LOWER_ALPHA, "{})"), (LOWER_ALPHA, "{}."), (LOWER_ROMAN, "({})"),
    (LOWER_ROMAN, "{}."), (UPPER_ALPHA, "{}."), (DECIMAL, "{})"), (BULLET, "-"), (BULLET, "•"), (BULLET, "*"),
)


class Trees:
    """Draws clause trees in the shapes the parser reads: every clause that has children ends
    with ":", leaves end with ".", ";" or ",", nested lists use a style their ancestors do not."""

    def __init__(self, draw):
        self.draw = draw
        self.n = 0

    def key(self) -> str:
        self.n += 1
        return f"c{self.n}"

    def clause(self, kind, text="", heading="", style="none", pattern="", children=()) -> Clause:
        return Clause(self.key(), kind, text=text, heading=heading, num_style=style,
                      num_pattern=pattern, children=list(children))

    def words(self, lo: int, hi: int) -> str:
        return " ".join(self.draw(st.lists(st.sampled_from(WORDS), min_size=lo, max_size=hi)))

    def sentence(self, end: str, lower_ok: bool = False, lo: int = 3) -> str:
        openers = UPPER_OPENERS + (LOWER_OPENERS if lower_ok else ())
        return f"{self.draw(st.sampled_from(openers))} {self.words(lo, 14)}{end}"

    def heading(self) -> str:
        first = self.draw(st.sampled_from(UPPER_OPENERS))
        return f"{first} {self.words(0, 5)}".strip()

    def items(self, parent_kind: str, used: frozenset, depth: int) -> list[Clause]:
        choices = [s for s in ITEM_STYLES if s not in used
                   and not (parent_kind in (SECTION, TEXT, RECITAL) and s[0] == DECIMAL)]
        style, pattern = self.draw(st.sampled_from(choices))
        out = []
        for _ in range(self.draw(st.integers(1, 5))):
            kids = []
            if depth < 3 and self.draw(st.integers(0, 5)) == 0:
                kids = self.items(ITEM, used | {(style, pattern)}, depth + 1)
            end = ":" if kids else self.draw(st.sampled_from(".;,"))
            out.append(self.clause(ITEM, self.sentence(end, lower_ok=True), style=style, pattern=pattern,
                                   children=kids))
        return out

    def paragraphs(self, styles, used: frozenset, top: bool) -> list[Clause]:
        style, pattern = self.draw(st.sampled_from([s for s in styles if s not in used]))
        out = []
        for _ in range(self.draw(st.integers(1, 4))):
            kids: list[Clause] = []
            choice = self.draw(st.integers(0, 5))
            if choice == 0 and style == OUTLINE:  # sub-paragraphs 1.1.1
                kids = [self.clause(PARAGRAPH, self.sentence(";", lower_ok=True), style=style, pattern=pattern)
                        for _ in range(self.draw(st.integers(1, 3)))]
            elif choice in (1, 2):
                kids = self.items(PARAGRAPH, used | {(style, pattern)}, 1)
            end = ":" if kids else "."
            out.append(self.clause(PARAGRAPH, self.sentence(end, lower_ok=not top), style=style,
                                   pattern=pattern, children=kids))
            if top and self.draw(st.integers(0, 4)) == 0:
                out.append(self.clause(TEXT, self.sentence(".")))
        return out

    def section_children(self, style, pattern) -> list[Clause]:
        used = frozenset({(style, pattern)}) if pattern in ("{}.", "{})") else frozenset()
        if style == UPPER_ROMAN and pattern == "{}.":
            used |= {(UPPER_ALPHA, "{}.")}  # "I." would read as the letter after "H."
        kids: list[Clause] = []
        if self.draw(st.booleans()):
            kids.append(self.clause(TEXT, self.sentence(".")))
        body = self.draw(st.sampled_from(["paragraphs", "items", "chapeau", "none"]))
        if body == "chapeau":  # "The Parties shall cooperate through:" and its items
            kids.append(self.clause(TEXT, self.sentence(":"), children=self.items(TEXT, used, 1)))
        if body == "paragraphs":
            styles = PARAGRAPH_STYLES if style == DECIMAL or pattern != "{}." else PARAGRAPH_STYLES[2:]
            kids += self.paragraphs(styles, used, top=False)
        elif body == "items":
            kids += self.items(SECTION, used, 1)
        if kids and self.draw(st.integers(0, 3)) == 0:
            kids.append(self.clause(TEXT, self.sentence(".")))
        if not kids and pattern in ("{}.", "{})"):
            kids.append(self.clause(TEXT, self.sentence(".")))
        return kids

    def section(self, style, pattern) -> Clause:
        kids = self.section_children(style, pattern)
        # "Article 1" with no heading: its first block is not read as a heading when it is
        # a sentence or a numbered paragraph
        headless = (pattern not in ("{}.", "{})") and (not kids or kids[0].kind != TEXT or kids[0].children)
                    and self.draw(st.integers(0, 5)) == 0)
        return self.clause(SECTION, heading="" if headless else self.heading(), style=style, pattern=pattern,
                           children=kids)

    def document(self) -> Document:
        draw = self.draw
        top: list[Clause] = []
        if draw(st.booleans()):
            lines = [" ".join(draw(st.lists(st.sampled_from(TITLE_WORDS), min_size=1, max_size=6)))
                     for _ in range(draw(st.integers(1, 4)))]
            lines[0] = f"{draw(st.sampled_from(TITLE_NOUNS))} {lines[0]}"
            top.append(self.clause(TITLE, "\n".join(lines)))
        parties = draw(st.integers(0, 2))
        for i in range(parties):
            if i:
                top.append(self.clause(TEXT, "and"))
            top.append(self.clause(PARTY, f"The Government of {self.words(2, 12)},"))
        if parties and draw(st.booleans()):
            top.append(self.clause(TEXT, "hereinafter referred to as the “Parties”,"))
        # enough words, and at least two features of an agreement (see parse._check_structure)
        for _ in range(draw(st.integers(3, 5))):
            starter = draw(st.sampled_from(RECITAL_STARTERS))
            kids = self.items(RECITAL, frozenset(), 1) if draw(st.integers(0, 5)) == 0 else []
            end = ":" if kids else draw(st.sampled_from(";,"))
            top.append(self.clause(RECITAL, f"{starter} {self.words(10, 20)}{end}", children=kids))
        with_sections = draw(st.integers(0, 3)) > 0
        if not with_sections or draw(st.integers(0, 4)):
            top.append(self.clause(FORMULA, draw(st.sampled_from(FORMULAS))))
        if with_sections:
            style, pattern = draw(st.sampled_from(SECTION_STYLES))
            for _ in range(draw(st.integers(1, 4))):
                top.append(self.section(style, pattern))
        else:
            top += self.paragraphs(TOP_PARAGRAPH_STYLES, frozenset(), top=True)
        if draw(st.booleans()):
            for text in draw(st.lists(st.sampled_from(CLOSINGS), min_size=1, max_size=2)):
                top.append(self.clause(CLOSING, text))
            for _ in range(draw(st.integers(0, 3))):
                lines = draw(st.lists(st.sampled_from(SIGNATORY_LINES), max_size=2))
                top.append(self.clause(SIGNATURE, "\n".join(lines),
                                       heading=draw(st.sampled_from(SIGNATURE_HEADINGS))))
        return Document(top)


@st.composite
def documents(draw) -> Document:
    return Trees(draw).document()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_random_trees_render_and_parse_back(doc):
    text = render_text(doc)
    back = parse_text(text)
    assert shape(back.clauses) == shape(doc.clauses), text
    assert render_text(back) == text


# --- texts cut and shuffled from the samples ----------------------------------------------------

BLOCKS = [b for p in SAMPLES for b in p.read_text(encoding="utf-8").split("\n\n") if b.strip()]


@st.composite
def shuffled_texts(draw) -> str:
    """Blocks of the samples in any order, some glued together, some cut short: whatever the
    parser makes of such a text, its canonical text must read back to the same tree."""
    picks = draw(st.lists(st.integers(0, len(BLOCKS) - 1), min_size=2, max_size=30))
    out: list[str] = []
    for i in picks:
        block = BLOCKS[i]
        how = draw(st.integers(0, 9))
        if how == 0 and out:
            out[-1] += "\n" + block
        elif how == 1:
            lines = block.split("\n")
            out.append("\n".join(lines[: max(1, len(lines) // 2)]))
        else:
            out.append(block)
    return "\n\n".join(out)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shuffled_texts())
def test_shuffled_sample_texts_reach_a_fixed_point(src):
    try:
        first = parse_text(src)
    except ParseError:
        return
    text = render_text(first)
    second = parse_text(text)
    assert shape(second.clauses) == shape(first.clauses), text
    assert render_text(second) == text
