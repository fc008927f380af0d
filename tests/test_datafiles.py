"""The figures of a story as CSV (site/datafiles.py): one row per report, parsed back by the csv module
with its commas, quotes, line breaks and non-Latin text intact, and no cell a spreadsheet would run as
a formula. Articles invented for the purpose."""

from __future__ import annotations

import csv
import io
import json

import pytest

from generator.errors import RenderError
from generator.models import ArticleFacts, Figure, Source
from generator.site.datafiles import CSV_COLUMNS, FIGURES_CSV, csv_cell, figures_csv
from generator.site.render import render_stories
from generator.site.view import StoryView
from generator.store.marker import is_generated
from generator.story import make_story
from tests.conftest import cite

# a sentence with commas, double quotes, a line break and three scripts, and one that starts like a formula
RIVER_FILE = "river.txt"
RIVER_TEXT = (
    'Floods in Öskemen, Усть-Каменогорск, forced "at least 1,200, perhaps more" people\n'
    "from their homes, the 应急 ministry said.\n"
    "-40 degrees was the coldest reading of the winter, the weather office said.\n"
)
HOSTILE_FILE = "formula.txt"
HOSTILE_TEXT = '=HYPERLINK("http://attacker.invalid","click") said 7 boats sank on Monday.\n'


def _article(file: str, text: str, publisher: str, title: str, figures: list[Figure]) -> ArticleFacts:
    return ArticleFacts(
        source=Source(
            file=file, sha256=(file.encode().hex() * 16)[:64], publisher=publisher, title=title,
            published="2024-02-03",
        ),
        who=[], what=[], figures=figures, quotes=[],
    )  # fmt: skip


def _story():
    floods = RIVER_TEXT[: RIVER_TEXT.index(".") + 1]
    cold = RIVER_TEXT.splitlines()[2]
    river = _article(
        RIVER_FILE,
        RIVER_TEXT,
        "Вести, \"Daily\"",
        "Floods: 1,200 out",
        [
            Figure(
                id="fig-ri000001", value=1200, value_text="at least 1,200", qualifier="at_least",
                unit="people", counts="people forced from their homes", attributed_to="the 应急 ministry",
                cites=[cite(RIVER_TEXT, floods)],
            ),
            Figure(
                id="fig-ri000002", value=-40, value_text="-40", qualifier="exact", unit="degrees",
                counts="coldest reading", kind="measure", attributed_to="-weather office",
                cites=[cite(RIVER_TEXT, cold)],
            ),
        ],
    )  # fmt: skip
    hostile = _article(
        HOSTILE_FILE,
        HOSTILE_TEXT,
        "@Attacker",
        "+1 scoop",
        [
            Figure(
                id="fig-fo000001", value=7, value_text="7", qualifier="exact", unit="boats",
                counts="boats sank", attributed_to='=HYPERLINK("http://attacker.invalid","click")',
                cites=[cite(HOSTILE_TEXT, HOSTILE_TEXT.strip())],
            )
        ],
    )  # fmt: skip
    return make_story("", [river, hostile], {RIVER_FILE: RIVER_TEXT, HOSTILE_FILE: HOSTILE_TEXT})


def _rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")  # the byte order mark spreadsheets need to read UTF-8
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_one_row_per_report_with_its_source_time_speaker_and_sentence():
    story = _story()
    rows = _rows(figures_csv(StoryView(story)))
    assert len(rows) == sum(len(g.reports) for g in story.figures) == 3
    assert list(rows[0]) == list(CSV_COLUMNS)
    by_figure = {r["figure_id"]: r for r in rows}
    floods = by_figure["fig-ri000001"]
    assert floods["counts"] == "people forced from their homes"
    assert floods["value"] == "1200" and floods["value_text"] == "at least 1,200"
    assert floods["qualifier"] == "at_least"
    assert floods["source"] == 'Вести, "Daily"' and floods["source_title"] == "Floods: 1,200 out"
    assert floods["source_published"] == "2024-02-03" and floods["as_of_date"] == "2024-02-03"
    assert floods["stated_by"] == "the 应急 ministry"
    # the sentence comes back exactly as the article has it: commas, quotes, the line break, three scripts
    assert floods["sentence"] == RIVER_TEXT[: RIVER_TEXT.index(".") + 1]
    assert "\n" in floods["sentence"] and '"at least 1,200, perhaps more"' in floods["sentence"]
    assert floods["sentence_page"] == f"sources/river/#s{RIVER_TEXT.index('Floods')}"
    assert floods["restated"] == "0"


def test_no_cell_reaches_a_spreadsheet_as_a_formula():
    rows = _rows(figures_csv(StoryView(_story())))
    cells = [v for r in rows for v in r.values()]
    for cell in cells:
        if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
            float(cell)  # only a plain number may begin so (-40)
    by_figure = {r["figure_id"]: r for r in rows}
    assert by_figure["fig-ri000002"]["value"] == "-40"  # a negative number stays a number
    assert by_figure["fig-ri000002"]["value_text"] == "-40"
    assert by_figure["fig-ri000002"]["stated_by"] == "'-weather office"
    boats = by_figure["fig-fo000001"]
    assert boats["stated_by"] == "'" + '=HYPERLINK("http://attacker.invalid","click")'
    assert boats["sentence"] == "'" + HOSTILE_TEXT.strip()
    assert boats["source"] == "'@Attacker" and boats["source_title"] == "'+1 scoop"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (None, ""),
        (True, "true"),
        (1200.0, "1200"),
        (2.5, "2.5"),
        (-3, "-3"),
        ("-3 degrees", "'-3 degrees"),
        ("  =1+1", "'  =1+1"),
        ("\tcmd", "'\tcmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+44 20", "'+44 20"),
        ("plain, text", "plain, text"),
    ],
)
def test_csv_cell(value, cell):
    assert csv_cell(value) == cell


def test_the_csv_is_written_beside_the_data_files_and_known_as_generated(tmp_path):
    docs = tmp_path / "docs"
    render_stories([_story()], docs)
    path = docs / FIGURES_CSV
    assert path.parent == docs / "data" and (docs / "data" / "figures.json").is_file()
    assert is_generated(path)
    assert len(_rows(path.read_text(encoding="utf-8"))) == 3
    assert "data/figures.csv" in (docs / "figures.md").read_text(encoding="utf-8")  # the page links it


def test_a_hand_written_csv_in_its_place_is_never_overwritten(tmp_path):
    docs = tmp_path / "docs"
    (docs / "data").mkdir(parents=True)
    mine = docs / FIGURES_CSV
    mine.write_text("town,people\nRiverton,12\n", encoding="utf-8")
    assert not is_generated(mine)
    with pytest.raises(RenderError, match="figures.csv not written by factsheet"):
        render_stories([_story()], docs)
    assert mine.read_text(encoding="utf-8") == "town,people\nRiverton,12\n"


def test_a_data_file_is_known_by_the_start_of_its_first_line(tmp_path):
    from generator.store.marker import HEAD, NOTICE

    one_line = tmp_path / "big.json"
    one_line.write_text(json.dumps({"comment": NOTICE, "rows": ["x" * 100] * 1000}), encoding="utf-8")
    late = tmp_path / "late.json"
    late.write_text(json.dumps({"rows": "x" * HEAD, "comment": NOTICE}), encoding="utf-8")
    second_line = tmp_path / "second.yaml"
    second_line.write_text(f"a: 1\n# {NOTICE}\n", encoding="utf-8")
    folder = tmp_path / "folder.json"
    folder.mkdir()
    assert is_generated(one_line)
    assert not is_generated(late)  # the generator writes it first: a marker elsewhere is a person's
    assert not is_generated(second_line)
    assert not is_generated(folder)
