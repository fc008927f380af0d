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
