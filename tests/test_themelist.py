"""The theme's static files listed once (publish/themelist.py): the files MkDocs adds to a site are the ones
it finds by walking the theme, a kept list is used again, and a changed theme folder is walked afresh."""

from __future__ import annotations

import shutil

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from generator.publish.themelist import keep_listing
from tests.shared_data import REPO


@pytest.fixture
def project(tmp_path):
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Storm\n", encoding="utf-8")
    (tmp_path / "extra").mkdir()
    (tmp_path / "extra" / "extra.css").write_text("body { color: #222; }\n", encoding="utf-8")
    return tmp_path


def theme_files(root, kept=None) -> list[str]:
    """The theme files MkDocs would copy into the site of the project at root."""
    config = load_config(str(root / "mkdocs.yml"))
    config.theme.dirs.insert(0, str(root / "extra"))  # a theme folder of the user's (custom_dir)
    if kept is not None:
        keep_listing(config.theme, kept)
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return sorted(f.src_uri for f in files)


def test_the_kept_list_is_the_list_mkdocs_walks_for(project, tmp_path):
    walked = theme_files(project)
    assert "extra.css" in walked and any(name.startswith("assets/") for name in walked)
    assert not any(name.startswith(".icons/") or name.endswith(".html") for name in walked)
    assert theme_files(project, tmp_path / "kept") == walked
    assert len(list((tmp_path / "kept").glob("theme-files-*.json"))) == 1
    assert theme_files(project, tmp_path / "kept") == walked  # read back


def test_a_kept_list_is_read_without_walking_the_theme(project, tmp_path, monkeypatch):
    theme_files(project, tmp_path / "kept")
    import jinja2

    def no_walk(self):
        raise AssertionError("the theme was walked again")

    monkeypatch.setattr(jinja2.FileSystemLoader, "list_templates", no_walk)
    assert "extra.css" in theme_files(project, tmp_path / "kept")


def test_a_file_added_to_a_theme_folder_of_the_users_is_found(project, tmp_path):
    before = theme_files(project, tmp_path / "kept")
    (project / "extra" / "logo.svg").write_text("<svg/>", encoding="utf-8")
    after = theme_files(project, tmp_path / "kept")
    assert set(after) - set(before) == {"logo.svg"} and after == theme_files(project)


def test_other_listings_and_an_unwritable_folder_are_left_as_they_are(project, tmp_path):
    config = load_config(str(project / "mkdocs.yml"))
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    keep_listing(config.theme, blocked / "kept")  # cannot be made: every list is walked
    env = config.theme.get_env()
    html = env.list_templates(extensions=["html"])
    assert html and html == load_config(str(project / "mkdocs.yml")).theme.get_env().list_templates(
        extensions=["html"]
    )
    files = Files([])
    files.add_files_from_theme(env, config)
    assert any(f.src_uri.startswith("assets/") for f in files)
