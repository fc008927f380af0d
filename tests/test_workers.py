"""Extraction as a map: local processes and a Dask cluster give byte-identical fact files."""

from __future__ import annotations

import shutil

import pytest

from generator import pipeline
from generator.workers import batches
from tests.shared_data import REPO

pytestmark = pytest.mark.slow


def facts_bytes(root) -> dict[str, bytes]:
    """{name: bytes} of a project's per-article fact files."""
    return {p.name: p.read_bytes() for p in sorted((root / "facts" / "articles").glob("*.yaml"))}


def seeded(tmp_path, name: str):
    """A copy of the repository's seeds in a fresh project."""
    root = tmp_path / name
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def test_batches_keep_order_and_cover_every_article():
    from generator.models import Article

    articles = [Article(file=f"{i}.txt", text="x" * (i * 1000), sha256="0") for i in range(1, 60)]
    parts = batches(articles, size=10_000)
    assert [a for p in parts for a in p] == articles
    assert all(sum(len(a.text) for a in p) <= 10_000 or len(p) == 1 for p in parts)


def test_worker_processes_and_a_dask_cluster_give_identical_facts(tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    monkeypatch.setattr("generator.workers.BATCH_CHARS", 6_000)  # several batches from five articles
    local = seeded(tmp_path, "local")
    pipeline.build(pipeline.Config(root=local, build_site=False))
    procs = seeded(tmp_path, "procs")
    pipeline.build(pipeline.Config(root=procs, build_site=False, jobs=2))
    assert facts_bytes(procs) == facts_bytes(local)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None, processes=True
    ) as cluster:
        remote = seeded(tmp_path, "dask")
        report = pipeline.build(
            pipeline.Config(root=remote, build_site=False, dask=cluster.scheduler_address)
        )
    assert sorted(report.added) == sorted(p.name for p in (REPO / "seeds").iterdir())
    assert facts_bytes(remote) == facts_bytes(local)
