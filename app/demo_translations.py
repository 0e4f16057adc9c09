"""Demo translations: Russian and Kazakh text of several sections of the sample MoU, from
drafts/translations/*.json (marked there as demo translations, not official texts), so that a
reader in RU or KK sees the multilingual pages at work, one stale translation included.
Clauses are found by their English text; idempotent."""

from __future__ import annotations

import json

from sqlalchemy import select

from .audit.service import record
from .config import get_settings
from .drafts import repository as drafts_repo
from .drafts import service as drafts
from .drafts.service import text_hash
from .models import Draft, Translation, utcnow


def load(session, officer) -> int:
    folder = get_settings().drafts_dir / "translations"
    added = 0
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        data = json.loads(path.read_text(encoding="utf-8"))
        draft = session.scalar(select(Draft).where(Draft.source_name == data["draft"]))
        if draft is None:
            continue
        version = drafts_repo.latest_version(session, draft.id)
        doc = drafts.load_document(session, version)
        by_text = {(c.heading, c.text): c for c in doc.walk()}
        for entry in data["clauses"]:
            c = by_text.get((entry.get("heading", ""), entry.get("text", "")))
            if c is None:
                continue
            for lang in ("ru", "kk"):
                if lang not in draft.working_langs or lang not in entry:
                    continue
                if drafts_repo.translations(session, draft.id, lang, [c.key]):
                    continue  # already translated (by a person, or an earlier demo load)
                made_from = entry.get("made_from")
                source = text_hash(c.heading, made_from) if made_from else text_hash(c.heading, c.text)
                session.add(Translation(draft_id=draft.id, clause_key=c.key, lang=lang,
                                        heading=entry[lang].get("heading", ""), text=entry[lang].get("text", ""),
                                        source_hash=source, created_by_id=officer.id, created_at=utcnow()))
                added += 1
        session.flush()
        if added:
            record(session, officer, "translation.demo", "draft", draft.id, {"file": path.name, "added": added})
    return added
