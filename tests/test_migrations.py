"""Alembic is the only source of the schema: upgrade -> downgrade -> upgrade on both databases."""

from __future__ import annotations

import sqlalchemy as sa

from app.migrate import downgrade, upgrade
from app.models import Base


def test_upgrade_downgrade_upgrade(db_url):
    engine = sa.create_engine(db_url)
    upgrade(db_url)  # already at head: a no-op
    downgrade(db_url, "base")
    assert set(sa.inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(db_url)
    tables = set(sa.inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    engine.dispose()


def test_models_match_the_migrations(db_url):
    """Autogenerate finds nothing to do: the ORM models and the migrations agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def test_0004_keeps_the_numbers_existing_versions_showed(db_url):
    """Drafts stored before labels were data keep exactly the numbers they showed: the
    migration writes them as labels and recomputes the version hashes, which cover labels."""
    from pathlib import Path

    from sqlalchemy.orm import Session

    from app.core.clauses.parse import parse_text
    from app.core.clauses.tree import KeyAllocator, renumber
    from app.drafts import repository as repo
    from app.drafts.service import load_document, store_version
    from app.models import Draft, Version

    engine = sa.create_engine(db_url)
    text = (Path(__file__).parent.parent / "drafts" / "cica-unoct-mou-2024.md").read_text(encoding="utf-8")
    keys = KeyAllocator()
    doc = renumber(parse_text(text, keys))  # the labels position gives: what 0003 showed
    with Session(engine) as s:
        d = Draft(title="MoU", next_key_seq=keys.next_seq)
        s.add(d)
        s.flush()
        v = store_version(s, d, doc, label="v1", user=None, number=1)
        s.commit()
        vid, want_hash = v.id, v.hash
        shown = [(c.key, c.number) for c in doc.walk()]
    downgrade(db_url, "0003")
    with engine.connect() as c:
        assert "label" not in {col["name"] for col in sa.inspect(c).get_columns("clauses")}
    upgrade(db_url)
    with Session(engine) as s:
        v = s.get(Version, vid)
        back = load_document(s, v)
        assert [(c.key, c.number) for c in back.walk()] == shown
        assert v.hash == want_hash == back.version_hash()
        assert repo.clause_rows(s, vid)[21][5] == "1:"  # "1: Purpose ...": the label as it was shown
        s.rollback()
    with engine.begin() as c:  # still insert-only afterwards
        try:
            c.execute(sa.text("UPDATE clauses SET label = 'x'"))
        except sa.exc.DatabaseError:
            pass
        else:
            raise AssertionError("clauses must stay insert-only")
    engine.dispose()


def test_0009_gives_stored_english_sentences_their_codes(db_url):
    """Rows written before 0009 kept Concord's sentences in English only ("Initial text", a
    re-anchoring note); the migration gives them their code and params, so that a Russian or
    Kazakh page shows them translated; a label a person typed keeps no code."""
    from sqlalchemy.orm import Session

    from app.core.clauses.messages import shown
    from app.core.clauses.parse import parse_text
    from app.core.clauses.tree import KeyAllocator
    from app.drafts.service import store_version
    from app.models import Draft, MemberState, Proposal, Version

    engine = sa.create_engine(db_url)
    keys = KeyAllocator()
    doc = parse_text("WHEREAS the Parties wish to cooperate;\n\nHave agreed as follows:\n\nArticle 1\nPurpose\n\n"
                     "1. The Parties shall cooperate.\n\n2. The Parties shall meet once a year.\n", keys)
    with Session(engine) as s:
        if s.get(MemberState, "KAZ") is None:
            s.add(MemberState(iso3="KAZ", iso2="KZ", name_en="Kazakhstan", name_ru="Казахстан", name_kk="Қазақстан"))
        d = Draft(title="MoU", next_key_seq=keys.next_seq)
        s.add(d)
        s.flush()
        v1 = store_version(s, d, doc, label="", label_code="version_initial", user=None, number=1)
        v2 = store_version(s, d, doc.copy(), label="", label_code="version_returned",
                           label_params={"m": 3, "text": "align 1.1 with the Charter"}, user=None, number=2)
        v3 = store_version(s, d, doc.copy(), label="Второе чтение", user=None, number=3)
        p = Proposal(draft_id=d.id, state_iso3="KAZ", kind="replace", clause_key=list(doc.walk())[-1].key,
                     base_version=1, current_version=3,
                     anchor_status="needs_attention",
                     anchor_note="Clause 1.1 changed in version 3 and the amendment no longer applies cleanly; "
                                 "compare the old and new text and update it.",
                     anchor_note_code="anchor_conflict", anchor_note_params={"clause": "1.1", "n": 3})
        s.add(p)
        s.commit()
        ids = (v1.id, v2.id, v3.id, p.id)
    downgrade(db_url, "0008")  # the rows as they were: English text only
    upgrade(db_url)
    with Session(engine) as s:
        v1, v2, v3 = (s.get(Version, i) for i in ids[:3])
        p = s.get(Proposal, ids[3])
        assert (v1.label_code, v2.label_code, v3.label_code) == ("version_initial", "version_returned", "")
        assert v2.label_params == {"m": 3, "text": "align 1.1 with the Charter"}
        assert shown(v1.label_code, v1.label_params, v1.label, "ru") == "Первоначальный текст"
        assert shown(v2.label_code, v2.label_params, v2.label, "kk") == ("Пысықтауға қайтарылды (3 отырыс): align 1.1 "
                                                                           "with the Charter")
        assert shown(v3.label_code, v3.label_params, v3.label, "kk") == "Второе чтение"  # as typed
        assert (p.anchor_note_code, p.anchor_note_params) == ("anchor_conflict", {"clause": "1.1", "n": 3})
        ru = shown(p.anchor_note_code, p.anchor_note_params, p.anchor_note, "ru")
        assert "1.1" in ru and "3" in ru and "Clause" not in ru
        s.rollback()
    engine.dispose()
