"""Member states: reference data, names in en/ru/kk from Babel's CLDR territory names."""

from __future__ import annotations

from babel import Locale

# The 28 member states of CICA, ISO 3166-1 alpha-3 -> alpha-2.
CICA_MEMBER_STATES = {
    "AFG": "AF", "AZE": "AZ", "BHR": "BH", "BGD": "BD", "KHM": "KH", "CHN": "CN", "EGY": "EG",
    "IND": "IN", "IRN": "IR", "IRQ": "IQ", "ISR": "IL", "JOR": "JO", "KAZ": "KZ", "KWT": "KW",
    "KGZ": "KG", "MNG": "MN", "PAK": "PK", "PSE": "PS", "QAT": "QA", "KOR": "KR", "RUS": "RU",
    "LKA": "LK", "TJK": "TJ", "THA": "TH", "TUR": "TR", "ARE": "AE", "UZB": "UZ", "VNM": "VN",
}

LANGS = ("en", "ru", "kk")


def territory_name(iso2: str, lang: str) -> str:
    return Locale.parse(lang).territories.get(iso2, iso2)


def state_names(iso2: str) -> dict[str, str]:
    return {lang: territory_name(iso2, lang) for lang in LANGS}
