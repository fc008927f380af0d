"""What the reader has in mind while reading an article: who spoke last, who was named last.

Used to resolve 'he said' to the last named speaker and 'the country' to the article's main place.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from generator.extract import attribution
from generator.extract.syntax import sentence_speech_verbs, subject_of

FEMALE = {"she", "her"}
MALE = {"he", "him", "his"}


@dataclass
class Context:
    """Running state of one article, updated sentence by sentence."""

    main_place: str | None = None
    last_person: str | None = None  # last PERSON named
    last_speaker: str | None = None  # last subject of a reporting verb, any kind
    last_person_speaker: str | None = None
    last_group: str | None = None  # last organisation or group speaker
    people: dict[int, list[str]] = field(default_factory=dict)  # sentence index -> people named
    person_names: set[str] = field(default_factory=set)

    def is_person(self, name: str) -> bool:
        """True when the name is, or ends with, a person named in the article."""
        return any(name == p or name.endswith(" " + p) or p.endswith(" " + name) for p in self.person_names)

    def resolve(self, pronoun: str) -> str | None:
        """The name a pronoun most likely stands for, or None."""
        low = pronoun.lower()
        if low in MALE or low in FEMALE or low in ("i",):
            return self.last_person_speaker or self.last_person
        if low in ("it", "they", "them", "we"):
            return self.last_group or self.last_speaker
        return None

    def saw_speaker(self, name: str, is_person: bool) -> None:
        """Remember the subject of a reporting verb."""
        self.last_speaker = name
        if is_person:
            self.last_person_speaker = name
        else:
            self.last_group = name

    def saw_people(self, names: list[str]) -> None:
        """Remember the last person named in a sentence."""
        if names:
            self.last_person = names[-1]


def reading_context(mentions) -> Context:
    """A fresh reading context knowing the main place and who is a person in each sentence."""
    ctx = Context(main_place=_main_place(mentions))
    for m in mentions:
        if m.kind == "person":
            ctx.people.setdefault(m.sentence, []).append(m.text)
            ctx.person_names.add(m.text)
    return ctx


def _main_place(mentions) -> str | None:
    """The place the article names most often (the story's country, usually)."""
    counts = Counter(m.text for m in mentions if m.kind == "place")
    return max(sorted(counts), key=lambda k: counts[k]) if counts else None


def remember_people(sent, ctx: Context) -> None:
    """Note the people a sentence names."""
    ctx.saw_people(ctx.people.get(sent.index, []))


def remember_speakers(sent, ctx: Context) -> None:
    """Note the subjects of the sentence's reporting verbs."""
    for verb in sentence_speech_verbs(sent.span):
        subj = subject_of(verb)
        name, is_person = attribution.who(subj, ctx, full=False)
        if name:
            ctx.saw_speaker(name, is_person or ctx.is_person(name))
