"""Page furniture (generator/ingest/furniture.py): found by line patterns and by repetition, on invented
articles; kept out of the sentences facts are read from, its offsets those of the unchanged text."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.extract import extract_article
from generator.extract.parse import chunks
from generator.ingest.furniture import find_furniture
from generator.ingest.seeds import read_article
from generator.models import NAMES_READ
from tests.conftest import FURNITURE_ARTICLE, FURNITURE_SHOWN

BODY = "Officials said 40 homes were flooded when the river burst its banks in Riverton on Tuesday."


def found(text: str) -> list[tuple[str, str]]:
    """(kind, text) of each piece of furniture in text."""
    return [(p.kind, text[p.start : p.end]) for p in find_furniture(text)]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Get it on Google Play", "store badge"),
        ("Download on the App Store", "store badge"),
        ("Stay tuned with Riverside 7 HD Android App", "app banner"),
        ("Download the Valley Post app", "app banner"),
        ("Follow us on Twitter", "social"),
        ("Follow Valley Post on Telegram", "social"),
        ("Share this article", "social"),
        ("Share | Tweet | Email", "social"),
        ("Sign up for our morning newsletter", "social"),
        ("Advertisement", "advert"),
        ("Story continues below advertisement", "advert"),
        ("Read more: Floods in the valley", "link"),
        ("Click here to see the map", "link"),
        ("Read the full statement here", "link"),
        ("In pictures: Floods hit Riverton", "gallery heading"),
        ("Caption: Flood water in the main square.", "caption"),
        ("Flood water rises in the main square (Jane Roe/Example Wire)", "caption"),
        ("Rescuers carry a child to a boat [Stringer/Reuters]", "caption"),
        ("Sandbags on the quay (AP Photo/Jane Roe)", "caption"),
        ("(Jane Roe / AP)", "caption"),
    ],
)
def test_line_patterns_find_each_kind(line, kind):
    text = f"Floods in Riverton\n\n{BODY}\n\n{line}\n\n{BODY} Residents left.\n"
    assert found(text) == [(kind, line)]


@pytest.mark.parametrize(
    "line",
    [
        "The minister said the app would open next week and thousands had signed up for updates.",
        "Residents followed the river on foot to the old mill.",
        "Police said 20 people died. (Example/Wire)",  # a sentence with a credit is not a caption
        "The figures came from the ministry (MoI/Police)",  # a slash in brackets is not a credit
        "Read the report, the mayor told the council, before you vote.",
        "Related to the floods, a second storm is expected.",
        "Pictures of the flood spread online, and the mayor shared several.",
    ],
)
def test_prose_is_not_furniture(line):
    assert found(f"Floods in Riverton\n\n{BODY}\n\n{line}\n") == []


def test_a_link_out_after_the_last_sentence_is_furniture_the_sentence_is_not():
    line = "We stand with Riverton. Read the full statement 👉 https://t.co/abc123"
    text = f"Floods\n\n{BODY}\n\n{line}\n"
    assert found(text) == [("link", "Read the full statement 👉 https://t.co/abc123")]
    assert found(f"Floods\n\n{BODY} https://x.test/more\n") == [("link", "https://x.test/more")]


def test_a_gallery_heading_repeated_on_every_slide_is_furniture_the_slides_are_not():
    slides = [
        "Water rises Officials said 40 homes",
        "Boats out Rescuers took 12 people",
        "Clean-up The army sent 300",
    ]
    text = "Floods\n\n" + "\n\n".join(f"In pictures: Riverton under water {s} were reached." for s in slides)
    assert found(text) == [("gallery heading", "In pictures: Riverton under water")] * 3


def test_an_opening_repeated_three_times_without_a_label_is_a_repeated_heading():
    text = "Floods\n\n" + "\n\n".join(
        f"Live from the valley floor {w} said the water was rising."
        for w in ("Police", "Residents", "Farmers")
    )
    assert found(text) == [("repeat", "Live from the valley floor")] * 3


@pytest.mark.parametrize(
    "openings",
    [
        [
            "The minister said that the dam",
            "The minister said that the road",
            "The minister said that the bridge",
        ],
        ["I agree with Jane Roe", "I agree with Mr Roe", "I agree with Dr Roe"],  # ends on a function word
        ["The storm hit Riverton", "The storm hit Millbrook"],  # twice is not a pattern
        ["Floods. The water rose", "Floods. The water fell", "Floods. The water stayed"],  # a sentence
    ],
)
def test_openings_that_read_as_prose_are_not_headings(openings):
    text = "Floods\n\n" + "\n\n".join(f"{o} on Tuesday, officials said." for o in openings)
    assert found(text) == []


def test_a_line_said_before_is_a_repeat_the_first_time_is_not():
    text = (
        "Rivers rise in Riverton\n\nRivers rise in Riverton\n\nCaption: Rivers rise in Riverton.\n\n" + BODY
    )
    assert found(text) == [
        ("repeat", "Rivers rise in Riverton"),
        ("repeat", "Caption: Rivers rise in Riverton."),
    ]


def test_pieces_are_spans_of_the_unchanged_text_and_never_overlap():
    text = "  Floods  \n\n  Get it on Google Play  \n\nIn pictures: Floods hit Riverton\n\n" + BODY
    pieces = find_furniture(text)
    assert [text[p.start : p.end] for p in pieces] == [
        "Get it on Google Play",
        "In pictures: Floods hit Riverton",
    ]
    assert all(a.end <= b.start for a, b in zip(pieces, pieces[1:], strict=False))


def test_chunks_leave_the_unread_spans_out_and_keep_offsets():
    text = (
        "Head\n\nIn pictures: Riverton under water Officials said 40 homes flooded.\nGet it on Google Play\n"
    )
    heading = text.index("In pictures")
    badge = text.index("Get it")
    got = list(chunks(text, [(heading, heading + 33), (badge, badge + 21)]))
    assert [(off, piece) for off, piece in got if piece.strip()] == [
        (0, "Head"),
        (heading + 33, " Officials said 40 homes flooded."),
    ]
    assert all(text[off : off + len(piece)] == piece for off, piece in got)


@pytest.fixture(scope="module")
def flood_facts(nlp, tmp_path_factory):
    """The invented article read from a seed file and its facts."""
    path = Path(tmp_path_factory.mktemp("furniture")) / "floods.txt"
    path.write_text(FURNITURE_ARTICLE, encoding="utf-8")
    article = read_article(path, "floods.txt")
    return article, extract_article(article, nlp)


def test_no_fact_cites_furniture_and_the_sentences_are_cut_from_the_headings(flood_facts):
    article, af = flood_facts
    unread = [(f.start, f.end) for f in af.source.furniture if f.kind not in NAMES_READ]
    facts = [*af.who, *af.what, *af.figures, *af.quotes]
    cites = [c for fact in facts for c in fact.cites]
    assert cites and all(article.text[c.start : c.end] == c.quote for c in cites)
    assert not any(a < c.end and c.start < b for c in cites for a, b in unread)
    assert not any("In pictures" in c.quote or "Google" in c.quote for c in cites)
    assert {f.value_text for f in af.figures} >= {"45", "12", "300"}


def test_banner_names_the_site_caption_names_the_photographer_the_badge_names_nobody(flood_facts):
    _, af = flood_facts
    names = {e.name: e.kind for e in af.who}
    assert names.get("Riverside 7 HD") == "organisation"
    assert names.get("Jane Roe") == "person"
    assert not any("Google" in n for n in names)
    figures_in_captions = [f for f in af.figures if "main square" in f.cites[0].quote]
    assert figures_in_captions == []


def test_the_fact_file_records_the_furniture_and_the_publisher_it_names(flood_facts):
    article, af = flood_facts
    kinds = [f.kind for f in af.source.furniture]
    assert kinds == ["app banner", "store badge", *["gallery heading"] * 3, "caption", "link"]
    assert (af.source.publisher, af.source.via, af.source.type) == (
        "Example Wire",
        "Riverside 7 HD",
        "agency",
    )
    assert [article.text[f.start : f.end] for f in af.source.furniture] == FURNITURE_SHOWN


SPACES = " " * 20_000


@pytest.mark.parametrize(
    ("line", "kinds"),
    [
        (f"Share{SPACES}x", []),
        (f"We stand. Read more{SPACES}x", []),
        (f"Calm.{SPACES}https://x.test/a{SPACES}y", []),
        (f"Stay tuned with{SPACES}Example App", ["app banner"]),
        (f"Stay tuned with Example{SPACES}Valley App", []),  # a name's words are one space apart
        (f"Smoke rises (Jane{SPACES}Roe/AP)", []),
        (f"In pictures:{SPACES}Floods", ["gallery heading"]),
        (f"Get it on{SPACES}Google Play", ["store badge"]),
    ],
)
def test_lines_flooded_with_spaces_are_read_in_linear_time(line, kinds):
    """No two whitespace quantifiers meet in a furniture pattern (a line of spaces would cost quadratic
    time, on every build)."""
    text = f"Floods\n\n{line}\n\n{BODY}\n"
    assert [p.kind for p in find_furniture(text)] == kinds
