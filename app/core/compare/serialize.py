"""A comparison as JSON-ready plain data (the body of ``GET .../compare?format=json``).

Shape (``schema`` names the version of this shape; fields are only ever added)::

    {
      "schema": "concord.comparison/1",
      "from": "Version 1", "to": "Version 2",   # labels given to compare()
      "lang": "en",                               # language of the texts compared
      "matched_by": "key" | "similarity",
      "source_lang": "en" | "",                   # the authentic language, for a translation
      "renumbering": [{"key": "c12", "old": "2 bis", "new": "3"}, ...],  # old -> new numbers
      "counts": {"unchanged": n, "modified": n, "inserted": n, "deleted": n,
                 "moved": n, "renumbered": n, "total": n},   # every status, zeros included
      "clauses": [                                # reading order (see compare.py)
        {
          "status": "unchanged" | "modified" | "inserted" | "deleted" | "moved" | "renumbered"
                | "source_changed",   # authentic text changed, this language's text not updated
          "kind": "paragraph",                    # the new kind (the old one if deleted)
          "key": "c12",                           # new_key, else old_key
          "old_key": "c12" | null, "new_key": "c12" | null,
          "old_number": "2.1", "new_number": "2.2",           # "" when none
          "old_parent_key": "c10" | null, "new_parent_key": "c10" | null,
          "depth": 1,
          "old_heading": "", "new_heading": "",
          "old_text": "...", "new_text": "...",   # "" on the side that does not exist
          "heading_ops": [["equal", "..."], ...],
          "text_ops": [["equal", "The "], ["delete", "Party"], ["insert", "Parties"], ...],
          "moved": false, "renumbered": true,
          "similarity": 0.87 | null,              # set when matched by content
          "split_from": "c7" | null,              # inserted: split off this old clause
          "merged_into": "c9" | null,             # deleted: merged into this new clause
          "provenance": [{"proposal_id": 12, "state": "KAZ", ...}],
          # a comparison of translations (lang is not the authentic language):
          "source_changed": true,                 # the authentic wording changed
          "source_heading_ops": [...], "source_text_ops": [...],  # its word ops
          "translation": "current" | "stale" | "missing" | ""      # the new side's translation
        }
      ]
    }

Ops are ``[op, text]`` pairs, op one of "equal", "insert", "delete"; equal + delete
texts rebuild the old wording, equal + insert the new one, for every entry.
"""

from __future__ import annotations

from .model import DELETED, INSERTED, MODIFIED, MOVED, RENUMBERED, SOURCE_CHANGED, UNCHANGED, Comparison

SCHEMA = "concord.comparison/1"
STATUSES = (UNCHANGED, MODIFIED, INSERTED, DELETED, MOVED, RENUMBERED, SOURCE_CHANGED)


def to_json(comparison: Comparison) -> dict:
    counts = dict.fromkeys(STATUSES, 0)
    clauses = []
    for c in comparison.clauses:
        counts[c.status] = counts.get(c.status, 0) + 1
        clauses.append(
            {
                "status": c.status,
                "kind": c.kind,
                "key": c.new_key or c.old_key,
                "old_key": c.old_key,
                "new_key": c.new_key,
                "old_number": c.old_number,
                "new_number": c.new_number,
                "old_parent_key": c.old_parent_key,
                "new_parent_key": c.new_parent_key,
                "depth": c.depth,
                "old_heading": c.old_heading,
                "new_heading": c.new_heading,
                "old_text": c.old_text,
                "new_text": c.new_text,
                "heading_ops": [[o.op, o.text] for o in c.heading_ops],
                "text_ops": [[o.op, o.text] for o in c.text_ops],
                "moved": c.moved,
                "renumbered": c.renumbered,
                "similarity": c.similarity,
                "split_from": c.split_from,
                "merged_into": c.merged_into,
                "provenance": list(c.provenance),
                "source_changed": c.source_changed,
                "source_heading_ops": [[o.op, o.text] for o in c.source_heading_ops],
                "source_text_ops": [[o.op, o.text] for o in c.source_text_ops],
                "translation": c.translation,
            }
        )
    counts["total"] = len(comparison.clauses)
    return {
        "schema": SCHEMA,
        "from": comparison.from_label,
        "to": comparison.to_label,
        "lang": comparison.lang,
        "matched_by": comparison.matched_by,
        "source_lang": comparison.source_lang,
        "counts": counts,
        "renumbering": comparison.renumbering(),
        "clauses": clauses,
    }
