"""Country names and their everyday variants, from pycountry plus the short forms the press uses."""

from __future__ import annotations

from functools import lru_cache

# Press usage that ISO 3166 does not spell out (canonical name -> variants).
PRESS_VARIANTS = {
    "United States": ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America"],
    "United Kingdom": ["UK", "U.K.", "Britain", "Great Britain"],
    "Russia": ["Russian Federation"],
    "South Korea": ["Republic of Korea"],
    "North Korea": ["DPRK"],
    "United Arab Emirates": ["UAE"],
    "Iran": ["Islamic Republic of Iran"],
    "Syria": ["Syrian Arab Republic"],
    "Vietnam": ["Viet Nam"],
    "Czech Republic": ["Czechia"],
    "Turkey": ["Türkiye", "Turkiye"],
    "Ivory Coast": ["Côte d'Ivoire"],
    "Democratic Republic of Congo": ["DRC", "DR Congo"],
}
# Names that are also common first names or words: never turned into places on their own.
AMBIGUOUS = {"Jordan", "Chad", "Georgia", "Niger", "Guinea", "Turkey", "Israel", "Cuba", "Malta"}


@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """{variant: canonical country name} for every country pycountry knows."""
    import pycountry

    out: dict[str, str] = {}
    for c in pycountry.countries:
        canonical = getattr(c, "common_name", None) or c.name
        for variant in {c.name, canonical, getattr(c, "official_name", None)}:
            if variant and "," not in variant:
                out[variant] = canonical
    for canonical, variants in PRESS_VARIANTS.items():
        for variant in [canonical, *variants]:
            out[variant] = canonical
    for variant, canonical in list(out.items()):
        if canonical in PRESS_VARIANTS.get("Russia", []) or canonical == "Russian Federation":
            out[variant] = "Russia"
    return out


def country(name: str) -> str | None:
    """Canonical country name of a variant ('UK' -> 'United Kingdom'), or None."""
    return countries().get(name)


@lru_cache(maxsize=1)
def parties() -> dict[str, str]:
    """{short form: canonical party name} for the parties of whowords.PARTIES."""
    from generator.extract.whowords import PARTIES

    out = {}
    for canonical, variants in PARTIES.items():
        for variant in [canonical, *variants]:
            out[variant] = canonical
    return out


def party(name: str) -> str | None:
    """Canonical name of a political party's form ('Tories' -> 'Conservative Party'), or None."""
    return parties().get(name)


@lru_cache(maxsize=1)
def subdivisions() -> frozenset[str]:
    """Names of the regions, counties and cities pycountry lists ('Surrey', 'Edinburgh')."""
    import pycountry

    return frozenset(s.name.split(",")[0] for s in pycountry.subdivisions)


def subdivision(name: str) -> bool:
    """True when pycountry lists name as a region, county or city."""
    return name in subdivisions()


@lru_cache(maxsize=1)
def languages() -> frozenset[str]:
    """Names of the major languages pycountry lists ('Hindi', 'Swahili'), without the names that are
    also countries, regions or cities."""
    import pycountry

    # the major languages (an ISO 639-1 code), so that no small language named after a place counts
    names = {lang.name for lang in pycountry.languages if hasattr(lang, "alpha_2")}
    return frozenset(n for n in names if " " not in n and country(n) is None and not subdivision(n))


def language(name: str) -> bool:
    """True when name is a language ('Hindi'), which is no place whatever the model tagged it."""
    return name in languages()
