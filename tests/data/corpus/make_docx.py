"""Build the corpus .docx files from real texts (see SOURCES.md).

- With Word's automatic numbering (numPr): built with the project's compact OOXML builder
  (tests/data/docx/make_samples.py), so the numbering definitions are exactly what Word
  writes: ``udhr-1948-ru-art13-21-autonum.docx`` ("Статья %1" starting at 13, "%2." below)
  and ``vienna-diplomatic-relations-art1-5-autonum.docx`` (article headings typed, paragraphs
  "%1." and items "(%2)" automatic, one w:num per article restarting at 1) and
  ``irena-statute-2009-art1-4-autonum.docx`` (four automatic levels: "Article %1" upper roman
  with the title in the same paragraph, "%2." upper letter, "%3.", "%4)").
- With typed numbers: built with python-docx: ``udhr-1948-ru-art26-30-typed.docx``,
  ``cameroon-volunteers-agreement-1963-typed.docx``
  (labels "(a)." typed in the text) and ``alma-ata-declaration-1991-typed.docx`` (the
  signature blocks side by side in a 3-column table).

The texts come from docx_src/*.md (the Markdown sources as published) or are the source
text itself below. Run: .venv/bin/python tests/data/corpus/make_docx.py
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from tests.data.docx.make_samples import build_docx, level, numbering, p, r, styles  # noqa: E402

SRC = HERE / "docx_src"
FIXED = dt.datetime(2026, 1, 1, 0, 0, 0)


def deterministic(path: Path) -> None:
    """Rewrite a .docx with fixed zip timestamps, so regenerating gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(fixed, src.read(info.filename))
    path.write_bytes(buf.getvalue())


def clean(s: str) -> str:
    """Markdown source line -> Word paragraph text (emphasis and heading marks removed)."""
    s = re.sub(r"^#+\s*", "", s.strip())
    s = s.replace("*", "")
    return " ".join(s.split())


# --- automatic numbering ---------------------------------------------------------------------


def autonum(paras: list[tuple[int | None, ...]], lvls: list[str], path: Path, lists: int = 1) -> None:
    """paras: (ilvl or None, text[, numId]). One abstract list; ``lists`` w:num instances of it,
    each restarting at the level's start (startOverride), as Word writes "Restart at 1"."""
    body = ""
    for item in paras:
        ilvl, text = item[0], item[1]
        nid = item[2] if len(item) > 2 else 1
        body += p(r(text), num=nid, ilvl=ilvl) if ilvl is not None else p(r(text))
    restart = "".join(
        f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="1"/></w:lvlOverride>' for i in range(len(lvls))
    )
    nums = {n: (1, restart) if lists > 1 else 1 for n in range(1, lists + 1)}
    parts = {"styles": styles(), "numbering": numbering({1: lvls}, nums)}
    path.write_bytes(build_docx(body, parts=parts))
    deterministic(path)


UDHR_RU_13_21 = [
    (
        "Статья 13",
        [
            "Каждый человек имеет право свободно передвигаться и выбирать себе местожительство в пределах каждого государства.",
            "Каждый человек имеет право покидать любую страну, включая свою собственную, и возвращаться в свою страну.",
        ],
    ),
    (
        "Статья 14",
        [
            "Каждый человек имеет право искать убежища от преследования в других странах и пользоваться этим убежищем.",
            "Это право не может быть использовано в случае преследования, в действительности основанного на совершении неполитического преступления, или деяния, противоречащего целям и принципам Организации Объединенных Наций.",
        ],
    ),
    (
        "Статья 15",
        [
            "Каждый человек имеет право на гражданство.",
            "Никто не может быть произвольно лишен своего гражданства или права изменить свое гражданство.",
        ],
    ),
    (
        "Статья 16",
        [
            "Мужчины и женщины, достигшие совершеннолетия, имеют право без всяких ограничений по признаку расы, национальности или религии вступать в брак и основывать свою семью. Они пользуются одинаковыми правами в отношении вступления в брак, во время состояния в браке и во время его расторжения.",
            "Брак может быть заключен только при свободном и полном согласии обеих вступающих в брак сторон.",
            "Семья является естественной и основной ячейкой общества и имеет право на защиту со стороны общества и государства.",
        ],
    ),
    (
        "Статья 17",
        [
            "Каждый человек имеет право владеть имуществом как единолично, так и совместно с другими.",
            "Никто не должен быть произвольно лишен своего имущества.",
        ],
    ),
    (
        "Статья 18",
        "Каждый человек имеет право на свободу мысли, совести и религии; это право включает свободу менять свою религию или убеждения и свободу исповедовать свою религию или убеждения как единолично, так и сообща с другими, публичным или частным порядком в учении, богослужении и выполнении религиозных и ритуальных обрядов.",
    ),
    (
        "Статья 19",
        "Каждый человек имеет право на свободу убеждений и на свободное выражение их; это право включает свободу беспрепятственно придерживаться своих убеждений и свободу искать, получать и распространять информацию и идеи любыми средствами и независимо от государственных границ.",
    ),
    (
        "Статья 20",
        [
            "Каждый человек имеет право на свободу мирных собраний и ассоциаций.",
            "Никто не может быть принуждаем вступать в какую-либо ассоциацию.",
        ],
    ),
    (
        "Статья 21",
        [
            "Каждый человек имеет право принимать участие в управлении своей страной непосредственно или через посредство свободно избранных представителей.",
            "Каждый человек имеет право равного доступа к государственной службе в своей стране.",
            "Воля народа должна быть основой власти правительства; эта воля должна находить себе выражение в периодических и нефальсифицированных выборах, которые должны проводиться при всеобщем и равном избирательном праве путем тайного голосования или же посредством других равнозначных форм, обеспечивающих свободу голосования.",
        ],
    ),
]


def udhr_ru() -> None:
    paras: list[tuple[int | None, str]] = [(None, "Всеобщая декларация прав человека (статьи 13–21)")]
    for _head, body in UDHR_RU_13_21:
        paras.append((0, ""))  # the article heading is the number alone: "Статья 13"
        if isinstance(body, str):
            paras.append((None, body))
        else:
            paras.extend((1, x) for x in body)
    # A heading paragraph with no text would be dropped by Word's reader; give it none of the
    # source words but keep it visible: Word shows "Статья 13" from the numbering alone.
    lvls = [level(0, "decimal", "Статья %1", start=13), level(1, "decimal", "%2.")]
    autonum(paras, lvls, HERE / "udhr-1948-ru-art13-21-autonum.docx")


def vcdr() -> None:
    lines = [ln for ln in (SRC / "vcdr.md").read_text(encoding="utf-8").splitlines() if ln.strip()]
    paras: list[tuple] = []
    article = 0
    for ln in lines:
        s = ln.strip()
        m_art = re.match(r"^###\s*Article\s+\d+\s*$", s)
        m_par = re.match(r"^\d+\.\s+(.*)$", s)
        m_item = re.match(r"^\([a-z]\)\s+(.*)$", s)
        if m_art:
            article += 1
            paras.append((None, clean(s)))  # the article heading typed: "Article 3"
        elif m_par:
            paras.append((0, clean(m_par.group(1)), article))
        elif m_item:
            paras.append((1, clean(m_item.group(1)), article))
        else:
            paras.append((None, clean(s)))
    lvls = [level(0, "decimal", "%1."), level(1, "lowerLetter", "(%2)")]
    autonum(paras, lvls, HERE / "vienna-diplomatic-relations-art1-5-autonum.docx", lists=article)


def irena() -> None:
    """IRENA Statute, Articles I-IV: every level automatic, as a secretariat's Word template has
    it: "Article %1" (upper roman) with the article's title in the same paragraph, "%2."
    (upper letter), "%3." (decimal), "%4)" (lower letter)."""
    text = (HERE / "irena-statute-2009-excerpt.md").read_text(encoding="utf-8")
    text = text[: text.index("### Article  XVIII")]
    paras: list[tuple] = []
    pending_article = False
    for ln in text.splitlines():
        s = ln.strip()
        if not s:
            continue
        if re.match(r"^###\s*Article\s+[IVX]+\s*$", s):
            pending_article = True
            continue
        if pending_article and s.startswith("####"):
            paras.append((0, clean(s)))  # "Article I" + "Establishment of the Agency"
            pending_article = False
            continue
        if s.startswith("####"):
            paras.append((None, clean(s)))  # the title of the Statute
        elif m := re.match(r"^([A-Z])\.\s+(.*)$", s):
            paras.append((1, clean(m.group(2))))
        elif m := re.match(r"^(\d+)\.\s+(.*)$", s):
            paras.append((2, clean(m.group(2))))
        elif m := re.match(r"^([a-z])\)\s+(.*)$", s):
            paras.append((3, clean(m.group(2))))
        else:
            paras.append((None, clean(s)))
    lvls = [
        level(0, "upperRoman", "Article %1"),
        level(1, "upperLetter", "%2."),
        level(2, "decimal", "%3."),
        level(3, "lowerLetter", "%4)"),
    ]
    autonum(paras, lvls, HERE / "irena-statute-2009-art1-4-autonum.docx")


# --- typed numbers (python-docx) -------------------------------------------------------------


def _save(doc, name: str) -> None:
    props = doc.core_properties
    props.author = props.last_modified_by = "Concord corpus"
    props.created = props.modified = FIXED
    props.revision = 1
    doc.save(str(HERE / name))
    deterministic(HERE / name)


def cameroon() -> None:
    from docx import Document

    doc = Document()
    for ln in (SRC / "cameroon.md").read_text(encoding="utf-8").splitlines():
        s = ln.strip()
        if not s:
            continue
        if s.startswith("####"):
            doc.add_heading(clean(s), level=1)
        elif s.startswith("###"):
            doc.add_heading(clean(s), level=2)
        else:
            doc.add_paragraph(clean(s))
    _save(doc, "cameroon-volunteers-agreement-1963-typed.docx")


ALMA_ATA = HERE / "alma-ata-declaration-1991-ocr.txt"


def alma_ata() -> None:
    """The Alma Ata Declaration (first instrument of the OCR text), paragraphs re-flowed as
    Word paragraphs, the signature blocks in a 3-column table as in the printed original."""
    from docx import Document

    text = ALMA_ATA.read_text(encoding="utf-8")
    decl = text[: text.index("For the Republic of")]
    doc = Document()
    for block in re.split(r"\n\s*\n", decl):
        s = " ".join(block.split())
        if s:
            doc.add_paragraph(s)
    sig = [
        [
            "For the Republic of Azerbaijan\nA. Mutalibov",
            "For the Republic of Armenia\nL. Ter-Petrosyan",
            "For the Republic of Belarus\nS. Shushkevich",
        ],
        [
            "For the Republic of Kazakhstan\nN. Nazarbaev",
            "For the Republic of Kyrgyzstan\nA. Akaev",
            "For the Republic of Moldova\nM. Snegur",
        ],
        [
            "For the Russian Federation (RSFSR)\nB. Yeltsin",
            "For the Republic of Tajikistan\nR. Nabiev",
            "For Turkmenistan\nS. Niyazov",
        ],
        ["For the Republic of Uzbekistan\nI. Karimov", "For Ukraine\nL. Kravchuk", ""],
    ]
    tbl = doc.add_table(rows=len(sig), cols=3)
    for i, row in enumerate(sig):
        for j, cell in enumerate(row):
            lines = cell.split("\n")
            c = tbl.cell(i, j)
            c.paragraphs[0].text = lines[0]
            for extra in lines[1:]:
                c.add_paragraph(extra)
    doc.add_paragraph("Alma Ata, 21 December 1991")
    _save(doc, "alma-ata-declaration-1991-typed.docx")


UDHR_RU_26_30 = """Статья 26
1. Каждый человек имеет право на образование. Образование должно быть бесплатным по меньшей мере в том, что касается начального и общего образования. Начальное образование должно быть обязательным. Техническое и профессиональное образование должно быть общедоступным, и высшее образование должно быть одинаково доступным для всех на основе способностей каждого.
2. Образование должно быть направлено к полному развитию человеческой личности и к увеличению уважения к правам человека и основным свободам. Образование должно содействовать взаимопониманию, терпимости и дружбе между всеми народами, расовыми и религиозными группами, и должно содействовать деятельности Организации Объединенных Наций по поддержанию мира.
3. Родители имеют право приоритета в выборе вида образования для своих малолетних детей.
Статья 27
1. Каждый человек имеет право свободно участвовать в культурной жизни общества, наслаждаться искусством, участвовать в научном прогрессе и пользоваться его благами.
2. Каждый человек имеет право на защиту его моральных и материальных интересов, являющихся результатом научных, литературных или художественных трудов, автором которых он является.
Статья 28
Каждый человек имеет право на социальный и международный порядок, при котором права и свободы, изложенные в настоящей Декларации, могут быть полностью осуществлены.
Статья 29
1. Каждый человек имеет обязанности перед обществом, в котором только и возможно свободное и полное развитие его личности.
2. При осуществлении своих прав и свобод каждый человек должен подвергаться только таким ограничениям, какие установлены законом исключительно с целью обеспечения должного признания и уважения прав и свобод других и удовлетворения справедливых требований морали, общественного порядка и общего благосостояния в демократическом обществе.
3. Осуществление этих прав и свобод ни в коем случае не должно противоречить целям и принципам Организации Объединенных Наций.
Статья 30
Ничто в настоящей Декларации не может быть истолковано, как предоставление какому-либо государству, группе лиц или отдельным лицам права заниматься какой-либо деятельностью или совершать действия, направленные к уничтожению прав и свобод, изложенных в настоящей Декларации."""


def udhr_ru_typed() -> None:
    """Статья 26-30 with typed labels: "Статья 26" as a Heading 2 paragraph, "1. ..." typed."""
    from docx import Document

    doc = Document()
    doc.add_heading("Всеобщая декларация прав человека", level=1)
    for ln in UDHR_RU_26_30.splitlines():
        if ln.startswith("Статья"):
            doc.add_heading(ln, level=2)
        else:
            doc.add_paragraph(ln)
    _save(doc, "udhr-1948-ru-art26-30-typed.docx")


def main() -> None:
    udhr_ru()
    udhr_ru_typed()
    vcdr()
    irena()
    cameroon()
    alma_ata()


if __name__ == "__main__":
    main()
