"""Read numbers as newspapers write them: digits, words, scales, currencies and qualifiers.

Written by hand rather than with a library: quantulum3 and word2number miss qualifiers such as
"more than", "nearly" and "dozens", which are the point of a fact sheet.
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SMALL_SCALES = {"hundred": 100, "dozen": 12}
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "tn": 1_000_000_000_000,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}
VAGUE = {"dozens", "scores", "hundreds", "thousands", "millions", "billions", "tens"}
FRACTIONS = {"half": 50, "a third": 100 / 3, "a quarter": 25, "two-thirds": 200 / 3, "three-quarters": 75}
# parts of a whole, as in 'two thirds', 'one and a half', 'three quarters'
PARTS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
}
_RANGE = re.compile(r"\d\s*[-\u2013]\s*[$\u00a3\u20ac]?\d")
MULTIPLIERS = {
    "double": 2,
    "doubled": 2,
    "doubling": 2,
    "doubles": 2,
    "triple": 3,
    "tripled": 3,
    "tripling": 3,
    "quadrupled": 4,
    "halved": 0.5,
    "halving": 0.5,
}
CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB"}
CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "rupee": "INR",
    "rupees": "INR",
    "tenge": "KZT",
    "francs": "CHF",
    "lira": "TRY",
    "naira": "NGN",
    "rand": "ZAR",
    "shekels": "ILS",
    "ringgit": "MYR",
    "baht": "THB",
    "pesos": "MXN",
    "zlotys": "PLN",
    "zloty": "PLN",
    "forints": "HUF",
    "hryvnias": "UAH",
    "dinars": "DZD",
    "dirhams": "AED",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
}

# Longest first, so "no more than" wins over "more than".
QUALIFIER_PHRASES = sorted(
    [
        ("more than", "more_than"),
        ("over", "more_than"),
        ("upwards of", "more_than"),
        ("in excess of", "more_than"),
        ("above", "more_than"),
        ("well over", "more_than"),
        ("at least", "at_least"),
        ("no fewer than", "at_least"),
        ("no less than", "at_least"),
        ("a minimum of", "at_least"),
        ("nearly", "nearly"),
        ("almost", "nearly"),
        ("close to", "nearly"),
        ("just under", "nearly"),
        ("just shy of", "nearly"),
        ("about", "about"),
        ("around", "about"),
        ("roughly", "about"),
        ("approximately", "about"),
        ("some", "about"),
        ("an estimated", "about"),
        ("estimated", "about"),
        ("circa", "about"),
        ("approx.", "about"),
        ("up to", "up_to"),
        ("as many as", "up_to"),
        ("at most", "up_to"),
        ("no more than", "up_to"),
        ("less than", "up_to"),
        ("fewer than", "up_to"),
        ("under", "up_to"),
        ("within", "up_to"),
        ("within the next", "up_to"),
        ("within the first", "up_to"),
        ("below", "up_to"),
        ("as much as", "up_to"),
    ],
    key=lambda p: len(p[0]),
    reverse=True,
)

_NUM = re.compile(r"^[-+]?\d[\d,]*(\.\d+)?$")
_NUM_SUFFIX = re.compile(r"^(\d[\d,]*(?:\.\d+)?)(k|m|mn|bn|b|tn|%)$", re.I)


def words_of(text: str) -> list[str]:
    """Lowercase words of a number phrase, currency symbols split off, hyphens split."""
    text = text.lower().replace("\u2019", "'")
    for sym in CURRENCY_SYMBOLS:
        text = text.replace(sym, f" {sym} ")
    return [w for w in re.split(r"[\s\-\u2013]+", text) if w and w not in {"(", ")", ","}]


def qualifier_of(text: str) -> tuple[str, str]:
    """(qualifier, rest of the text) for a leading qualifier phrase, else ("exact", text)."""
    low = text.lower()
    for phrase, qual in QUALIFIER_PHRASES:
        if low.startswith(phrase + " "):
            return qual, text[len(phrase) + 1 :]
    return "exact", text


def parse_number(text: str) -> float | None:
    """The value of a number phrase ('1.6 million' -> 1600000, 'twenty-five' -> 25, 'two and a
    half' -> 2.5, '-0.5%' -> -0.5), or None; a range ('20-30') has no single value."""
    if _RANGE.search(text):
        return None
    total, current, seen, part, joined = 0.0, 0.0, False, 0.0, False
    words = words_of(text)
    for n, word in enumerate(words):
        word = word.strip(".,").lstrip("+")
        lead = n + 1 < len(words) and words[n + 1] in ("a", "an")  # 'half a million'
        if word in PARTS and (seen or lead or n > 0 and words[n - 1] in ("a", "an")):
            part, current = _part(current, word, joined)
            seen = True
            continue
        if word == "and" and seen:
            joined = True
        if word == "of" and part:
            continue  # 'three quarters of a million'
        if word in CURRENCY_SYMBOLS or word in CURRENCY_WORDS or word in {"%", "and", "a", "an"}:
            continue
        suffix = _NUM_SUFFIX.match(word)
        if suffix or _NUM.match(word):
            digits = suffix.group(1) if suffix else word
            current += float(digits.replace(",", ""))
            current *= SCALES.get(suffix.group(2).lower(), 1) if suffix else 1
        elif word in UNITS:
            current += UNITS[word]
        elif word in SMALL_SCALES:
            current = max(current, 1) * SMALL_SCALES[word]
        elif word in SCALES and len(word) > 2:
            total += (current + part if current or part else 1) * SCALES[word]
            current, part = 0.0, 0.0
        elif seen:
            break
        else:
            continue
        seen = True
    if not seen:
        return None
    value = total + current + part
    return -value if re.match(r"^\s*[-\u2212]\s*[$\u00a3\u20ac]?\d", text) else value


def _part(current: float, word: str, joined: bool) -> tuple[float, float]:
    """(part, current) after a fraction word: 'and a half' adds 0.5; 'two thirds' is 2/3."""
    share = 1 / PARTS[word]
    if joined:
        return share, current  # 'two and a half'
    return max(current, 1) * share, 0.0  # 'a half', 'one third', 'two thirds'


def fraction_value(text: str) -> float | None:
    """A fraction phrase as a percent: 'two thirds' -> 66.67, 'half' -> 50, 'a quarter' -> 25."""
    words = [w for w in words_of(text) if w not in ("a", "an", "of")]
    if words and words[-1] in PARTS:
        count = parse_number(" ".join(words[:-1])) if len(words) > 1 else 1
        return tidy(100 * (count or 1) / PARTS[words[-1]])
    return None


def tidy(value: float | None) -> float | int | None:
    """An int when the value is whole, else the float rounded to 6 places."""
    if value is None:
        return None
    if abs(value - round(value)) < 1e-9:
        return int(round(value))
    return round(value, 6)


def currency_of(text: str) -> str | None:
    """ISO code of the currency named in a money phrase, or None."""
    for sym, code in CURRENCY_SYMBOLS.items():
        if sym in text:
            return code
    for word in words_of(text):
        if word in CURRENCY_WORDS:
            return CURRENCY_WORDS[word]
    return None


def is_number_word(word: str) -> bool:
    """True for digits and English number words."""
    w = word.lower().strip(".,")
    return (
        bool(_NUM.match(w) or _NUM_SUFFIX.match(w))
        or w in UNITS
        or w in SMALL_SCALES
        or w in SCALES
        and len(w) > 2
    )
