"""The briefing a story's home page opens with (story/briefing.py), on invented stories: key figures
ranked by the kind of quantity and not by how many sources mention it, a lead made of the sources'
own sentences, when and where; and the story file that sets a title and summary."""

from __future__ import annotations

import pytest

from generator.errors import IngestError
from generator.ingest.storyfile import read_story_files
from generator.models import ArticleFacts, Cite, Entity, Event, Figure, Source
from generator.story import briefing, make_story

ORBIA = (
    "Floods swept through the river towns of Orbia on Monday, officials said. "
    "At least 14 people were killed and more than 200 were injured, the interior ministry said. "
    '"We have never seen water like this," said the mayor, Ana Brel. '
    "Orbia has a population of 3 million. "
    "The dam was built in 1962."
)
GAZETTE = (
    "Rescue teams reached the flooded towns of Orbia on Tuesday. "
    "Orbia, a nation of 3 million, asked its neighbours for boats. "
    "The death toll rose to 21 by Tuesday evening, the ministry said."
)


def _cite(text: str, quote: str) -> Cite:
    start = text.index(quote)
    return Cite(quote=quote, start=start, end=start + len(quote))


def _sentence(text: str, beginning: str) -> Cite:
    start = text.index(beginning)
    return _cite(text, text[start : text.index(".", start) + 1])


def _fig(text, beginning, value, value_text, counts, subject, event, unit="people", **kw) -> Figure:
    return Figure(
        id=f"fig-{value}-{subject}",
        value=value,
        value_text=value_text,
        qualifier=kw.pop("qualifier", "exact"),
        unit=unit,
        counts=counts,
        subject=subject,
        event=event,
        cites=[_sentence(text, beginning)],
        **kw,
    )


def _event(text, beginning, when=None) -> Event:
    c = _sentence(text, beginning)
    return Event(id=f"evt-{c.start}", statement=c.quote.rstrip("."), when=when, cites=[c])


def _orbia_story():
    a = ArticleFacts(
        source=Source(file="a.txt", sha256="a" * 64, publisher="Orbia Times", published="2031-05-05"),
        who=[
            Entity(id="ent-orbia", name="Orbia", kind="place", mentions=[], cites=[_cite(ORBIA, "Orbia")]),
        ],
        what=[
            _event(ORBIA, "Floods swept", "2031-05-05"),
            _event(ORBIA, '"We have never', "2031-05-05"),
        ],
        figures=[
            _fig(
                ORBIA,
                "At least 14",
                14,
                "At least 14",
                "people killed",
                "people",
                "kill",
                qualifier="at_least",
            ),
            _fig(ORBIA, "At least 14", 200, "more than 200", "people injured", "people", "injure"),
            _fig(ORBIA, "Orbia has", 3_000_000, "3 million", "population of Orbia", "people", None),
            _fig(ORBIA, "The dam", 1962, "1962", "year dam built", None, None, unit="year", kind="year"),
        ],
    )
    b = ArticleFacts(
        source=Source(file="b.txt", sha256="b" * 64, publisher="Gazette", published="2031-05-06"),
        who=[Entity(id="ent-orbia2", name="Orbia", kind="place", cites=[_cite(GAZETTE, "Orbia")])],
        what=[_event(GAZETTE, "Rescue teams", "2031-05-06")],
        figures=[
            _fig(GAZETTE, "Orbia, a nation", 3_000_000, "3 million", "population of Orbia", "people", None),
            _fig(
                GAZETTE,
                "The death toll",
                21,
                "21",
                "people killed",
                "people",
                "kill",
                as_of="by Tuesday evening",
            ),
        ],
    )
    return make_story("", [a, b], {"a.txt": ORBIA, "b.txt": GAZETTE})


def test_the_toll_and_the_injured_outrank_a_figure_more_sources_mention():
    story = _orbia_story()
    keys = briefing.key_figures(story, 3)
    kinds = [briefing.quantity_kind(g) for g in keys]
    assert kinds[:2] == ["killed", "injured"], [g.counts for g in keys]
    population = next(g for g in story.figures if g.counts.startswith("population"))
    assert len({r.source for r in population.reports}) == 2  # two sources, still not first


def test_a_year_ranks_after_every_other_figure():
    story = _orbia_story()
    ranked = briefing.key_figures(story, len(story.figures))
    assert ranked[-1].unit == "year"


def test_the_latest_toll_is_the_later_report():
    story = _orbia_story()
    toll = briefing.key_figures(story, 1)[0]
    assert briefing.latest(toll).value == 21


@pytest.mark.parametrize(
    "counts,unit,kind",
    [
        ("civilians who died in the blast", "people", "killed"),
        ("soldiers wounded", "people", "injured"),
        ("protesters arrested in the capital", "people", "detained"),
        ("families evacuated from the valley", "families", "displaced"),
        ("cost of the new bridge", "GBP", "money"),
        ("goals scored this season", "goals", None),
    ],
)
def test_kinds_of_quantity_from_what_is_counted(counts, unit, kind):
    group = _orbia_story().figures[0].model_copy(update={"counts": counts, "unit": unit})
    assert briefing.quantity_kind(group) == kind


def test_the_lead_is_made_of_the_sources_own_sentences_in_order_of_time():
    story = _orbia_story()
    lead = briefing.lead(story)
    assert 2 <= len(lead) <= briefing.LEAD_SENTENCES
    for s in lead:
        assert story.texts[s.source][s.cite.start : s.cite.end] == s.cite.quote  # extractive, cited
    whens = [s.when or "9999" for s in lead]
    assert whens == sorted(whens)
    assert any("death toll" in s.cite.quote for s in lead)  # the headline figure's sentence


def test_a_quotation_is_not_a_lead_sentence():
    lead = briefing.lead(_orbia_story())
    assert not any(s.cite.quote.startswith('"') for s in lead)


def test_when_and_where():
    story = _orbia_story()
    assert briefing.when_span(story) == ("2031-05-05", "2031-05-06")
    assert briefing.where(story) == ["Orbia"]


# ---------------------------------------------------------------- story.yaml


def test_story_file_sets_title_and_summary(tmp_path):
    (tmp_path / "seeds" / "floods").mkdir(parents=True)
    (tmp_path / "seeds" / "floods" / "story.yaml").write_text(
        "title: Floods in Orbia\nsummary: Rivers burst their banks in May.\n", encoding="utf-8"
    )
    fields = read_story_files(tmp_path / "seeds")
    assert (fields["floods"].title, fields["floods"].summary) == (
        "Floods in Orbia",
        "Rivers burst their banks in May.",
    )


def test_every_problem_of_every_story_file_is_listed_with_its_line(tmp_path):
    seeds = tmp_path / "seeds"
    (seeds / "floods").mkdir(parents=True)
    (seeds / "story.yaml").write_text("title: [a, b]\nheadline: x\n", encoding="utf-8")
    (seeds / "floods" / "story.yaml").write_text("summary: ''\n", encoding="utf-8")
    with pytest.raises(IngestError) as err:
        read_story_files(seeds)
    message = str(err.value)
    assert "3 problem(s)" in message
    assert "seeds/story.yaml: line 1: title: expected text, got seq" in message
    assert "seeds/story.yaml: line 2: headline: unknown key (allowed: title, summary)" in message
    assert "seeds/floods/story.yaml: line 1: summary: empty" in message


def test_a_story_file_that_is_not_a_mapping(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "story.yaml").write_text("- a title\n", encoding="utf-8")
    with pytest.raises(
        IngestError, match=r"seeds/story.yaml: line 1: expected a mapping with keys title, summary"
    ):
        read_story_files(tmp_path / "seeds")


def test_a_count_of_everyone_leads_one_of_a_narrower_group_and_both_come_before_the_injured():
    story = _orbia_story()
    toll = next(g for g in story.figures if g.counts == "people killed")
    police = toll.model_copy(
        update={"id": "grp-police", "counts": "police officers killed", "scope": "security forces"}
    )
    story.figures = [police, *story.figures]
    keys = [g.counts for g in briefing.key_figures(story, 3)]
    assert keys == ["people killed", "police officers killed", "people injured"]
