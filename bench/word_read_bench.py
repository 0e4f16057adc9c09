"""Word reading speed: a 1,200-paragraph .docx with 100 tracked changes.

The document is built here, deterministically: 1,200 body paragraphs of about 50 words
(60,000 words), each with a "cl_<key>" bookmark, a third of them in a three-level automatic
numbering, 100 of them carrying a tracked change (50 replacements, 25 insertions and 25
deletions, by four authors), and 10 comments.

``run()`` returns rows (name, median milliseconds, note). ``python bench/word_read_bench.py``
prints them.
"""

from __future__ import annotations

import io
import random
import zipfile
from xml.sax.saxutils import escape

import docx

from app.core.word.reader import docx_to_blocks, read_paragraphs
from app.core.word.safety import check_docx
from app.core.word.tracked import read_revisions
from bench.timing import median_ms

PARAGRAPHS = 1200
CHANGES = 100
REPEAT = 7

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORDS = (
    "the Participants shall cooperate in accordance with their respective mandates rules regulations "
    "policies and procedures to prevent and counter terrorism including through exchange of information "
    "capacity building joint activities technical assistance and research within available resources"
).split()
AUTHORS = ("Kazakhstan", "India", "Russian Federation", "China")


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def build_document(paragraphs: int = PARAGRAPHS, changes: int = CHANGES) -> bytes:
    rng = random.Random(20240514)
    changed = set(rng.sample(range(paragraphs), changes))
    commented = set(rng.sample(range(paragraphs), 10))
    rid = 1000
    body = []
    comments = []
    kinds = (
        ["replace"] * (changes // 2)
        + ["insert"] * (changes // 4)
        + ["delete"] * (changes - changes // 2 - changes // 4)
    )
    rng.shuffle(kinds)
    kind_of = dict(zip(sorted(changed), kinds, strict=True))
    for i in range(paragraphs):
        ppr = ""
        if i % 3 == 0:
            ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{(i // 3) % 3}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        head, tail = _sentence(rng, 20), _sentence(rng, 29)
        content = f'<w:bookmarkStart w:id="{i}" w:name="cl_c{i}"/>' + _run(head + " ")
        if i in kind_of:
            rid += 2
            author = AUTHORS[i % len(AUTHORS)]
            attrs = f'w:author="{author}" w:date="2024-05-{1 + i % 28:02d}T10:00:00Z"'
            word, new = rng.choice(WORDS), rng.choice(WORDS)
            if kind_of[i] in ("replace", "delete"):
                content += f'<w:del w:id="{rid}" {attrs}><w:r><w:delText>{word} </w:delText></w:r></w:del>'
            if kind_of[i] in ("replace", "insert"):
                content += f'<w:ins w:id="{rid + 1}" {attrs}>{_run(new + " ")}</w:ins>'
        if i in commented:
            cid = len(comments)
            content += f'<w:commentRangeStart w:id="{cid}"/>{_run(tail)}<w:commentRangeEnd w:id="{cid}"/>'
            content += f'<w:r><w:commentReference w:id="{cid}"/></w:r>'
            comments.append(
                f'<w:comment w:id="{cid}" w:author="India" w:date="2024-05-20T10:00:00Z">'
                f"<w:p>{_run('Please clarify.')}</w:p></w:comment>"
            )
        else:
            content += _run(tail)
        content += f'<w:bookmarkEnd w:id="{i}"/>'
        body.append(f"<w:p>{ppr}{content}</w:p>")
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}" xmlns:r="{REL}"><w:body>{"".join(body)}<w:sectPr/></w:body></w:document>'
    )
    levels = "".join(
        f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for n, fmt, text in ((0, "decimal", "%1."), (1, "decimal", "%1.%2"), (2, "lowerLetter", "(%3)"))
    )
    numbering = (
        f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    comments_xml = f'<w:comments xmlns:w="{W}">{"".join(comments)}</w:comments>'
    ct = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/numbering.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
        '<Override PartName="/word/comments.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
        "</Types>"
    )
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    doc_rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/numbering" Target="numbering.xml"/>'
        f'<Relationship Id="rId2" Type="{REL}/comments" Target="comments.xml"/></Relationships>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in (
            ("[Content_Types].xml", ct),
            ("_rels/.rels", rels),
            ("word/_rels/document.xml.rels", doc_rels),
            ("word/document.xml", document),
            ("word/numbering.xml", numbering),
            ("word/comments.xml", comments_xml),
        ):
            zf.writestr(zipfile.ZipInfo(name, (2024, 5, 14, 0, 0, 0)), xml, zipfile.ZIP_DEFLATED)
    return buf.getvalue()




def _python_docx_text(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def run() -> list[tuple[str, float, str]]:
    data = build_document()
    revs = read_revisions(data)
    n_changed = sum(1 for r in revs if r.change != "unchanged")
    lost = sum(
        1 for r, t in zip(revs, _python_docx_text(data), strict=True) if t not in (r.old_text, r.new_text)
    )
    size = f"{len(revs)} paragraphs, {n_changed} with tracked changes, {len(data) // 1024} KB"
    return [
        ("word.check_docx", median_ms(runs=REPEAT, fn=lambda: check_docx(data)), "zip directory and content types only"),
        (
            "word.read_revisions",
            median_ms(runs=REPEAT, fn=lambda: read_revisions(data)),
            size + "; segments, comments, keys",
        ),
        (
            "word.read_paragraphs",
            median_ms(runs=REPEAT, fn=lambda: read_paragraphs(data)),
            "accepted/rejected text, numbering labels",
        ),
        ("word.docx_to_blocks", median_ms(runs=REPEAT, fn=lambda: docx_to_blocks(data)), "importer input"),
        (
            "word.python_docx_paragraph_text",
            median_ms(runs=REPEAT, fn=lambda: _python_docx_text(data)),
            f"naive python-docx paragraph.text: {lost} paragraphs read as neither version",
        ),
    ]


if __name__ == "__main__":
    for name, ms, note in run():
        print(f"{name:36s} {ms:8.1f} ms  {note}")
