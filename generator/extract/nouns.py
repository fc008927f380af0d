"""Common nouns that stand for a person or an organisation the article names: 'the chancellor said',
'the Dutchman said', 'the company said'."""

from __future__ import annotations

from generator.extract.syntax import TITLE_WORDS

# Nouns that describe a person: 'the chancellor said', 'the United boss said', 'the 25-year-old said'.
PERSON_NOUNS = TITLE_WORDS | {
    "boss",
    "manager",
    "coach",
    "head",
    "leader",
    "star",
    "striker",
    "player",
    "actor",
    "actress",
    "singer",
    "director",
    "executive",
    "founder",
    "champion",
    "veteran",
    "chief",
    "year-old",
}
# Role words that make 'X chancellor' someone other than 'the chancellor'.
NOT_THE_HOLDER = {"shadow", "former", "ex", "deputy", "vice", "acting", "assistant", "junior", "late"}


def is_person_noun(noun: str) -> bool:
    """True for nouns that stand for a person: offices, 'the Dutchman', 'the 25-year-old'."""
    return noun in PERSON_NOUNS or noun.endswith(("year-old", "man", "woman")) and noun not in _NOT_PEOPLE


_NOT_PEOPLE = {"human", "german", "roman", "ottoman", "shaman"}
# Nouns that describe an organisation: 'the company said'.
ORG_NOUNS = {"company", "firm", "group", "club", "committee", "charity", "bank", "party", "union"}
ORG_NOUNS |= {"council", "organisation", "organization", "agency", "association", "ministry", "board"}
