"""Small hand-built clause trees and comparisons for the Word tests."""

from __future__ import annotations

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
    Clause,
    Document,
    renumber,
)
from app.core.compare.model import (
    DELETE,
    DELETED,
    EQUAL,
    INSERT,
    INSERTED,
    MODIFIED,
    MOVED,
    RENUMBERED,
    UNCHANGED,
    ClauseDiff,
    Comparison,
    WordOp,
)


def mou() -> Document:
    """A short memorandum with every kind of clause (and some Cyrillic)."""
    c = Clause
    doc = Document([
        c("c1", TITLE, text="MEMORANDUM OF UNDERSTANDING\nbetween\nTHE UNITED NATIONS OFFICE OF COUNTER-TERRORISM\nand\nTHE CICA SECRETARIAT"),
        c("c2", PARTY, text="THE UNITED NATIONS OFFICE OF COUNTER-TERRORISM (hereinafter referred to as “UNOCT”),"),
        c("c3", TEXT, text="and"),
        c("c4", PARTY, text="THE SECRETARIAT OF THE CONFERENCE ON INTERACTION AND CONFIDENCE BUILDING MEASURES IN ASIA,"),
        c("c5", RECITAL, text="WHEREAS the General Assembly adopted resolution 60/288 on the Global Counter-Terrorism Strategy;"),
        c("c6", RECITAL, text="CONSIDERING that cooperation should be enhanced (Совещание по взаимодействию);"),
        c("c7", FORMULA, text="NOW, THEREFORE, the Participants express their intention to cooperate as follows:"),
        c("c8", SECTION, heading="Purpose and Objectives of the MoU", num_style=DECIMAL, num_pattern="{}:", children=[
            c("c9", PARAGRAPH, text="The purpose of this MoU is to provide a non-legally binding framework.",
              num_style=OUTLINE, num_pattern="{}"),
            c("c10", PARAGRAPH, text="The Participants will pursue the following main objectives:",
              num_style=OUTLINE, num_pattern="{}", children=[
                  c("c11", ITEM, text="To strengthen cooperation within their respective mandates,",
                    num_style=LOWER_ROMAN, num_pattern="{}."),
                  c("c12", ITEM, text="To promote a comprehensive and balanced implementation,",
                    num_style=LOWER_ROMAN, num_pattern="{}."),
                  c("c13", ITEM, text="To complement each other's efforts.", num_style=LOWER_ROMAN,
                    num_pattern="{}."),
              ]),
        ]),
        c("c14", SECTION, heading="Areas of Cooperation", num_style=DECIMAL, num_pattern="{}:", children=[
            c("c15", PARAGRAPH, text="The Participants will cooperate in:", num_style=OUTLINE, num_pattern="{}",
              children=[
                  c("c16", ITEM, text="exchange of information;", num_style=LOWER_ALPHA, num_pattern="({})"),
                  c("c17", ITEM, text="capacity building.", num_style=LOWER_ALPHA, num_pattern="({})"),
              ]),
            c("c18", PARAGRAPH, text="Activities will be subject to the availability of funds.",
              num_style=OUTLINE, num_pattern="{}"),
            c("c19", ITEM, text="a bullet point under the section", num_style=BULLET, num_pattern="-"),
        ]),
        c("c20", SECTION, heading="Dispute resolution", num_style=DECIMAL, num_pattern="{}:", children=[
            c("c21", TEXT, text="Any dispute will be amicably settled between the Participants."),
        ]),
        c("c22", CLOSING, text="SIGNED in _____ on “__” _____ 2024 in two originals in the English language."),
        c("c23", SIGNATURE, heading="For the United Nations Office of Counter-Terrorism:",
          text="H.E. Mr. Vladimir Voronkov\nUnder-Secretary-General for Counter-Terrorism"),
        c("c24", SIGNATURE, heading="For the CICA Secretariat:",
          text="H.E. Mr. Kairat Sarybay\nSecretary General"),
    ])
    return renumber(doc)


def article_doc() -> Document:
    """Sections numbered "Article 1" (label, line break, heading)."""
    c = Clause
    return renumber(Document([
        c("a1", SECTION, heading="Objective", num_style=DECIMAL, num_pattern="Article {}", children=[
            c("a2", PARAGRAPH, text="The Parties shall cooperate.", num_style=DECIMAL, num_pattern="{}."),
        ]),
        c("a3", SECTION, heading="Entry into force", num_style=DECIMAL, num_pattern="Article {}",
          text="This Agreement enters into force on signature."),
    ]))


PROV_KAZ = {"proposal_id": 12, "author": "Kazakhstan", "state": "KAZ", "date": "2024-06-12T10:30:00+02:00",
            "rationale": "To align with resolution 77/298."}
PROV_IND = {"proposal_id": 15, "author": "India", "state": "IND", "date": "2024-06-13",
            "rationale": "Редакционная правка."}


def hand_comparison() -> tuple[Comparison, list[str], list[str], list[str]]:
    """A comparison exercising every status by hand: (comparison, old_order, old, new)
    where old and new are the expected paragraph texts (tabs and line breaks kept)."""
    cd = ClauseDiff
    clauses = [
        cd(UNCHANGED, TITLE, "c1", "c1", old_text="AGREEMENT\nbetween the Parties", new_text="AGREEMENT\nbetween the Parties"),
        cd(MODIFIED, SECTION, "c2", "c2", "1", "1", "Purpose", "Purpose and scope",
           heading_ops=[WordOp(EQUAL, "Purpose"), WordOp(INSERT, " and scope")]),
        # moved before c3 in the old text (moved down below c3 in the new one)
        cd(MODIFIED, PARAGRAPH, "c3", "c3", "1.2", "1.1", old_text="The quick brown fox jumps.",
           new_text="The slow brown dog jumps.", depth=1, renumbered=True, old_parent_key="c2",
           new_parent_key="c2",
           text_ops=[WordOp(EQUAL, "The "), WordOp(DELETE, "quick"), WordOp(INSERT, "slow"),
                     WordOp(EQUAL, " brown "), WordOp(DELETE, "fox"), WordOp(INSERT, "dog"),
                     WordOp(EQUAL, " jumps.")],
           provenance=[PROV_KAZ]),
        cd(MOVED, PARAGRAPH, "c4", "c4", "1.1", "1.2", old_text="Moved paragraph.", new_text="Moved paragraph.",
           depth=1, moved=True, old_parent_key="c2", new_parent_key="c2", provenance=[PROV_IND]),
        cd(INSERTED, PARAGRAPH, None, "c9", "", "1.3", new_text="A wholly new paragraph.", depth=1,
           new_parent_key="c2",
           provenance=[PROV_IND]),
        cd(DELETED, PARAGRAPH, "c5", None, "1.3", "", old_text="A paragraph that goes.", depth=1,
           old_parent_key="c2",
           provenance=[PROV_KAZ]),
        cd(UNCHANGED, PARAGRAPH, "c6", "c6", "1.4", "1.4", old_text="Same number.", new_text="Same number.",
           depth=1, old_parent_key="c2", new_parent_key="c2"),
        cd(MODIFIED, SECTION, "c7", "c7", "2", "2", "Finance", "Finance", old_text="", new_text="Costs are shared.",
           text_ops=[WordOp(INSERT, "Costs are shared.")]),
        # moved and reworded: new wording here, old wording back after c6
        cd(MODIFIED, PARAGRAPH, "c8", "c8", "1.5", "2.1", old_text="Funds are limited.",
           new_text="Funds are limited and audited.", depth=1, moved=True, old_parent_key="c2",
           new_parent_key="c7",
           text_ops=[WordOp(EQUAL, "Funds are limited"), WordOp(INSERT, " and audited"), WordOp(EQUAL, ".")]),
        cd(INSERTED, SECTION, None, "c12", "", "3", new_heading="Annex",
           new_text="The annex forms part of this Agreement."),
        cd(RENUMBERED, SECTION, "c10", "c10", "3", "4", "Final", "Final", renumbered=True),
        cd(INSERTED, SIGNATURE, None, "c11", "", "", new_heading="For the Third Party:",
           new_text="Mr C\nMinister"),
    ]
    comparison = Comparison(clauses, from_label="Version 1", to_label="Version 2")
    old_order = ["c1", "c2", "c4", "c3", "c5", "c6", "c8", "c7", "c10"]
    old = ["AGREEMENT\nbetween the Parties", "1\tPurpose", "1.1\tMoved paragraph.",
           "1.2\tThe quick brown fox jumps.", "1.3\tA paragraph that goes.", "1.4\tSame number.",
           "1.5\tFunds are limited.", "2\tFinance", "3\tFinal"]
    new = ["AGREEMENT\nbetween the Parties", "1\tPurpose and scope", "1.1\tThe slow brown dog jumps.",
           "1.2\tMoved paragraph.", "1.3\tA wholly new paragraph.", "1.4\tSame number.", "2\tFinance",
           "Costs are shared.", "2.1\tFunds are limited and audited.", "3\tAnnex",
           "The annex forms part of this Agreement.", "4\tFinal", "For the Third Party:",
           "Mr C\nMinister"]
    return comparison, old_order, old, new


def tricky_versions() -> tuple[Document, Document]:
    """Article labels renumbered, a heading given to a paragraph (its layout changes), line
    breaks edited, a section's text removed, the first and the last clauses deleted."""
    c = Clause
    old = renumber(Document([
        c("t0", TEXT, text="To be removed first."),
        c("a1", SECTION, heading="Objective", num_style=DECIMAL, num_pattern="Article {}", children=[
            c("a2", PARAGRAPH, text="The Parties shall cooperate.\nLine two.", num_style=DECIMAL, num_pattern="{}."),
            c("a4", PARAGRAPH, text="Plain paragraph.", num_style=DECIMAL, num_pattern="{}."),
        ]),
        c("a3", SECTION, heading="Entry into force", num_style=DECIMAL, num_pattern="Article {}",
          text="This Agreement enters into force on signature."),
        c("s9", SIGNATURE, heading="For the Last Party:", text="Someone"),
    ]))
    new = renumber(Document([
        c("a1", SECTION, heading="Objectives and scope", num_style=DECIMAL, num_pattern="Article {}", children=[
            c("a2", PARAGRAPH, text="The Parties shall closely cooperate.\nLine 2.", num_style=DECIMAL,
              num_pattern="{}."),
            c("a4", PARAGRAPH, heading="Headed now", text="Plain paragraph.", num_style=DECIMAL, num_pattern="{}."),
        ]),
        c("a5", SECTION, heading="Definitions", num_style=DECIMAL, num_pattern="Article {}"),
        c("a3", SECTION, heading="Entry into force", num_style=DECIMAL, num_pattern="Article {}"),
    ]))
    return old, new
