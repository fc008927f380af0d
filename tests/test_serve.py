"""`factsheet serve`: the live preview answers over HTTP and follows an edited seed article."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.publish.serve import ServeError, parse_addr
from tests.test_plugin import clean_env, make_project, replace_seed

START_TIMEOUT = 180  # seconds for the first build (loads the language model) and the server to answer
CHANGE_TIMEOUT = 60  # seconds for an edited seed to show in the served page
SETTLE = 4  # seconds without a new build that show the live-reload loop has come to rest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def factsheet(root: Path, *args: str, log: Path | None = None, **kwargs) -> subprocess.Popen:
    """Start `python -m generator *args` in root (its output to log, or piped)."""
    out = log.open("w", encoding="utf-8") if log else subprocess.PIPE
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "generator", *args],
            cwd=root,
            env=clean_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
            **kwargs,
        )
    finally:
        if log:
            out.close()  # type: ignore[union-attr]


def fetch(url: str) -> str | None:
    """The page at url, None while the server does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(condition, timeout: float, proc: subprocess.Popen, log: Path, what: str):
    """Poll condition() until it returns something truthy; fail after timeout or if the server died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        if proc.poll() is not None:
            pytest.fail(
                f"factsheet serve exited ({proc.returncode}) while waiting for {what}:\n{log.read_text()}"
            )
        time.sleep(0.5)
    pytest.fail(f"no {what} after {timeout} s:\n{log.read_text()}")


@pytest.mark.slow
def test_serve_rebuilds_when_a_seed_changes(tmp_path):
    root = make_project(tmp_path / "project", docs=False)  # serve creates docs/ itself
    log = tmp_path / "serve.log"
    url = f"http://127.0.0.1:{free_port()}/"
    proc = factsheet(root, "serve", "--dev-addr", url[7:-1], log=log)
    try:
        page = wait_for(lambda: fetch(url), START_TIMEOUT, proc, log, "answer from the server")
        assert "Port Selwyn" in page and "Fire guts warehouse" in page
        assert (root / "facts" / "articles" / "harbour-fire.yaml").is_file()
        time.sleep(1.5)  # let the watcher take its first look at seeds/ before the edit

        replace_seed(root, "Port Selwyn", "Port Kerrigan")
        page = wait_for(
            lambda: (p := fetch(url)) and "Port Kerrigan" in p and p,
            CHANGE_TIMEOUT,
            proc,
            log,
            "rebuilt page",
        )
        assert "Port Selwyn" not in page
        wait_for(
            lambda: "Reloading browsers" in log.read_text(), CHANGE_TIMEOUT, proc, log, "end of the rebuild"
        )

        # The rebuild regenerated docs/ and facts/, which are watched: that must not start another build.
        time.sleep(SETTLE)
        text = log.read_text()
        assert text.count("Building documentation") == 2, text  # the first build and one rebuild
        assert "Regenerating the fact sheet" in text and "1 changed" in text
        assert "Traceback" not in text and "ERROR" not in text
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)
    assert proc.returncode == 0, log.read_text()  # SIGTERM stops it as Ctrl-C does
    assert "Shutting down" in log.read_text()


def run_serve(root: Path, *args: str) -> tuple[int, str]:
    proc = factsheet(root, "serve", *args)
    out, _ = proc.communicate(timeout=120)
    return proc.returncode, out


def one_error_line(code: int, out: str) -> str:
    assert code == 1, out
    lines = out.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("factsheet: error: "), out
    return lines[0]


def test_serve_on_a_port_in_use_is_one_clear_error(tmp_path):
    root = make_project(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        line = one_error_line(*run_serve(root, "--dev-addr", f"127.0.0.1:{port}"))
    assert f"cannot listen on 127.0.0.1:{port}" in line and "--dev-addr" in line
    assert not (root / "facts").exists()  # nothing was built for nothing


def test_serve_without_mkdocs_yml_is_one_clear_error(tmp_path):
    line = one_error_line(*run_serve(tmp_path, "--dev-addr", f"127.0.0.1:{free_port()}"))
    assert "No mkdocs.yml" in line


def test_serve_with_a_generator_error_is_one_clear_error(tmp_path):
    root = make_project(tmp_path)
    os.remove(root / "seeds" / "harbour-fire.txt")
    (root / "seeds").rmdir()
    code, out = run_serve(root, "--dev-addr", f"127.0.0.1:{free_port()}")
    progress, *rest = out.strip().splitlines()
    assert progress.startswith("factsheet: regenerating")
    assert "seeds: no such folder" in one_error_line(code, "\n".join(rest))


@pytest.mark.slow
def test_serve_with_a_bad_mkdocs_yml_is_an_error_and_leaves_no_temporary_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))  # where MkDocs would make its site folder
    (tmp_path / "tmp").mkdir()
    root = make_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("name: material", "name: nosuchtheme"))
    code, out = run_serve(root, "--dev-addr", f"127.0.0.1:{free_port()}")
    assert code == 1, out
    assert "Unrecognised theme name: 'nosuchtheme'" in out
    assert out.strip().splitlines()[-1].startswith("factsheet: error: ") and "mkdocs.yml" in out
    assert list((tmp_path / "tmp").iterdir()) == []


@pytest.mark.parametrize("addr", ["8000", "localhost", "127.0.0.1:http", "127.0.0.1:70000", ":8000"])
def test_a_bad_dev_addr_is_refused(addr):
    with pytest.raises(ServeError, match="HOST:PORT"):
        parse_addr(addr)


def test_dev_addr_forms():
    assert parse_addr("127.0.0.1:8000") == ("127.0.0.1", 8000)
    assert parse_addr("localhost:8001") == ("localhost", 8001)
    assert parse_addr("[::1]:8002") == ("::1", 8002)
