"""What happened: the main events of an article, one per sentence that reports one, with its time words.

A news article tells its events in the lead and in the reported actions and statements that follow;
the background (what a company does, what a law says), quotations running on from the previous
sentence and the reporter's asides are not events. Each sentence gets a score from its place and its
main clause (who acts, in which tense, with which verb); the best are kept, the lead always.
The statement is the whole sentence, so negation and qualifiers stay as the article wrote them;
two coordinated clauses with their own subjects and their own times are two events (timed_clauses).
A dateline stamp before the lead is cut off its cite; repeated sentences are one event, several cites.
"""

from __future__ import annotations

import dataclasses
import re

from rapidfuzz import fuzz

from generator.extract import when as timing
from generator.extract.parse import skipped
from generator.extract.syntax import SPEECH_VERBS, subject_of
from generator.models import Article, Event
from generator.text.ids import stable_id

MAX_EVENTS = 20
MIN_EVENTS = 5
THRESHOLD = 2
# Subjects that point back to something said before: the sentence leans on its neighbour.
LEANING = {"it", "this", "that", "these", "those", "i", "we", "you", "there"}
# Modals and auxiliaries that put the action in the past, the future or the hypothetical.
EVENT_AUX = set(
    "has have had will would could can may might shall should must 's 've 'll wo did was were been be".split()
)
NOT_AN_EVENT = -9  # the score of a question or of a sentence without a verb
_CONNECTIVE = re.compile(r"^(but|and|however|meanwhile)\b,?\s+", re.I)
OPENING = '"\u201c\u00ab'  # a sentence that opens with these starts a quotation
_CAPTION = re.compile(r"^(image |photo |picture )?(caption|photo|picture|image)\s*:", re.I)
SAME = 90  # rapidfuzz ratio above which two sentences tell the same event


def main_verb(span):
    """The verb of the reported action: the root, or what a reporting root reports."""
    root = span.root
    if root.lemma_.lower() in SPEECH_VERBS:
        inner = [c for c in root.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")]
        if inner:
            return inner[0]
    if root.pos_ in ("VERB", "AUX"):
        return root
    # a misparsed root ('tested positive' read as an adjective): its nearest verb below
    below = [t for t in root.subtree if t.pos_ in ("VERB", "AUX") and t.tag_ != "VBG"]
    return min(below, key=lambda t: abs(t.i - root.i)) if below else None


def headline(article: Article, sent) -> bool:
    """True for the headline, captions and subheads: short lines without a sentence's final stop."""
    text = article.text[sent.start : sent.end].strip()
    line_start = article.text.rfind("\n", 0, sent.start) + 1
    line_end = article.text.find("\n", sent.end)
    line = article.text[line_start : line_end if line_end >= 0 else None]
    if article.title and line.strip().startswith(article.title.strip()) or _CAPTION.match(text):
        return True  # the headline, also with a ' | Site' suffix
    at_line_end = not article.text[sent.end : line_end if line_end >= 0 else None].strip()
    return (
        at_line_end
        and not text.rstrip("\"'\u201d\u2019)").endswith((".", "!", "?"))
        and len(text.split()) < 12
    )


def quoted_only(span) -> bool:
    """True for a sentence of a quotation with no one saying it, or one that runs on from before."""
    text = span.text.strip()
    if _continues_quote(text):
        return True
    if text[:1] not in OPENING:
        return False
    return not any(
        t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB" and not timing.inside_quotes(t) for t in span
    )


def _continues_quote(text: str) -> bool:
    """True when the sentence's first quotation mark closes a quotation opened before it."""
    first = next((i for i, c in enumerate(text) if c in '"\u201c\u201d'), None)
    if first is None or first == 0:
        return False
    if text[first] != '"':
        return text[first] == "\u201d"
    after = text[first + 1 : first + 2]
    return not text[first - 1].isspace() and (not after or after.isspace() or after in ",.;:)")


def clause(sent) -> tuple:
    """The main verb of a sentence and the time expression of its event (either may be None)."""
    verb = main_verb(sent.span)
    return verb, timing.time_expression(sent.span, verb, sent.start - sent.offset)


def score(sent, rank: int, verb, expr) -> int:
    """How much a sentence reads like a main event (higher is more), given its clause()."""
    span = sent.span
    text = span.text.strip()
    if text.rstrip("\"'\u201d\u2019").endswith("?"):
        return NOT_AN_EVENT
    if verb is None:
        return NOT_AN_EVENT
    points = 3 if rank == 0 else (1 if rank < 3 else 0)
    if text[:1].islower():
        points -= 2  # the tail of a sentence the parser cut in two ('...?" he asked in a webcast')
    tense = _tense_points(verb, span.root)
    points += tense + _subject_points(span.root, verb)
    if quoted_only(span):
        points -= 3
    elif span[0].text[:1] in OPENING:
        points -= 1  # an attributed quotation: a statement, seldom the event itself
    if expr is not None:
        # a present with a day is a timetable ('the trial resumes on Monday'), not the timeless present
        points += 2 if tense < 0 and timing.names_a_day(expr.text) else 1
    return points


def _tense_points(verb, root) -> int:
    """Past, perfect, future and passive actions count; the timeless present does not."""
    verbs = {verb, root, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))}
    aux = {c.lower_ for v in verbs for c in v.children if c.dep_ in ("aux", "auxpass")}
    if root.tag_ == "VBD" or verb.tag_ == "VBD" or aux & EVENT_AUX:
        return 2
    if verb.tag_ == "VBN" or (aux and verb.tag_ in ("VB", "VBG")) or _bound_to(verb):
        return 1
    return -1  # 'The firm employs 500 people': what is, not what happened


def _bound_to(verb) -> bool:
    """'is to end', 'has yet to act', 'is set to': a present that announces an action."""
    if verb.lemma_.lower() not in ("be", "have", "set", "due"):
        return False
    return any(c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children) for c in verb.children)


def _subject_points(root, verb) -> int:
    """A named or described actor counts; a subject that leans on the previous sentence does not."""
    subj = subject_of(root) or subject_of(verb)
    if subj is None:
        return 0 if any(c.dep_ == "expl" for c in root.children) else -1
    if subj.dep_ == "expl" or subj.lower_ == "it" and any(c.dep_ == "ccomp" for c in subj.head.children):
        return 0  # 'It emerged that...', 'There were...': the event is in the clause
    if subj.lower_ in LEANING:
        return -2
    if subj.pos_ == "PRON":
        return 0
    return 1 if subj.pos_ == "PROPN" or subj.ent_type_ or any(t.ent_type_ for t in subj.subtree) else 0


def statement(article: Article, sent) -> str:
    """The sentence as the article wrote it, without a leading 'But'/'However,' or the final stop."""
    text = " ".join(article.text[sent.start : sent.end].split())
    text = _CONNECTIVE.sub("", text, count=1)
    text = text[:-1] if text.endswith(".") else text
    return text[:1].upper() + text[1:]


def select(scored: list[tuple[int, object]]) -> list:
    """The sentences to keep: the lead, every one at or above the threshold, at most MAX_EVENTS."""
    ranked = sorted(scored, key=lambda p: (-p[0], p[1].index))
    keep = [s for points, s in ranked if points >= THRESHOLD][:MAX_EVENTS]
    if len(keep) < MIN_EVENTS:
        keep = [s for points, s in ranked if points >= 0][:MIN_EVENTS]
    lead = scored[0] if scored else None
    if lead is not None and lead[0] > NOT_AN_EVENT and lead[1] not in keep:
        keep = [lead[1], *keep[: MAX_EVENTS - 1]]  # the lead is the story's main event
    return sorted(keep, key=lambda s: s.index)


def after_stamp(article: Article, sent):
    """The sentence, or its part after a dateline stamp ('RIVERTON, March 9 (Reuters) - ...'),
    or None when metadata takes all of it."""
    if not skipped(article, sent):
        return sent
    stamp_end = max((b for a, b in article.skip_spans if a <= sent.start < b), default=sent.end)
    rest = article.text[stamp_end : sent.end]
    start = stamp_end + len(rest) - len(rest.lstrip(" \t-\u2013\u2014:"))
    if len(article.text[start : sent.end].split()) < 4:
        return None
    return dataclasses.replace(sent, start=start)


def event_of(article: Article, sent, expr) -> Event:
    """The event a sentence reports, with its time words (expr) and day."""
    when_text = expr.text if expr is not None else None
    forward = expr is not None and timing.future_context(expr)
    key = article.text[sent.start : sent.end]
    return Event(
        id=stable_id("evt", key),
        statement=statement(article, sent),
        when=timing.resolve(when_text, article.published, forward),
        when_text=when_text,
        cites=[sent.cite(article.text)],
    )


def timed_clauses(sent, expr) -> list[tuple]:
    """(part, time) for each event of a sentence: two coordinated main clauses, each with its own
    subject and its own time ('X happened overnight and by late Thursday Y said Z'), are two events."""
    root = sent.span.root
    conj = next((c for c in root.children if c.dep_ == "conj" and _has_subject(c)), None)
    before = conj.left_edge.i - 1 if conj is not None else -1  # the 'and' just before the clause
    cc = sent.span.doc[before] if before > root.i and sent.span.doc[before].pos_ == "CCONJ" else None
    if cc is None or cc.i - 1 <= sent.span.start or cc.i + 1 >= sent.span.end - 1 or timing.inside_quotes(cc):
        return [(sent, expr)]  # no second clause, or one inside a quotation: the speaker's words stay whole
    times = timing.candidates(sent.span, sent.start - sent.offset)
    first = [t for t in times if t.end <= cc.i and timing.depth(t, root) is not None]
    second = [t for t in times if t.start > cc.i and timing.depth(t, conj) is not None]
    if not first or not second or first[0].text == second[0].text:
        return [(sent, expr)]
    last = sent.span.doc[cc.i - 1]
    last = last if last.text != "," else sent.span.doc[cc.i - 2]
    head = dataclasses.replace(sent, end=sent.gend(last))
    tail = dataclasses.replace(sent, start=sent.gstart(sent.span.doc[cc.i + 1]))
    return [(head, first[0]), (tail, second[0])]


def _has_subject(verb) -> bool:
    """True for a verb with its own subject: the head of a clause, not a shared-subject conjunct."""
    return verb.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def events_of(article: Article, sentences) -> list[Event]:
    """Events of the article: its main sentences, duplicates merged into one event with several cites."""
    trimmed = [after_stamp(article, s) for s in sentences]
    body = [s for s in trimmed if s is not None and not headline(article, s)]
    clauses = {s.index: clause(s) for s in body}
    chosen = select([(score(s, rank, *clauses[s.index]), s) for rank, s in enumerate(body)])
    out: list[Event] = []
    parts = [part for sent in chosen for part in timed_clauses(sent, clauses[sent.index][1])]
    for sent, expr in parts:
        event = event_of(article, sent, expr)
        same = next((e for e in out if fuzz.ratio(e.statement, event.statement) >= SAME), None)
        if same is None:
            out.append(event)
        else:
            same.cites.append(event.cites[0])
            same.when_text = same.when_text or event.when_text
            same.when = same.when or event.when
    return out
