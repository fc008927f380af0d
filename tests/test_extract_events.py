"""The `what` facts: which sentences are main events, how they read, and their time words and days.

Every text here is invented for the test; articles go through the real spaCy model via `extract`.
"""

from __future__ import annotations

import hashlib

import pytest

from generator.extract import extract_article
from generator.extract.when import resolve
from generator.models import Article
from tests.test_extract import assert_cites_hold, extract

FILLER = (
    "The council approved the new budget on Monday. "
    "Officials said the plan would cut waiting times. "
    "The opposition criticised the vote as rushed. "
    "Local businesses welcomed the decision. "
    "Police closed the high street for the march. "
)


def event_with(facts, words: str):
    """The one event whose cited sentence contains words."""
    found = [e for e in facts.what if any(words in c.quote for c in e.cites)]
    assert len(found) == 1, f"{words!r} not found once in {[e.statement for e in facts.what]}"
    return found[0]


def cited(facts) -> list[str]:
    """The sentences the events cite."""
    return [c.quote for e in facts.what for c in e.cites]


# ---------------------------------------------------------------- which sentences


@pytest.mark.parametrize(
    "lead",
    [
        "Thousands of nurses will walk out next month over pay, a union has warned.",
        "Maria Okafor has been named chief executive of the Northbank Group, the company said.",
        "The Riverton dam is to be closed for repairs at the end of the year.",
        "Two of the three finalists in the design prize were Welsh.",
        "It is the end of an era for the Riverton shipyard.",
    ],
    ids=["statement-verb-last", "passive-named", "is-to", "copular", "leaning-present"],
)
def test_the_lead_is_always_an_event(nlp, lead):
    facts = extract(nlp, "Headline about the story\n" + lead + "\n" + FILLER)
    assert lead in cited(facts)


def test_headline_and_caption_are_not_events(nlp):
    text = (
        "The council backs the new budget. | Riverton Herald\n"
        + FILLER
        + "\nCaption: The chamber on Monday.\n"
    )
    article = Article(
        file="story.txt",
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        title="The council backs the new budget.",
    )
    facts = extract_article(article, nlp)
    assert_cites_hold(facts, text)
    quotes = cited(facts)
    assert not any(q.startswith("The council backs") for q in quotes)
    assert not any(q.startswith("Caption") for q in quotes)


def test_a_lead_after_a_dateline_stamp_is_an_event_without_the_stamp(nlp):
    stamp = "RIVERTON, March 9 (Reuters) -"
    text = stamp + " Dockers at the port walked out on Wednesday over pay, the union said.\n" + FILLER
    facts = extract(nlp, text, published="2023-03-09", skip_spans=[(0, len(stamp))])
    event = event_with(facts, "Dockers at the port")
    assert event.cites[0].quote.startswith("Dockers")
    assert event.when_text == "Wednesday"
    assert event.when == "2023-03-08"


def test_reported_statements_and_actions_are_events(nlp):
    text = (
        "The Harbour Trust said it had not received any offer for the site. "
        "Engineers from Delta Works inspected the bridge last week. "
        "The Ministry of Transport has denied that the bridge is unsafe. "
        "The trial of Ivo Kask resumes on Tuesday. "
    )
    quotes = cited(extract(nlp, FILLER + text))
    assert "The Harbour Trust said it had not received any offer for the site." in quotes
    assert "Engineers from Delta Works inspected the bridge last week." in quotes
    assert "The Ministry of Transport has denied that the bridge is unsafe." in quotes
    assert "The trial of Ivo Kask resumes on Tuesday." in quotes  # a timetable, not the timeless present


def test_background_and_running_quotes_are_not_events(nlp):
    text = (
        'Mayor Lena Ortiz said: "We will rebuild the market hall." '
        '"It has stood here for a century and it will stand for another," she said. '
        '"Nobody in this town will be forgotten." '
        '"We start again on Monday. The council has promised to pay," the mayor said. '
        "The firm employs 400 people. "
        "Is the town ready for another flood? "
    )
    quotes = cited(extract(nlp, FILLER + text))
    assert '"Nobody in this town will be forgotten."' not in quotes
    assert not any(q.startswith("The council has promised") for q in quotes)
    assert "The firm employs 400 people." not in quotes
    assert "Is the town ready for another flood?" not in quotes


# ---------------------------------------------------------------- how they read


def test_statement_is_the_whole_sentence_not_a_fragment(nlp):
    sentence = "Governor Tomas Reyes tried to calm the crowd by promising an inquiry into the shooting."
    event = event_with(extract(nlp, sentence + " " + FILLER), "Governor Tomas Reyes")
    assert event.statement == sentence[:-1]


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("No casualty figures were given by the coastguard on Sunday.", "No casualty figures were given"),
        ("The club has not yet paid the fine imposed by the league.", "has not yet paid"),
        ("The minister never signed the export licence.", "never signed"),
    ],
)
def test_negation_is_kept(nlp, sentence, kept):
    event = event_with(extract(nlp, FILLER + sentence), sentence[:20])
    assert kept in event.statement


def test_leading_but_is_dropped_and_the_rest_kept(nlp):
    event = event_with(extract(nlp, FILLER + "But the mayor rejected the report."), "rejected the report")
    assert event.statement == "The mayor rejected the report"


def test_a_repeated_sentence_is_one_event_with_two_cites(nlp):
    repeated = "The Riverton council voted to close the old bridge on Friday."
    facts = extract(nlp, repeated + " " + FILLER + "\n" + repeated)
    event = event_with(facts, "close the old bridge")
    assert len(event.cites) == 2
    assert event.cites[0].start != event.cites[1].start


def test_two_clauses_with_their_own_times_are_two_events(nlp):
    sentence = (
        "The army sealed the border overnight and by late Friday the ministry said the rebels had fled."
    )
    facts = extract(nlp, sentence + " " + FILLER, published="2023-03-10")
    head = event_with(facts, "The army sealed the border overnight")
    tail = event_with(facts, "the ministry said the rebels had fled")
    assert head is not tail
    assert (head.when_text, tail.when_text) == ("overnight", "late Friday")
    assert tail.statement.startswith("By late Friday the ministry said")


def test_a_quotation_with_two_times_stays_one_event(nlp):
    sentence = '"We joined the band in 1977 and in 1978 we toured Japan."'
    assert cited(extract(nlp, sentence)) == [sentence]  # alone, the sentence is the lead


# ---------------------------------------------------------------- time words


@pytest.mark.parametrize(
    ("sentence", "when_text"),
    [
        ("Maria Okafor joined the Northbank Group in 2004.", "2004"),
        ("The Northbank Group lost two big contracts last year.", "last year"),
        ("Two of the winners at this year's Riverton film festival were Welsh.", "this year"),
        ("The singer Ana Lund died in Bergen on Saturday morning.", "Saturday morning"),
        ("Hours later, the Riverton council approved the emergency plan.", "Hours later"),
        ('Mayor Lena Ortiz said on Thursday: "Today we start to rebuild the market."', "Thursday"),
        ("Over the past six months the port handled record cargo volumes.", "Over the past six months"),
    ],
)
def test_when_text_holds_the_time_words_as_written(nlp, sentence, when_text):
    event = event_with(extract(nlp, FILLER + sentence), sentence[:25])
    assert event.when_text is not None
    assert event.when_text.removesuffix("'s") == when_text  # "this year's festival": the possessive may stay


@pytest.mark.parametrize(
    "sentence",
    [
        "Prime Minister Ivo Kask (pictured in 2019) dismissed the cabinet.",
        "Ivo Kask, aged 64, dismissed the cabinet.",
        "The Harbour Trust, which was founded in 1998, dismissed the cabinet of its board.",
        "Ivo Kask, who first took office in 2011, dismissed the cabinet.",
        "Ivo Kask dismissed the cabinet after working with it for many years.",
        "Ivo Kask, sidelined for at least six weeks with an injury, dismissed the cabinet.",
        "Ivo Kask, the politician of the year, dismissed the cabinet.",
        "Ivo Kask dismissed the cabinet, as he does every year.",
        "Ivo Kask dismissed the cabinet and hired advisers by the hour.",
    ],
    ids=[
        "caption-year",
        "age",
        "founding-year",
        "relative-clause",
        "duration",
        "long-duration",
        "award",
        "how-often",
        "rate",
    ],
)
def test_no_date_from_numbers_that_only_look_like_one(nlp, sentence):
    event = event_with(extract(nlp, FILLER + sentence, published="2023-03-10"), "dismissed the cabinet")
    assert event.when_text is None
    assert event.when is None


def test_the_event_time_beats_a_caption_year(nlp):
    sentence = "Prime Minister Ivo Kask (pictured in 2019) on Wednesday dismissed the cabinet."
    event = event_with(extract(nlp, FILLER + sentence, published="2023-03-10"), "dismissed the cabinet")
    assert event.when_text == "Wednesday"
    assert event.when == "2023-03-08"


def test_without_a_publication_date_the_time_words_stay(nlp):
    event = event_with(extract(nlp, FILLER + "The strike began on Tuesday."), "strike began")
    assert event.when_text == "Tuesday"
    assert event.when is None


# ---------------------------------------------------------------- days resolved (2023-03-10 is a Friday)


@pytest.mark.parametrize(
    ("sentence", "when"),
    [
        ("The dockers walked out on Wednesday.", "2023-03-08"),
        ("The dockers walked out last Wednesday.", "2023-03-01"),
        ("The dockers walked out on Friday, 3 March.", "2023-03-03"),
        ("The dockers walked out on 28 December.", "2022-12-28"),
        ("The dockers walked out yesterday.", "2023-03-09"),
        ("Talks with the dockers resume on Tuesday.", "2023-03-14"),
        ("The dockers will vote on Monday.", "2023-03-13"),
        ("The dockers voted on Monday.", "2023-03-06"),
        ("The dockers voted earlier on Thursday to end the strike.", "2023-03-09"),
        ("The dockers' leader says on Thursday that the strike is over.", "2023-03-09"),
    ],
    ids=[
        "weekday",
        "last-weekday",
        "date-beats-weekday",
        "nearest-year",
        "yesterday",
        "timetable",
        "will",
        "past",
        "earlier-on-a-weekday",
        "reported-in-the-present",
    ],
)
def test_days_are_resolved_as_newsrooms_write_them(nlp, sentence, when):
    facts = extract(nlp, sentence, published="2023-03-10")  # alone, the sentence is the lead
    event = event_with(facts, "dockers")
    assert event.when == when


@pytest.mark.parametrize(
    ("when_text", "published", "forward", "day"),
    [
        ("last Monday", "2023-03-13", False, "2023-03-06"),
        ("Monday", "2023-03-13", False, "2023-03-13"),
        ("Monday", "2023-03-13", True, "2023-03-20"),
        ("next Friday", "2023-03-10", False, "2023-03-17"),
        ("2 January", "2022-12-30", False, "2023-01-02"),
        ("January 19", "2022-01-06", False, "2022-01-19"),
        ("4 March 2021", "2023-03-10", False, "2021-03-04"),
        ("last year", "2023-03-10", False, None),
        ("Tuesday", None, False, None),
    ],
)
def test_resolve(when_text, published, forward, day):
    assert resolve(when_text, published, forward) == day
