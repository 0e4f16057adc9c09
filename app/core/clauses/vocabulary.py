"""The words the parser reads an agreement by, per language: data, not code.

Each :class:`Vocabulary` lists, for one language or house style, the words that open a
recital, the enacting and closing formulas, the words of article and part labels, the
openings of signature blocks and the like. The parser (:mod:`.parse`) reads every language
at once: the patterns below are built from all the vocabularies in :data:`VOCABULARIES`, so a
new language or house style is one more entry here, nothing in the parser.

Entries are regular-expression fragments (most are plain words; ``recogni[sz]ing`` covers two
spellings). Matching is case-insensitive unless the field says otherwise.

Pure Python, no dependency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Vocabulary:
    lang: str
    # words that open a recital ("Whereas", "Recalling", "принимая во внимание")
    recital_openings: tuple[str, ...] = ()
    # words that end a recital (Kazakh puts the participle last: "... отырып,")
    recital_endings: tuple[str, ...] = ()
    # the body that acts in a resolution, on a line of its own after the recitals
    # ("The General Assembly,"): neither a recital nor a party
    organs: tuple[str, ...] = ()
    # an enacting formula ends with one of these ("... have agreed as follows:")
    formula_endings: tuple[str, ...] = ()
    # ... or is one of these verbs alone, after an optional auxiliary ("Have agreed:")
    formula_verbs: tuple[str, ...] = ()
    formula_auxiliaries: tuple[str, ...] = ()
    # "NOW, THEREFORE": an enacting formula by its opening
    formula_openings: tuple[str, ...] = ()
    # a closing formula opens with one of these ("IN WITNESS WHEREOF", "DONE at")
    closing_openings: tuple[str, ...] = ()
    # ... or ends with one of these (Kazakh: "... жасалды.")
    closing_endings: tuple[str, ...] = ()
    # a closing opening that is no closing formula at the top of a text (front matter:
    # "Adopted by the General Assembly on ...")
    front_matter_closings: tuple[str, ...] = ()
    # a line alone between parties ("and", "between")
    connectors: tuple[str, ...] = ()
    # "hereinafter referred to as"
    hereinafter: tuple[str, ...] = ()
    # a signature block opens with one of these (case as written) followed by a space
    signature_openings: tuple[str, ...] = ()
    # ... of which these, followed by a capital and ending with ":", need no closing formula
    signature_strict: tuple[str, ...] = ()
    # ... or ends with one of these (Kazakh: "... үшін:")
    signature_endings: tuple[str, ...] = ()
    # the labels of an empty signature layout ("Signature: ____", "Date", "Place")
    layout_words: tuple[str, ...] = ()
    # words of article labels before the number, as written ("Article 1", "Статья 1")
    article_words: tuple[str, ...] = ()
    # words of article labels after the number, joined by a hyphen ("1-бап")
    article_suffixes: tuple[str, ...] = ()
    # words of the levels above articles ("PART II", "Chapter IV", "Раздел 2")
    part_words: tuple[str, ...] = ()
    part_suffixes: tuple[str, ...] = ()
    # conjunctions that end a list member ("...; and")
    list_conjunctions: tuple[str, ...] = ()
    # page furniture: "page 3", "стр. 3"; "3 of 10"
    page_words: tuple[str, ...] = ()
    page_of: tuple[str, ...] = ()
    # the opening of a letter of an exchange of letters ("Excellency,", "Sir:")
    letter_salutations: tuple[str, ...] = ()
    # the heading of an annex, appendix or other instrument annexed after the signatures
    # ("Annex", "ANNEX II", "Appendix A"; case as written)
    annex_words: tuple[str, ...] = ()
    # the title of an instrument annexed after the closing formula, read as a part of its own
    # ("Memorandum of Agreement on ..." after "DONE at ..."; case as written)
    annexed_instruments: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)


EN = Vocabulary(
    lang="en",
    recital_openings=(
        "whereas", "considering", "reaffirming", "recalling", "recogni[sz]ing", "acknowledging", "mindful",
        "noting", "taking note", "desiring", "desirous", "bearing in mind", "convinced", "emphasi[sz]ing",
        "stressing", "taking into (?:account|consideration)", "determined", "guided", "affirming", "welcoming",
        "aware", "conscious", "wishing", "having regard", "having considered", "having in mind", "seeking",
        "believing", "expressing", "appreciating", "underlining", "underscoring", "highlighting",
        "reiterating", "deeply concerned", "concerned", "alarmed", "committed", "inspired", "encouraged",
        "striving", "proceeding from", "reali[sz]ing", "persuaded", "confirming", "referring", "respecting",
    ),
    organs=(
        "(?:the )?general assembly", "(?:the )?security council", "(?:the )?economic and social council",
        "(?:the )?human rights council", "(?:the )?conference of the parties", "(?:the )?council",
        "(?:the )?assembly",
    ),
    formula_endings=(r"\bas follows", r"\bthe following(?:\s+\w+){0,2}"),
    formula_verbs=("agreed", "agree", "declare", "decided", "decide", "resolved", "resolve"),
    formula_auxiliaries=("have", "has", "hereby", "do hereby"),
    formula_openings=(r"now,?\s+therefore",),
    closing_openings=(
        "in witness (?:whereof|thereof)", "in faith whereof", r"done\s+(?:at|in|on|this)",
        r"signed\s+(?:at|in|on|this)", r"executed\s+(?:at|in)", r"adopted\s+(?:at|in|on|by)",
    ),
    front_matter_closings=(r"adopted\s+(?:at|in|on|by)",),
    connectors=("and", "between", "and between"),
    hereinafter=("hereinafter", "hereafter"),
    signature_openings=("For", "FOR", "On behalf of", "ON BEHALF OF", "In the name of", "IN THE NAME OF"),
    signature_strict=("For", "FOR", "On behalf of", "ON BEHALF OF"),
    layout_words=("signature", "signed", "date", "place", "name", "title", "position", "seal", "stamp",
                  r"l\.\s?s\."),
    article_words=("ARTICLE", "Article", "SECTION", "Section"),
    part_words=("PART", "Part", "CHAPTER", "Chapter"),
    list_conjunctions=("and", "or"),
    page_words=("page", r"p\."),
    page_of=("of",),
    letter_salutations=("(?:your )?excellency", r"dear (?:mr|mrs|ms|dr|sir|madam)\b\.?(?:\s+[A-Z][\w'’-]+){0,3}",
                        "sir", "madam"),
    annex_words=("ANNEX", "Annex", "APPENDIX", "Appendix", "ATTACHMENT", "Attachment", "SCHEDULE", "Schedule"),
    annexed_instruments=("MEMORANDUM", "Memorandum", "PROTOCOL", "Protocol", "STATUTE", "Statute", "RULES", "Rules",
                         "REGULATIONS", "Regulations", "EXCHANGE OF LETTERS", "Exchange of Letters"),
)

RU = Vocabulary(
    lang="ru",
    recital_openings=(
        "учитывая", "признавая", "подтверждая", "вновь подтверждая", "руководствуясь", "стремясь", "желая",
        "отмечая", "принимая во внимание", r"сознавая", "осознавая", r"будучи убежден\w*", "ссылаясь",
        "напоминая", "приветствуя", "подчеркивая", "подчёркивая", "исходя из", "выражая", "имея в виду",
    ),
    organs=("генеральная ассамблея", "совет безопасности", "экономический и социальный совет",
            "совет по правам человека", "конференция сторон"),
    formula_endings=("нижеследующем",),
    closing_openings=(r"совершено\b", r"подписано\s+в", "в удостоверение чего", "в подтверждение чего"),
    front_matter_closings=(r"принят[аоы]?\s+резолюцией",),
    connectors=("между", "и"),
    hereinafter=("далее",),
    signature_openings=("За", "ЗА", "От имени", "ОТ ИМЕНИ"),
    layout_words=("подпись", "дата", "место", r"м\.\s?п\."),
    article_words=("СТАТЬЯ", "Статья"),
    part_words=("РАЗДЕЛ", "Раздел", "ГЛАВА", "Глава", "ЧАСТЬ", "Часть"),
    list_conjunctions=("и", "или"),
    page_words=(r"стр\.?", "страница"),
    page_of=("из",),
    letter_salutations=("ваше превосходительство", "господин министр"),
    annex_words=("ПРИЛОЖЕНИЕ", "Приложение"),
    annexed_instruments=("МЕМОРАНДУМ", "Меморандум", "ПРОТОКОЛ", "Протокол", "УСТАВ", "Устав", "ПОЛОЖЕНИЕ",
                         "Положение", "ПРАВИЛА", "Правила"),
)

KK = Vocabulary(
    lang="kk",
    recital_endings=("отырып",),
    organs=("бас ассамблея",),
    formula_endings=("төмендегілер туралы келісті", r"\bкелісті"),
    closing_endings=("жасалды",),
    connectors=("мен", "және"),
    hereinafter=("бұдан әрі",),
    signature_endings=("үшін",),
    layout_words=("қолы", "күні", "орны"),
    article_suffixes=("бап", "БАП"),
    part_suffixes=("бөлім", "БӨЛІМ", "тарау", "ТАРАУ"),
    list_conjunctions=("және", "немесе"),
    page_words=("бет",),
    letter_salutations=("мәртебелі",),
    annex_words=("ҚОСЫМША", "Қосымша"),
    annexed_instruments=("МЕМОРАНДУМ", "Меморандум", "ХАТТАМА", "Хаттама", "ЖАРҒЫ", "Жарғы", "ЕРЕЖЕ", "Ереже"),
)

# The house style of the Dutch treaty database (Tractatenblad, wetten.nl): the letters of an
# exchange of letters are numbered "Nr. I", "Nr. II" (read as the sections of the text).
NL_TREATY_DATABASE = Vocabulary(
    lang="nl",
    article_words=(r"Nr\.",),
)

VOCABULARIES: tuple[Vocabulary, ...] = (EN, RU, KK, NL_TREATY_DATABASE)


def _all(name: str) -> list[str]:
    out: list[str] = []
    for v in VOCABULARIES:
        for w in getattr(v, name):
            if w not in out:
                out.append(w)
    return out


def _alt(name: str) -> str:
    return "|".join(_all(name))


# --- the patterns the parser uses, built from every vocabulary ---------------------------------

RECITAL = re.compile(rf"(?:{_alt('recital_openings')})\b", re.I)
RECITAL_END = re.compile(rf"(?:{_alt('recital_endings')})[,;]$")
ORGAN = re.compile(rf"(?:{_alt('organs')})\s*,", re.I)  # fullmatch: "The General Assembly,"
NOW_THEREFORE = re.compile(rf"(?:{_alt('formula_openings')})\b", re.I)
FORMULA = re.compile(
    rf"(?:{_alt('formula_endings')})\s*:?\s*$|"
    rf"^(?:(?:{_alt('formula_auxiliaries')})\s+)?(?:{_alt('formula_verbs')})\s*:\s*$",
    re.I,
)
CLOSING = re.compile(rf"(?:{_alt('closing_openings')})\b", re.I)
CLOSING_END = re.compile(rf"\b(?:{_alt('closing_endings')})\.?$")
FRONT_MATTER_CLOSING = re.compile(rf"(?:{_alt('front_matter_closings')})\b", re.I)
CONNECTOR = re.compile(rf"(?:{_alt('connectors')})[,;]?", re.I)
HEREINAFTER = re.compile(rf"(?:{_alt('hereinafter')})\b", re.I)
SIG_START = re.compile(rf"(?:{_alt('signature_openings')})\s")
SIG_STRICT = re.compile(rf"(?:{_alt('signature_strict')})\s+(?:the\s+|THE\s+)?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ].*:$")
SIG_END = re.compile(rf"\b(?:{_alt('signature_endings')}):?$")
LAYOUT = re.compile(rf"[(\[]?(?:{_alt('layout_words')})?[)\]]?\s*:?[\s_.…\-–]*", re.I)
LIST_END = re.compile(rf"[;,]\s*(?:{_alt('list_conjunctions')})$", re.I)
PAGE_WORDS = _alt("page_words")
PAGE_OF = _alt("page_of")
# the salutation of a letter, anywhere in a paragraph ("... 1977Excellency:This letter ...")
SALUTATION = re.compile(rf"(?<![\w])(?:{_alt('letter_salutations')})\s*[,:!]", re.I)

ARTICLE_WORDS = _alt("article_words")  # case as written
ARTICLE_SUFFIXES = _alt("article_suffixes")
PART_WORDS = _alt("part_words")
PART_SUFFIXES = _alt("part_suffixes")
# "Annex", "ANNEX II", "Appendix A", "Annex 2025 Political Declaration ..." (a heading)
ANNEX = re.compile(rf"(?:{_alt('annex_words')})(?:\s+(?:[IVXLC]{{1,6}}|\d{{1,3}}|[A-Z]))?\b(?!\s*[,;(])")
ANNEXED_INSTRUMENT = re.compile(rf"(?:{_alt('annexed_instruments')})\b")
LATIN_ADVERBS = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies")
