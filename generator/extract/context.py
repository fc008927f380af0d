"""What the reader has in mind while reading an article: who spoke last, who was named last.

Used to resolve 'he said' to the last named speaker, 'the chancellor' to the person who holds the
office, 'the committee' to the committee the article names and 'the country' to its main place.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from generator.extract import attribution
from generator.extract.entities import Covered, acronyms
from generator.extract.nouns import NOT_THE_HOLDER, ORG_NOUNS, is_person_noun
from generator.extract.syntax import np_text, sentence_speech_verbs, subject_of

FEMALE = {"she", "her", "hers", "herself"}
MALE = {"he", "him", "his", "himself"}
_FEMALE_WORDS = {"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "actress", "chairwoman"}
_FEMALE_WORDS |= {"spokeswoman", "businesswoman", "wife", "mother", "daughter", "sister", "woman", "girl"}
_MALE_WORDS = {"mr", "sir", "lord", "king", "prince", "actor", "businessman", "husband", "father", "son"}
_MALE_WORDS |= {"brother", "man", "boy"}


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
    orgs: dict[int, list[str]] = field(default_factory=dict)  # sentence index -> organisations named
    roles: dict[str, set[str]] = field(default_factory=dict)  # person -> roles and title, lower case
    gender: dict[str, Counter] = field(default_factory=dict)  # person -> counts of 'm' and 'f' evidence
    sentence: int = 0  # index of the sentence being read
    acronyms: dict[str, str] = field(default_factory=dict)  # 'WTO' -> 'World Trade Organisation'
    subject: tuple[int, str] | None = None  # (sentence, person) the last sentence with one was about
    descriptions: dict[str, str] = field(default_factory=dict)  # 'researchers' -> 'Honeynet Project'
    figure_source: tuple[int, str] | None = None  # (sentence, source) of the last attributed figure
    groups: list[str] = field(default_factory=list)  # group speakers so far ('the environment committee')
    _indexed: tuple = (-1, None)  # (number of person names, index of them) behind _index

    def is_person(self, name: str) -> bool:
        """True when the name is, or ends with, a person named in the article (or ends one)."""
        ends = [name[i + 1 :] for i, ch in enumerate(name) if ch == " "]
        named = self.person_names
        return name in named or any(e in named for e in ends) or name in self._index[1]

    @property
    def _index(self) -> tuple[dict[str, list[str]], set[str]]:
        """The person names by their last word, and every ending of them after a space: built once for
        each set of names, so that a lookup needs no scan of all the people of the article."""
        if self._indexed[0] != len(self.person_names):
            last: dict[str, list[str]] = {}
            ends: set[str] = set()
            for p in self.person_names:
                cut = p.rfind(" ")
                if cut >= 0:
                    last.setdefault(p[cut + 1 :], []).append(p)
                ends.update(p[i + 1 :] for i, ch in enumerate(p) if ch == " ")
            self._indexed = (len(self.person_names), (last, ends))
        return self._indexed[1]

    def full_name(self, name: str) -> str:
        """The fullest form of a person's name the article gives ('Mr Pendleton' -> 'Andrew Pendleton')."""
        words = name.split()
        if len(words) > 4 or not all(w[:1].isupper() for w in words):
            return name  # a phrase ('spokesman for ...'), not a name
        while len(words) > 1 and words[0].lower().strip(".") in _MALE_WORDS | _FEMALE_WORDS | {"dr"}:
            words = words[1:]
        bare = " ".join(words)
        longer = {p for p in self._index[0].get(words[-1], ())} | ({bare} & self.person_names)
        if not longer or len({p.split()[-1] for p in longer}) != 1:
            return name
        top = max(map(len, longer))
        fullest = [p for p in longer if len(p) == top]
        # two people of one surname and one name length ('Mark McCall', 'John McCall'): 'Mr McCall' could
        # be either, so it stays as written (picking one would depend on the order of a set)
        return fullest[0] if len(fullest) == 1 else name

    def resolve(self, pronoun: str) -> str | None:
        """The name a pronoun most likely stands for, or None."""
        low = pronoun.lower()
        if low in MALE or low in FEMALE or low in ("i",):
            return self._person("m" if low in MALE else "f" if low in FEMALE else None)
        if low in ("it", "they", "them", "we"):
            return self.last_group or self.last_speaker
        return None

    def _person(self, want: str | None, unless=lambda name: False) -> str | None:
        """The person a 'he', 'she' or 'the Dutchman' most likely is: the person the sentence before
        was about, else the last person who spoke, else the last one named; one whose gender the
        text gives is preferred among those of the last sentences."""
        about = self.subject[1] if self.subject and self.sentence - self.subject[0] <= 1 else None
        first = [about, self.last_person_speaker]
        names = [n for n in dict.fromkeys([*first, *self._recent_people()]) if n and not unless(n)]
        near = [n for n in [*first, *_recent(self.people, self.sentence, since=self.sentence - 2)] if n]
        known = [
            n for n in near if want and self.gender.get(self.full_name(n), Counter())[want] and not unless(n)
        ]
        name = next(iter(known), None) or next((n for n in names if self._agrees(n, want)), None)
        return self.full_name(name) if name else None

    def described(self, noun: str) -> str | None:
        """Who a definite description stands for: 'the chancellor', 'the committee', or None."""
        if noun in self.descriptions:
            return self.descriptions[noun]
        members = self.members(noun)
        if members:
            return members
        if noun in ORG_NOUNS:
            orgs = _recent(self.orgs, self.sentence)
            named = [*reversed(self.groups), *orgs]
            return next((o for o in named if noun in o.lower().split()), orgs[0] if orgs else None)
        if is_person_noun(noun):
            holders = [
                p for p, roles in self.roles.items() if noun in roles and not self._other_holder(p, noun)
            ]
            if len(holders) == 1:
                return holders[0]
            want = "f" if noun.endswith("woman") else "m" if noun.endswith("man") else None
            return self._person(want, unless=lambda n: self._other_holder(n, noun))
        return None

    def members(self, noun: str) -> str | None:
        """The group named before whose members a plural stands for: 'the MPs' of 'a committee of MPs'."""
        return next((g for g in reversed(self.groups) if g.lower().endswith(" of " + noun.lower())), None)

    def _other_holder(self, name: str, noun: str) -> bool:
        """True for 'shadow chancellor X' when the text says 'the chancellor'."""
        words = {w for r in self.roles.get(self.full_name(name), ()) for w in r.split()}
        return noun in words and bool(words & NOT_THE_HOLDER)

    def _recent_people(self) -> list[str]:
        """People named so far, the most recent first."""
        return _recent(self.people, self.sentence)

    def _agrees(self, name: str, want: str | None) -> bool:
        """True unless the evidence says the person is of the other gender."""
        if want is None:
            return True
        seen = self.gender.get(name, Counter()) + self.gender.get(self.full_name(name), Counter())
        other = "f" if want == "m" else "m"
        return seen[other] <= seen[want]

    def saw_speaker(self, name: str, is_person: bool) -> None:
        """Remember the subject of a reporting verb."""
        self.last_speaker = name
        if is_person:
            self.last_person_speaker = name
        else:
            self.last_group = name
            self.groups.append(name)

    def saw_people(self, names: list[str]) -> None:
        """Remember the last person named in a sentence."""
        if names:
            self.last_person = names[-1]


def _recent(named: dict[int, list[str]], upto: int, since: int = 0) -> list[str]:
    """Names given in sentences since..upto, the most recent first."""
    return [n for i in sorted(named, reverse=True) if since <= i <= upto for n in reversed(named[i])]


def reading_context(mentions) -> Context:
    """A fresh reading context knowing the main place, and who is a person in each sentence."""
    ctx = Context(main_place=_main_place(mentions))
    people = [m for m in mentions if m.kind == "person"]
    for m in people:
        ctx.people.setdefault(m.sentence, []).append(m.text)
        ctx.person_names.add(m.text)
    for m in people:
        roles = {r.lower().strip(". ").removeprefix("the ") for r in [*m.roles, m.title or ""] if r}
        name = ctx.full_name(m.text)
        ctx.roles.setdefault(name, set()).update(roles)
        ctx.gender.setdefault(name, Counter()).update(_gender_words({w for r in roles for w in r.split()}))
    for m in mentions:
        if m.kind == "organisation":
            ctx.orgs.setdefault(m.sentence, []).append(m.text)
    return ctx


def _gender_words(words: set[str]) -> list[str]:
    """'m'/'f' evidence from titles and role words ('Mrs', 'actress')."""
    return ["f" for w in words if w in _FEMALE_WORDS] + ["m" for w in words if w in _MALE_WORDS]


def _main_place(mentions) -> str | None:
    """The place the article names most often (the story's country, usually)."""
    counts = Counter(m.text for m in mentions if m.kind == "place")
    return max(sorted(counts), key=lambda k: counts[k]) if counts else None


def remember_people(sent, ctx: Context) -> None:
    """Note the people a sentence names, and what its pronouns say of their gender."""
    ctx.sentence = sent.index
    ctx.acronyms.update(acronyms(sent.span.text))
    names = ctx.people.get(sent.index, [])
    pronouns = {t.lower_ for t in sent.span} & {"he", "she"}  # "her film X": a possessive is someone else's
    sole = names if len(names) == 1 else []  # a pronoun in the sentence that names one person only
    if sole and pronouns and not (pronouns & MALE and pronouns & FEMALE):
        ctx.gender.setdefault(ctx.full_name(sole[0]), Counter())["m" if pronouns & MALE else "f"] += 1
    ctx.saw_people(names)
    _learn_descriptions(sent, ctx)


def _learn_descriptions(sent, ctx: Context) -> None:
    """'the Honeynet Project - a group of security researchers': 'the researchers' and 'the group'
    stand for the Honeynet Project from here on."""
    for tok in sent.span:
        if tok.dep_ != "appos" or tok.pos_ != "NOUN" or tok.head.pos_ != "PROPN":
            continue
        name = np_text(tok.head)
        nouns = [tok] + [o for c in tok.children if c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
        for noun in nouns:
            if noun.pos_ == "NOUN":
                ctx.descriptions.setdefault(noun.lower_, name)
                ctx.descriptions.setdefault(noun.lemma_.lower(), name)


def remember_speakers(sent, ctx: Context, quoted: Covered | None = None) -> None:
    """Note the subjects of the sentence's reporting verbs, and the person the sentence is about;
    words inside the quoted spans (`quoted`: built once per article) are the speaker's, not the
    reporter's, and are passed over."""
    quoted = quoted or Covered(())
    for verb in sentence_speech_verbs(sent.span):
        if _narrates(verb) or quoted(sent.gstart(verb)):
            continue
        subj = subject_of(verb)
        name, is_person = attribution.who(subj, ctx, full=False)
        if name:
            ctx.saw_speaker(name, is_person or ctx.is_person(name))
    subj = next((c for c in sent.span.root.children if c.dep_ == "nsubj"), None)
    if subj is not None and not quoted(sent.gstart(subj)):
        name, is_person = attribution.who(subj, ctx, full=False)
        if name and (is_person or ctx.is_person(name)):
            ctx.subject = (sent.index, name)


def _narrates(verb) -> bool:
    """'The film tells the story of ...': telling a tale is not reporting."""
    return verb.lemma_ == "tell" and any(c.dep_ == "dobj" and c.lemma_ in _TALES for c in verb.children)


_TALES = {"story", "tale", "truth", "lie", "joke"}
