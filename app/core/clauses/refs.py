"""Cross-references inside a text, and rewriting them when labels change.

When the secretariat renumbers a draft (:func:`.tree.renumber_labels`), every reference the
text makes to its own clauses must follow: "paragraph 4 of this MoU" becomes "paragraph 5",
"Article 12(3)" becomes "Article 13(3)", "пункт 4" becomes "пункт 5", "4-тармақ" becomes
"5-тармақ", in every language of the draft. A reference is resolved in the *old* tree (which
clause did "paragraph 4" mean?) and rewritten with that clause's label in the *new* tree.

What cannot be resolved is reported, never guessed:

- ``unresolved``: no clause of the text has that number ("paragraph 14" in a text of 10);
- ``ambiguous``: several clauses have it and nothing in the sentence says which
  ("paragraph 2" outside any article, in a text whose articles each have a paragraph 2);
- ``external``: the reference is to another instrument ("Article 51 of the Charter of the
  United Nations", "пункт 3 резолюции 2178", "БҰҰ Жарғысының 51-бабы"): left alone.

A plain "paragraph 2" inside an article means paragraph 2 of that article (the drafting
convention); "paragraph 2 of Article 5", "Article 5(2)", "пункт 2 статьи 5", "5-баптың
2-тармағы" name the article; "of this Article" / "настоящей статьи" / "осы баптың" the one
the reference stands in.

The words are data (:data:`WORDS`); pure Python, no database.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .tree import ITEM, PARAGRAPH, PART, SECTION, Clause, Document

ARTICLE, PARAGRAPH_REF, ITEM_REF = "article", "paragraph", "item"

UPDATED, UNCHANGED, UNRESOLVED, AMBIGUOUS, EXTERNAL = "updated", "unchanged", "unresolved", "ambiguous", "external"

# --- the words, per language (data: a new language or house style is a new entry) ---------

WORDS: dict[str, dict[str, str]] = {
    "en": {
        r"[Aa]rticles?|ARTICLES?": ARTICLE,
        r"[Ss]ections?|SECTIONS?": ARTICLE,
        r"[Pp]arts?|[Cc]hapters?|[Aa]nnex(?:es)?": ARTICLE,
        r"[Pp]aragraphs?|[Pp]aras?\.|[Cc]lauses?": PARAGRAPH_REF,
        r"[Ss]ub-?paragraphs?|[Ss]ub-?clauses?|[Ii]tems?": ITEM_REF,
    },
    "ru": {
        r"[Сс]тат(?:ь\w*|ей)|[Рр]аздел\w*|[Гг]лав[аыеуой]\w*|[Пп]риложени\w*": ARTICLE,
        r"[Пп]ункт\w*|[Чч]аст[ьиейяю]\w*": PARAGRAPH_REF,
        r"[Пп]одпункт\w*": ITEM_REF,
    },
    "kk": {  # the number comes first: "4-тармақ", "12-бабы"
        r"бап\w*|баб\w*|бөлім\w*|тарау\w*|қосымша\w*": ARTICLE,
        r"тармақша\w*|тармақш\w*": ITEM_REF,
        r"тармақ\w*|тармағ\w*": PARAGRAPH_REF,
    },
}

# "of this Article", "настоящей статьи", "осы баптың": the article the reference stands in
THIS_ARTICLE = {
    "en": r"\s+of\s+(?:this|the\s+present)\s+(?:[Aa]rticle|[Ss]ection)\b",
    "ru": r"\s+(?:настоящей|этой|данной)\s+стат(?:ь\w*|ей)",
    "kk": None,  # "осы баптың 3-тармағы": the container comes before, see _KK_THIS
}
# words after a reference that make it a reference to another instrument
EXTERNAL_AFTER = {
    "en": r"\s+of\s+(?!this\b|the\s+present\b|these\b|[Aa]rticles?\b|[Pp]aragraphs?\b|[Ss]ub-?paragraphs?\b"
          r"|[Ss]ections?\b|[Pp]arts?\b|[Cc]hapters?\b|[Aa]nnex\b)"
          r"(?:the\s+|its\s+|that\s+|a\s+)?(?:[A-Z]|resolution|decision|General|Security)",
    "ru": r"\s+(?!настоящ|этого|этой|данного|данной|стать|пункт|раздел|глав)(?:[А-ЯЁ]|резолюц|решени|Устав|Конвенц)",
    "kk": None,
}

_NUM = r"(?:\d+(?:\.\d+)*(?:\s(?:bis|ter|quater))?|[IVXLC]+\b)(?:\s?\((?:[a-z]{1,3}|\d{1,3}|[ivx]{1,5})\))*"
_SEP = {"en": r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s+to\s+|\s+through\s+|\s*[-–—]\s*)\s*",
        "ru": r"\s*(?:,\s*|\s+и\s+|\s+или\s+|\s+по\s+|\s*[-–—]\s*)\s*",
        "kk": r"\s*(?:,\s*|\s+және\s+|\s+немесе\s+|\s*[–—]\s*)\s*"}
_ITEM_ALONE = r"\((?:[a-z]{1,3}|[ivx]{1,5})\)"


@dataclass
class Reference:
    """One cross-reference found in a clause's text, and what became of it."""

    key: str  # the clause whose text holds it
    lang: str
    field: str  # "text" | "heading"
    original: str  # the number as written: "4", "12(3)", "4.1"
    replacement: str  # what it reads now (== original unless updated)
    status: str  # updated | unchanged | unresolved | ambiguous | external
    context: str = ""  # the words around it, for a reader: "... pursuant to paragraph 4, will ..."
    target: str | None = None  # the referred clause's key
    reason: str = ""

    def as_dict(self) -> dict:
        return {"key": self.key, "lang": self.lang, "field": self.field, "original": self.original,
                "replacement": self.replacement, "status": self.status, "context": self.context,
                "target": self.target, "reason": self.reason}


@dataclass
class _Index:
    """What a tree says about numbers: candidates per cited number, ancestry."""

    doc: Document
    by_key: dict[str, Clause] = field(default_factory=dict)
    parent: dict[str, str | None] = field(default_factory=dict)

    by_num: dict[str, list[Clause]] = field(default_factory=dict)  # cited number -> clauses, in order

    def __post_init__(self):
        for c, p, _ in self.doc.walk_with_parent():
            self.by_key[c.key] = c
            self.parent[c.key] = p.key if p else None
            if c.numbered:
                for n in {_norm(c.core_number), _norm(c.number)}:
                    self.by_num.setdefault(n, []).append(c)

    def article_of(self, key: str) -> str | None:
        """The nearest enclosing section/article (or the clause itself)."""
        k: str | None = key
        while k is not None:
            c = self.by_key[k]
            if c.kind in (SECTION, PART) and c.numbered:
                return k
            k = self.parent[k]
        return None

    def within(self, key: str, root: str) -> bool:
        k: str | None = key
        while k is not None:
            if k == root:
                return True
            k = self.parent[k]
        return False


def _norm(core: str) -> str:
    return core.strip().strip("()").rstrip(".").lower()


_TIERS = {ARTICLE: ((SECTION, PART),),
          PARAGRAPH_REF: ((PARAGRAPH,), (SECTION, PART), (ITEM,)),  # an MoU calls its sections paragraphs
          ITEM_REF: ((ITEM,), (PARAGRAPH,))}


def _candidates(ix: _Index, category: str, num: str, scope: str | None) -> list[Clause]:
    """The clauses "<category> <num>" can mean, from the kinds that word names first."""
    want = _norm(num)
    matching = [c for c in ix.by_num.get(want, ())
                if scope is None or (c.key != scope and ix.within(c.key, scope))]
    for kinds in _TIERS[category]:
        out = [c for c in matching if c.kind in kinds]
        if out:
            return out
    return []


def _component(child: Clause, parent: Clause) -> str:
    """How a sub-number is written after its parent's: "12.3" under "12" -> "3"."""
    core = child.core_number
    if parent.core_number and core.startswith(parent.core_number + "."):
        return core[len(parent.core_number) + 1:]
    return core


@dataclass
class _Mention:
    start: int  # of the number in the text
    end: int
    num: str  # "12(3)(a)"
    category: str
    container: str | None = None  # an old key the number is resolved within ("of Article 5")
    container_num: str | None = None  # "5" in "of Article 5", resolved first
    external: bool = False


class Rewriter:
    """Resolve references in ``old`` and write them with the labels of ``new`` (same keys)."""

    def __init__(self, old: Document, new: Document):
        self.old, self.new = _Index(old), _Index(new)

    # --- finding ------------------------------------------------------------------------

    def _mentions(self, text: str, lang: str, key: str) -> list[_Mention]:
        words = WORDS.get(lang)
        if not words or not text or not any(ch.isdigit() for ch in text) and "(" not in text:
            return []
        out: list[_Mention] = []
        if lang == "kk":
            return self._mentions_kk(text, key)
        ext_rx, this_rx = _compiled_after(lang)
        for rx, category in _compiled(lang):
            for m in rx.finditer(text):
                after = text[m.end("list"):]
                external = bool(ext_rx and ext_rx.match(after))
                container = self.old.article_of(key) if this_rx and this_rx.match(after) else None
                container_num = None
                cm = _OF_ARTICLE[lang].match(after) if lang in _OF_ARTICLE else None
                if cm:
                    container_num = cm.group("n")
                for nm in _NUM_OR_ITEM.finditer(m.group("list")):
                    s = m.start("list") + nm.start()
                    out.append(_Mention(s, s + len(nm.group(0)), nm.group(0), category, container, container_num,
                                        external))
        # "Article 5, paragraph 2": paragraph resolved within article 5
        for m in re.finditer(rf"(?:[Aa]rticle|[Ss]ection)\s+(?P<a>{_NUM}),\s+(?:[Pp]aragraph|[Ss]ub-?paragraph)s?\s+"
                             rf"(?P<p>{_NUM})", text) if lang == "en" else ():
            for mention in out:
                if mention.start == m.start("p"):
                    mention.container_num = m.group("a")
        return _dedupe(out)

    def _mentions_kk(self, text: str, key: str) -> list[_Mention]:
        out: list[_Mention] = []
        for rx, category in _compiled("kk"):
            for m in rx.finditer(text):
                before = text[: m.start()]
                container = container_num = None
                external = False
                prev = re.search(r"(\S+)\s+(\S+)\s*$", before)
                prev_word = prev.group(2) if prev else (before.split() or [""])[-1]
                prev_prev = prev.group(1) if prev else ""
                if re.match(r"баб|бап", prev_word) and prev_prev.lower() == "осы":
                    container = self.old.article_of(key)
                am = re.search(rf"(?P<n>{_NUM})-(?:баптың|бабының|бөлімнің|бөлімінің)\s*$", before)
                if am and category != ARTICLE:
                    container_num = am.group("n")
                if (prev_word[:1].isupper() and re.search(r"(?:ның|нің|дың|дің|тың|тің)$", prev_word)
                        and prev_prev.lower() != "осы" and not am):
                    external = True
                for nm in _NUM_RX.finditer(m.group("list")):
                    s = m.start("list") + nm.start()
                    out.append(_Mention(s, s + len(nm.group(0)), nm.group(0), category, container, container_num,
                                        external))
        return _dedupe(out)

    # --- resolving ----------------------------------------------------------------------

    def _resolve(self, mention: _Mention, key: str) -> tuple[str, str | None, str, str]:
        """(status, target key, replacement, reason)."""
        head, *subs = re.split(r"\s?\(", mention.num)
        subs = [s.rstrip(")") for s in subs]
        if head.startswith("(") or not head:
            head, subs = "", [mention.num.strip("()")]
        scope = mention.container
        if mention.container_num is not None:
            found = _candidates(self.old, ARTICLE, mention.container_num, None)
            if len(found) != 1:
                return (UNRESOLVED if not found else AMBIGUOUS, None, mention.num,
                        f"article {mention.container_num} " + ("is not in the text" if not found else "is ambiguous"))
            scope = found[0].key
        target: Clause | None = None
        if head:
            if scope is None and mention.category != ARTICLE and "." not in head:
                own = self.old.article_of(key)
                if own is not None:
                    local = _candidates(self.old, mention.category, head, own)
                    if len(local) == 1:
                        target = local[0]
            if target is None:
                found = _candidates(self.old, mention.category, head, scope)
                if not found:
                    return UNRESOLVED, None, mention.num, f"no clause numbered {head} in this text"
                if len(found) > 1:
                    return (AMBIGUOUS, None, mention.num,
                            f"{len(found)} clauses are numbered {head}; the sentence does not say which")
                target = found[0]
        else:  # "(b)" alone: an item of the paragraph it stands in (or of its parent)
            here = self.old.by_key.get(key)
            for root in filter(None, [key, self.old.parent.get(key)]):
                found = [c for c in self.old.by_key[root].children if c.numbered and _norm(c.core_number) == _norm(subs[0])]
                if len(found) == 1:
                    target = found[0]
                    subs = subs[1:]
                    break
            if target is None:
                return UNRESOLVED, None, mention.num, f"no item ({subs[0]}) here" if here else "no such item"
        chain = [target]
        for sub in subs:
            found = [c for c in chain[-1].walk() if c.key != chain[-1].key
                     and c.numbered and (_norm(c.core_number) == _norm(sub)
                                         or _norm(_component(c, chain[-1])) == _norm(sub))]
            if len(found) != 1:
                return (UNRESOLVED if not found else AMBIGUOUS, None, mention.num,
                        f"{sub} in {chain[-1].number} " + ("is not in the text" if not found else "is ambiguous"))
            chain.append(found[0])
        found_new = [self.new.by_key.get(c.key) for c in chain]
        new_chain = [c for c in found_new if c is not None]
        if len(new_chain) != len(found_new):
            return UNRESOLVED, chain[0].key, mention.num, "the clause it refers to is no longer in the text"
        if head:
            heads, subs_new = new_chain[0].core_number, [_component(c, p) for p, c in zip(new_chain, new_chain[1:],
                                                                                            strict=False)]
        else:
            heads, subs_new = "", [new_chain[0].core_number] + [_component(c, p) for p, c in
                                                                 zip(new_chain, new_chain[1:], strict=False)]
        replacement = _substitute(mention.num, head, heads, subs_new)
        status = UPDATED if replacement != mention.num else UNCHANGED
        return status, chain[-1].key, replacement, ""

    # --- rewriting ----------------------------------------------------------------------

    def rewrite(self, text: str, lang: str, *, key: str, field_name: str = "text") -> tuple[str, list[Reference]]:
        refs: list[Reference] = []
        pieces: list[str] = []
        pos = 0
        for mention in self._mentions(text, lang, key):
            context = _context(text, mention.start, mention.end)
            if mention.external:
                refs.append(Reference(key, lang, field_name, mention.num, mention.num, EXTERNAL, context,
                                      reason="a reference to another instrument"))
                continue
            status, target, replacement, reason = self._resolve(mention, key)
            refs.append(Reference(key, lang, field_name, mention.num, replacement, status, context, target, reason))
            if status == UPDATED:
                pieces.append(text[pos:mention.start])
                pieces.append(replacement)
                pos = mention.end
        pieces.append(text[pos:])
        return "".join(pieces), refs


_OF_ARTICLE = {"en": re.compile(rf"\s+of\s+(?:[Aa]rticle|[Ss]ection)\s+(?P<n>{_NUM})"),
               "ru": re.compile(rf"\s+стат(?:ь\w*|ей)\s+(?P<n>{_NUM})")}
_NUM_RX = re.compile(_NUM)
_NUM_OR_ITEM = re.compile(rf"{_NUM}|{_ITEM_ALONE}")


@functools.cache
def _compiled(lang: str) -> list[tuple[re.Pattern, str]]:
    """The reference patterns of ``lang``, compiled once."""
    sep = _SEP.get(lang, _SEP["en"])
    out = []
    for pattern, category in WORDS.get(lang, {}).items():
        if lang == "kk":
            out.append((re.compile(rf"(?P<list>(?:{_NUM}{sep})*{_NUM})-(?:{pattern})"), category))
        elif category == ITEM_REF:
            out.append((re.compile(rf"(?<!\w)(?:{pattern})\s+(?P<list>(?:{_NUM}|{_ITEM_ALONE})"
                                   rf"(?:{sep}(?:{_NUM}|{_ITEM_ALONE}))*)"), category))
        else:
            out.append((re.compile(rf"(?<!\w)(?:{pattern})\s+(?P<list>{_NUM}(?:{sep}{_NUM})*)"), category))
    return out


@functools.cache
def _compiled_after(lang: str) -> tuple[re.Pattern | None, re.Pattern | None]:
    ext, this = EXTERNAL_AFTER.get(lang), THIS_ARTICLE.get(lang)
    return (re.compile(ext) if ext else None), (re.compile(this) if this else None)


def _substitute(original: str, head: str, new_head: str, subs_new: list[str]) -> str:
    """``original`` with its head number and each "(sub)" replaced, spacing kept:
    ("12 (3)", "12", "13", ["4"]) -> "13 (4)"."""
    parts = re.split(r"(\([^)]*\))", original)
    i = 0
    for idx, part in enumerate(parts):
        if part.startswith("(") and i < len(subs_new):
            parts[idx] = f"({subs_new[i]})"
            i += 1
        elif idx == 0 and head:
            parts[0] = part.replace(head, new_head, 1)
    return "".join(parts)


def _dedupe(mentions: list[_Mention]) -> list[_Mention]:
    """One mention per number, in text order (two patterns may find the same one)."""
    seen: dict[int, _Mention] = {}
    for m in mentions:
        if m.start not in seen or m.container_num and not seen[m.start].container_num:
            seen[m.start] = m
    out, last_end = [], -1
    for m in sorted(seen.values(), key=lambda m: m.start):
        if m.start >= last_end:
            out.append(m)
            last_end = m.end
    return out


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    return ("…" if a else "") + text[a:b].replace("\n", " ") + ("…" if b < len(text) else "")


def rewrite_document(old: Document, new: Document, lang: str) -> list[Reference]:
    """Rewrite, in place, the references in the headings and texts of ``new`` (the renumbered
    copy of ``old``, same keys) written in ``lang``; returns every reference found."""
    rw = Rewriter(old, new)
    out: list[Reference] = []
    for c in new.walk():
        for name in ("heading", "text"):
            value = getattr(c, name)
            if not value:
                continue
            rewritten, refs = rw.rewrite(value, lang, key=c.key, field_name=name)
            setattr(c, name, rewritten)
            out.extend(refs)
    return out


def rewrite_texts(old: Document, new: Document, lang: str,
                  texts: Iterable[tuple[str, str, str]]) -> tuple[dict[str, tuple[str, str]], list[Reference]]:
    """The same for a translation: ``texts`` are (key, heading, text) in ``lang``; returns the
    rewritten (heading, text) of the keys where something changed, and the references."""
    rw = Rewriter(old, new)
    changed: dict[str, tuple[str, str]] = {}
    found: list[Reference] = []
    for key, heading, text in texts:
        if key not in rw.old.by_key:
            continue
        h2, refs_h = rw.rewrite(heading, lang, key=key, field_name="heading") if heading else (heading, [])
        t2, refs_t = rw.rewrite(text, lang, key=key, field_name="text") if text else (text, [])
        found.extend(refs_h + refs_t)
        if (h2, t2) != (heading, text):
            changed[key] = (h2, t2)
    return changed, found
