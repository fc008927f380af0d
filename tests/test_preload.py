"""The language model loaded ahead (generator/preload.py), on the guess of store/seedbytes.py: the facts it
gives are the facts this process extracts, a failure comes back as this process would raise it, a process
that cannot answer leaves the extraction to this one, and one nobody needs is stopped."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys

import pytest

from generator import pipeline, preload
from generator.errors import ExtractionFailed, FactsheetError
from generator.models import Article
from generator.store import seedbytes
from generator.workers import BATCH_CHARS
from tests.shared_data import REPO

TEXT = """Bridge closed after storm

The Alder Street bridge in Karsfield was closed on Monday after a storm damaged two of its piers, the city
council said.

"We will not reopen it until engineers have checked every span," council leader Mira Okafor said.

Repairs are expected to cost 2.5 million pounds, according to the council.
"""


def article(text: str = TEXT, name: str = "bridge.txt") -> Article:
    return Article(file=name, text=text, sha256=hashlib.sha256(text.encode()).hexdigest())


def project(tmp_path, *texts: str):
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    for i, text in enumerate(texts):
        (root / "seeds" / f"{i}.txt").write_text(text, encoding="utf-8")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def files(folder) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def fake(script: str) -> preload.Preloaded:
    """A Preloaded whose process runs `script` instead of loading the model (the protocol's other end)."""
    made = preload.Preloaded.__new__(preload.Preloaded)
    made.proc = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    return made


def test_seed_digests_count_the_new_and_changed_bytes_only(tmp_path):
    seeds = tmp_path / "seeds"
    (seeds / "floods").mkdir(parents=True)
    (seeds / "a.txt").write_text("Storm hits coast\n\nWinds of 90 mph.\n", encoding="utf-8")
    (seeds / "floods" / "b.txt").write_text("River rises\n\nThe river rose 2 metres.\n", encoding="utf-8")
    (seeds / "floods" / "story.yaml").write_text("title: Floods\n", encoding="utf-8")
    before = seedbytes.digests(seeds)
    assert sorted(before) == ["a.txt", "floods/b.txt", "floods/story.yaml"]
    assert seedbytes.changed_bytes(before, before) == 0
    assert seedbytes.changed_bytes(before, None) == sum(size for size, _ in before.values())  # no record
    (seeds / "floods" / "b.txt").write_text("River rises\n\nThe river rose 3 metres.\n", encoding="utf-8")
    (seeds / "c.txt").write_text("Roads shut\n", encoding="utf-8")
    (seeds / "a.txt").unlink()  # a removed file needs no extraction
    now = seedbytes.digests(seeds)
    assert seedbytes.changed_bytes(now, before) == now["floods/b.txt"][0] + now["c.txt"][0]


def test_a_pipe_or_a_file_larger_than_an_article_is_not_read(tmp_path, monkeypatch):
    import os

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    os.mkfifo(seeds / "pipe.txt")  # reading it would wait for a writer forever
    (seeds / "dump.txt").write_bytes(b"x" * 5000)
    (seeds / "a.txt").write_text("Storm hits coast\n", encoding="utf-8")
    monkeypatch.setattr(seedbytes, "LARGE", 4000)
    monkeypatch.setattr(seedbytes.Path, "read_bytes", counted := _counting(seedbytes.Path.read_bytes))
    found = seedbytes.digests(seeds)
    assert sorted(found) == ["a.txt", "dump.txt"] and found["dump.txt"][1].startswith("mtime ")
    assert counted.paths == [seeds / "a.txt"]


def _counting(read):
    def counted(path):
        counted.paths.append(path)
        return read(path)

    counted.paths = []
    return counted


def test_the_record_is_read_back_and_a_broken_one_is_no_record(tmp_path):
    assert seedbytes.recorded(tmp_path) is None
    digests = {"a.txt": [12, "00ff"]}
    seedbytes.record(tmp_path, digests)
    assert seedbytes.recorded(tmp_path) == digests
    (tmp_path / seedbytes.CACHE_DIR / seedbytes.FILE).write_text("{not json", encoding="utf-8")
    assert seedbytes.recorded(tmp_path) is None


def test_the_model_is_loaded_ahead_for_one_batch_of_changes_only():
    assert preload.worth_starting(3_000)
    assert not preload.worth_starting(0)  # nothing new: maybe nothing to extract at all
    assert not preload.worth_starting(BATCH_CHARS + 1)  # worker processes extract several batches
    assert not preload.worth_starting(3_000, dask="tcp://127.0.0.1:8786")


@pytest.mark.slow
def test_the_preloaded_process_gives_the_facts_this_process_extracts():
    from generator.extract import extract_articles

    articles = [article(), article(TEXT.replace("2.5 million", "3 million"), "bridge-2.txt")]
    ahead = preload.Preloaded()
    try:
        assert ahead.extract(articles) == extract_articles(articles)
        assert ahead.proc is None and ahead.extract(articles) is None  # one batch per process
    finally:
        ahead.close()


def test_a_failure_comes_back_as_the_extraction_in_this_process_raises_it():
    failed = ["seeds/b.txt: ValueError: no", "seeds/a.txt: KeyError: 'x'"]
    answer = f"pickle.dumps(('failed', {failed!r}))"
    ahead = fake(f"import pickle, sys; sys.stdin.buffer.read(); sys.stdout.buffer.write({answer})")
    with pytest.raises(ExtractionFailed) as caught:
        ahead.extract([article()])
    assert caught.value.failed == sorted(failed)  # named in order, as extract_all names them


@pytest.mark.parametrize(
    "script",
    [
        "import sys; sys.stdin.buffer.read(); sys.exit(3)",  # died without an answer
        "import sys; sys.stdin.buffer.read(); sys.stdout.write('not a pickle')",
        "import pickle, sys; sys.stdin.buffer.read(); sys.stdout.buffer.write(pickle.dumps(('none', None)))",
    ],
)
def test_a_process_that_cannot_answer_leaves_the_extraction_to_this_one(script):
    ahead = fake(script)
    assert ahead.extract([article()]) is None
    assert ahead.proc is None


def test_closing_an_unused_process_stops_it():
    ahead = fake("import time; time.sleep(60)")
    proc = ahead.proc
    ahead.close()
    assert proc.returncode is not None and ahead.proc is None
    ahead.close()  # twice is harmless


@pytest.mark.slow
def test_a_rebuild_with_the_model_loaded_ahead_equals_one_without(tmp_path):
    first = project(tmp_path / "ahead", TEXT, TEXT.replace("Karsfield", "Dunmore"))
    second = project(tmp_path / "here", TEXT, TEXT.replace("Karsfield", "Dunmore"))
    for root in (first, second):
        pipeline.build(pipeline.Config(root=root, build_site=False))
        edited = TEXT.replace("two of its piers", "three piers")
        (root / "seeds" / "1.txt").write_text(edited, encoding="utf-8")
    digests = seedbytes.digests(first / "seeds")
    changed = seedbytes.changed_bytes(digests, seedbytes.recorded(first))
    assert changed == len((first / "seeds" / "1.txt").read_bytes()) and preload.worth_starting(changed)
    ahead = preload.Preloaded()
    report = pipeline.build(pipeline.Config(root=first, build_site=False), ahead, digests)
    assert ahead.proc is None and report.changed == ["1.txt"]  # it extracted the changed article
    pipeline.build(pipeline.Config(root=second, build_site=False))
    for sub in ("facts", "docs"):
        assert files(first / sub) == files(second / sub)
    assert seedbytes.recorded(first) == seedbytes.digests(first / "seeds")  # the next build's guess


def test_a_failed_build_records_no_digests_and_stops_the_process(tmp_path):
    root = project(tmp_path, TEXT)
    (root / "seeds" / "bad.txt").write_bytes(b"\x00\x01binary\x00")
    ahead = fake("import time; time.sleep(60)")
    proc = ahead.proc
    with pytest.raises(FactsheetError, match="bad.txt"):  # strict: the build stops before any write
        pipeline.build(pipeline.Config(root=root, build_site=False, warnings_fatal=True), ahead)
    assert proc.returncode is not None  # stopped, not left to load a model for nobody
    assert seedbytes.recorded(root) is None


def ignores_sigint(pid: int) -> bool:
    """Whether a process ignores SIGINT yet (Linux: the SigIgn mask of /proc/<pid>/status)."""
    import signal
    from pathlib import Path

    status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    mask = next(int(line.split()[1], 16) for line in status.splitlines() if line.startswith("SigIgn:"))
    return bool(mask & (1 << (signal.SIGINT - 1)))


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_ctrl_c_leaves_the_stopping_to_the_build_and_prints_nothing():
    # Ctrl-C reaches every process of the terminal's group: the build reports it and stops this one
    import signal
    import time

    proc = subprocess.Popen(
        [sys.executable, "-m", "generator.preload"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not ignores_sigint(proc.pid) and time.monotonic() < deadline:  # once it has started
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    time.sleep(0.3)
    assert proc.poll() is None
    out, err = proc.communicate(b"", timeout=60)  # nothing given: it ends by itself
    assert proc.returncode == 0 and out == b"" and b"Traceback" not in err
