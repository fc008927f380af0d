"""The timeline on small invented stories: one action told by several sources merges, different actions do
not, entries are dated and ordered, and a later source that corrects an event (a number, a day, a denial)
leaves both versions on the entry and on the page."""

from __future__ import annotations

import html
import re
from pathlib import Path

from generator.models import ArticleFacts, Entity, Event, Source
from generator.site.render import render_pages
from generator.story.entities import reconcile_entities
from generator.story.events import reconcile_events
from tests.conftest import cite


def article(name: str, *told: tuple[str, str | None], published: str | None = "2031-03-05", who=()) -> tuple:
    """An invented article: its fact file (one event per (sentence, time words)) and its text."""
    text = " ".join(s for s, _ in told)
    what = [
        Event(
            id=f"evt-{name[0]}{i}",
            statement=s.rstrip("."),
            when_text=w,
            when=_day(w, published),
            cites=[cite(text, s)],
        )  # fmt: skip
        for i, (s, w) in enumerate(told)
    ]
    facts = ArticleFacts(
        source=Source(file=name, sha256="0" * 64, published=published), what=what, who=list(who)
    )
    return facts, text


def _day(words: str | None, published: str | None) -> str | None:
    """The day the extractor gives an event of a dated article (2031-03-05 is a Wednesday)."""
    days = {
        "monday": "2031-03-03",
        "tuesday": "2031-03-04",
        "wednesday": "2031-03-05",
        "sunday": "2031-03-02",
    }
    if not published or not words:
        return None
    return next((d for k, d in days.items() if k in words.lower()), None)


def timeline(*articles: tuple, entities=True):
    """The story's timeline entries."""
    facts = [af for af, _ in articles]
    texts = {af.source.file: t for af, t in articles}
    return reconcile_events(facts, reconcile_entities(facts) if entities else (), texts)


def test_one_action_told_in_other_words_by_two_sources_is_one_entry():
    a = article("a.txt", ("Rebels seized the northern airport on Monday, witnesses said.", "on Monday"))
    b = article("b.txt", ("On Monday, the northern airport was seized by the rebels.", "On Monday"))
    (entry,) = timeline(a, b)
    assert [r.source for r in entry.reports] == ["a.txt", "b.txt"]
    assert entry.when == "2031-03-03" and entry.difference is None


def test_different_actions_on_one_day_stay_apart():
    a = article("a.txt", ("Police fired tear gas at protesters in the square on Monday.", "on Monday"))
    b = article("b.txt", ("Protesters set fire to three police cars near the square on Monday.", "on Monday"))
    assert len(timeline(a, b)) == 2


def test_the_same_words_said_of_two_different_actors_stay_apart():
    def body(name: str, text: str) -> Entity:
        at = (text.index(name), text.index(name) + len(name))
        return Entity(id=f"ent-{name[:4].lower()}", name=name, kind="organisation", mentions=[at],
                      cites=[cite(text, text)])  # fmt: skip

    one = "The Ruritanian Senate is following developments very closely."
    two = "The Freedonian Senate is following developments very closely."
    a, b = article("a.txt", (one, None)), article("b.txt", (two, None))
    assert len(timeline(a, b)) == 1  # names are no content words: without entities nothing tells them apart
    a[0].who.append(body("Ruritanian Senate", one))
    b[0].who.append(body("Freedonian Senate", two))
    assert len(timeline(a, b)) == 2


def test_entries_are_ordered_by_day_and_part_of_day_and_an_undated_articles_weekday_is_inferred():
    a = article(
        "a.txt",
        ("The curfew was lifted late on Tuesday.", "late on Tuesday"),
        ("Talks began early Tuesday in the capital.", "early Tuesday"),
        ("The country has long relied on imported grain.", None),
    )
    undated = article(
        "b.txt", ("March 5, 2031. Shops reopened on Monday in the port.", "on Monday"), published=None
    )
    entries = timeline(a, undated)
    assert [e.statement[:12] for e in entries] == [
        "March 5, 203",
        "Talks began ",
        "The curfew w",
        "The country ",
    ]
    assert (entries[0].when, entries[0].when_inferred) == ("2031-03-03", True)
    assert entries[1].when_part == "early" and not entries[1].when_inferred
    assert entries[-1].when is None  # no time words: not put on the article's day


def test_a_later_source_with_another_number_corrects_the_entry_and_keeps_both():
    a = article("a.txt", ("Police arrested 40 protesters in the main square on Monday.", "on Monday"))
    b = article("b.txt", ("Police arrested 60 protesters in the main square on Monday.", "on Monday"),
                published="2031-03-06")  # fmt: skip
    (entry,) = timeline(a, b)
    assert entry.difference == "number"
    assert entry.statement.startswith("Police arrested 60")  # the latest version leads
    assert [r.source for r in entry.reports] == ["b.txt", "a.txt"]


def test_the_same_number_written_in_words_is_no_correction():
    a = article("a.txt", ("Police arrested eight protesters in the main square on Monday.", "on Monday"))
    b = article("b.txt", ("Police arrested 8 protesters in the main square on Monday.", "on Monday"))
    (entry,) = timeline(a, b)
    assert entry.difference is None


def test_a_later_source_with_another_day_corrects_the_date():
    a = article("a.txt", ("The finance minister resigned from the cabinet on Monday.", "on Monday"))
    b = article("b.txt", ("The finance minister resigned from the cabinet on Sunday.", "on Sunday"),
                published="2031-03-06")  # fmt: skip
    (entry,) = timeline(a, b)
    assert entry.difference == "date" and entry.when == "2031-03-02"
    assert {r.when for r in entry.reports} == {"2031-03-02", "2031-03-03"}


def test_an_action_done_again_on_another_day_is_two_entries():
    a = article("a.txt", ("Police fired tear gas at protesters in the square on Monday.", "on Monday"))
    b = article(
        "b.txt", ("Police again fired tear gas at protesters in the square on Tuesday.", "on Tuesday")
    )
    assert len(timeline(a, b)) == 2


def test_a_later_denial_is_a_correction_showing_both():
    a = article("a.txt", ("Troops opened fire on protesters outside the parliament.", None))
    denial = "Troops never opened fire on protesters outside the parliament, the army said."
    b = article("b.txt", (denial, None), published="2031-03-06")
    (entry,) = timeline(a, b)
    assert entry.difference == "denial" and "never" in entry.statement


def test_the_timeline_page_shows_every_version_of_a_corrected_event_with_its_citation(tmp_path: Path):
    a = article("a.txt", ("Police arrested 40 protesters in the main square on Monday.", "on Monday"))
    b = article("b.txt", ("Police arrested 60 protesters in the main square on Monday.", "on Monday"),
                published="2031-03-06")  # fmt: skip
    facts, texts = [a[0], b[0]], {a[0].source.file: a[1], b[0].source.file: b[1]}
    paths = render_pages(facts, texts, tmp_path)
    page = next(p for p in paths if p.name == "timeline.md").read_text(encoding="utf-8")
    (entry,) = re.findall(r"^- .*corrected.*$", page, re.M)
    assert "Sources differ on the number:** Police arrested 60" in entry
    versions = [html.unescape(v) for v in re.findall(r"^    - (.*)$", page, re.M)]
    assert len(versions) == 2 and "60 protesters" in versions[0] and "40 protesters" in versions[1]
    assert (
        "Source 2, published Thu 6 Mar 2031" in versions[0]
        and "Source 1, published Wed 5 Mar 2031" in versions[1]
    )
    assert all(v.count('class="footnote-ref"') == 1 for v in versions)  # each version cites its sentence
