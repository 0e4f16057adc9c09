"""Kazakh rules: case suffixes by vowel harmony and the final sound, dates, lists.

What Babel (CLDR 'kk') gives, and what we add:

- month names: ``format`` context, lower case, nominative only (қаңтар ... желтоқсан);
  ``stand-alone`` the same capitalised. No case forms, so suffixes are ours.
- long date pattern ``y 'ж'. d MMMM`` ("2024 ж. 12 маусым"); diplomatic style spells
  out "2024 жылғы 12 маусым".
- list patterns: "A және B" for two, but "A, B, C" (no conjunction at all) for three or
  more; we write "A, B және C".
- plural rule ``one: n = 1`` (nouns after a numeral stay singular in Kazakh, so both
  forms of a counted phrase are usually the same: "1 парақ", "9 парақ").

Suffixes (applied to the last word of a phrase; for plain stems such as month names and
common nouns, not for words already carrying a possessive ending — names of bodies and
organisations are stored as data in every case a template needs):

============  =====================  ==================  ===========  ===========
case          after a vowel          л р й у / ж з       м н ң        voiceless
============  =====================  ==================  ===========  ===========
locative      -да/-де                -да/-де             -да/-де      -та/-те
attributive   -дағы/-дегі            -дағы/-дегі         -дағы/-дегі  -тағы/-тегі
dative        -ға/-ге                -ға/-ге             -ға/-ге      -қа/-ке
ablative      -дан/-ден              -дан/-ден           -нан/-нен    -тан/-тен
genitive      -ның/-нің              -дың/-дің           -ның/-нің    -тың/-тің
accusative    -ны/-ні                -ды/-ді             -ды/-ді      -ты/-ті
instrumental  -мен                   -мен / ж з: -бен    -мен         -пен
============  =====================  ==================  ===========  ===========

The back/front variant follows the last vowel of the word (а о ұ ы я: back; ә е ө ү і э:
front; и у ю are skipped where they stand for й/у glides, decided only if no other vowel).
Voiceless: п ф к қ т с ш щ х һ ц ч, and б в г ғ д, devoiced at the end of a word.

A word ending in digits takes the suffix of the numeral as read aloud, after a hyphen:
"5-ке" (бес), "10-да" (он), "2024-те" (... төрт).

The conjunction мен/бен/пен joins two bare nouns and follows the final sound of the
first like the instrumental suffix ("Асан мен Үсен", "күз бен жаз", "орақ пен балға").
A designator such as a note number "№NCT/CT/513" is not read as a Kazakh word; the
secretariat's own usage (note NCT/CT/708: "№NCT/CT/513 мен ...") writes the unmarked
мен after it (:data:`CODE_PARTICLE`). Pure numbers are read aloud ("3 пен 4").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache

from babel.dates import format_date as babel_format_date

from . import apply_list_patterns, cldr_list_patterns

CODE = "kk"
DATE_CASES = (
    "nominative", "genitive", "dative", "accusative", "locative", "ablative", "instrumental", "attributive",
)
#: The particle written after a designator (note number, code, Latin abbreviation).
CODE_PARTICLE = "мен"

BACK_VOWELS = set("аоұыя")
FRONT_VOWELS = set("әеөүіэ")
GLIDES = set("иую")  # written vowels that stand for ій/ый, ұу/үу, йу
VOWELS = BACK_VOWELS | FRONT_VOWELS | set("ёю")
SONORANTS = set("лрйуи")
NASALS = set("мнң")
ZH_Z = set("жз")
VOICELESS = set("пфкқтсшщхһцч") | set("бвгғд")
SIGNS = set("ьъ")
CYRILLIC = VOWELS | GLIDES | SONORANTS | NASALS | ZH_Z | VOICELESS | SIGNS

VOWEL, SONORANT, NASAL, JZ, UNVOICED = "vowel", "sonorant", "nasal", "zh-z", "voiceless"

# case -> {sound class -> (back, front)}
_SUFFIXES: dict[str, dict[str, tuple[str, str]]] = {
    "locative": {VOWEL: ("да", "де"), SONORANT: ("да", "де"), JZ: ("да", "де"), NASAL: ("да", "де"),
                 UNVOICED: ("та", "те")},
    "dative": {VOWEL: ("ға", "ге"), SONORANT: ("ға", "ге"), JZ: ("ға", "ге"), NASAL: ("ға", "ге"),
               UNVOICED: ("қа", "ке")},
    "ablative": {VOWEL: ("дан", "ден"), SONORANT: ("дан", "ден"), JZ: ("дан", "ден"), NASAL: ("нан", "нен"),
                 UNVOICED: ("тан", "тен")},
    "genitive": {VOWEL: ("ның", "нің"), SONORANT: ("дың", "дің"), JZ: ("дың", "дің"), NASAL: ("ның", "нің"),
                 UNVOICED: ("тың", "тің")},
    "accusative": {VOWEL: ("ны", "ні"), SONORANT: ("ды", "ді"), JZ: ("ды", "ді"), NASAL: ("ды", "ді"),
                   UNVOICED: ("ты", "ті")},
    "instrumental": {VOWEL: ("мен", "мен"), SONORANT: ("мен", "мен"), JZ: ("бен", "бен"), NASAL: ("мен", "мен"),
                     UNVOICED: ("пен", "пен")},
}
CASES = ("nominative", "attributive", *_SUFFIXES)

_UNITS = {1: "бір", 2: "екі", 3: "үш", 4: "төрт", 5: "бес", 6: "алты", 7: "жеті", 8: "сегіз", 9: "тоғыз"}
_TENS = {1: "он", 2: "жиырма", 3: "отыз", 4: "қырық", 5: "елу", 6: "алпыс", 7: "жетпіс", 8: "сексен",
         9: "тоқсан"}
_GROUPS = ("мың", "миллион", "миллиард", "триллион")


def numeral_last_word(n: int) -> str:
    """The last word of ``n`` read aloud in Kazakh (2024 -> "төрт", 1000 -> "мың")."""
    if n < 0:
        raise ValueError("negative numbers are not read")
    if n == 0:
        return "нөл"
    rest = n % 1000
    if rest:
        if rest % 10:
            return _UNITS[rest % 10]
        if rest // 10 % 10:
            return _TENS[rest // 10 % 10]
        return "жүз"
    n //= 1000
    group = 0
    while n % 1000 == 0:
        n //= 1000
        group += 1
    if group >= len(_GROUPS):
        raise ValueError("number too large to read")
    return _GROUPS[group]


def is_front(word: str) -> bool:
    """Vowel harmony: does the word take front-vowel suffixes?"""
    w = word.lower()
    for ch in reversed(w):
        if ch in BACK_VOWELS:
            return False
        if ch in FRONT_VOWELS:
            return True
    for ch in reversed(w):
        if ch in GLIDES:
            return ch != "у"
    return False


def sound_class(word: str) -> str:
    """The class of the final sound: vowel, sonorant, nasal, zh-z or voiceless."""
    w = word.lower().rstrip("ьъ")
    if not w or w[-1] not in CYRILLIC:
        raise ValueError(f"not a Kazakh (Cyrillic) word ending: {word!r}")
    ch = w[-1]
    if ch in SONORANTS:
        return SONORANT
    if ch in VOWELS:
        return VOWEL
    if ch in NASALS:
        return NASAL
    if ch in ZH_Z:
        return JZ
    return UNVOICED


def _trailing_digits(text: str) -> str:
    i = len(text)
    while i and text[i - 1].isdigit():
        i -= 1
    return text[i:]


def suffix(word: str, case: str) -> str:
    """The suffix of ``case`` for a word (without hyphen): suffix("маусым", "locative") == "да"."""
    if case == "nominative":
        return ""
    if case == "attributive":
        loc = suffix(word, "locative")
        return loc + ("гі" if loc.endswith("е") else "ғы")
    table = _SUFFIXES.get(case)
    if table is None:
        raise ValueError(f"unknown Kazakh case {case!r}; expected one of {', '.join(CASES)}")
    back, front = table[sound_class(word)]
    return front if is_front(word) else back


def inflect(phrase: str, case: str) -> str:
    """Add the case suffix to the last word of ``phrase``.

    >>> inflect("2024 жылғы 25 маусым", "locative")
    '2024 жылғы 25 маусымда'
    >>> inflect("5", "dative")
    '5-ке'
    """
    if case == "nominative":
        return phrase
    digits = _trailing_digits(phrase)
    if digits:
        return f"{phrase}-{suffix(numeral_last_word(int(digits)), case)}"
    return phrase + suffix(phrase.split()[-1], case)


def and_particle(word: str) -> str:
    """мен / бен / пен after ``word`` (the last word of the first of two joined nouns)."""
    w = word.rstrip(" )]»”\"'.,;:")
    token = w.split()[-1] if w.split() else w
    if token.isdigit():
        return suffix(numeral_last_word(int(token)), "instrumental")
    if token and token[-1].lower() in CYRILLIC:
        return suffix(token, "instrumental")
    return CODE_PARTICLE


def format_date(d: date, case: str = "nominative") -> str:
    """"2024 жылғы 12 маусым"; other cases inflect the month: "... маусымдағы", "... маусымда"."""
    if case not in DATE_CASES:
        raise ValueError(f"unknown Kazakh case {case!r} for a date")
    return inflect(babel_format_date(d, "y 'жылғы' d MMMM", locale="kk"), case)


@cache
def _patterns() -> dict[str, str]:
    patterns = cldr_list_patterns("kk")  # "2": "{0} және {1}", end: "{0}, {1}"
    patterns["end"] = patterns["2"]
    return patterns


def join_and(items: Sequence[str], nouns: bool = False) -> str:
    """"A және B", "A, B және C"; two bare nouns: "A мен B" (бен, пен by the final sound)."""
    items = list(items)
    if nouns and len(items) == 2:
        return f"{items[0]} {and_particle(items[0])} {items[1]}"
    return apply_list_patterns(items, _patterns())
