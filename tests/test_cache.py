"""store/cache.py's reconciled stories: kept under the key of their inputs, pending until the build that
reconciled them has written their cross-source files."""

from __future__ import annotations

from generator.models import Story
from generator.store import cache


def test_a_reconciled_story_is_kept_only_once_it_is_settled(tmp_path):
    facts = tmp_path / "facts"
    story = Story(slug="flood", facts=[], texts={})
    cache.keep_story(facts, "key-1", story, ["a correction"])
    assert not cache.story_kept(facts, "flood", "key-1")  # pending: a build stopped now reconciles again
    assert cache.cached_story(facts, "flood", "key-1") is None
    pending = cache.cached_story(facts, "flood", "key-1", pending=True)
    assert pending is not None and pending[0].slug == "flood" and pending[1] == ["a correction"]
    cache.settle_stories(facts, ["flood", "gone-before-it-was-kept"])
    assert cache.story_kept(facts, "flood", "key-1") and not cache.story_kept(facts, "flood", "key-2")
    assert cache.cached_story(facts, "flood", "key-1")[0].slug == "flood"
    assert cache.cached_story(facts, "flood", "key-1", pending=True) is None  # moved, not copied


def test_the_stories_that_are_gone_are_forgotten_settled_or_pending(tmp_path):
    facts = tmp_path / "facts"
    for slug in ("flood", "strike", "vote"):
        cache.keep_story(facts, "key", Story(slug=slug, facts=[], texts={}), [])
    cache.settle_stories(facts, ["flood", "strike"])
    cache.forget_stories(facts, {"flood"})
    kept = sorted(p.suffix for p in (tmp_path / cache.CACHE_DIR / "stories").iterdir())
    assert kept == [".pickle"] and cache.story_kept(facts, "flood", "key")


# ---------------------------------------------------------------- read ahead between builds (factsheet watch)


def kept(facts, slug: str, key: str = "key") -> None:
    cache.keep_story(facts, key, Story(slug=slug, facts=[], texts={}, title=slug.title()), [])
    cache.settle_stories(facts, [slug])


def unpickled(monkeypatch) -> list[int]:
    """A count of the pickle files unpickled from disk from now on."""
    calls: list[int] = []
    real = cache.pickle.load

    def counting(fh):
        calls.append(1)
        return real(fh)

    monkeypatch.setattr(cache.pickle, "load", counting)
    return calls


def test_a_file_read_ahead_is_taken_from_memory_once(tmp_path, monkeypatch):
    facts = tmp_path / "facts"
    kept(facts, "flood")
    cache.read_ahead(facts)
    calls = unpickled(monkeypatch)
    first = cache.cached_story(facts, "flood", "key")
    assert first is not None and first[0].title == "Flood" and calls == []
    second = cache.cached_story(facts, "flood", "key")  # the copy was given away: this one is read
    assert second is not None and second[0] == first[0] and second[0] is not first[0] and calls == [1]


def test_a_file_rewritten_after_it_was_read_ahead_is_read_again(tmp_path, monkeypatch):
    facts = tmp_path / "facts"
    kept(facts, "flood")
    cache.read_ahead(facts)
    cache.keep_story(facts, "key", Story(slug="flood", facts=[], texts={}, title="Flood, again"), [])
    cache.settle_stories(facts, ["flood"])
    calls = unpickled(monkeypatch)
    assert cache.cached_story(facts, "flood", "key")[0].title == "Flood, again" and calls == [1]


def test_a_file_read_ahead_under_another_key_is_no_story(tmp_path, monkeypatch):
    facts = tmp_path / "facts"
    kept(facts, "flood", key="old-key")
    cache.read_ahead(facts)
    calls = unpickled(monkeypatch)
    assert cache.cached_story(facts, "flood", "new-key") is None and calls == []


def test_what_no_build_took_is_dropped(tmp_path, monkeypatch):
    facts = tmp_path / "facts"
    kept(facts, "flood")
    cache.read_ahead(facts)
    cache.drop_read_ahead()
    calls = unpickled(monkeypatch)
    assert cache.cached_story(facts, "flood", "key") is not None and calls == [1]


def test_reading_ahead_an_empty_or_broken_cache_reads_nothing(tmp_path, monkeypatch):
    facts = tmp_path / "facts"
    cache.read_ahead(facts)  # no cache folder at all
    kept(facts, "flood")
    path = next((tmp_path / cache.CACHE_DIR / "stories").glob("*.pickle"))
    path.write_bytes(b"key\nnot a pickle")
    cache.read_ahead(facts)
    assert cache.cached_story(facts, "flood", "key") is None
