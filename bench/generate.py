"""A negotiation-scale draft agreement, generated deterministically for benchmarks.

``generate_draft(seed, articles)`` returns the text (about 100 articles, 1,200 clauses and
60,000 words by default): title, two parties, about 15 recitals, an enacting formula,
articles with numbered paragraphs and lettered or roman items, a closing formula and two
signature blocks. ``build_draft`` returns the same text together with the structure it was
written to have, so tests can check that the parser reads exactly that.

The house style follows the seed (``seed % 3``):

0. the CICA style: ``1: Heading``, ``- 1.1 text``, `` - i. item``, with a few items broken
   by a conversion (the rest of the item on a bullet of its own starting in lower case);
1. ``ARTICLE 1 - Heading``, ``1. text``, ``(a) item``;
2. ``Article 1`` with the heading on the next line, ``1. text``, ``a) item``.

No downloads, no third-party packages: ``random.Random(seed)`` and the vocabulary below.

Run ``python -m bench.generate`` to time the parser on it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

VOCABULARY = """
agreement arrangement assistance authority basis capacity cooperation commitment competent
consultation consent contribution coordination dialogue effect establishment exchange expert
framework implementation information initiative institution interest jurisdiction law
legislation mandate measure mechanism modality negotiation notification obligation
organization participation partnership personnel principle procedure programme project
proposal protection provision purpose request resolution responsibility review right
scope secretariat security settlement signature sovereignty standard strategy support
territory training transparency treaty understanding undertaking application compliance
accordance amendment annex article paragraph consultations delegation depositary
instrument ratification acceptance approval accession entry force withdrawal termination
dispute interpretation confidentiality data expenses budget funding resources
mutual relevant respective appropriate necessary effective international regional national
bilateral multilateral joint further specific technical financial legal administrative
operational strategic sustainable comprehensive balanced voluntary consistent applicable
subsequent separate written prior timely annual regular permanent temporary
shall will may promote strengthen facilitate ensure develop implement encourage provide
consider establish exchange inform notify consult designate undertake maintain apply
review support coordinate assist contribute respect observe enhance examine
within under between among through pursuant subject without including regarding
the the the the of of of of and and and in in to to for on with by as
each other such any all their its this that these
""".split()

HEADINGS = """
Objective|Definitions|Scope of Application|Areas of Cooperation|Forms of Cooperation|
Competent Authorities|Exchange of Information|Confidentiality|Protection of Personal Data|
Expenses|Joint Working Group|Consultations|Technical Assistance|Training of Personnel|
Intellectual Property|Relationship with Other Agreements|Settlement of Disputes|
Amendments|Entry into Force|Duration and Termination|Languages|Depositary|Reservations|
Privileges and Immunities|Focal Points|Reporting|Monitoring and Evaluation|Publicity|
Use of Names and Emblems|Liability|Transitional Provisions|Final Provisions
""".replace("\n", "").split("|")

RECITALS = (
    "WHEREAS", "CONSIDERING that", "REAFFIRMING", "Recalling", "Recognizing", "Acknowledging",
    "Mindful of", "Noting", "Desiring", "Bearing in mind", "Convinced that", "Emphasizing",
    "Stressing", "Taking into account", "Determined", "Guided by", "Affirming", "Welcoming",
)

OPENERS = ("The Parties", "Each Party", "The competent authorities", "The Secretariat",
           "Nothing in this Agreement", "The Joint Working Group", "Any Party", "Such cooperation")
ITEM_OPENERS = ("promote", "facilitate", "ensure", "develop", "exchange", "strengthen",
                "the establishment of", "the implementation of", "cooperation in", "support for")

STYLES = ("cica", "article-dash", "article-title")


@dataclass
class Draft:
    text: str
    style: str
    sections: int
    paragraphs: int
    items: int
    recitals: int
    texts: int  # unnumbered section bodies
    joins: int  # items broken in two by a "conversion", to be joined back

    @property
    def clauses(self) -> int:
        # title, two parties, the connector "and", "hereinafter ...", formula, closing, 2 signatures
        return 9 + self.recitals + self.sections + self.paragraphs + self.items + self.texts


def _words(rng: random.Random, n: int) -> str:
    out = []
    for i in range(n):
        w = rng.choice(VOCABULARY)
        if i and i % 11 == 0 and i < n - 1:
            w += ","
        out.append(w)
    return " ".join(out)


def _sentence(rng: random.Random, opener: str, lo: int, hi: int, end: str) -> str:
    return f"{opener} {_words(rng, rng.randint(lo, hi))}{end}"


def build_draft(seed: int = 0, articles: int = 100) -> Draft:
    rng = random.Random(seed)
    style = STYLES[seed % len(STYLES)]
    blocks: list[str] = [
        "DRAFT\nAGREEMENT\nBETWEEN THE MEMBER STATES OF THE CONFERENCE ON INTERACTION\n"
        "AND CONFIDENCE BUILDING MEASURES IN ASIA\nON " + " ".join(
            rng.choice(VOCABULARY) for _ in range(4)).upper(),
        "THE GOVERNMENT OF THE REPUBLIC OF KAZAKHSTAN, " + _words(rng, 30) + ",",
        "and",
        "THE SECRETARIAT OF THE CONFERENCE ON INTERACTION AND CONFIDENCE BUILDING MEASURES IN ASIA, "
        + _words(rng, 30) + ",",
        "hereinafter collectively referred to as the \u201cParties\u201d and individually as a \u201cParty\u201d,",
    ]
    recitals = 15
    for _ in range(recitals):
        blocks.append(_sentence(rng, rng.choice(RECITALS), 25, 60, rng.choice(";,")))
    blocks.append("NOW, THEREFORE, the Parties have agreed as follows:")

    sections = paragraphs = items = texts = joins = 0
    for a in range(1, articles + 1):
        heading = rng.choice(HEADINGS)
        sections += 1
        if style == "cica":
            blocks.append(f"{a}: {heading}")
        elif style == "article-dash":
            blocks.append(f"ARTICLE {a} - {heading}")
        else:
            blocks.append(f"Article {a}\n{heading}")
        if rng.random() < 0.08:  # a one-paragraph article
            blocks.append(_sentence(rng, rng.choice(OPENERS), 40, 90, "."))
            texts += 1
            continue
        lines: list[str] = []
        for p in range(1, rng.randint(3, 7) + 1):
            paragraphs += 1
            has_items = rng.random() < 0.3
            text = _sentence(rng, rng.choice(OPENERS), 45, 105, ":" if has_items else ".")
            if style == "cica":
                lines.append(f"- {a}.{p} {text}")
            else:  # one block per paragraph, its items on the lines below
                if lines:
                    blocks.append("\n".join(lines))
                lines = [f"{p}. {text}"]
            if not has_items:
                continue
            n_items = rng.randint(2, 7)
            roman = rng.random() < 0.5
            for k in range(1, n_items + 1):
                items += 1
                end = "." if k == n_items else ";"
                text = _sentence(rng, rng.choice(ITEM_OPENERS), 18, 50, end)
                if style == "cica":
                    num = _roman(k) if roman else "abcdefg"[k - 1]
                    if rng.random() < 0.1:  # broken by a conversion: "... and" / "- rest"
                        head, tail = _break(text)
                        lines.append(f" - {num}. {head}")
                        blocks.append("\n".join(lines))
                        lines = [f"- {tail}"]
                        joins += 1
                    else:
                        lines.append(f" - {num}. {text}")
                elif style == "article-dash":
                    num = _roman(k) if roman else "abcdefg"[k - 1]
                    lines.append(f"({num}) {text}")
                else:
                    lines.append(f"{'abcdefg'[k - 1]}) {text}")
        if lines:
            blocks.append("\n".join(lines))

    blocks.append(
        "IN WITNESS WHEREOF, the undersigned, being duly authorized thereto, have signed this Agreement. "
        "DONE at Astana on 12 June 2024 in two originals in the English language."
        if style != "cica"
        else "SIGNED in Astana on 12 June 2024 in two originals in the English language."
    )
    blocks.append(
        "<p><i>For the Government of the Republic of Kazakhstan:</i></p> <p>Minister of Foreign Affairs</p>"
        "\t<p><i>For the Secretariat:</i></p> <p>Executive Director</p>\n"
        "<p>Signature</p>\t<p>Signature</p>"
    )
    text = "\n\n".join(b for b in blocks if b) + "\n"
    return Draft(text, style, sections, paragraphs, items, recitals, texts, joins)


def _roman(n: int) -> str:
    return ("i", "ii", "iii", "iv", "v", "vi", "vii")[n - 1]


def _break(text: str) -> tuple[str, str]:
    """Split an item after "and" or "of", where the rest starts in lower case."""
    words = text.split(" ")
    for i in range(len(words) // 2, len(words) - 2):
        if (words[i] in ("and", "of", "the", "to") and words[i + 1][:1].islower()
                and not words[i - 1].endswith(",")):
            return " ".join(words[: i + 1]), " ".join(words[i + 1 :])
    head = words[:-2]
    head[-1] = head[-1].rstrip(",")
    return " ".join([*head, "and"]), " ".join(words[-2:])


def generate_draft(seed: int = 0, articles: int = 100) -> str:
    """The text of a deterministic negotiation-scale draft (see module docstring)."""
    return build_draft(seed, articles).text


if __name__ == "__main__":  # pragma: no cover - a manual benchmark
    import statistics
    import time

    from app.core.clauses.parse import parse_text
    from app.core.clauses.render import render_text

    for seed in range(len(STYLES)):
        draft = build_draft(seed)
        times = []
        for _ in range(7):
            t0 = time.perf_counter()
            doc = parse_text(draft.text)
            times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        render_text(doc)
        render_ms = (time.perf_counter() - t0) * 1000
        print(
            f"seed {seed} ({draft.style}): {len(draft.text.split()):,} words, {len(doc):,} clauses, "
            f"parse median {statistics.median(times) * 1000:.1f} ms (min {min(times) * 1000:.1f}), "
            f"render {render_ms:.1f} ms"
        )
