"""The approval path's pages at negotiation scale: the generated 1,200-clause draft on a meeting's
agenda with two thirds of its clauses agreed and one clause bracketed. The meeting page's agreement
table is timed beside the naive way of building it (a translated select per clause)."""

from __future__ import annotations

import re
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.timing import median_ms

NAIVE_ROW = """{% for r in rows %}<tr><th scope="row">{{ r.label }}</th>
<td><span class="badge">{{ _(labels['bracketed'] if r.brackets else labels[r.status]) }}</span></td>
<td>{{ r.c.text|truncate(160) }}</td>
<td><label class="sr" for="s-{{ r.c.key }}">{{ _('Record for %(clause)s')|format(clause=r.label) }}</label>
<select id="s-{{ r.c.key }}" name="s_{{ r.c.key }}"><option value="">{{ _('no change') }}</option>
<option value="agreed" {% if f.get('s_' ~ r.c.key) == 'agreed' %}selected{% endif %}>{{ _('agreed ad referendum') }}</option>
<option value="open" {% if f.get('s_' ~ r.c.key) == 'open' %}selected{% endif %}>{{ _('not yet agreed') }}</option>
</select></td></tr>{% endfor %}"""
REAL_ROW = """{% for r in rows %}<tr><td><input type="checkbox" name="clauses" value="{{ r.c.key }}" \
aria-label="{{ r.label }}"{% if r.c.key in chosen %} checked{% endif %}></td><th scope="row">{{ r.label }}</th>\
<td><span class="badge">{{ r.status_label }}</span></td><td>{{ r.short }}</td></tr>{% endfor %}"""


def run() -> list[tuple[str, float, str]]:
    from fastapi.testclient import TestClient
    from jinja2 import Environment

    from app.accounts.service import create_user, ensure_member_states, open_session
    from app.db import make_engine, transaction
    from app.drafts.service import create_draft, load_document
    from app.main import create_app
    from app.meetings import service
    from app.meetings.demo import load as load_bodies
    from app.migrate import upgrade
    from app.models import ClauseAgreement, Draft, utcnow
    from app.web.i18n import translations
    from app.web.meetings import AGREEMENT_LABELS, _agreement_rows
    from bench.generate import generate_draft

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        engine = make_engine(url)
        now = datetime.now(UTC)
        with transaction(engine) as s:
            ensure_member_states(s)
            officer = create_user(s, "officer@bench.org", "benchmark-pass", "secretariat")
            load_bodies(s, officer)
            big, v1 = create_draft(s, officer, text=generate_draft(seed=0), source_name="bench")
            m = service.create_meeting(s, officer, {"body": "cica-swg", "title": "Reading", "place": "astana",
                                                   "starts_at": now + timedelta(days=3),
                                                   "agenda": [{"draft_id": big.id, "with_compilation": True}]})
            doc = load_document(s, v1)
            counted = [c for c in doc.walk() if service.counted(c)]
            for j, c in enumerate(counted):
                if j % 3:
                    s.add(ClauseAgreement(draft_id=big.id, clause_key=c.key, version_number=1,
                                          content_hash=c.content_hash(), status="agreed", created_at=utcnow()))
            word = counted[0].text.split()[2]
            service.add_bracket(s, officer, m.id, {"draft_id": big.id, "clause_key": counted[0].key, "text": word,
                                                   "alternatives": [{"text": word, "states": ["KAZ"]},
                                                                    {"text": "other", "states": ["IND"]}]})
            token = open_session(s, officer, "cookie")[0]
            meeting_id, draft_id = m.id, big.id
        client = TestClient(create_app(engine))
        client.cookies.set("concord_session", token)
        for path, name in ((f"/meetings/{meeting_id}", "meeting page: agenda, attendance, agreement table"),
                           (f"/drafts/{draft_id}", "draft page with agreement marks and progress"),
                           (f"/drafts/{draft_id}/approval", "approval page: steps, silence, signatures"),
                           ("/", "home with meetings ahead")):
            page = client.get(path)
            assert page.status_code == 200, (path, page.text[:500])
            rows.append((f"GET {path.replace(str(meeting_id), '{id}').replace(str(draft_id), '{id}')} — {name} "
                         f"(1,200-clause draft)", median_ms(lambda p=path: client.get(p), runs=5),
                         "target ≤ 300 ms"))
        progress = re.search(r"\d+ of \d+ paragraphs agreed", client.get(f"/drafts/{draft_id}").text)
        rows[1] = (rows[1][0] + f": {progress[0] if progress else '?'}", rows[1][1], rows[1][2])
        # the agreement table alone: a translated select per clause (naive) and ticks with labels
        # translated once (the page)
        tr = translations("ru")
        env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
        env.install_gettext_translations(tr, newstyle=False)
        with transaction(engine) as s:
            g = _agreement_rows(s, None, s.get(Draft, draft_id), 1, tr.gettext)
        naive, real = env.from_string(NAIVE_ROW), env.from_string(REAL_ROW)
        labels = dict(AGREEMENT_LABELS)
        rows.append((f"agreement table, naive: a translated select per clause ({len(g['rows'])} rows, ru)",
                     median_ms(lambda: naive.render(rows=g["rows"], labels=labels, f={})), "baseline"))
        rows.append(("agreement table as the page builds it: one tick per clause, labels translated once",
                     median_ms(lambda: real.render(rows=g["rows"], chosen=[])), "target ≤ 60 ms"))
        engine.dispose()
    return rows
