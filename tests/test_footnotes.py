"""Footnotes quote a long sentence in part, around the fact, so that a page's size does not grow with
the length of the sentences it cites (issue 17: a run of names with no sentence break)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator import pipeline
from generator.site.citations import NOTE_CHARS, excerpt, footnotes


def test_a_sentence_of_ordinary_length_is_quoted_whole():
    sentence = "The mayor of Tarnville, Oskar Welby, said the bridge would reopen in May."
    assert excerpt(sentence, ("Oskar Welby",)) == sentence


def test_a_long_sentence_is_quoted_around_the_name_and_marked_where_cut():
    words = " ".join(f"word{i}" for i in range(300))
    sentence = f"{words} and Oskar Welby, the harbour master, agreed with {words}."
    quoted = excerpt(sentence, ("Oskar Welby",))
    assert "Oskar Welby, the harbour master" in quoted
    assert quoted.startswith("…") and quoted.endswith("…")
    assert len(quoted) <= NOTE_CHARS + 2
    assert quoted.strip("…") in sentence
    assert not quoted.strip("…").startswith(" ") and "word" in quoted.strip("…").split()[0]


def test_a_long_sentence_without_the_words_is_quoted_from_its_start():
    sentence = "The harbour reopened " + "after the long repairs " * 40
    quoted = excerpt(sentence, ("Oskar Welby",))
    assert quoted.startswith("The harbour reopened") and quoted.endswith("…")


def test_the_first_of_the_names_found_is_the_one_shown():
    sentence = "x " * 400 + "the Welby family " + "y " * 400
    assert "Welby" in excerpt(sentence, ("Oskar Welby", "Welby"))


@given(
    st.lists(st.text(alphabet="abc ,.", min_size=1, max_size=12), min_size=1, max_size=200).map(" ".join),
    st.text(alphabet="abc", min_size=1, max_size=6),
)
def test_an_excerpt_is_a_bounded_piece_of_the_sentence(sentence, near):
    quoted = excerpt(sentence, (near,))
    inner = quoted.removeprefix("…").removesuffix("…")
    assert inner.strip() in sentence
    assert len(quoted) <= NOTE_CHARS + 2
    if len(sentence) <= NOTE_CHARS:
        assert quoted == sentence


def names_article(count: int) -> str:
    """One run of `count` invented distinct names, no sentence break."""
    first = ["Ada", "Ben", "Cara", "Dev", "Elif", "Femi"]
    last = ["Bakari", "Corvin", "Dalmo", "Esteve", "Fulani", "Garro", "Hakimi", "Ilunga"]
    names = [f"{first[i % 6]} {last[(i // 6) % 8]}{'ovi'[: (i // 48) % 4]}" for i in range(count)]
    return "Names\n\nThe list reads " + ", ".join(names) + ".\n"


def test_the_people_index_quotes_each_long_sentence_in_part(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "names.txt").write_text(names_article(180), encoding="utf-8")
    pipeline.build(pipeline.Config(root=tmp_path, build_site=False))
    index = (tmp_path / "docs" / "people.md").read_text(encoding="utf-8")
    notes = footnotes(index)
    assert notes
    for note in notes.values():
        quoted = note.split("“", 1)[1].rsplit("”", 1)[0]
        assert len(quoted) <= NOTE_CHARS + 2
        assert "…" in quoted
