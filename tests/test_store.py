"""store/: the one atomic writer (modes, unchanged files) and the one YAML dialect."""

from __future__ import annotations

import os
import stat

from generator.models import ArticleFacts, Source
from generator.store import facts, yaml
from generator.store.atomic import write_atomic


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_new_files_get_the_umask_mode_not_0600(tmp_path):
    """A fact file written for the first time is readable as any new file is (mkstemp makes 0600)."""
    path = facts.write_article_facts(
        tmp_path, ArticleFacts(source=Source(file="kz/001.txt", sha256="0" * 64), extractor="x")
    )
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~_umask()


def test_replaced_file_keeps_its_mode_and_unchanged_file_is_not_touched(tmp_path):
    path = tmp_path / "a" / "b.txt"
    assert write_atomic(path, "one\n")
    path.chmod(0o640)
    assert write_atomic(path, b"two\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    inode = path.stat().st_ino
    assert write_atomic(path, "two\n") is False
    assert path.stat().st_ino == inode
    assert [p.name for p in path.parent.iterdir()] == ["b.txt"]  # no temporary file left


def test_yaml_dialect_keeps_order_unicode_and_writes_no_aliases():
    shared = {"name": "Łukaszenka"}
    text = yaml.dump({"z": (1, 2), "a": [shared, shared], "long": "x " * 100})
    assert text.index("z:") < text.index("a:")
    assert "Łukaszenka" in text and "&" not in text and "*" not in text
    assert len(text.splitlines()) == 7  # the long string is one line; the tuple is a list
    assert yaml.load(text) == {"z": [1, 2], "a": [shared, shared], "long": "x " * 100}


def _entry(text: str):
    from generator.store import changes

    return changes.ChangeEntry(
        seeds="abc", added=[changes.FactChange(id="fig-1", source="a.txt", section="figures", text=text)]
    )


def test_a_journal_left_by_a_killed_build_is_completed_once(tmp_path, monkeypatch):
    from generator.store import changes, journal

    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "gone.yaml").write_text("old\n", encoding="utf-8")
    (tmp_path / "articles" / ".a.yaml.x1.tmp").write_text("half\n", encoding="utf-8")  # a killed write

    def killed(*args):
        raise KeyboardInterrupt  # the build dies after the journal, before any fact file

    monkeypatch.setattr(facts, "apply", killed)
    try:
        journal.commit(tmp_path, {"articles/a.yaml": "new\n"}, ["articles/gone.yaml"], _entry("8 boats"))
    except KeyboardInterrupt:
        pass
    monkeypatch.undo()
    assert (tmp_path / journal.JOURNAL).exists() and changes.load(tmp_path) == []
    (note,) = journal.recover(tmp_path)
    assert "interrupted build" in note
    assert sorted(p.name for p in (tmp_path / "articles").iterdir()) == ["a.yaml"]
    assert (tmp_path / "articles" / "a.yaml").read_text(encoding="utf-8") == "new\n"
    assert [e.added[0].text for e in changes.load(tmp_path)] == ["8 boats"]
    assert journal.recover(tmp_path) == [] and len(changes.load(tmp_path)) == 1


def test_an_entry_is_not_recorded_twice_in_a_row(tmp_path):
    from generator.store import changes

    changes.record(tmp_path, _entry("8 boats"))
    changes.record(tmp_path, _entry("8 boats"))
    assert len(changes.load(tmp_path)) == 1
    changes.record(tmp_path, _entry("9 boats"))
    assert len(changes.load(tmp_path)) == 2
